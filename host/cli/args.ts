import { parseArgs } from 'node:util';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServeArgs {
  port: number;
  dataDir: string;
  demo: boolean;
  operator?: string;
}

/** The data folder when none is given: the XDG data home, like Electron's userData on Linux. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'Fengsui');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'fengsui');
}

export class UsageError extends Error {}

export function parseServeArgs(argv: string[]): ServeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '0' },
        data: { type: 'string' },
        demo: { type: 'boolean', default: false },
        operator: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(
      `${(e as Error).message}\nusage: npm run serve -- [--port N] [--data DIR] [--demo] [--operator NAME]`,
    );
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535 (0 picks a free port); got "${values.port}"`,
    );
  }
  return {
    port,
    dataDir: resolve(values.data ?? defaultDataDir()),
    demo: values.demo ?? false,
    operator: values.operator,
  };
}
