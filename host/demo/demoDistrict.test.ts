import { describe, expect, it } from 'vitest';
import { call, makeHost } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';

const tmp = useTempDirs();

describe('demo district', () => {
  it('loads a street, two communities, eight grids, compounds, units and incidents, all marked demo', async () => {
    const host = makeHost(tmp(), { demo: true });
    const hello = await call(host, 'system.hello');
    expect(hello).toMatchObject({ firstRun: false, demo: true });
    const grid = await call(host, 'grid.list');
    const byLevel = (l: string) => grid.filter((g) => g.level === l).length;
    expect([byLevel('street'), byLevel('community'), byLevel('grid'), byLevel('compound')]).toEqual([
      1, 2, 8, 4,
    ]);
    expect(grid.every((g) => g.isDemo)).toBe(true);
    const units = await call(host, 'unit.list');
    expect(units.length).toBeGreaterThanOrEqual(5);
    const { items } = await call(host, 'incident.list', { limit: 500 });
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.every((i) => i.isDemo)).toBe(true);
    expect(new Set(items.map((i) => i.category)).size).toBeGreaterThanOrEqual(8);
    // Grid lookup at create: inside → the deepest cell; the one outside the district → flagged (null).
    const fire = items.find((i) => i.address.startsWith('东岗小区'))!;
    expect(fire.gridCode).toBe('CP01');
    expect(items.filter((i) => i.gridCode === null)).toHaveLength(1);
    // Demo records never reach the central server as real ones: audited locally, nothing queued.
    expect(host.ctx.store.outbox.pendingCount()).toBe(0);
    expect(
      (host.ctx.store.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
    ).toBeGreaterThan(10);
    host.close();
  });

  it('is loaded once even when --demo is given again', async () => {
    const dir = tmp();
    makeHost(dir, { demo: true }).close();
    const host = makeHost(dir, { demo: true });
    expect((await call(host, 'grid.list')).length).toBe(15);
    host.close();
  });

  it('first run offers the choice; choosing empty leaves no demo data', async () => {
    const host = makeHost(tmp());
    expect((await call(host, 'system.hello')).firstRun).toBe(true);
    const after = await call(host, 'system.setup', { mode: 'empty' });
    expect(after).toMatchObject({ firstRun: false, demo: false });
    expect((await call(host, 'incident.list', {})).total).toBe(0);
    host.close();
  });
});
