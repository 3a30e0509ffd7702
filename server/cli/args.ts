/** Command-line parsing for server/main.ts, kept separate so it is testable without starting anything. */
import { parseArgs } from 'node:util';
import { DeviceRoleSchema, type DeviceRole } from '../../contract/sync';

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
  | { kind: 'migrate'; databaseUrl: string }
  | { kind: 'restore-epoch'; databaseUrl: string }
  | { kind: 'help' };

export const USAGE = `Fengsui sync server

  server [serve] --database-url URL [--port 8787] [--host 127.0.0.1] [--tls-cert F --tls-key F] [--log-level info]
  server device add --name NAME [--role console|intake] --database-url URL
  server device list --database-url URL
  server device revoke --id DEVICE_ID --database-url URL
  server migrate --database-url URL
  server restore-epoch --database-url URL   (after restoring the database from a backup by any means)

--database-url may also come from FENGSUI_DATABASE_URL.`;

export class UsageError extends Error {}

export function parseCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Command {
  const { values, positionals } = parseArgs({
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
      help: { type: 'boolean', short: 'h' },
    },
  });
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
  if (a === 'migrate') return { kind: 'migrate', databaseUrl };
  if (a === 'restore-epoch') return { kind: 'restore-epoch', databaseUrl };
  throw new UsageError(`unknown command: ${positionals.join(' ')}`);
}
