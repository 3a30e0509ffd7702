/**
 * Reads an operator password for the admin CLI: FENGSUI_OPERATOR_PASSWORD when set (scripts), otherwise one
 * line of standard input — on a terminal with a prompt on stderr and no echo. Never from argv, which `ps` and
 * shell history show.
 */
import { createInterface } from 'node:readline';

export const PASSWORD_ENV = 'FENGSUI_OPERATOR_PASSWORD';
export const MIN_PASSWORD = 8;

export async function readPassword(
  env: NodeJS.ProcessEnv = process.env,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
): Promise<string> {
  const fromEnv = env[PASSWORD_ENV];
  const password = fromEnv ?? (await readLine(input));
  if (password.length < MIN_PASSWORD)
    throw new Error(
      `the password must have at least ${MIN_PASSWORD} characters; set ${PASSWORD_ENV} or type it when asked`,
    );
  return password;
}

function readLine(input: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<string> {
  const tty = input.isTTY === true;
  if (tty) process.stderr.write('Operator password (not shown): ');
  const rl = createInterface({ input, output: tty ? process.stderr : undefined, terminal: tty });
  if (tty) {
    // Swallow readline's echo of what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  }
  return new Promise((resolve, reject) => {
    let done = false;
    rl.once('line', (line) => {
      done = true;
      rl.close();
      if (tty) process.stderr.write('\n');
      resolve(line.replace(/\r$/, ''));
    });
    rl.once('close', () => {
      if (!done) reject(new Error(`no password given; pipe it on standard input or set ${PASSWORD_ENV}`));
    });
  });
}
