/**
 * Property: whatever order changes from 3 consoles arrive in — interleaved with local work, duplicated,
 * reordered, dropped and delivered again later — every console and the server end in the same state.
 * Changes are carried by hand (no network) so fast-check controls every delivery; the server is real.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncidentCreateSchema, allowedNextStatuses, type Change } from '../../contract';
import type { Host } from '../../host/host';
import { mutate } from '../../host/mutation';
import { startPostgres, type PgCluster } from '../peers/postgres';
import { call, device, startServer, type Running, type TestDevice } from '../../server/testing/fixtures';
import { sampleIncident } from '../helpers/host';
import { allIncidents, consoleFor, diffIncident, fingerprint, serverIncidents } from './syncHarness';

let pgc: PgCluster;
let srv: Running;
beforeAll(async () => {
  pgc = await startPostgres();
  srv = await startServer(pgc.url, { rateLimit: false });
});
afterAll(async () => {
  await srv?.server.close();
  await pgc?.stop();
});

/** Small seeded PRNG so one fast-check integer drives a whole delivery's order and duplicates. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle<T>(xs: T[], r: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const consoleIx = fc.integer({ min: 0, max: 2 });
const command = fc.oneof(
  fc.record({ t: fc.constant('create' as const), c: consoleIx, drill: fc.boolean() }),
  fc.record({ t: fc.constant('status' as const), c: consoleIx, pick: fc.nat(), to: fc.nat() }),
  fc.record({ t: fc.constant('note' as const), c: consoleIx, pick: fc.nat() }),
  fc.record({ t: fc.constant('edit' as const), c: consoleIx, pick: fc.nat(), text: fc.string() }),
  fc.record({ t: fc.constant('deliver' as const), to: consoleIx, from: consoleIx, seed: fc.nat() }),
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

const outboxOf = (h: Host): Change[] => h.ctx.store.outbox.pending(1_000_000);

function run(hosts: Host[], cmd: Command): void {
  if (cmd.t === 'deliver') {
    if (cmd.to === cmd.from) return;
    const r = rng(cmd.seed);
    // A random subset (drops), in random order (reordering), some twice (duplicates).
    const some = shuffle(outboxOf(hosts[cmd.from]!), r).filter(() => r() < 0.6);
    const withDupes = [...some, ...some.filter(() => r() < 0.3)];
    hosts[cmd.to]!.sync.applier.applyAll(shuffle(withDupes, r));
    return;
  }
  const h = hosts[cmd.c]!;
  if (cmd.t === 'create') {
    h.incidents.create(IncidentCreateSchema.parse({ ...sampleIncident, isDrill: cmd.drill }));
    return;
  }
  const list = allIncidents(h);
  if (list.length === 0) return;
  const inc = list[cmd.pick % list.length]!;
  if (cmd.t === 'note') h.incidents.addNote({ id: inc.id, text: `note ${cmd.pick}` });
  if (cmd.t === 'status') {
    const next = allowedNextStatuses(inc.status);
    if (next.length) h.incidents.setStatus({ id: inc.id, status: next[cmd.to % next.length]! });
  }
  if (cmd.t === 'edit') {
    // A plain mutable field (no edit method exists yet): concurrent edits exercise last-writer-wins.
    localEdit(h, inc.id, cmd.text);
  }
}

/** A local field edit through mutate(), as an edit method would do it. */
function localEdit(h: Host, id: string, description: string): void {
  mutate(h.ctx, (m) => {
    h.ctx.store.db
      .prepare('UPDATE incidents SET description = ?, updated_at = ? WHERE id = ?')
      .run(description, m.at, id);
    m.record({
      entity: 'incident',
      entityId: id,
      op: 'update',
      fields: { description, updatedAt: m.at },
      action: 'incident.edit',
    });
  });
}

async function pushAll(h: Host, dev: TestDevice, r: () => number): Promise<void> {
  const all = outboxOf(h);
  // Random batch splits, sent in random order, some sent twice (a lost response): the server must not care.
  const batches: Change[][] = [];
  for (let i = 0; i < all.length;) {
    const n = 1 + Math.floor(r() * 8);
    batches.push(all.slice(i, i + n));
    i += n;
  }
  for (const b of shuffle([...batches, ...batches.filter(() => r() < 0.3)], r)) {
    const res = await call(srv.url, '/v1/push', {
      body: { epoch: null, changes: b },
      credential: dev.credential,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
}

describe('sync convergence (property)', () => {
  it('3 consoles and the server converge under any interleaving, duplicates, reordering and drops', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 40 }), fc.nat(), async (cmds, seed) => {
        const dirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'fengsui-prop-')));
        const devs = await Promise.all([0, 1, 2].map((i) => device(pgc.url, 'console', `prop-${i}`)));
        const hosts = dirs.map((d, i) => consoleFor(d, devs[i]!, null));
        try {
          for (const cmd of cmds) run(hosts, cmd);
          // Heal: every console finally receives everything it missed, in yet another order.
          const r = rng(seed);
          const everything = hosts.flatMap(outboxOf);
          for (const h of hosts) h.sync.applier.applyAll(shuffle(everything, r));
          const prints = hosts.map(fingerprint);
          expect(prints[1]).toEqual(prints[0]);
          expect(prints[2]).toEqual(prints[0]);
          for (const [i, h] of hosts.entries()) await pushAll(h, devs[i]!, r);
          const server = await serverIncidents(pgc.url);
          const diffs = allIncidents(hosts[0]!).flatMap((inc) => diffIncident(inc, server.get(inc.id)));
          expect(diffs).toEqual([]);
        } finally {
          for (const h of hosts) await h.close();
          for (const d of dirs) rmSync(d, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 40) },
    );
  }, 120_000);
});
