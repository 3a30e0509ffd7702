import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PullResponseSchema,
  PushResponseSchema,
  type PullResponse,
  type PushResponse,
} from '../contract/sync';
import { startPostgres, type PgCluster } from '../test/peers/postgres';
import { call, change, count, device, startServer, type Running, type TestDevice } from './testing/fixtures';

let pg: PgCluster;
let db: string;
let s: Running;
let a: TestDevice;
let b: TestDevice;

beforeAll(async () => {
  pg = await startPostgres();
  db = pg.url;
  s = await startServer(db);
  a = await device(db, 'console', 'console-a');
  b = await device(db, 'console', 'console-b');
});
afterAll(async () => {
  await s?.server.close();
  await pg?.stop();
});

const push = (who: TestDevice, changes: unknown[], epoch: string | null = null) =>
  call<PushResponse>(s.url, '/v1/push', { body: { epoch, changes }, credential: who.credential });
const pull = (who: TestDevice, cursor: number, limit = 500) =>
  call<PullResponse>(s.url, `/v1/pull?cursor=${cursor}&limit=${limit}`, { credential: who.credential });

describe('push and pull', () => {
  it('round-trips a batch from one console to another', async () => {
    const r = await push(a, [change(a.id, 1), change(a.id, 2)]);
    expect(r.status).toBe(200);
    const body = PushResponseSchema.parse(r.body);
    expect(body.highestSeq).toBe(2);

    const p = await pull(b, 0);
    expect(p.status).toBe(200);
    const page = PullResponseSchema.parse(p.body);
    expect(page.epoch).toBe(body.epoch);
    expect(page.changes.map((c) => [c.consoleId, c.seq])).toEqual([
      [a.id, 1],
      [a.id, 2],
    ]);
    expect(page.changes[0]!.fields).toEqual({ description: 'change 1' });
    expect(page.more).toBe(false);
    expect(page.cursor).toBe(page.changes[1]!.serverSeq);
  });

  it('is idempotent: the same batch twice stores each change once', async () => {
    const batch = [change(a.id, 3), change(a.id, 4)];
    const first = await push(a, batch);
    const before = await count(db, 'SELECT count(*) AS n FROM changes');
    const again = await push(a, batch);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await count(db, 'SELECT count(*) AS n FROM changes')).toBe(before);
    expect(
      await count(db, `SELECT count(*) AS n FROM changes WHERE console_id = '${a.id}' AND seq IN (3, 4)`),
    ).toBe(2);
  });

  it('accepts the current epoch and POST pull with a JSON body', async () => {
    const epoch = (await pull(b, 0)).body.epoch;
    expect((await push(a, [change(a.id, 5)], epoch)).status).toBe(200);
    const p = await call<PullResponse>(s.url, '/v1/pull', {
      body: { cursor: 0, limit: 2, epoch },
      credential: b.credential,
    });
    expect(p.status).toBe(200);
    expect(p.body.changes).toHaveLength(2);
  });

  it('pages with the cursor and never returns the caller’s own changes', async () => {
    await push(b, [change(b.id, 1), change(b.id, 2)]);
    await push(a, [change(a.id, 6), change(a.id, 7), change(a.id, 8)]);
    const seen: string[] = [];
    let cursor = 0;
    let pages = 0;
    for (;;) {
      const page = PullResponseSchema.parse((await pull(b, cursor, 3)).body);
      pages++;
      expect(page.changes.length).toBeLessThanOrEqual(3);
      for (const c of page.changes) {
        expect(c.consoleId).not.toBe(b.id);
        expect(c.serverSeq).toBeGreaterThan(cursor);
      }
      seen.push(...page.changes.map((c) => `${c.seq}`));
      cursor = page.cursor;
      if (!page.more) break;
    }
    expect(seen).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(pages).toBeGreaterThanOrEqual(3);
    // The final cursor passes b's own changes too, so b does not rescan them.
    expect(cursor).toBe(await count(db, 'SELECT max(server_seq) AS n FROM changes'));
    const a_view = PullResponseSchema.parse((await pull(a, 0)).body);
    expect(a_view.changes.map((c) => c.consoleId)).toEqual([b.id, b.id]);
  });

  it('keeps changes from a newer schema (held), relays them, but does not project them', async () => {
    const newer = change(a.id, 9, {
      schemaVersion: 99,
      entityId: 'held-1',
      fields: { futureField: { nested: true } },
    });
    const r = await push(a, [newer]);
    expect(r.status).toBe(200);
    expect(
      await count(db, `SELECT count(*) AS n FROM changes WHERE held AND console_id = '${a.id}' AND seq = 9`),
    ).toBe(1);
    expect(await count(db, "SELECT count(*) AS n FROM entity_state WHERE entity_id = 'held-1'")).toBe(0);
    const page = PullResponseSchema.parse((await pull(b, 0, 1000)).body);
    expect(page.changes.find((c) => c.seq === 9 && c.consoleId === a.id)?.schemaVersion).toBe(99);
  });

  it('projects current changes into entity_state by field-level LWW', async () => {
    const id = '11111111-1111-4111-8111-111111111111';
    const earlier = change(a.id, 10, { entityId: id, fields: { description: 'earlier', address: 'Road 1' } });
    const later = change(b.id, 3, { entityId: id, fields: { description: 'later' } });
    await push(b, [later]);
    await push(a, [earlier]); // arrives last but is older by HLC
    const desc = await pg.psql(
      db,
      `SELECT fields->>'description' || '|' || (fields->>'address') FROM entity_state WHERE entity_id = '${id}'`,
    );
    expect(desc).toBe('later|Road 1');
  });
});
