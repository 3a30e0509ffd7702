import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerErrorBodySchema } from '../contract/sync';
import { startPostgres, type PgCluster } from '../test/peers/postgres';
import { call, change, count, device, startServer, type Running, type TestDevice } from './testing/fixtures';

let pg: PgCluster;
let s: Running;
let a: TestDevice;
let b: TestDevice;
let intake: TestDevice;
const rows = () => count(pg.url, 'SELECT count(*) AS n FROM changes');

beforeAll(async () => {
  pg = await startPostgres();
  s = await startServer(pg.url, { bodyLimit: 64 * 1024, rateLimit: { max: 40, timeWindowMs: 60_000 } });
  a = await device(pg.url);
  b = await device(pg.url);
  intake = await device(pg.url, 'intake');
});
afterAll(async () => {
  await s?.server.close();
  await pg?.stop();
});

const push = (body: unknown, credential = a.credential) => call(s.url, '/v1/push', { body, credential });

function expectError(r: { status: number; body: unknown }, status: number, code: string): string {
  expect(r.status).toBe(status);
  const body = ServerErrorBodySchema.parse(r.body);
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
  return body.error.message;
}

describe('bad input is refused with a clear 4xx and nothing is applied', () => {
  it('no credential, malformed credential, wrong token, unknown device', async () => {
    const body = { epoch: null, changes: [change(a.id, 1)] };
    expectError(await call(s.url, '/v1/push', { body }), 401, 'unauthorized');
    expectError(
      await call(s.url, '/v1/push', { body, headers: { authorization: 'Basic abc' } }),
      401,
      'unauthorized',
    );
    const wrongToken = `${a.id}.${'A'.repeat(43)}`;
    const msg = expectError(await push(body, wrongToken), 401, 'unauthorized');
    expect(msg).toContain('device id or token is wrong');
    expectError(
      await push(body, `00000000-0000-4000-8000-000000000000.${a.credential.split('.')[1]}`),
      401,
      'unauthorized',
    );
    expect(await rows()).toBe(0);
  });

  it('malformed JSON, wrong shapes, empty batch', async () => {
    expectError(
      await call(s.url, '/v1/push', { rawBody: '{"epoch": nul', credential: a.credential }),
      400,
      'bad_request',
    );
    expectError(await push({ changes: 'nope' }), 400, 'bad_request');
    expectError(await push({ epoch: null, changes: [] }), 400, 'bad_request');
    const r = await push({ epoch: null, changes: [{ ...change(a.id, 1), seq: -1 }] });
    expectError(r, 400, 'bad_request');
    expect(JSON.stringify(r.body)).toContain('changes.0.seq');
    expect(await rows()).toBe(0);
  });

  it('a change for an unknown entity', async () => {
    const r = await push({
      epoch: null,
      changes: [change(a.id, 1), { ...change(a.id, 2), entity: 'spaceship' }],
    });
    expectError(r, 400, 'bad_request');
    expect(JSON.stringify(r.body)).toContain('changes.1.entity');
    expect(await rows()).toBe(0);
  });

  it('one bad change refuses the whole batch', async () => {
    const cases = [
      { ...change(a.id, 3), entity: 'timeline' as const, op: 'update' as const }, // append-only
      { ...change(a.id, 3), fields: { isDemo: true } }, // demo never synced
      { ...change(a.id, 3), fields: { isDrill: false } }, // drill flag is fixed at creation
      { ...change(a.id, 3), fields: { priority: 'P9' } }, // not a priority
      { ...change(a.id, 3), hlc: `${String(Date.now() + 3 * 86_400_000).padStart(15, '0')}-0000-x` }, // clock far ahead
    ];
    for (const bad of cases) {
      const r = await push({ epoch: null, changes: [change(a.id, 1), change(a.id, 2), bad] });
      expectError(r, 400, 'bad_request');
      expect(JSON.stringify(r.body)).toContain('changes.2.');
    }
    expect(await rows()).toBe(0);
  });

  it('a change in another console’s name is forbidden', async () => {
    const r = await push({ epoch: null, changes: [change(a.id, 1), change(b.id, 1)] });
    expectError(r, 403, 'forbidden');
    expect(await rows()).toBe(0);
  });

  it('a body over the limit is 413', async () => {
    const huge = {
      epoch: null,
      changes: [change(a.id, 1, { fields: { description: 'x'.repeat(100 * 1024) } })],
    };
    expectError(await push(huge), 413, 'payload_too_large');
    expect(await rows()).toBe(0);
  });

  it('replayed sequences are 200 with nothing added', async () => {
    const batch = { epoch: null, changes: [change(a.id, 1), change(a.id, 2)] };
    expect((await push(batch)).status).toBe(200);
    const replay = await push(batch);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ highestSeq: 2 });
    expect(await rows()).toBe(2);
    expect(s.logs.text).toContain('push replayed, nothing new');
  });

  it('a stale epoch is 409 with what the console needs to recover', async () => {
    const r = await push({ epoch: 'some-old-epoch', changes: [change(a.id, 3)] });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ reason: 'epoch_changed', highestSeq: 2, error: { code: 'conflict' } });
    const p = await call(s.url, '/v1/pull?cursor=0&epoch=some-old-epoch', { credential: b.credential });
    expect(p.status).toBe(409);
    expect(await rows()).toBe(2);
  });

  it('roles: an intake device cannot push or pull, a console cannot use intake', async () => {
    expectError(
      await push({ epoch: null, changes: [change(intake.id, 1)] }, intake.credential),
      403,
      'forbidden',
    );
    expectError(await call(s.url, '/v1/pull?cursor=0', { credential: intake.credential }), 403, 'forbidden');
    expectError(await call(s.url, '/v1/intake', { body: {}, credential: a.credential }), 403, 'forbidden');
  });

  it('bad pull parameters and unknown endpoints', async () => {
    expectError(await call(s.url, '/v1/pull?cursor=-4', { credential: a.credential }), 400, 'bad_request');
    expectError(
      await call(s.url, '/v1/pull?cursor=0&limit=100000', { credential: a.credential }),
      400,
      'bad_request',
    );
    expectError(await call(s.url, '/v1/nothing', { credential: a.credential }), 404, 'not_found');
  });

  it('never logs the token or the Authorization header', async () => {
    const secret = a.credential.split('.')[1]!;
    const wrong = b.credential.split('.')[1]!;
    await push({ epoch: null, changes: [change(a.id, 9)] }, `${a.id}.${wrong.slice(0, 42)}Q`);
    s.server.log.info(
      { headers: { authorization: `Bearer ${a.credential}` }, token: secret },
      'deliberately logging secrets',
    );
    expect(s.logs.lines.length).toBeGreaterThan(10);
    for (const t of [secret, wrong]) expect(s.logs.text).not.toContain(t);
    expect(s.logs.text).not.toMatch(/Bearer [0-9a-f]{8}-/i);
    expect(s.logs.text).toContain('[redacted]');
    // Refusals are logged with what went wrong and who asked.
    const refused = s.logs.json().filter((l) => l.msg === 'request refused');
    expect(refused.some((l) => l.code === 'unauthorized')).toBe(true);
    expect(refused.some((l) => l.code === 'bad_request' && l.deviceId === a.id)).toBe(true);
  });

  it('rate-limits per device', async () => {
    let limited: { status: number; body: unknown } | undefined;
    for (let i = 0; i < 45 && !limited; i++) {
      const r = await call(s.url, '/v1/pull?cursor=0', { credential: b.credential });
      if (r.status === 429) limited = r;
    }
    expect(limited).toBeDefined();
    expectError(limited!, 429, 'unavailable');
    // Another device still has its own budget.
    const other = await device(pg.url);
    expect((await call(s.url, '/v1/pull?cursor=0', { credential: other.credential })).status).toBe(200);
  });
});
