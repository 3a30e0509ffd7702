import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMbtiles, type MbtilesSource } from './mbtiles';
import { sharedMapData } from './testPaths';

const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fengsui-mbtiles-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Builds a small MBTiles file in the temp dir; `schema` lets a test break it in one specific way. */
function makeMbtiles(
  name: string,
  metadata: Record<string, string>,
  tiles: Array<[number, number, number, Buffer]> = [[0, 0, 0, PNG_BYTES]],
  schema = 'CREATE TABLE metadata (name text, value text); CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);',
): string {
  const file = join(dir, name);
  const db = new Database(file);
  db.exec(schema);
  const meta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
  for (const [k, v] of Object.entries(metadata)) meta.run(k, v);
  if (tiles.length > 0) {
    const tile = db.prepare(
      'INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)',
    );
    for (const t of tiles) tile.run(...t);
  }
  db.close();
  return file;
}

async function mustOpen(file: string): Promise<MbtilesSource> {
  const result = await openMbtiles(file);
  if (!result.ok) throw new Error(result.problem.message);
  return result.value;
}

describe('world_cities.mbtiles (vector, z0–6)', () => {
  const file = sharedMapData('world_cities.mbtiles');
  let source: MbtilesSource;
  beforeAll(async () => {
    source = await mustOpen(file);
  });
  afterAll(async () => {
    await source.close();
  });

  it('describes the tile set from metadata', () => {
    expect(source.kind).toBe('mbtiles');
    expect(source.info).toEqual({
      name: 'Major cities from Natural Earth data',
      format: 'pbf',
      bounds: [-123.12359, -37.818085, 174.763027, 59.352706],
      minzoom: 0,
      maxzoom: 6,
      vectorLayers: ['cities'],
    });
  });

  it('serves z0 as gzipped protobuf with the matching headers', async () => {
    const tile = await source.getTile(0, 0, 0);
    expect(tile.status).toBe(200);
    if (tile.status !== 200) return;
    expect(tile.headers).toEqual({ 'content-type': 'application/x-protobuf', 'content-encoding': 'gzip' });
    expect([tile.body[0], tile.body[1]]).toEqual([0x1f, 0x8b]);
  });

  it('flips XYZ y to the TMS row for every stored tile', async () => {
    const db = new Database(file, { readonly: true });
    const rows = db
      .prepare('SELECT zoom_level z, tile_column x, tile_row r, tile_data d FROM tiles')
      .all() as Array<{ z: number; x: number; r: number; d: Buffer }>;
    db.close();
    expect(rows.length).toBe(196);
    for (const { z, x, r, d } of rows) {
      const tile = await source.getTile(z, x, 2 ** z - 1 - r);
      expect(tile.status).toBe(200);
      if (tile.status === 200) expect(Buffer.from(tile.body).equals(d)).toBe(true);
    }
  });

  it('answers 204 for a tile that is absent or deeper than maxzoom', async () => {
    const db = new Database(file, { readonly: true });
    const present = new Set(
      (
        db.prepare('SELECT tile_column x, tile_row r FROM tiles WHERE zoom_level = 6').all() as Array<{
          x: number;
          r: number;
        }>
      ).map((t) => `${t.x}/${63 - t.r}`),
    );
    db.close();
    let absent = '';
    for (let x = 0; x < 64 && !absent; x++)
      for (let y = 0; y < 64 && !absent; y++) if (!present.has(`${x}/${y}`)) absent = `${x}/${y}`;
    const [ax, ay] = absent.split('/').map(Number) as [number, number];
    expect(await source.getTile(6, ax, ay)).toEqual({ status: 204 });
    expect(await source.getTile(7, 0, 0)).toEqual({ status: 204 });
  });

  it.each([
    [-1, 0, 0],
    [1.5, 0, 0],
    [27, 0, 0],
    [1, 2, 0],
    [1, 0, 2],
    [2, -1, 0],
    [2, 0, Number.NaN],
  ])('answers 400 for the impossible address %s/%s/%s', async (z, x, y) => {
    const tile = await source.getTile(z, x, y);
    expect(tile.status).toBe(400);
  });
});

