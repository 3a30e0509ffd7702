import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostFailure } from '../../contract/errors';
import { mapFileFailure } from './mapFileProblem';
import { sharedMapData } from './testPaths';
import { openTileSource, type TileSource } from './tileSource';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fengsui-tilesource-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function kindOf(file: string): Promise<string> {
  const result = await openTileSource(file);
  if (!result.ok) return result.problem.reason;
  await result.value.close();
  return result.value.kind;
}

describe('openTileSource picks the reader by content', () => {
  it.each([
    ['world_cities.mbtiles', 'mbtiles'],
    ['test_fixture_1.pmtiles', 'pmtiles'],
    ['test_fixture_2.pmtiles', 'pmtiles'],
    ['stamen_toner_raster_z3.pmtiles', 'pmtiles'],
  ])('%s → %s', async (name, kind) => {
    expect(await kindOf(sharedMapData(name))).toBe(kind);
  });

  it('ignores a misleading extension', async () => {
    const mbtilesNamedPmtiles = join(dir, 'cities.pmtiles');
    copyFileSync(sharedMapData('world_cities.mbtiles'), mbtilesNamedPmtiles);
    const pmtilesNamedMbtiles = join(dir, 'basemap.mbtiles');
    copyFileSync(sharedMapData('stamen_toner_raster_z3.pmtiles'), pmtilesNamedMbtiles);
    const noExtension = join(dir, 'basemap');
    copyFileSync(sharedMapData('stamen_toner_raster_z3.pmtiles'), noExtension);

    expect(await kindOf(mbtilesNamedPmtiles)).toBe('mbtiles');
    expect(await kindOf(pmtilesNamedMbtiles)).toBe('pmtiles');
    expect(await kindOf(noExtension)).toBe('pmtiles');
  });

  it.each([
    ['invalid.pmtiles', 'unknown_format'],
    ['invalid_v4.pmtiles', 'unsupported_version'],
    ['empty.pmtiles', 'empty'],
    ['invalid.mbtiles', 'not_mbtiles'],
  ])('refuses %s with reason %s', async (name, reason) => {
    expect(await kindOf(sharedMapData(name))).toBe(reason);
  });

  it('refuses a missing file, a directory, a 0-byte file and a GeoJSON file', async () => {
    const empty = join(dir, 'empty.mbtiles');
    writeFileSync(empty, '');
    expect(await kindOf(join(dir, 'missing.mbtiles'))).toBe('missing');
    expect(await kindOf(dir)).toBe('unreadable');
    expect(await kindOf(empty)).toBe('empty');
    expect(await kindOf(sharedMapData('ne_110m_admin_0_countries.geojson'))).toBe('unknown_format');
  });
});

describe('both kinds serve through the one interface', () => {
  const sources: TileSource[] = [];
  beforeAll(async () => {
    for (const name of ['world_cities.mbtiles', 'stamen_toner_raster_z3.pmtiles']) {
      const result = await openTileSource(sharedMapData(name));
      if (!result.ok) throw new Error(result.problem.message);
      sources.push(result.value);
    }
  });
  afterAll(async () => {
    await Promise.all(sources.map((s) => s.close()));
  });

  it('z0 is 200, past maxzoom is 204, an impossible address is 400', async () => {
    for (const source of sources) {
      expect((await source.getTile(0, 0, 0)).status).toBe(200);
      expect((await source.getTile(source.info.maxzoom + 1, 0, 0)).status).toBe(204);
      expect((await source.getTile(2, 4, 0)).status).toBe(400);
    }
  });
});

describe('problems become host failures the operator can read', () => {
  it('maps to an unavailable HostFailure carrying the file and the fault', async () => {
    const result = await openTileSource(sharedMapData('invalid_v4.pmtiles'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const failure = mapFileFailure(result.problem);
    expect(failure).toBeInstanceOf(HostFailure);
    expect(failure.code).toBe('unavailable');
    expect(failure.params['detail']).toContain('invalid_v4.pmtiles');
    expect(failure.params['reason']).toBe('unsupported_version');
  });
});
