import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PgCluster } from '../../test/peers/postgres';
import { call, change, count, device, startServer, type Running, type TestDevice } from '../testing/fixtures';

/**
 * The push route stores the rows PostgreSQL reads out of the body text as received (not a re-serialised copy
 * of what was validated); these are the places where the two could part.
 */
let pg: PgCluster;
let s: Running;
let a: TestDevice;

beforeAll(async () => {
  pg = await startPostgres();
  s = await startServer(pg.url, { rateLimit: false });
  a = await device(pg.url);
});
afterAll(async () => {
  await s?.server.close();
  await pg?.stop();
});

const pushText = (rawBody: string) => call(s.url, '/v1/push', { rawBody, credential: a.credential });
const stored = (sql: string) => count(pg.url, sql);

describe('push stores exactly what was validated', () => {
  it('numbers written as 1.0 and a byte-order mark are read as JSON.parse reads them', async () => {
    const c = change(a.id, 1, { fields: { description: 'one', version: 2 } });
    const text = JSON.stringify({ epoch: null, changes: [c] }).replace('"seq":1', '"seq":1.0');
    expect(text).toContain('"seq":1.0');
    expect((await pushText(`\uFEFF${text}`)).status).toBe(200);
    expect(
      await stored(`SELECT count(*) AS n FROM changes WHERE seq = 1 AND fields->>'description' = 'one'`),
    ).toBe(1);
  });

  it('keeps the last of duplicate keys, as JSON.parse does', async () => {
    const c = change(a.id, 2);
    const text = JSON.stringify({ epoch: null, changes: [c] }).replace(
      '"fields":{',
      '"fields":{"description":"first",',
    );
    expect((await pushText(text)).status).toBe(200);
    expect(
      await stored(`SELECT count(*) AS n FROM changes WHERE seq = 2 AND fields->>'description' = 'change 2'`),
    ).toBe(1);
  });

  it('refuses text PostgreSQL cannot store with a 400, storing nothing', async () => {
    const before = await stored('SELECT count(*) AS n FROM changes');
    const nul = change(a.id, 3, { fields: { description: 'nul \u0000 here' } });
    const r = await pushText(JSON.stringify({ epoch: null, changes: [change(a.id, 4), nul] }));
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toMatch(/cannot store/);
    // Not in a change at all, yet in the body PostgreSQL reads: still the console's problem, still a 400.
    const lone = `{"epoch":null,"note":"\\ud800","changes":[${JSON.stringify(change(a.id, 5))}]}`;
    expect((await pushText(lone)).status).toBe(400);
    expect(await stored('SELECT count(*) AS n FROM changes')).toBe(before);
  });
});
