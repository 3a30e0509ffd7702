/**
 * `npm run bench -- sync [--n 50000] [--concurrency 2] [--server-cpu-prof <dir>]`
 * One console with N pending changes (incident inserts and their timeline entries, as the service writes them)
 * catches up against a local PostgreSQL through a real sync server (HTTP push in batches of 1000, the server's
 * validation, idempotent insert and LWW projection). Baseline in the same run: the same rows inserted into
 * PostgreSQL with multi-row INSERTs (1000 rows per statement) from one client, no HTTP, no projection.
 * Also prints the CPU seconds console, server and PostgreSQL spent during the catch-up (steadier than wall time
 * on a shared machine) and when the server's projection had caught up; `--server-cpu-prof <dir>` writes the
 * server's CPU profile there (run the bench itself under `node --cpu-prof --import tsx` for the console's).
 * Last line: `sync changes_per_s=<n> ratio=<sync rate / raw insert rate>`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { Change } from '../contract';
import { Host } from '../host/host';
import { adoptDeviceId } from '../host/sync/identity';
import { startPostgres } from '../test/peers/postgres';
import { device } from '../server/testing/fixtures';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';

const silent = () => pino({ level: 'silent' });

/** Fills the outbox exactly as the incident service would (insert + `created` timeline entry per incident). */
function fill(host: Host, n: number): void {
  const { store, clock } = host.ctx;
  const at = Date.now();
  store.transaction(() => {
    for (let i = 0; i < n / 2; i++) {
      const id = uuidv7();
      const entryId = uuidv7();
      store.outbox.append(
        {
          entity: 'timeline',
          entityId: entryId,
          op: 'append',
          fields: {
            id: entryId,
            incidentId: id,
            at,
            kind: 'created',
            actor: 'bench',
            consoleId: host.ctx.consoleId,
            data: { status: 'reported', gridCode: null, outsideGrid: true },
          },
          hlc: clock.tick(),
        },
        at,
      );
      store.outbox.append(
        {
          entity: 'incident',
          entityId: id,
          op: 'insert',
          fields: {
            category: 'emergency',
            priority: 'P2',
            status: 'reported',
            source: 'radio',
            location: { lon: 103.68 + (i % 100) * 1e-4, lat: 36.5 },
            address: `benchmark road ${i}`,
            description: `benchmark incident ${i}`,
            reporter: '',
            gridCode: null,
            isDrill: false,
            isDemo: false,
            createdAt: at,
            updatedAt: at,
            createdBy: 'bench',
            version: 1,
          },
          hlc: clock.tick(),
        },
        at,
      );
    }
  });
}

/**
 * The server in its own process, as deployed (in-process it would share one event loop with the console).
 * The per-device rate limit is raised for the bench: 50 pushes in a few seconds is the point here.
 */
async function startServerProcess(
  databaseUrl: string,
  profileDir: string | undefined,
): Promise<{ url: string; pid: number; stop(): void }> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const child = spawn(
    process.execPath,
    [
      ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []),
      '--import',
      'tsx',
      'server/main.ts',
      '--database-url',
      databaseUrl,
      '--port',
      String(port),
      '--log-level',
      'warn',
    ],
    { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      if (i > 300) throw new Error('the sync server did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    stop: () => {
      if (child.exitCode === null && !child.killed) child.kill('SIGTERM');
    },
  };
}

interface CpuSeconds {
  console: number;
  server: number;
  postgres: number;
}

/** CPU seconds used so far by each party (Linux /proc; null elsewhere), to see who the bottleneck is. */
function cpuSeconds(serverPid: number, pgDataDir: string): CpuSeconds | null {
  try {
    const tick = 100; // USER_HZ on every Linux we run on
    const stat = (pid: number | string) => {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const x = f.slice(f.lastIndexOf(')') + 2).split(' ');
      // fields 14-17 (utime stime cutime cstime) counted from the pid; x starts at field 3 (state), ppid is x[1]
      return {
        ppid: Number(x[1]),
        own: Number(x[11]) + Number(x[12]),
        reaped: Number(x[13]) + Number(x[14]),
      };
    };
    const postmaster = Number(readFileSync(join(pgDataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const pm = stat(postmaster);
    // The postmaster's children are the backends and background workers; exited ones are in its `reaped`.
    let pgTicks = pm.own + pm.reaped;
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const s = stat(pid);
        if (s.ppid === postmaster) pgTicks += s.own;
      } catch {
        /* exited meanwhile */
      }
    }
    const u = process.cpuUsage();
    const srv = stat(serverPid);
    return {
      console: (u.user + u.system) / 1e6,
      server: (srv.own + srv.reaped) / tick,
      postgres: pgTicks / tick,
    };
  } catch {
    return null;
  }
}

/** Seconds from `t0` until the server's merged view has folded in every stored change. */
async function projectionLag(url: string, t0: number): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (;;) {
      const { rows } = await c.query<{ behind: boolean }>(
        `SELECT (SELECT last_server_seq FROM projection_watermark) < (SELECT COALESCE(max(server_seq), 0) FROM changes) AS behind`,
      );
      if (!rows[0]?.behind) return (performance.now() - t0) / 1000;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await c.end();
  }
}

