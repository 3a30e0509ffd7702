import { describe, expect, it } from 'vitest';
import { call, makeHost, tableCounts } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import { demoGridCells } from '../demo/demoDistrict';
import { gridToGeojson, parseGridGeojson } from './gridGeojson';

const tmp = useTempDirs();
const demo = () => gridToGeojson(demoGridCells());

function importError(e: unknown) {
  return (e as { hostError: { code: string; issues: { path: string; message: string }[] } }).hostError;
}

describe('grid GeoJSON import/export', () => {
  it('round-trips the demo grid through export and import into an empty console', async () => {
    const a = makeHost(tmp(), { demo: true });
    const exported = await call(a, 'grid.export');
    expect(exported.features).toHaveLength(15);
    const b = makeHost(tmp());
    expect(await call(b, 'grid.import', { geojson: exported })).toEqual({
      created: 15,
      updated: 0,
      total: 15,
      dryRun: false,
    });
    expect(await call(b, 'grid.import', { geojson: exported })).toMatchObject({ created: 0, updated: 15 });
    const cells = (await call(b, 'grid.list')).map(({ isDemo: _d, ...c }) => c);
    const original = (await call(a, 'grid.list')).map(({ isDemo: _d, ...c }) => c);
    expect(cells).toEqual(original);
    // Every import is audited and queued for sync.
    expect(b.ctx.store.outbox.pendingCount()).toBe(30);
    a.close();
    b.close();
  });

  it('finds the cell at every level for a point, and flags a point outside every grid', async () => {
    const host = makeHost(tmp(), { demo: true });
    const inside = await call(host, 'grid.locate', { lon: 103.664, lat: 36.494 });
    expect(inside.cells.map((c) => c.code)).toEqual(['ST01', 'CM01', 'GR01', 'CP01']);
    // On the shared edge of two grids: both contain it (boundary counts as inside), street first.
    const edge = await call(host, 'grid.locate', { lon: 103.67, lat: 36.495 });
    expect(edge.cells.map((c) => c.level)).toEqual(['street', 'community', 'grid', 'grid']);
    expect(await call(host, 'grid.locate', { lon: 104.5, lat: 36.5 })).toEqual({ cells: [], outside: true });
    host.close();
  });

  it.each([
    ['not a FeatureCollection', () => ({ type: 'Feature' }), '(file)', /FeatureCollection/],
    [
      'a point instead of a polygon',
      () => {
        const g = demo();
        (g.features[3]!.geometry as unknown) = { type: 'Point', coordinates: [103.67, 36.5] };
        return g;
      },
      'features.3 (GR01)',
      /must be a Polygon, got Point/,
    ],
    [
      'a broken parent',
      () => {
        const g = demo();
        g.features[4]!.properties.parentCode = 'CM99';
        return g;
      },
      'features.4 (GR02)',
      /parent CM99 is neither in the file/,
    ],
    [
      'a parent at the wrong level',
      () => {
        const g = demo();
        g.features[4]!.properties.parentCode = 'ST01';
        return g;
      },
      'features.4 (GR02)',
      /parent must be a community/,
    ],
    [
      'a self-intersecting polygon',
      () => {
        const g = demo();
        g.features[3]!.geometry.coordinates = [
          [
            [103.66, 36.49],
            [103.67, 36.5],
            [103.67, 36.49],
            [103.66, 36.5],
            [103.66, 36.49],
          ],
        ];
        return g;
      },
      'features.3 (GR01)',
      /intersects itself at 103\.665/,
    ],
    [
      'a projected CRS',
      () => ({ ...demo(), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } } }),
      'crs',
      /not WGS-84/,
    ],
    [
      'projected coordinates without a CRS',
      () => {
        const g = demo();
        g.features[0]!.geometry.coordinates = [
          [
            [11541000, 4369000],
            [11545000, 4369000],
            [11545000, 4372000],
            [11541000, 4369000],
          ],
        ];
        return g;
      },
      'features.0 (ST01)',
      /looks projected/,
    ],
    [
      'a child outside its parent',
      () => {
        const g = demo();
        g.features[14]!.geometry.coordinates = [
          [
            [103.71, 36.52],
            [103.72, 36.52],
            [103.72, 36.53],
            [103.71, 36.53],
            [103.71, 36.52],
          ],
        ];
        return g;
      },
      'features.14 (CP04)',
      /not inside its parent GR08/,
    ],
    [
      'a duplicate code',
      () => {
        const g = demo();
        g.features[5]!.properties.code = 'GR01';
        return g;
      },
      'features.5 (GR01)',
      /used again \(first at features.3\)/,
    ],
    [
      'an open ring',
      () => {
        const g = demo();
        g.features[6]!.geometry.coordinates[0]!.pop();
        return g;
      },
      'features.6 (GR04)',
      /not closed|at least 4/,
    ],
  ])('refuses %s, naming the feature, and imports nothing', async (_name, make, path, message) => {
    const host = makeHost(tmp());
    const before = tableCounts(host);
    const err = await call(host, 'grid.import', { geojson: make() }).catch(importError);
    expect(err).toMatchObject({ code: 'bad_request' });
    const issue = (err as ReturnType<typeof importError>).issues.find((i) => i.path === path);
    expect(issue, JSON.stringify((err as ReturnType<typeof importError>).issues)).toBeTruthy();
    expect(issue!.message).toMatch(message);
    expect(tableCounts(host)).toEqual(before);
    host.close();
  });

  it('a dry run validates without storing', async () => {
    const host = makeHost(tmp());
    expect(await call(host, 'grid.import', { geojson: demo(), dryRun: true })).toEqual({
      created: 0,
      updated: 0,
      total: 15,
      dryRun: true,
    });
    expect(await call(host, 'grid.list')).toEqual([]);
    host.close();
  });

  it('accepts snake_case properties from other tools and lists every problem at once', () => {
    const g = demo();
    const f = g.features[1]! as unknown as { properties: Record<string, unknown> };
    f.properties = {
      level: 'community',
      code: 'CM01',
      name: '东岗社区',
      parent_code: 'ST01',
      responsible_units: [],
    };
    expect(parseGridGeojson(g, []).ok).toBe(true);
    g.features[2]!.properties.level = 'district';
    g.features[3]!.properties.name = '';
    const r = parseGridGeojson(g, []);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => p.path)).toEqual(
        expect.arrayContaining(['features.2 (CM02)', 'features.3 (GR01)']),
      );
  });
});
