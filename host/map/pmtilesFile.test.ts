import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPmtilesFile, type PmtilesFileSource } from './pmtilesFile';
import { sharedMapData } from './testPaths';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fengsui-pmtiles-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function mustOpen(file: string): Promise<PmtilesFileSource> {
  const result = await openPmtilesFile(file);
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

async function reasonFor(file: string): Promise<string> {
  const result = await openPmtilesFile(file);
  return result.ok ? 'opened' : result.problem.reason;
}

// Both fixtures come from tippecanoe -zg on a unit square / triangle at (0,0)-(1,1) (see pmtiles-js-v3.test.ts).
describe.each(['test_fixture_1.pmtiles', 'test_fixture_2.pmtiles'])('%s (vector, z0 only)', (name) => {
  let source: PmtilesFileSource;
  beforeAll(async () => {
    source = await mustOpen(sharedMapData(name));
  });
  afterAll(async () => {
    await source.close();
  });

  it('describes header and metadata', () => {
    expect(source.kind).toBe('pmtiles');
    // tippecanoe names the single layer after the input file, minus punctuation.
    const layer = name.replace('.', ''); // e.g. test_fixture_1pmtiles
    expect(source.info).toMatchObject({ name, format: 'pbf', minzoom: 0, maxzoom: 0, vectorLayers: [layer] });
    const [w, s, e, n] = source.info.bounds;
    expect([w, s, n]).toEqual([0, 0, 1]);
    expect(e).toBeCloseTo(1, 6); // stored as 0.9999999 (the upstream test notes the same)
  });

  it('serves the single z0 tile already inflated, so without content-encoding', async () => {
    const tile = await source.getTile(0, 0, 0);
    expect(tile.status).toBe(200);
    if (tile.status !== 200) return;
    expect(tile.headers).toEqual({ 'content-type': 'application/x-protobuf' });
    expect(tile.body.length).toBeGreaterThan(0);
    expect(tile.body[0]).not.toBe(0x1f);
  });

  it('answers 204 beyond maxzoom and 400 for impossible addresses', async () => {
    expect(await source.getTile(1, 0, 0)).toEqual({ status: 204 });
    expect((await source.getTile(0, 1, 0)).status).toBe(400);
    expect((await source.getTile(-1, 0, 0)).status).toBe(400);
    expect((await source.getTile(27, 0, 0)).status).toBe(400);
  });
});

describe('stamen_toner_raster_z3.pmtiles (raster world, z0–3)', () => {
  let source: PmtilesFileSource;
  beforeAll(async () => {
    source = await mustOpen(sharedMapData('stamen_toner_raster_z3.pmtiles'));
  });
  afterAll(async () => {
    await source.close();
  });

  it('is a png world basemap z0–3', () => {
    expect(source.info).toMatchObject({ format: 'png', minzoom: 0, maxzoom: 3 });
    expect(source.info.vectorLayers).toBeUndefined();
    expect(source.info.bounds).toEqual([-180, -85, 180, 85]);
  });

  it('serves every tile of every zoom as PNG', async () => {
    for (let z = 0; z <= 3; z++) {
      for (let x = 0; x < 2 ** z; x++) {
        for (let y = 0; y < 2 ** z; y++) {
          const tile = await source.getTile(z, x, y);
          expect(tile.status, `${z}/${x}/${y}`).toBe(200);
          if (tile.status !== 200) continue;
          expect(tile.headers).toEqual({ 'content-type': 'image/png' });
          expect([...tile.body.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
        }
      }
    }
  });

  it('gives different images for different places (y is not flipped like MBTiles)', async () => {
    const north = await source.getTile(1, 0, 0);
    const south = await source.getTile(1, 0, 1);
    expect(north.status === 200 && south.status === 200).toBe(true);
    if (north.status === 200 && south.status === 200)
      expect(Buffer.from(north.body).equals(Buffer.from(south.body))).toBe(false);
  });

  it('answers 204 at z4', async () => {
    expect(await source.getTile(4, 0, 0)).toEqual({ status: 204 });
  });
});

describe('refused files', () => {
  it('invalid.pmtiles (wrong signature)', async () => {
    const file = sharedMapData('invalid.pmtiles');
    const result = await openPmtilesFile(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.reason).toBe('not_pmtiles');
    expect(result.problem.message).toContain(file);
  });

  it('invalid_v4.pmtiles (future spec version)', async () => {
    const result = await openPmtilesFile(sharedMapData('invalid_v4.pmtiles'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.reason).toBe('unsupported_version');
    expect(result.problem.message).toContain('version 4');
  });

  it('empty.pmtiles (0 bytes)', async () => {
    expect(await reasonFor(sharedMapData('empty.pmtiles'))).toBe('empty');
  });

  it('a missing file', async () => {
    expect(await reasonFor(join(dir, 'gone.pmtiles'))).toBe('missing');
  });

  it('a PMTiles v2 archive', async () => {
    const file = join(dir, 'v2.pmtiles');
    writeFileSync(file, Buffer.concat([Buffer.from([0x50, 0x4d, 0x02, 0x00]), Buffer.alloc(600)]));
    expect(await reasonFor(file)).toBe('unsupported_version');
  });

  it('a v3 archive cut short inside the header', async () => {
    const file = join(dir, 'short-header.pmtiles');
    writeFileSync(file, readFileSync(sharedMapData('test_fixture_1.pmtiles')).subarray(0, 60));
    expect(await reasonFor(file)).toBe('corrupt');
  });

  it('a v3 archive cut short inside the root directory', async () => {
    const file = join(dir, 'short-dir.pmtiles');
    writeFileSync(file, readFileSync(sharedMapData('test_fixture_1.pmtiles')).subarray(0, 140));
    expect(await reasonFor(file)).toBe('corrupt');
  });

  it('answers 500, not a crash, once closed', async () => {
    const file = join(dir, 'copy.pmtiles');
    copyFileSync(sharedMapData('test_fixture_1.pmtiles'), file);
    const source = await mustOpen(file);
    await source.close();
    await source.close();
    expect((await source.getTile(0, 0, 0)).status).toBe(500);
  });
});
