import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Compression, PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';
import { PMTILES_MAGIC, readFileStart, startsWithAscii } from './fileStart';
import { describeError, mapFileProblem, type MapFileResult } from './mapFileProblem';
import {
  badTileAddress,
  tileFound,
  vectorLayerIds,
  WORLD_BOUNDS,
  type TileFormat,
  type TileResponse,
  type TileSetInfo,
} from './tileResponse';
import type { TileSource } from './tileSource';

/** PMTiles v3 fixed header length in bytes. */
const HEADER_BYTES = 127;

const TILE_FORMATS: Partial<Record<TileType, TileFormat>> = {
  [TileType.Mvt]: 'pbf',
  [TileType.Png]: 'png',
  [TileType.Jpeg]: 'jpg',
  [TileType.Webp]: 'webp',
  [TileType.Avif]: 'avif',
};

/** The pmtiles library's `Source`, reading byte ranges from a local file instead of over HTTP. */
class LocalFileSource implements Source {
  constructor(
    private readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  getKey(): string {
    return this.file;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const buffer = new Uint8Array(length);
    // The library asks for 16 KiB at offset 0 even from smaller files; return what exists, as a server would.
    const { bytesRead } = await this.handle.read(buffer, 0, length, offset);
    return { data: buffer.buffer.slice(0, bytesRead) };
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/**
 * Node's zlib instead of the library's default (DecompressionStream + fflate): synchronous, and it also covers
 * brotli. Zstandard is not in Node 20, so such archives are refused at open time instead of failing per tile.
 */
async function decompress(data: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  if (compression === Compression.None || compression === Compression.Unknown) return data;
  const bytes = new Uint8Array(data);
  let out: Uint8Array;
  if (compression === Compression.Gzip) out = gunzipSync(bytes);
  else if (compression === Compression.Brotli) out = brotliDecompressSync(bytes);
  else throw new Error(`compression ${Compression[compression] ?? compression} is not supported`);
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}

/**
 * A local PMTiles v3 archive. Tiles come out of the library already decompressed, so responses carry no
 * content-encoding; for a local file the extra inflate is cheaper than a second code path.
 */
export class PmtilesFileSource implements TileSource {
  readonly kind = 'pmtiles' as const;
  private closed = false;

  constructor(
    readonly file: string,
    readonly info: TileSetInfo,
    private readonly archive: PMTiles,
    private readonly source: LocalFileSource,
  ) {}

  async getTile(z: number, x: number, y: number): Promise<TileResponse> {
    const bad = badTileAddress(z, x, y);
    if (bad) return bad;
    if (this.closed) return { status: 500, reason: `map file "${this.file}" was closed` };
    try {
      const tile = await this.archive.getZxy(z, x, y);
      if (!tile || tile.data.byteLength === 0) return { status: 204 };
      return tileFound(this.info.format, new Uint8Array(tile.data));
    } catch (error) {
      return {
        status: 500,
        reason: `reading tile ${z}/${x}/${y} from "${this.file}" failed: ${describeError(error)}`,
      };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.source.close();
  }
}

/** Opens and validates a PMTiles v3 file. Never throws: an unusable file yields a problem naming the file and the fault. */
export async function openPmtilesFile(file: string): Promise<MapFileResult<PmtilesFileSource>> {
  const start = await readFileStart(file, HEADER_BYTES);
  if (!start.ok) return start;
  const version = versionProblem(file, start.value);
  if (version) return version;

  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return mapFileProblem(file, 'unreadable', `the file cannot be opened (${describeError(error)}).`);
  }
  const source = new LocalFileSource(file, handle);
  const described = await describe(file, source);
  if (!described.ok) await source.close();
  return described;
}

function versionProblem(file: string, head: Uint8Array): MapFileResult<never> | undefined {
  if (startsWithAscii(head, PMTILES_MAGIC)) {
    const version = head[7];
    if (version !== 3) {
      return mapFileProblem(
        file,
        'unsupported_version',
        `it is a PMTiles spec version ${version} archive; this console reads version 3. Re-export the map as PMTiles v3.`,
      );
    }
    if (head.length < HEADER_BYTES) {
      return mapFileProblem(
        file,
        'corrupt',
        `the PMTiles header is cut short (${head.length} of ${HEADER_BYTES} bytes). Copy the map file again.`,
      );
    }
    return undefined;
  }
  if (startsWithAscii(head, 'PM')) {
    // v1 and v2 archives start with "PM" and a 16-bit version.
    return mapFileProblem(
      file,
      'unsupported_version',
      'it is an old PMTiles (version 1 or 2) archive; this console reads version 3. Convert it with "pmtiles convert".',
    );
  }
  return mapFileProblem(
    file,
    'not_pmtiles',
    'it does not start with the PMTiles signature, so it is not a PMTiles archive.',
  );
}

async function describe(file: string, source: LocalFileSource): Promise<MapFileResult<PmtilesFileSource>> {
  const archive = new PMTiles(source, undefined, decompress);
  let header;
  let metadata: unknown;
  try {
    header = await archive.getHeader();
    metadata = await archive.getMetadata();
  } catch (error) {
    return mapFileProblem(
      file,
      'corrupt',
      `the PMTiles archive is damaged (${describeError(error)}). Copy the map file again.`,
    );
  }
  const format = TILE_FORMATS[header.tileType];
  if (!format) {
    return mapFileProblem(
      file,
      'unsupported_tile_format',
      `its tiles are of type "${TileType[header.tileType] ?? header.tileType}"; the map can show vector (MVT), png, jpg, webp or avif tiles.`,
    );
  }
  if (header.tileCompression === Compression.Zstd || header.internalCompression === Compression.Zstd) {
    return mapFileProblem(
      file,
      'unsupported_tile_format',
      'it is compressed with zstd, which this console cannot read. Re-export it with gzip compression.',
    );
  }
  if (header.minZoom > header.maxZoom) {
    return mapFileProblem(
      file,
      'corrupt',
      `its header says minzoom ${header.minZoom} is above maxzoom ${header.maxZoom}.`,
    );
  }
  const meta = typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
  const name = typeof meta['name'] === 'string' && meta['name'].trim() ? meta['name'] : basename(file);
  const attribution =
    typeof meta['attribution'] === 'string' && meta['attribution'] ? meta['attribution'] : undefined;
  const vectorLayers = format === 'pbf' ? vectorLayerIds(meta['vector_layers']) : undefined;
  const info: TileSetInfo = {
    name,
    format,
    bounds: headerBounds(header),
    minzoom: header.minZoom,
    maxzoom: header.maxZoom,
    ...(attribution ? { attribution } : {}),
    ...(vectorLayers ? { vectorLayers } : {}),
  };
  return { ok: true, value: new PmtilesFileSource(file, info, archive, source) };
}

/** Header bounds are informational (tiles are found by directory), so nonsense bounds fall back to the world. */
function headerBounds(h: {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}): readonly [number, number, number, number] {
  const b = [h.minLon, h.minLat, h.maxLon, h.maxLat] as const;
  const sane =
    b.every(Number.isFinite) &&
    h.minLon >= -180 &&
    h.maxLon <= 180 &&
    h.minLat >= -90 &&
    h.maxLat <= 90 &&
    h.minLat <= h.maxLat;
  return sane ? b : WORLD_BOUNDS;
}
