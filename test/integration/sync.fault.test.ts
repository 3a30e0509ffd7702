/**
 * Fault test: 3 console processes (`scripts/serve.mjs --server …`) and 2 server processes (`server/main.ts`)
 * on one PostgreSQL, a TCP proxy between each console and the servers (round robin over both, like a load
 * balancer) that cuts, black-holes, delays and drops. While the consoles write, random partitions and SIGKILLs
 * of consoles and servers; the consoles' clocks are −5 min, 0 and +5 min. After healing: every acknowledged
 * incident is everywhere, every queued change is on the server exactly once, outboxes are empty, and every
 * console's synced tables hash equal within 5 s of quiet.
 *
 * Default chaos phase ~20 s (in `npm test`); SYNC_FAULT_SECONDS=300 for a soak.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as netServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { syncedFingerprint } from '../../host/sync/fingerprint';
import { startPostgres, type PgCluster } from '../peers/postgres';
import { startTcpProxy, type TcpProxy, type LinkMode } from '../peers/tcpProxy';
import { count, device, type TestDevice } from '../../server/testing/fixtures';
import { openWs, type Opened } from '../helpers/wsClient';
import { sampleIncident } from '../helpers/host';
import { serverIncidents, waitFor } from './syncHarness';

const ROOT = join(__dirname, '../..');
const CHAOS_MS = Number(process.env.SYNC_FAULT_SECONDS ?? 20) * 1000;
const SKEWS = [-5 * 60_000, 0, 5 * 60_000];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = netServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function waitExit(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()));
}

/** A sync server instance as its own process, so it can be SIGKILLed and restarted on the same port. */
class ServerProc {
  child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    private readonly databaseUrl: string,
  ) {}
  async start(): Promise<void> {
    this.child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/main.ts', '--database-url', this.databaseUrl, '--port', String(this.port)],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, FENGSUI_LOG_LEVEL: 'warn' } },
    );
    this.child.stderr!.resume();
    await waitFor(
      `server on ${this.port}`,
      async () => {
        try {
          return (await fetch(`http://127.0.0.1:${this.port}/health`)).ok;
        } catch {
          return false;
        }
      },
      30_000,
    );
  }
  async kill(): Promise<void> {
    const c = this.child;
    this.child = null;
    if (!c) return;
    c.kill('SIGKILL');
    await waitExit(c);
  }
}

/** A console (browser-mode host) as its own process, with its link to the servers through a proxy. */
class ConsoleProc {
  child: ChildProcess | null = null;
  ws: Opened | null = null;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'fengsui-fault-'));
  readonly acked = new Set<string>();
  private nextId = 1;
  constructor(
    readonly dev: TestDevice,
    readonly proxy: TcpProxy,
    private readonly skewMs: number,
  ) {}

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'scripts/serve.mjs'), '--port', '0', '--data', this.dataDir, '--server', this.proxy.url],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          FENGSUI_SKIP_BUILD: '1',
          FENGSUI_LOG_LEVEL: 'warn',
          FENGSUI_SYNC_CREDENTIAL: this.dev.credential,
          FENGSUI_CLOCK_SKEW_MS: String(this.skewMs),
          FENGSUI_SYNC_PULL_MS: '1000',
          FENGSUI_SYNC_RETRY_MAX_MS: '1000',
        },
      },
    );
    this.child = child;
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`console did not start: ${err}`)), 30_000);
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /Fengsui console: (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`console exited with ${code}: ${err}`)));
    });
    const u = new URL(url);
    this.ws = await openWs(`ws://${u.host}/ws?token=${u.searchParams.get('token')}`);
  }

  async call(method: string, params?: unknown): Promise<{ ok: boolean; result?: unknown }> {
    if (!this.ws) return { ok: false };
    const res = (await this.ws.request(JSON.stringify({ t: 'req', id: this.nextId++, method, params }))) as {
      ok: boolean;
      result?: unknown;
    };
    return res;
  }

  async kill(): Promise<void> {
    const c = this.child;
    this.child = null;
    this.ws?.ws.terminate();
    this.ws = null;
    if (!c) return;
    c.kill('SIGKILL');
    await waitExit(c);
  }

  async stop(): Promise<void> {
    this.ws?.close();
    this.ws = null;
    const c = this.child;
    this.child = null;
    if (!c) return;
    c.kill('SIGTERM');
    await Promise.race([waitExit(c), sleep(5000).then(() => c.kill('SIGKILL'))]);
  }

  /** Reads the store directly (WAL allows a reader beside the writer). */
  read<T>(fn: (db: Database.Database) => T): T {
    const db = new Database(join(this.dataDir, 'fengsui.sqlite3'), { readonly: true, fileMustExist: true });
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }
}

let pgc: PgCluster;
const servers: ServerProc[] = [];
const consoles: ConsoleProc[] = [];

beforeAll(async () => {
  pgc = await startPostgres();
  for (let i = 0; i < 2; i++) servers.push(new ServerProc(await freePort(), pgc.url));
  // The first start migrates; start them one after the other.
  for (const s of servers) await s.start();
  for (let i = 0; i < 3; i++) {
    const proxy = await startTcpProxy(servers.map((s) => s.port));
    consoles.push(new ConsoleProc(await device(pgc.url, 'console', `fault-${i}`), proxy, SKEWS[i]!));
  }
  await Promise.all(consoles.map((c) => c.start()));
}, 120_000);

afterAll(async () => {
  await Promise.all(consoles.map((c) => c.stop()));
  await Promise.all(servers.map((s) => s.kill()));
  for (const c of consoles) {
    await c.proxy.close();
    rmSync(c.dataDir, { recursive: true, force: true });
  }
  await pgc?.stop();
}, 60_000);