async function rawInsert(url: string, changes: Change[]): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`CREATE TABLE raw_changes (server_seq bigserial PRIMARY KEY, console_id uuid NOT NULL,
    seq bigint NOT NULL, entity text NOT NULL, entity_id text NOT NULL, op text NOT NULL, fields jsonb NOT NULL,
    hlc text NOT NULL, schema_version integer NOT NULL, UNIQUE (console_id, seq))`);
  const t0 = performance.now();
  for (let i = 0; i < changes.length; i += 1000) {
    const chunk = changes.slice(i, i + 1000);
    const values: unknown[] = [];
    const rows = chunk.map((ch, j) => {
      values.push(ch.consoleId, ch.seq, ch.entity, ch.entityId, ch.op, JSON.stringify(ch.fields), ch.hlc, 1);
      const b = j * 8;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`;
    });
    await c.query(
      `INSERT INTO raw_changes (console_id, seq, entity, entity_id, op, fields, hlc, schema_version) VALUES ${rows.join(',')}`,
      values,
    );
  }
  const seconds = (performance.now() - t0) / 1000;
  await c.end();
  return changes.length / seconds;
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      n: { type: 'string', default: '50000' },
      concurrency: { type: 'string', default: '2' },
      // Writes the server process's CPU profile there (profile the console with `node --cpu-prof`).
      'server-cpu-prof': { type: 'string' },
    },
  });
  const n = Number(values.n);
  const pgc = await startPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'fengsui-bench-sync-'));
  let srv: Awaited<ReturnType<typeof startServerProcess>> | null = null;
  try {
    srv = await startServerProcess(pgc.url, values['server-cpu-prof']);
    const dev = await device(pgc.url);
    adoptDeviceId(dir, dev.id);
    const filler = new Host({ dataDir: dir, backupIntervalMs: 0, log: silent(), operator: 'bench' });
    fill(filler, n);
    const changes = filler.ctx.store.outbox.pending(n + 1);
    await filler.close();
    console.log(`pending changes: ${changes.length}`);

    const cpu0 = cpuSeconds(srv.pid, pgc.dataDir);
    const t0 = performance.now();
    const host = new Host({
      dataDir: dir,
      backupIntervalMs: 0,
      log: silent(),
      operator: 'bench',
      sync: {
        serverUrl: srv.url,
        credential: dev.credential,
        notifications: false,
        pullIntervalMs: 3_600_000,
        pushConcurrency: Number(values.concurrency),
      },
    });
    await host.sync.client!.syncNow();
    const syncSeconds = (performance.now() - t0) / 1000;
    const cpu1 = cpuSeconds(srv.pid, pgc.dataDir);
    const lag = await projectionLag(pgc.url, t0);
    const left = host.ctx.store.outbox.pendingCount();
    await host.close();
    srv.stop();
    if (left !== 0) throw new Error(`${left} changes still pending after the catch-up`);
    const syncRate = changes.length / syncSeconds;
    console.log(`sync catch-up: ${changes.length} changes in ${syncSeconds.toFixed(2)} s`);
    if (cpu0 && cpu1) {
      const d = (k: keyof CpuSeconds) => (cpu1[k] - cpu0[k]).toFixed(2);
      console.log(
        `cpu during catch-up (s): console ${d('console')}, server ${d('server')}, postgres ${d('postgres')}`,
      );
    }
    console.log(`server projection caught up ${lag.toFixed(2)} s after the catch-up started`);

    const rawRate = await rawInsert(pgc.url, changes);
    console.log(`raw multi-row INSERT: ${Math.round(rawRate)} rows/s`);
    console.log(`sync changes_per_s=${Math.round(syncRate)} ratio=${(syncRate / rawRate).toFixed(2)}`);
  } finally {
    srv?.stop(); // also when the run failed, or the server outlives the bench
    await pgc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
