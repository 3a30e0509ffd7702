/**
 * Epoch: the server database is restored from an older dump (pg_restore --clean in place). The server issues a
 * new epoch; consoles notice (409 epoch_changed), re-pull from the start and re-push everything the server lost.
 * Nothing is lost, nothing is duplicated, and a console that joins afterwards gets the whole history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Host } from '../../host/host';
import { startPostgres, type PgCluster } from '../peers/postgres';
import { count, device, startServer, type Running } from '../../server/testing/fixtures';
import { sampleIncident, call } from '../helpers/host';
import { useTempDirs } from '../helpers/tmp';
import { consoleFor, fingerprint, waitFor } from './syncHarness';

let pgc: PgCluster;
let srv: Running;
const tmp = useTempDirs();
beforeAll(async () => {
  pgc = await startPostgres();
  srv = await startServer(pgc.url, { rateLimit: false });
});
afterAll(async () => {
  await srv?.server.close();
  await pgc?.stop();
});

const settled = async (hosts: Host[]) => {
  for (const h of hosts) {
    const s = await call(h, 'system.syncStatus');
    if (s.state !== 'online' || s.pending !== 0) return false;
  }
  return hosts.every((h) => fingerprint(h).hash === fingerprint(hosts[0]!).hash);
};

describe('sync epoch', () => {
  it('re-pushes what a restored server lost; nothing lost, nothing twice', async () => {
    const [da, db] = [await device(pgc.url), await device(pgc.url)];
    const a = consoleFor(tmp(), da, srv.url);
    const b = consoleFor(tmp(), db, srv.url);
    const hosts = [a, b];
    try {
      for (let i = 0; i < 3; i++)
        await call(a, 'incident.create', { ...sampleIncident, description: `old ${i}` });
      await waitFor('first sync', () => settled(hosts));
      const epochBefore = (await call(a, 'sync.details')).epoch;
      const dump = join(tmp(), 'server.dump');
      await pgc.dump(pgc.url, dump);

      // Work the backup will not have.
      for (let i = 0; i < 3; i++)
        await call(a, 'incident.create', { ...sampleIncident, description: `new a${i}` });
      const fromB = await call(b, 'incident.create', { ...sampleIncident, description: 'new b' });
      await call(b, 'incident.setStatus', { id: fromB.id, status: 'accepted' });
      await waitFor('second sync', () => settled(hosts));
      const before = fingerprint(a);

      await pgc.restoreInPlace(dump, pgc.url);
      expect(await count(pgc.url, `SELECT count(*) AS n FROM changes WHERE console_id = '${db.id}'`)).toBe(0);

      // One more write each so nobody waits for the timer; then everything must come back.
      await call(a, 'incident.create', { ...sampleIncident, description: 'after restore' });
      await waitFor('re-sync after restore', () => settled(hosts), 20_000);
      expect((await call(a, 'sync.details')).epoch).not.toBe(epochBefore);
      expect(fingerprint(a).incidents).toBe(before.incidents + 1);

      // Exactly once: every queued change of each console is on the server once, under its own seq.
      for (const [h, d] of [
        [a, da],
        [b, db],
      ] as const) {
        const local = (h.ctx.store.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
        expect(await count(pgc.url, `SELECT count(*) AS n FROM changes WHERE console_id = '${d.id}'`)).toBe(
          local,
        );
        expect(
          await count(pgc.url, `SELECT count(DISTINCT seq) AS n FROM changes WHERE console_id = '${d.id}'`),
        ).toBe(local);
      }

      // A console that joins now gets the whole history from the restored server.
      const c = consoleFor(tmp(), await device(pgc.url), srv.url);
      hosts.push(c);
      await waitFor('newcomer caught up', () => settled(hosts), 20_000);
    } finally {
      for (const h of hosts) await h.close();
    }
  }, 60_000);
});
