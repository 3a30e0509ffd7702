import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES } from '../../contract/domain/incident';
import type { Change } from '../../contract/sync';
import { startPostgres, type PgCluster } from '../../test/peers/postgres';
import { withTransaction } from '../db/pool';
import { insertChanges, lockWrites } from '../sync/store';
import { call, change, device, startServer, type Running, type TestDevice } from '../testing/fixtures';
import { emptyState, mergeChange, type EntityState } from './merge';
import { decodeStamps } from './stamps';

let cluster: PgCluster;
let one: Running;
let two: Running;
let a: TestDevice;
let b: TestDevice;

beforeAll(async () => {
  cluster = await startPostgres();
  [one, two] = await Promise.all([
    startServer(cluster.url, { rateLimit: false }),
    startServer(cluster.url, { rateLimit: false }),
  ]);
  a = await device(cluster.url);
  b = await device(cluster.url);
});
afterAll(async () => {
  await Promise.all([one?.server.close(), two?.server.close()]);
  await cluster?.stop();
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql)).rows;
  } finally {
    await c.end();
  }
}

/** The projection as a single fold over the whole stream in server_seq order would leave it. */
async function refold(
  url: string,
): Promise<{ states: Map<string, EntityState & { last: number }>; flags: string[] }> {
  const rows = await query<{
    server_seq: string;
    console_id: string;
    entity: string;
    entity_id: string;
    op: string;
    fields: Record<string, unknown>;
    hlc: string;
  }>(url, 'SELECT * FROM changes WHERE NOT held ORDER BY server_seq');
  const states = new Map<string, EntityState & { last: number }>();
  const flags: string[] = [];
  for (const r of rows) {
    const k = `${r.entity}/${r.entity_id}`;
    const m = mergeChange(r.entity, states.get(k) ?? emptyState(), {
      op: r.op,
      hlc: r.hlc,
      consoleId: r.console_id,
      fields: r.fields,
    });
    states.set(k, { ...m.state, last: Number(r.server_seq) });
    for (const f of m.flags) flags.push(`${r.server_seq}/${r.entity_id}/${f.kind}`);
  }
  return { states, flags };
}

async function projected(url: string) {
  const states = await query<{
    entity: string;
    entity_id: string;
    fields: Record<string, unknown>;
    field_hlcs: unknown;
    deleted_hlc: string | null;
    last_server_seq: string;
  }>(url, 'SELECT * FROM entity_state');
  const flags = await query<{ f: string }>(
    url,
    "SELECT server_seq || '/' || entity_id || '/' || kind AS f FROM sync_conflicts ORDER BY server_seq, id",
  );
  const [wm] = await query<{ w: string; m: string }>(
    url,
    'SELECT last_server_seq AS w, (SELECT max(server_seq) FROM changes) AS m FROM projection_watermark',
  );
  return {
    states: new Map(
      states.map((s) => [
        `${s.entity}/${s.entity_id}`,
        {
          fields: s.fields,
          fieldHlcs: decodeStamps(s.field_hlcs, s.fields),
          deletedHlc: s.deleted_hlc,
          last: Number(s.last_server_seq),
        },
      ]),
    ),
    flags: flags.map((r) => r.f),
    watermark: Number(wm?.w),
    maxSeq: Number(wm?.m),
  };
}

