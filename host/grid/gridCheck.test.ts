import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GRID_PROBLEM_REASONS, GridProblemSchema } from '../../contract';
import { call, makeHost, tableCounts } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import { demoGridCells } from '../demo/demoDistrict';
import { gridToGeojson, parseGridGeojson } from './gridGeojson';

const tmp = useTempDirs();
const demo = () => gridToGeojson(demoGridCells());

/** The three breakages the grid screen's e2e also uses: a line, a dangling parent, a bow-tie. */
function broken() {
  const g = demo() as { features: { properties: Record<string, unknown>; geometry: unknown }[] };
  g.features[3]!.geometry = {
    type: 'LineString',
    coordinates: [
      [103.66, 36.49],
      [103.67, 36.5],
    ],
  };
  g.features[5]!.properties.parentCode = 'CM99';
  g.features[14]!.geometry = {
    type: 'Polygon',
    coordinates: [
      [
        [103.671, 36.501],
        [103.674, 36.504],
        [103.674, 36.501],
        [103.671, 36.504],
        [103.671, 36.501],
      ],
    ],
  };
  return g;
}

describe('grid.import.check', () => {
  it('reports what an import would do, per level, and stores nothing', async () => {
    const host = makeHost(tmp());
    const before = tableCounts(host);
    expect(await call(host, 'grid.import.check', { geojson: demo() })).toEqual({
      ok: true,
      total: 15,
      created: 15,
      updated: 0,
      byLevel: { street: 1, community: 2, grid: 8, compound: 4 },
    });
    expect(tableCounts(host)).toEqual(before);
    await call(host, 'grid.import', { geojson: demo() });
    expect(await call(host, 'grid.import.check', { geojson: demo() })).toMatchObject({
      created: 0,
      updated: 15,
    });
    host.close();
  });

  it('lists every refused feature with a reason the screen can translate, and import refuses the same ones', async () => {
    const host = makeHost(tmp());
    const r = await call(host, 'grid.import.check', { geojson: broken() });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.feature, p.code, p.reason])).toEqual([
      [3, 'GR01', 'not_polygon'],
      [14, 'CP04', 'self_intersection'],
      [5, 'GR03', 'parent_unknown'],
      // CP01's parent GR01 is in the file but was refused: said so, not "missing".
      [11, 'CP01', 'parent_refused'],
    ]);
    expect(r.problems[0]).toMatchObject({
      name: demo().features[3]!.properties.name,
      params: { type: 'LineString' },
    });
    expect(r.problems[2]!.params).toEqual({ parent: 'CM99' });
    const err = await call(host, 'grid.import', { geojson: broken() }).catch(
      (e: { hostError: { issues: { path: string }[] } }) => e.hostError,
    );
    expect((err as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(
      r.problems.map((p) => p.path),
    );
    expect(await call(host, 'grid.list')).toEqual([]);
    host.close();
  });

  it('needs the role that may import (a supervisor or an administrator)', async () => {
    const host = makeHost(tmp());
    const users = host.users.users;
    const admin = await users.create(
      { transport: 'ws', clientId: 'a' },
      {
        username: 'admin',
        displayName: 'A',
        role: 'admin',
        password: 'long enough password',
      },
    );
    expect(admin.role).toBe('admin');
    await users.create(
      { transport: 'ws', clientId: 'a' },
      {
        username: 'op',
        displayName: 'O',
        role: 'operator',
        password: 'long enough password',
      },
    );
    await users.signIn({ transport: 'ws', clientId: 'o' }, 'op', 'long enough password');
    const res = await host.router.handleFrame(
      { t: 'req', id: 1, method: 'grid.import.check', params: { geojson: demo() } },
      { transport: 'ws', clientId: 'o' },
    );
    expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const exported = await host.router.handleFrame(
      { t: 'req', id: 2, method: 'grid.export' },
      { transport: 'ws', clientId: 'o' },
    );
    expect(exported).toMatchObject({ ok: true });
    await host.close();
  });
});

describe('parseGridGeojson (properties)', () => {
  it('never throws on arbitrary JSON, and every problem is well-formed', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = parseGridGeojson(v, []);
        if (!r.ok) {
          expect(r.problems.length).toBeGreaterThan(0);
          for (const p of r.problems) expect(GridProblemSchema.parse(p).message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a damaged feature of a valid grid refuses the file and names that feature', () => {
    const damage = fc.oneof(
      fc.constant(
        (f: Record<string, unknown>) => void (f.geometry = { type: 'Point', coordinates: [103.66, 36.49] }),
      ),
      fc.constant(
        (f: Record<string, unknown>) => void ((f.properties as Record<string, unknown>).level = 'district'),
      ),
      fc.constant(
        (f: Record<string, unknown>) => void ((f.properties as Record<string, unknown>).code = 'bad code!'),
      ),
      fc.constant(
        (f: Record<string, unknown>) => void ((f.properties as Record<string, unknown>).name = ' '),
      ),
      fc.constant(
        (f: Record<string, unknown>) =>
          void (f.geometry as { coordinates: number[][][] }).coordinates[0]!.pop(),
      ),
      fc.constant((f: Record<string, unknown>) => void (f.type = 'Geometry')),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 14 }), damage, (i, hurt) => {
        const g = structuredClone(demo()) as unknown as { features: Record<string, unknown>[] };
        hurt(g.features[i]!);
        const r = parseGridGeojson(g, []);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.problems.some((p) => p.feature === i)).toBe(true);
          for (const p of r.problems) expect(GRID_PROBLEM_REASONS).toContain(p.reason);
        }
      }),
      { numRuns: 200 },
    );
  });
});