/** Writes until stopped: creates incidents and moves some along; an answer with ok is an acknowledgement. */
async function writer(c: ConsoleProc, stop: { done: boolean }): Promise<void> {
  let n = 0;
  while (!stop.done) {
    await sleep(60 + Math.random() * 120);
    if (!c.ws) continue;
    try {
      const res = await Promise.race([
        c.call('incident.create', { ...sampleIncident, description: `fault ${c.dev.id.slice(0, 4)} ${n++}` }),
        sleep(3000).then(() => ({ ok: false, result: undefined })),
      ]);
      if (res.ok) {
        const id = (res.result as { id: string }).id;
        c.acked.add(id);
        if (Math.random() < 0.4) {
          await Promise.race([c.call('incident.setStatus', { id, status: 'accepted' }), sleep(3000)]);
        }
      }
    } catch {
      /* killed mid-call: not acknowledged */
    }
  }
}

async function chaos(untilMs: number): Promise<string[]> {
  const log: string[] = [];
  while (Date.now() < untilMs) {
    await sleep(400 + Math.random() * 900);
    const r = Math.random();
    if (r < 0.35) {
      const c = pick(consoles);
      const mode: LinkMode = pick(['up', 'cut', 'blackhole', 'up'] as const);
      c.proxy.mode = mode;
      c.proxy.delayMs = Math.random() < 0.3 ? Math.floor(Math.random() * 200) : 0;
      c.proxy.dropRate = Math.random() < 0.2 ? 0.05 : 0;
      log.push(`link ${c.dev.id.slice(0, 4)} ${mode} delay=${c.proxy.delayMs} drop=${c.proxy.dropRate}`);
    } else if (r < 0.6) {
      const c = pick(consoles);
      log.push(`kill console ${c.dev.id.slice(0, 4)}`);
      await c.kill();
      await sleep(200 + Math.random() * 500);
      await c.start();
    } else if (r < 0.8) {
      const s = pick(servers);
      log.push(`kill server ${s.port}`);
      await s.kill();
      // Restarted later, after a while serving from the other one only.
      setTimeout(
        () => void (s.child ? undefined : s.start().catch(() => undefined)),
        500 + Math.random() * 1500,
      );
    } else {
      for (const c of consoles) c.proxy.mode = 'up';
      log.push('heal all links');
    }
  }
  return log;
}

const kinds = (log: string[]): string =>
  ['link', 'kill console', 'kill server', 'heal']
    .map((k) => `${k} ×${log.filter((l) => l.startsWith(k)).length}`)
    .join(', ');

describe('sync under faults', () => {
  it(`3 consoles, 2 servers, partitions, SIGKILLs and ±5 min skew for ${CHAOS_MS / 1000} s converge`, async () => {
    const stop = { done: false };
    const writers = consoles.map((c) => writer(c, stop));
    const log = await chaos(Date.now() + CHAOS_MS);
    stop.done = true;
    await Promise.all(writers);

    // Heal everything.
    for (const c of consoles) {
      c.proxy.mode = 'up';
      c.proxy.delayMs = 0;
      c.proxy.dropRate = 0;
    }
    for (const s of servers) if (!s.child) await s.start();
    for (const c of consoles) if (!c.child) await c.start();

    const pendingOf = (c: ConsoleProc) =>
      c.read(
        (db) =>
          (db.prepare('SELECT count(*) AS n FROM outbox WHERE pushed_at IS NULL').get() as { n: number }).n,
      );
    await waitFor('every outbox empty', () => consoles.every((c) => pendingOf(c) === 0), 60_000).catch(
      (e) => {
        throw new Error(`${(e as Error).message}\nchaos: ${log.join('; ')}`);
      },
    );
    // Quiet: nobody writes any more. Within 5 s every console holds the same synced state.
    const quietAt = Date.now();
    await waitFor(
      'equal fingerprints',
      () => {
        const prints = consoles.map((c) => c.read((db) => syncedFingerprint(db).hash));
        return prints.every((p) => p === prints[0]);
      },
      5_000,
    ).catch((e) => {
      const prints = consoles.map((c) => c.read((db) => syncedFingerprint(db)));
      throw new Error(`${(e as Error).message}: ${JSON.stringify(prints)}\nchaos: ${log.join('; ')}`);
    });
    const settleMs = Date.now() - quietAt;

    // Every queued change is on the server exactly once; nothing was refused.
    for (const c of consoles) {
      const local = c.read((db) =>
        db.prepare('SELECT count(*) AS n, sum(parked_at IS NOT NULL) AS parked FROM outbox').get(),
      ) as {
        n: number;
        parked: number;
      };
      expect(local.parked).toBe(0);
      expect(await count(pgc.url, `SELECT count(*) AS n FROM changes WHERE console_id = '${c.dev.id}'`)).toBe(
        local.n,
      );
      expect(
        await count(pgc.url, `SELECT count(DISTINCT seq) AS n FROM changes WHERE console_id = '${c.dev.id}'`),
      ).toBe(local.n);
    }
    // Every acknowledged incident is on every console and on the server.
    const onServer = await serverIncidents(pgc.url);
    const acked = consoles.flatMap((c) => [...c.acked]);
    expect(acked.length).toBeGreaterThan(20);
    for (const c of consoles) {
      const have = new Set(c.read((db) => db.prepare('SELECT id FROM incidents').pluck().all() as string[]));
      expect(acked.filter((id) => !have.has(id))).toEqual([]);
    }
    expect(acked.filter((id) => !onServer.has(id))).toEqual([]);
    console.log(
      `sync fault: ${acked.length} acknowledged incidents, ${log.length} faults ` +
        `(${kinds(log)}), settled ${settleMs} ms after quiet`,
    );
  }, 240_000);
});
