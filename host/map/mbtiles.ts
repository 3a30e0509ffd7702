import Database from 'better-sqlite3';
import { basename } from 'node:path';
import { readFileStart, SQLITE_MAGIC, startsWithAscii } from './fileStart';
import { describeError, mapFileProblem, type MapFileResult } from './mapFileProblem';
import {
  badTileAddress,
  sniffTileFormat,
  tileFound,
  vectorLayerIds,
  WORLD_BOUNDS,
  type TileFormat,
  type TileResponse,
  type TileSetInfo,
} from './tileResponse';
import type { TileSource } from './tileSource';

/** `format` values seen in the wild (MBTiles 1.3 spec plus common tool output), mapped to what we serve. */
const FORMAT_ALIASES: Record<string, TileFormat> = {
  pbf: 'pbf',
  mvt: 'pbf',
  png: 'png',
  jpg: 'jpg',
  jpeg: 'jpg',
  webp: 'webp',
};

type Db = Database.Database;

/** A local MBTiles file opened read-only; serves XYZ tiles from the TMS-addressed `tiles` table. */
export class MbtilesSource implements TileSource {
  readonly kind = 'mbtiles' as const;
  private closed = false;

  constructor(
    readonly file: string,
    readonly info: TileSetInfo,
    private readonly db: Db,
    private readonly tileQuery: Database.Statement<[number, number, number], { tile_data: unknown }>,
  ) {}

  getTileSync(z: number, x: number, y: number): TileResponse {
    const bad = badTileAddress(z, x, y);
    if (bad) return bad;
    if (this.closed) return { status: 500, reason: `map file "${this.file}" was closed` };
    // MBTiles rows count from the south (TMS); the map asks in XYZ, counting from the north.
    const tmsRow = 2 ** z - 1 - y;
    try {
      const row = this.tileQuery.get(z, x, tmsRow);
      if (!row) return { status: 204 };
      const data = row.tile_data;
      if (!(data instanceof Uint8Array) || data.length === 0) return { status: 204 };
      return tileFound(this.info.format, data);
    } catch (error) {
      return {
        status: 500,
        reason: `reading tile ${z}/${x}/${y} from "${this.file}" failed: ${describeError(error)}`,
      };
    }
  }

  getTile(z: number, x: number, y: number): Promise<TileResponse> {
    return Promise.resolve(this.getTileSync(z, x, y));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Opens and validates an MBTiles file. Never throws: an unusable file yields a problem naming the file and the fault. */
export async function openMbtiles(file: string): Promise<MapFileResult<MbtilesSource>> {
  const start = await readFileStart(file, 16);
  if (!start.ok) return start;
  if (!startsWithAscii(start.value, SQLITE_MAGIC)) {
    return mapFileProblem(
      file,
      'not_sqlite',
      'this is not an SQLite database, so it cannot be an MBTiles file. Check that the right file was copied.',
    );
  }
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return mapFileProblem(file, 'unreadable', `SQLite could not open it (${describeError(error)}).`);
  }
  const result = describeMbtiles(file, db);
  if (!result.ok) db.close();
  return result;
}

function describeMbtiles(file: string, db: Db): MapFileResult<MbtilesSource> {
  let objects: Array<{ name: string }>;
  try {
    objects = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type IN ('table','view') AND name IN ('metadata','tiles')",
      )
      .all() as Array<{ name: string }>;
  } catch (error) {
    return mapFileProblem(
      file,
      'corrupt',
      `the SQLite database is damaged (${describeError(error)}). Copy the map file again.`,
    );
  }
  const missing = ['metadata', 'tiles'].filter((n) => !objects.some((o) => o.name === n));
  if (missing.length > 0) {
    return mapFileProblem(
      file,
      'not_mbtiles',
      `the SQLite database has no ${missing.join(' or ')} table, so it is not an MBTiles tile set. Export the map again as MBTiles.`,
    );
  }

  let metadata: Map<string, string>;
  let tileQuery: Database.Statement<[number, number, number], { tile_data: unknown }>;
  try {
    const rows = db.prepare('SELECT name, value FROM metadata').all() as Array<{
      name: unknown;
      value: unknown;
    }>;
    metadata = new Map(
      rows.filter((r) => typeof r.name === 'string').map((r) => [r.name as string, String(r.value ?? '')]),
    );
    tileQuery = db.prepare(
      'SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?',
    );
  } catch (error) {
    return mapFileProblem(
      file,
      'not_mbtiles',
      `the metadata or tiles table does not have the MBTiles columns (${describeError(error)}).`,
    );
  }

