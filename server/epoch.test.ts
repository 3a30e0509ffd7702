import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EpochChangedBodySchema, type PushResponse } from '../contract/sync';
import { startPostgres, type PgCluster } from '../test/peers/postgres';
import { runCommand } from './main';
import { call, change, device, startServer, type TestDevice } from './testing/fixtures';

let pg: PgCluster;
let dir: string;
beforeAll(async () => {
  pg = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'fengsui-epoch-'));
});
afterAll(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function pushVia(url: string, who: TestDevice, seqs: number[], epoch: string | null) {
  return call<PushResponse>(url, '/v1/push', {
    body: { epoch, changes: seqs.map((n) => change(who.id, n)) },
    credential: who.credential,
  });
}
async function epochOf(databaseUrl: string): Promise<string> {
  const s = await startServer(databaseUrl);
  try {
    return (await call<{ epoch: string }>(s.url, '/health')).body.epoch;
  } finally {
    await s.server.close();
  }
}

describe('sync epoch', () => {
  it('survives restarts but changes when the database is restored from an older dump', async () => {
    const db = await pg.createDatabase('live');
    const s = await startServer(db);
    const a = await device(db);
    const first = await pushVia(s.url, a, [1, 2, 3], null);
    const e1 = first.body.epoch;
    await pg.dump(db, join(dir, 'backup.dump'));
    const later = await pushVia(s.url, a, [4, 5], e1); // pushed after the backup: lost by the restore
    expect(later.body).toEqual({ epoch: e1, highestSeq: 5 });
    await s.server.close();

    expect(await epochOf(db)).toBe(e1); // a plain restart keeps the epoch

    // Restore into a new database (the usual createdb + pg_restore).
    const restored = await pg.restore(join(dir, 'backup.dump'), 'restored');
    const r = await startServer(restored);
    try {
      const refused = await pushVia(r.url, a, [6], e1);
      expect(refused.status).toBe(409);
      const body = EpochChangedBodySchema.parse(refused.body);
      expect(body.epoch).not.toBe(e1);
      expect(body.highestSeq).toBe(3); // the console must re-push 4, 5 and 6
      const resumed = await pushVia(r.url, a, [4, 5, 6], body.epoch);
      expect(resumed.body).toEqual({ epoch: body.epoch, highestSeq: 6 });
      expect(r.logs.text).toContain('issued a new sync epoch');
    } finally {
      await r.server.close();
    }
  });

  it('changes when a dump is restored in place over the same database', async () => {
    const db = await pg.createDatabase('inplace');
    const s = await startServer(db);
    const a = await device(db);
    const e1 = (await pushVia(s.url, a, [1], null)).body.epoch;
    await pg.dump(db, join(dir, 'inplace.dump'));
    await pushVia(s.url, a, [2], e1);
    await s.server.close();
    await pg.restoreInPlace(join(dir, 'inplace.dump'), db);
    const e2 = await epochOf(db);
    expect(e2).not.toBe(e1);
    expect(await epochOf(db)).toBe(e2); // and is then stable
  });

  it('changes when an operator runs restore-epoch', async () => {
    const db = await pg.createDatabase('operator');
    const e1 = await epochOf(db);
    const out: string[] = [];
    await runCommand({ kind: 'restore-epoch', databaseUrl: db }, (l) => out.push(l));
    expect(out.join('\n')).toMatch(/new sync epoch/);
    const e2 = await epochOf(db);
    expect(e2).not.toBe(e1);
    expect(await pg.psql(db, 'SELECT count(*) FROM epoch_history')).toBe('2');
  });

  it('two instances noticing the same restore agree on one new epoch', async () => {
    const db = await pg.createDatabase('race');
    const e1 = await epochOf(db);
    await pg.psql(db, "UPDATE server_epoch SET fingerprint = 'stale'"); // simulate restored storage
    const [x, y] = await Promise.all([startServer(db), startServer(db)]);
    try {
      const [hx, hy] = await Promise.all([
        call<{ epoch: string }>(x.url, '/health'),
        call<{ epoch: string }>(y.url, '/health'),
      ]);
      expect(hx.body.epoch).not.toBe(e1);
      expect(hx.body.epoch).toBe(hy.body.epoch);
    } finally {
      await Promise.all([x.server.close(), y.server.close()]);
    }
  });
});
