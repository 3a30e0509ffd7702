/**
 * Throw-away PostgreSQL clusters for tests: a fresh `initdb` in a temp dir, listening only on 127.0.0.1 at a
 * free port (plus a socket dir inside the temp dir), trust auth on loopback, stopped and deleted by `stop()`.
 *
 * PostgreSQL refuses to run as root, and these tests run as root in CI containers, so when we are root the
 * cluster is created and started as the `postgres` OS user (via `runuser`) in a dir chowned to it. Client
 * tools (psql, pg_dump, pg_restore) connect over TCP as the database user `postgres`, so they run as us.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, chownSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const PG_BIN_CANDIDATES = [
  '/usr/lib/postgresql/15/bin',
  '/usr/lib/postgresql/16/bin',
  '/usr/local/bin',
  '/usr/bin',
];

export function pgBin(tool: string): string {
  const dir = process.env.PG_BIN ?? PG_BIN_CANDIDATES.find((d) => existsSync(join(d, 'initdb')));
  if (!dir)
    throw new Error(
      'PostgreSQL binaries not found; install postgresql or set PG_BIN to the dir holding initdb',
    );
  return join(dir, tool);
}

export interface PgCluster {
  /** Connection URL of the default database created for the caller (`fengsui_test`). */
  url: string;
  host: '127.0.0.1';
  port: number;
  dataDir: string;
  /** Create another empty database and return its URL; each test can have its own. */
  createDatabase(name?: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  /** `pg_dump -Fc` of a database into a file (for backup/restore tests). */
  dump(databaseUrl: string, file: string): Promise<void>;
  /** Restore a `pg_dump -Fc` file into a *new* database named `name`; returns its URL. */
  restore(file: string, name: string): Promise<string>;
  /** Restore a dump over an existing database (`pg_restore --clean`), as an operator would in place. */
  restoreInPlace(file: string, databaseUrl: string): Promise<void>;
  /** Run SQL through psql (tests and fixtures). */
  psql(databaseUrl: string, sql: string): Promise<string>;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const isRoot = (): boolean => process.getuid?.() === 0;

/** Run a server-side tool as the cluster owner. */
function asOwner(tool: string, args: string[]): [string, string[]] {
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', tool, ...args]] : [tool, args];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

let counter = 0;
const live = new Set<string>();
// Belt and braces: if a test process dies without calling stop(), do not leave postmasters behind.
process.once('exit', () => {
  for (const dataDir of live) stopSync(dataDir);
});

function stopSync(dataDir: string): void {
  try {
    const [cmd, args] = asOwner(pgBin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    execFileSync(cmd, args, { stdio: 'ignore' });
  } catch {
    /* already stopped */
  }
  rmSync(dataDir.replace(/\/data$/, ''), { recursive: true, force: true });
  live.delete(dataDir);
}

export async function startPostgres(opts: { database?: string } = {}): Promise<PgCluster> {
  const root = mkdtempSync(join(tmpdir(), 'fengsui-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'sock');
  if (isRoot()) chownSync(root, ...ownerIds());
  try {
    const [initCmd, initArgs] = asOwner(pgBin('initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    await run(initCmd, initArgs);
    const [mk, mkArgs] = asOwner('mkdir', ['-p', socketDir]);
    await run(mk, mkArgs);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(e as Error).message}`);
  }

  // The port is picked then released; another process could grab it first, so retry a few times.
  let port = 0;
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${socketDir}`,
      `-c listen_addresses=127.0.0.1`,
      // Durability is pointless for a throw-away cluster and costs seconds.
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=60',
    ].join(' ');
    const [cmd, args] = asOwner(pgBin('pg_ctl'), [
      '-D',
      dataDir,
      '-o',
      options,
      '-l',
      join(root, 'postgres.log'),
      '-w',
      '-t',
      '30',
      'start',
    ]);
    try {
      await run(cmd, args);
      lastError = undefined;
      break;
    } catch (e) {
      lastError = e;
    }
  }
  if (lastError) {
    stopSync(dataDir);
    throw new Error(`PostgreSQL did not start: ${(lastError as Error).message}`);
  }
  live.add(dataDir);

  const urlFor = (db: string): string => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const psql = async (databaseUrl: string, sql: string): Promise<string> => {
    const { stdout } = await run(pgBin('psql'), [
      '-X',
      '-q',
      '-A',
      '-t',
      '-v',
      'ON_ERROR_STOP=1',
      '-d',
      databaseUrl,
      '-c',
      sql,
    ]);
    return stdout.trim();
  };
  const createDatabase = async (name = `db_${process.pid}_${++counter}`): Promise<string> => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
    await psql(urlFor('postgres'), `CREATE DATABASE ${name}`);
    return urlFor(name);
  };
  const database = opts.database ?? 'fengsui_test';
  await createDatabase(database);

  let stopped = false;
  return {
    url: urlFor(database),
    host: '127.0.0.1',
    port,
    dataDir,
    urlFor,
    createDatabase,
    psql,
    async dropDatabase(name) {
      await psql(urlFor('postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    async dump(databaseUrl, file) {
      await run(pgBin('pg_dump'), ['-Fc', '-f', file, '-d', databaseUrl]);
    },
    async restore(file, name) {
      const url = await createDatabase(name);
      await run(pgBin('pg_restore'), ['--no-owner', '-d', url, file]);
      return url;
    },
    async restoreInPlace(file, databaseUrl) {
      await run(pgBin('pg_restore'), ['--clean', '--if-exists', '--no-owner', '-d', databaseUrl, file]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const [cmd, args] = asOwner(pgBin('pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      await run(cmd, args).catch(() => undefined);
      live.delete(dataDir);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function ownerIds(): [number, number] {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  return [uid, gid];
}