describe('projector', () => {
  it('two instances fold every change exactly once, in server_seq order, while pushes race', async () => {
    const ids = Array.from(
      { length: 12 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    let seqA = 0;
    let seqB = 0;
    const batch = (who: TestDevice, next: () => number, n: number) =>
      Array.from({ length: n }, (_, i) =>
        change(who.id, next(), {
          entityId: ids[(i * 7 + n) % ids.length]!,
          fields: {
            status: INCIDENT_STATUSES[(i + n) % INCIDENT_STATUSES.length],
            description: `${who.id.slice(0, 4)} ${i}`,
          },
        }),
      );
    const pushes: Promise<unknown>[] = [];
    for (let round = 0; round < 15; round++) {
      // Raw fetches: nobody waits for a projector between pushes.
      for (const [who, base, next] of [
        [a, one.url, () => ++seqA],
        [b, two.url, () => ++seqB],
      ] as const) {
        pushes.push(
          fetch(`${base}/v1/push`, {
            method: 'POST',
            headers: { authorization: `Bearer ${who.credential}`, 'content-type': 'application/json' },
            body: JSON.stringify({ epoch: null, changes: batch(who, next, 1 + ((round * 5) % 17)) }),
          }).then((r) => expect(r.status).toBe(200)),
        );
      }
    }
    await Promise.all(pushes);
    await Promise.all([one.server.projector.idle(), two.server.projector.idle()]);

    const want = await refold(cluster.url);
    const got = await projected(cluster.url);
    expect(got.watermark).toBe(got.maxSeq);
    expect(got.states).toEqual(want.states);
    expect(want.flags.length).toBeGreaterThan(0);
    expect(got.flags).toEqual(want.flags); // each flagged exactly once, whichever instance applied it
  });

  it('folds in SQL only what a single live change creates: held changes, deletes and existing states are merged', async () => {
    const url = await cluster.createDatabase('fold_kinds');
    const srv = await startServer(url, { rateLimit: false });
    const dev = await device(url);
    const id = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
    const push = async (changes: Change[]) =>
      expect(
        (await call(srv.url, '/v1/push', { body: { epoch: null, changes }, credential: dev.credential }))
          .status,
      ).toBe(200);
    try {
      // Page 1: a new entity beside a held change of it; a delete of an unknown entity; a plain new entity;
      // an entity touched twice. Page 2: a change meeting an existing state, and a new entity last.
      await push([
        change(dev.id, 1, { entityId: id(1), fields: { description: 'one' } }),
        change(dev.id, 2, { entityId: id(1), fields: { description: 'newer schema' }, schemaVersion: 99 }),
        change(dev.id, 3, { entityId: id(2), op: 'delete', fields: {} }),
        change(dev.id, 4, { entityId: id(3), op: 'insert', fields: { description: 'three' } }),
        change(dev.id, 5, { entityId: id(4), fields: { description: 'four a' } }),
        change(dev.id, 6, { entityId: id(4), fields: { status: 'accepted' } }),
      ]);
      await srv.server.projector.idle();
      await push([
        change(dev.id, 7, { entityId: id(3), fields: { description: 'three again' } }),
        change(dev.id, 8, { entityId: id(5), fields: { description: 'five' } }),
      ]);
      await srv.server.projector.idle();
      const got = await projected(url);
      expect(got.watermark).toBe(got.maxSeq);
      expect(got.states).toEqual((await refold(url)).states);
      expect(got.states.size).toBe(5);
    } finally {
      await srv.server.close();
    }
  });

  it('catches up at start-up on changes committed while no projector ran', async () => {
    const url = await cluster.createDatabase('catch_up');
    const first = await startServer(url, { rateLimit: false });
    const dev = await device(url);
    expect(
      (
        await call(first.url, '/v1/push', {
          body: { epoch: null, changes: [change(dev.id, 1)] },
          credential: dev.credential,
        })
      ).status,
    ).toBe(200);
    await first.server.close();
    // Stored by a server that died before projecting (the write path alone, no projector running).
    const pool = new pg.Pool({ connectionString: url });
    await withTransaction(pool, async (tx) => {
      await lockWrites(tx);
      await insertChanges(tx, [change(dev.id, 2), change(dev.id, 3)], () => false);
    });
    await pool.end();
    expect((await projected(url)).states.size).toBe(1);

    const second = await startServer(url, { rateLimit: false });
    try {
      await second.server.projector.idle();
      const got = await projected(url);
      expect(got.watermark).toBe(got.maxSeq);
      expect(got.states).toEqual((await refold(url)).states);
      expect(got.states.size).toBe(3);
    } finally {
      await second.server.close();
    }
  });
});
