/** Command-line parsing for server/main.ts, kept separate so it is testable without starting anything. */
import { parseArgs } from 'node:util';
import { DeviceRoleSchema, OperatorUsernameSchema, type DeviceRole } from '../../contract/sync';
import { RoleSchema, type Role } from '../../contract/users';

export type Command =
  | {
      kind: 'serve';
      databaseUrl: string;
      host?: string;
      port?: number;
      tlsCert?: string;
      tlsKey?: string;
      logLevel?: string;
    }
  | { kind: 'device-add'; databaseUrl: string; name: string; role: DeviceRole }
  | { kind: 'device-list'; databaseUrl: string }
  | { kind: 'device-revoke'; databaseUrl: string; id: string }
  | { kind: 'operator-add'; databaseUrl: string; username: string; role: Role }
  | { kind: 'operator-list'; databaseUrl: string }
  | {
      kind: 'operator-disable' | 'operator-enable' | 'operator-password';
      databaseUrl: string;
      username: string;
    }
  | { kind: 'migrate'; databaseUrl: string }
  | { kind: 'restore-epoch'; databaseUrl: string }
  | { kind: 'help' };

export const USAGE = `Fengsui sync server

  server [serve] --database-url URL [--port 8787] [--host 127.0.0.1] [--tls-cert F --tls-key F] [--log-level info]
  server device add --name NAME [--role console|intake] --database-url URL
  server device list --database-url URL
  server device revoke --id DEVICE_ID --database-url URL
  server operator add --username NAME [--role operator|coordinator|technician|supervisor|admin] --database-url URL
  server operator list --database-url URL
  server operator disable|enable --username NAME --database-url URL
  server operator password --username NAME --database-url URL   (sets a new password; lifts a lockout)
  server migrate --database-url URL
  server restore-epoch --database-url URL   (after restoring the database from a backup by any means)

--database-url may also come from FENGSUI_DATABASE_URL. Operator passwords are never taken on the command line
(visible in ps): they are read from FENGSUI_OPERATOR_PASSWORD when set, otherwise from standard input.`;

export class UsageError extends Error {}

/**
 * node:util's parser throws a TypeError for an unknown option or a value that looks like one (`--username -x`);
 * the admin should get the same usage message as for any other mistake, not a stack trace.
 */
function parseOptions(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'database-url': { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'log-level': { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        id: { type: 'string' },
        username: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    // The parser's own words name the option; only the error class changes.
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Command {
  const { values, positionals } = parseOptions(argv);
  if (values.help || positionals[0] === 'help') return { kind: 'help' };
  const databaseUrl = values['database-url'] ?? env.FENGSUI_DATABASE_URL;
  if (!databaseUrl)
    throw new UsageError('--database-url is required (e.g. postgres://fengsui@127.0.0.1/fengsui)');
  const [a, b] = positionals;
  if (a === undefined || a === 'serve') {
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536))
      throw new UsageError(`--port must be 0–65535, got ${values.port}`);
    if (Boolean(values['tls-cert']) !== Boolean(values['tls-key']))
      throw new UsageError('--tls-cert and --tls-key go together');
    return {
      kind: 'serve',
      databaseUrl,
      host: values.host,
      port,
      tlsCert: values['tls-cert'],
      tlsKey: values['tls-key'],
      logLevel: values['log-level'],
    };
  }
  if (a === 'device' && b === 'add') {
    if (!values.name) throw new UsageError('device add needs --name (e.g. --name "Duty room console 1")');
    const role = DeviceRoleSchema.safeParse(values.role ?? 'console');
    if (!role.success) throw new UsageError(`--role must be console or intake, got ${values.role}`);
    return { kind: 'device-add', databaseUrl, name: values.name, role: role.data };
  }
  if (a === 'device' && b === 'list') return { kind: 'device-list', databaseUrl };
  if (a === 'device' && b === 'revoke') {
    if (!values.id) throw new UsageError('device revoke needs --id');
    return { kind: 'device-revoke', databaseUrl, id: values.id };
  }
  if (a === 'operator') return operatorCommand(b, values, databaseUrl);
  if (a === 'migrate') return { kind: 'migrate', databaseUrl };
  if (a === 'restore-epoch') return { kind: 'restore-epoch', databaseUrl };
  throw new UsageError(`unknown command: ${positionals.join(' ')}`);
}

const OPERATOR_ACTIONS = ['add', 'list', 'disable', 'enable', 'password'] as const;

function operatorCommand(
  action: string | undefined,
  values: { username?: string; role?: string },
  databaseUrl: string,
): Command {
  if (!OPERATOR_ACTIONS.includes(action as (typeof OPERATOR_ACTIONS)[number]))
    throw new UsageError(`operator needs one of ${OPERATOR_ACTIONS.join(', ')}; got ${action ?? 'nothing'}`);
  if (action === 'list') return { kind: 'operator-list', databaseUrl };
  if (!values.username)
    throw new UsageError(`operator ${action} needs --username (e.g. --username zhang.wei)`);
  const username = OperatorUsernameSchema.safeParse(values.username);
  if (!username.success)
    throw new UsageError(
      `--username may hold letters, digits, dot, dash and underscore (at most 64); got ${values.username}`,
    );
  if (action === 'add') {
    const role = RoleSchema.safeParse(values.role ?? 'operator');
    if (!role.success)
      throw new UsageError(`--role must be one of ${RoleSchema.options.join(', ')}; got ${values.role}`);
    return { kind: 'operator-add', databaseUrl, username: username.data, role: role.data };
  }
  return {
    kind: `operator-${action as 'disable' | 'enable' | 'password'}`,
    databaseUrl,
    username: username.data,
  };
}
