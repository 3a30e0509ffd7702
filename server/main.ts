/**
 * Entry point: `tsx server/main.ts --database-url postgres://…` serves; `device add|list|revoke`, `migrate` and
 * `restore-epoch` are admin commands. See server/README.md.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createServer } from './app';
import { parseCommand, UsageError, USAGE, type Command } from './cli/args';
import { EpochKeeper } from './db/epoch';
import { addDevice, listDevices, revokeDevice } from './db/devices';
import { addOperator, listOperators, setOperatorDisabled, setOperatorPassword } from './db/operators';
import { readPassword } from './cli/secret';
import { migrate } from './db/migrate';
import { createPool } from './db/pool';

type Out = (line: string) => void;

export async function runCommand(
  cmd: Command,
  out: Out = (l) => process.stdout.write(l + '\n'),
  password: () => Promise<string> = () => readPassword(),
): Promise<void> {
  if (cmd.kind === 'help') return out(USAGE);
  if (cmd.kind === 'serve') {
    const server = await createServer({
      databaseUrl: cmd.databaseUrl,
      host: cmd.host,
      port: cmd.port,
      logLevel: cmd.logLevel,
      tls:
        cmd.tlsCert && cmd.tlsKey
          ? { cert: readFileSync(cmd.tlsCert), key: readFileSync(cmd.tlsKey) }
          : undefined,
    });
    await server.listen();
    const stop = (signal: string): void => {
      server.log.info({ signal }, 'shutting down');
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  const pool = createPool(cmd.databaseUrl, () => undefined, 2);
  try {
    await migrate(pool);
    switch (cmd.kind) {
      case 'migrate':
        return out('database is at the current schema version');
      case 'device-add': {
        const d = await addDevice(pool, cmd.name, cmd.role);
        // Printed once, to stdout only; only its hash is stored, so it cannot be shown again.
        out(`device id:  ${d.id}`);
        out(`role:       ${d.role}`);
        out(`credential: ${d.credential}`);
        out('Store the credential in the device settings now; it cannot be shown again.');
        return;
      }
      case 'device-list':
        for (const d of await listDevices(pool)) {
          out(`${d.id}  ${d.role.padEnd(7)}  ${d.revokedAt ? 'revoked ' : 'active  '}  ${d.name}`);
        }
        return;
      case 'device-revoke':
        out((await revokeDevice(pool, cmd.id)) ? `revoked ${cmd.id}` : `no active device ${cmd.id}`);
        return;
      case 'operator-add': {
        const o = await addOperator(pool, cmd.username, cmd.role, await password());
        out(`operator ${o.username} (${o.role}) added; id ${o.id}`);
        return;
      }
      case 'operator-list':
        for (const o of await listOperators(pool)) {
          const state = o.disabled
            ? 'disabled'
            : o.lockedUntil
              ? `locked until ${o.lockedUntil.toISOString()}`
              : 'active';
          out(`${o.username.padEnd(24)} ${o.role.padEnd(11)} ${state}`);
        }
        return;
      case 'operator-disable':
      case 'operator-enable': {
        const disabled = cmd.kind === 'operator-disable';
        const done = await setOperatorDisabled(pool, cmd.username, disabled);
        out(
          done ? `${disabled ? 'disabled' : 'enabled'} ${cmd.username}` : `no operator named ${cmd.username}`,
        );
        if (!done) process.exitCode = 1;
        return;
      }
      case 'operator-password': {
        const done = await setOperatorPassword(pool, cmd.username, await password());
        out(done ? `new password set for ${cmd.username}` : `no operator named ${cmd.username}`);
        if (!done) process.exitCode = 1;
        return;
      }
      case 'restore-epoch': {
        const keeper = new EpochKeeper(pool);
        await keeper.init();
        const { epoch } = await keeper.rotate('operator: database restored');
        out(`new sync epoch ${epoch}; consoles will re-pull everything and re-push what the server lacks`);
        return;
      }
    }
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  let cmd: Command;
  try {
    cmd = parseCommand(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  try {
    await runCommand(cmd);
  } catch (e) {
    process.stderr.write(`${e instanceof UsageError ? '' : 'error: '}${(e as Error).message}\n`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) void main();
