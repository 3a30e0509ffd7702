/**
 * `npm run bench -- sync [--n 50000]`
 * One console with N pending changes (incident inserts and their timeline entries, as the service writes them)
 * catches up against a local PostgreSQL through a real sync server (HTTP push in batches of 1000, the server's
 * validation, idempotent insert and LWW projection). Baseline in the same run: the same rows inserted into
 * PostgreSQL with multi-row INSERTs (1000 rows per statement) from one client, no HTTP, no projection.
 * Last line: `sync changes_per_s=<n> ratio=<sync rate / raw insert rate>`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
async function startServerProcess(databaseUrl: string): Promise<{ url: string; stop(): void }> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const child = spawn(
    process.execPath,
    [
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
    stop: () => {
      if (child.exitCode === null && !child.killed) child.kill('SIGTERM');
    },
  };
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
    },
  });
  const n = Number(values.n);
  const pgc = await startPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'fengsui-bench-sync-'));
  let srv: { url: string; stop(): void } | null = null;
  try {
    srv = await startServerProcess(pgc.url);
    const dev = await device(pgc.url);
    adoptDeviceId(dir, dev.id);
    const filler = new Host({ dataDir: dir, backupIntervalMs: 0, log: silent(), operator: 'bench' });
    fill(filler, n);
    const changes = filler.ctx.store.outbox.pending(n + 1);
    await filler.close();
    console.log(`pending changes: ${changes.length}`);

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
    const left = host.ctx.store.outbox.pendingCount();
    await host.close();
    srv.stop();
    if (left !== 0) throw new Error(`${left} changes still pending after the catch-up`);
    const syncRate = changes.length / syncSeconds;
    console.log(`sync catch-up: ${changes.length} changes in ${syncSeconds.toFixed(2)} s`);

    const rawRate = await rawInsert(pgc.url, changes);
    console.log(`raw multi-row INSERT: ${Math.round(rawRate)} rows/s`);
    console.log(`sync changes_per_s=${Math.round(syncRate)} ratio=${(syncRate / rawRate).toFixed(2)}`);
  } finally {
    srv?.stop(); // also when the run failed, or the server outlives the bench
    await pgc.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