  let info: MapFileResult<TileSetInfo>;
  try {
    info = tileSetInfo(file, db, metadata);
  } catch (error) {
    return mapFileProblem(
      file,
      'corrupt',
      `reading the tile set description failed (${describeError(error)}). Copy the map file again.`,
    );
  }
  if (!info.ok) return info;
  return { ok: true, value: new MbtilesSource(file, info.value, db, tileQuery) };
}

function tileSetInfo(file: string, db: Db, metadata: Map<string, string>): MapFileResult<TileSetInfo> {
  const format = tileFormat(file, db, metadata.get('format'));
  if (!format.ok) return format;

  let bounds = WORLD_BOUNDS;
  const boundsText = metadata.get('bounds');
  if (boundsText !== undefined && boundsText.trim() !== '') {
    const parsed = parseBounds(boundsText);
    if (!parsed) {
      return mapFileProblem(
        file,
        'bad_metadata',
        `metadata "bounds" is "${boundsText}", expected "west,south,east,north" in degrees.`,
      );
    }
    bounds = parsed;
  }

  const zooms = zoomRange(file, db, metadata);
  if (!zooms.ok) return zooms;

  const attribution = metadata.get('attribution');
  const vectorLayers = format.value === 'pbf' ? vectorLayersFromJson(metadata.get('json')) : undefined;
  return {
    ok: true,
    value: {
      name: metadata.get('name')?.trim() || basename(file),
      format: format.value,
      bounds,
      minzoom: zooms.value.minzoom,
      maxzoom: zooms.value.maxzoom,
      ...(attribution ? { attribution } : {}),
      ...(vectorLayers ? { vectorLayers } : {}),
    },
  };
}

/** MBTiles 1.3 keeps vector layer descriptions as a JSON string; a malformed one only costs the layer list. */
function vectorLayersFromJson(text: string | undefined): string[] | undefined {
  if (!text) return undefined;
  try {
    return vectorLayerIds((JSON.parse(text) as { vector_layers?: unknown }).vector_layers);
  } catch {
    return undefined;
  }
}

function tileFormat(file: string, db: Db, declared: string | undefined): MapFileResult<TileFormat> {
  if (declared !== undefined && declared.trim() !== '') {
    const format = FORMAT_ALIASES[declared.trim().toLowerCase()];
    if (!format) {
      return mapFileProblem(
        file,
        'unsupported_tile_format',
        `metadata "format" is "${declared}"; the map can show pbf, png, jpg or webp tiles.`,
      );
    }
    return { ok: true, value: format };
  }
  // Older exporters leave `format` out; the spec's answer is to look at a tile.
  const row = db.prepare('SELECT tile_data FROM tiles LIMIT 1').get() as { tile_data: unknown } | undefined;
  const sniffed = row?.tile_data instanceof Uint8Array ? sniffTileFormat(row.tile_data) : undefined;
  if (!sniffed) {
    return mapFileProblem(
      file,
      'bad_metadata',
      'metadata has no "format" and the tile format cannot be told from the tiles. Export the map again with format set.',
    );
  }
  return { ok: true, value: sniffed };
}

function parseBounds(text: string): [number, number, number, number] | undefined {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return undefined;
  const [w, s, e, n] = parts as [number, number, number, number];
  if (w < -180 || e > 180 || s < -90 || n > 90 || s > n) return undefined;
  return [w, s, e, n];
}

function zoomRange(
  file: string,
  db: Db,
  metadata: Map<string, string>,
): MapFileResult<{ minzoom: number; maxzoom: number }> {
  const declared = (key: 'minzoom' | 'maxzoom'): number | undefined | null => {
    const text = metadata.get(key);
    if (text === undefined || text.trim() === '') return undefined;
    const n = Number(text);
    return Number.isInteger(n) && n >= 0 && n <= 30 ? n : null;
  };
  let minzoom = declared('minzoom');
  let maxzoom = declared('maxzoom');
  if (minzoom === null || maxzoom === null) {
    return mapFileProblem(
      file,
      'bad_metadata',
      `metadata minzoom/maxzoom ("${metadata.get('minzoom')}"/"${metadata.get('maxzoom')}") must be whole numbers 0–30.`,
    );
  }
  if (minzoom === undefined || maxzoom === undefined) {
    // Optional in the spec: take them from the tiles actually present.
    const row = db.prepare('SELECT MIN(zoom_level) AS lo, MAX(zoom_level) AS hi FROM tiles').get() as {
      lo: number | null;
      hi: number | null;
    };
    minzoom ??= row.lo ?? 0;
    maxzoom ??= row.hi ?? 0;
  }
  if (minzoom > maxzoom) {
    return mapFileProblem(
      file,
      'bad_metadata',
      `metadata minzoom ${minzoom} is greater than maxzoom ${maxzoom}.`,
    );
  }
  return { ok: true, value: { minzoom, maxzoom } };
}