describe('files that are not usable MBTiles', () => {
  it('invalid.mbtiles: SQLite without the MBTiles tables', async () => {
    const file = sharedMapData('invalid.mbtiles');
    const result = await openMbtiles(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.reason).toBe('not_mbtiles');
    expect(result.problem.message).toContain(file);
    expect(result.problem.message).toContain('metadata or tiles');
  });

  it('a 0-byte file', async () => {
    const file = join(dir, 'empty.mbtiles');
    writeFileSync(file, '');
    const result = await openMbtiles(file);
    expect(result.ok ? 'opened' : result.problem.reason).toBe('empty');
  });

  it('a text file named .mbtiles', async () => {
    const file = join(dir, 'notes.mbtiles');
    writeFileSync(file, 'these are not tiles\n');
    const result = await openMbtiles(file);
    expect(result.ok ? 'opened' : result.problem.reason).toBe('not_sqlite');
  });

  it('an SQLite header followed by garbage', async () => {
    const file = join(dir, 'corrupt.mbtiles');
    writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4080, 0xab)]));
    const result = await openMbtiles(file);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(['corrupt', 'unreadable']).toContain(result.problem.reason);
  });

  it('a missing file', async () => {
    const result = await openMbtiles(join(dir, 'nowhere.mbtiles'));
    expect(result.ok ? 'opened' : result.problem.reason).toBe('missing');
  });

  it('a tiles table without the MBTiles columns', async () => {
    const file = makeMbtiles(
      'wrong-columns.mbtiles',
      { format: 'png' },
      [],
      'CREATE TABLE metadata (name text, value text); CREATE TABLE tiles (z integer, blob blob);',
    );
    const result = await openMbtiles(file);
    expect(result.ok ? 'opened' : result.problem.reason).toBe('not_mbtiles');
  });

  it('an unsupported format in metadata', async () => {
    const file = makeMbtiles('tiff.mbtiles', { format: 'tiff' });
    const result = await openMbtiles(file);
    expect(result.ok ? 'opened' : result.problem.reason).toBe('unsupported_tile_format');
    if (!result.ok) expect(result.problem.message).toContain('"tiff"');
  });

  it.each(['1,2,3', 'west,south,east,north', '0,50,10,40', '-200,0,0,10'])(
    'malformed bounds "%s"',
    async (bounds) => {
      const file = makeMbtiles(`bounds-${bounds.replace(/\W/g, '_')}.mbtiles`, { format: 'png', bounds });
      const result = await openMbtiles(file);
      expect(result.ok ? 'opened' : result.problem.reason).toBe('bad_metadata');
    },
  );

  it('minzoom above maxzoom', async () => {
    const file = makeMbtiles('zooms.mbtiles', { format: 'png', minzoom: '5', maxzoom: '2' });
    const result = await openMbtiles(file);
    expect(result.ok ? 'opened' : result.problem.reason).toBe('bad_metadata');
  });

  it('no format and no tiles to tell it from', async () => {
    const file = makeMbtiles('blank.mbtiles', { name: 'blank' }, []);
    const result = await openMbtiles(file);
    expect(result.ok ? 'opened' : result.problem.reason).toBe('bad_metadata');
  });
});

describe('lenient where the spec is', () => {
  it('sniffs png when metadata has no format, and takes zooms and name from the file', async () => {
    const file = makeMbtiles('raster.mbtiles', {}, [
      [2, 1, 1, PNG_BYTES],
      [4, 3, 3, PNG_BYTES],
    ]);
    const source = await mustOpen(file);
    expect(source.info).toMatchObject({ name: 'raster.mbtiles', format: 'png', minzoom: 2, maxzoom: 4 });
    expect(source.info.bounds).toEqual([-180, -85.051129, 180, 85.051129]);
    const tile = await source.getTile(2, 1, 2); // TMS row 1 at z2 is XYZ y 2
    expect(tile.status === 200 && tile.headers).toEqual({ 'content-type': 'image/png' });
    await source.close();
  });

  it('accepts metadata and tiles as views (the deduplicating MBTiles layout)', async () => {
    const schema = `
      CREATE TABLE meta_kv (name text, value text);
      CREATE VIEW metadata AS SELECT name, value FROM meta_kv;
      CREATE TABLE map (zoom_level integer, tile_column integer, tile_row integer, tile_id text);
      CREATE TABLE images (tile_id text, tile_data blob);
      CREATE VIEW tiles AS SELECT map.zoom_level, map.tile_column, map.tile_row, images.tile_data FROM map JOIN images ON map.tile_id = images.tile_id;`;
    const file = join(dir, 'views.mbtiles');
    const db = new Database(file);
    db.exec(schema);
    db.prepare(
      "INSERT INTO meta_kv VALUES ('format', 'jpg'), ('name', 'Views'), ('attribution', '© test')",
    ).run();
    db.prepare("INSERT INTO map VALUES (0, 0, 0, 'a')").run();
    db.prepare("INSERT INTO images VALUES ('a', ?)").run(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    db.close();
    const source = await mustOpen(file);
    expect(source.info).toMatchObject({ name: 'Views', format: 'jpg', attribution: '© test' });
    const tile = await source.getTile(0, 0, 0);
    expect(tile.status === 200 && tile.headers['content-type']).toBe('image/jpeg');
    await source.close();
  });

  it('opens a vector file whose json metadata is malformed, just without the layer list', async () => {
    const gz = Buffer.from([0x1f, 0x8b, 0x08, 0x00]);
    const file = makeMbtiles('bad-json.mbtiles', { format: 'pbf', json: '{"vector_layers": [' }, [
      [0, 0, 0, gz],
    ]);
    const source = await mustOpen(file);
    expect(source.info.format).toBe('pbf');
    expect(source.info.vectorLayers).toBeUndefined();
    await source.close();
  });

  it('answers 500, not a crash, once closed', async () => {
    const source = await mustOpen(sharedMapData('world_cities.mbtiles'));
    await source.close();
    await source.close();
    expect((await source.getTile(0, 0, 0)).status).toBe(500);
  });
});
