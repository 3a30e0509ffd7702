import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SyncNotificationSchema, type SyncNotification } from '../contract/sync';
import { startPostgres, type PgCluster } from '../test/peers/postgres';
import { call, change, device, startServer, type Running, type TestDevice } from './testing/fixtures';

let pg: PgCluster;
let one: Running;
let two: Running;
let a: TestDevice;
let b: TestDevice;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  pg = await startPostgres();
  [one, two] = await Promise.all([startServer(pg.url), startServer(pg.url)]);
  a = await device(pg.url);
  b = await device(pg.url);
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await Promise.all([one?.server.close(), two?.server.close()]);
  await pg?.stop();
});

/** Connect and collect notifications; resolves after the hello. */
async function listen(
  base: string,
  who: TestDevice,
): Promise<{ messages: SyncNotification[]; next: (type: string) => Promise<SyncNotification> }> {
  const ws = new WebSocket(base.replace(/^http/, 'ws') + '/v1/ws', {
    headers: { authorization: `Bearer ${who.credential}` },
  });
  sockets.push(ws);
  const messages: SyncNotification[] = [];
  const waiters: { type: string; resolve: (m: SyncNotification) => void }[] = [];
  ws.on('message', (data) => {
    const m = SyncNotificationSchema.parse(JSON.parse(String(data)));
    messages.push(m);
    const i = waiters.findIndex((w) => w.type === m.type);
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(m);
  });
  const next = (type: string): Promise<SyncNotification> =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no ${type} message within 5 s`)), 5000);
      waiters.push({ type, resolve: (m) => (clearTimeout(t), resolve(m)) });
    });
  const hello = next('hello');
  await hello;
  return { messages, next };
}

describe('two server instances on one database', () => {
  it('a push to instance one wakes a console connected to instance two (LISTEN/NOTIFY)', async () => {
    const bOnTwo = await listen(two.url, b);
    const aOnOne = await listen(one.url, a);
    expect(bOnTwo.messages[0]).toMatchObject({ type: 'hello', serverSeq: 0 });
    const woke = bOnTwo.next('changes');
    const r = await call<{ highestSeq: number }>(one.url, '/v1/push', {
      body: { epoch: null, changes: [change(a.id, 1)] },
      credential: a.credential,
    });
    expect(r.status).toBe(200);
    const m = await woke;
    expect(m).toEqual({ type: 'changes', serverSeq: 1 });
    // The pushing console is not woken for its own change.
    await new Promise((r) => setTimeout(r, 200));
    expect(aOnOne.messages.filter((x) => x.type === 'changes')).toEqual([]);
    // And instance two serves what instance one stored.
    const page = await call<{ changes: unknown[] }>(two.url, '/v1/pull?cursor=0', {
      credential: b.credential,
    });
    expect(page.body.changes).toHaveLength(1);
  });

  it('both instances agree on the epoch and serve the same stream', async () => {
    const [h1, h2] = await Promise.all([
      call<{ epoch: string }>(one.url, '/health'),
      call<{ epoch: string }>(two.url, '/health'),
    ]);
    expect(h1.status).toBe(200);
    expect(h1.body.epoch).toBe(h2.body.epoch);
  });

  it('concurrent pushes through both instances leave no gap a reader could skip', async () => {
    const c = await device(pg.url);
    const pushes = Array.from({ length: 20 }, (_, i) => {
      const who = i % 2 === 0 ? a : b;
      const seq = 100 + i;
      return call(i % 4 < 2 ? one.url : two.url, '/v1/push', {
        body: { epoch: null, changes: [change(who.id, seq)] },
        credential: who.credential,
      });
    });
    // A reader pulling while the pushes land must still end with every change exactly once.
    const seen = new Set<number>();
    let cursor = 0;
    const reader = (async () => {
      for (let i = 0; i < 30; i++) {
        const page = await call<{ changes: { serverSeq: number }[]; cursor: number }>(
          two.url,
          `/v1/pull?cursor=${cursor}`,
          { credential: c.credential },
        );
        for (const ch of page.body.changes) seen.add(ch.serverSeq);
        cursor = page.body.cursor;
      }
    })();
    const results = await Promise.all(pushes);
    await reader;
    expect(results.every((r) => r.status === 200)).toBe(true);
    const last = await call<{ changes: { serverSeq: number }[] }>(two.url, `/v1/pull?cursor=${cursor}`, {
      credential: c.credential,
    });
    for (const ch of last.body.changes) seen.add(ch.serverSeq);
    expect(seen.size).toBe(21);
  });

  it('refuses a WebSocket without a valid credential', async () => {
    const ws = new WebSocket(two.url.replace(/^http/, 'ws') + '/v1/ws');
    sockets.push(ws);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(401);
  });
});
