/** Tile encodings the dispatch map can display. `pbf` is Mapbox Vector Tile. */
export type TileFormat = 'pbf' | 'png' | 'jpg' | 'webp' | 'avif';

/** Archive description both MBTiles and PMTiles files reduce to; what the map style needs to add a source. */
export interface TileSetInfo {
  readonly name: string;
  readonly format: TileFormat;
  /** [west, south, east, north] in WGS-84 degrees. */
  readonly bounds: readonly [number, number, number, number];
  readonly minzoom: number;
  readonly maxzoom: number;
  readonly attribution?: string;
  /** Vector tiles only: the layer ids inside each tile, which a map style must name as `source-layer`. */
  readonly vectorLayers?: readonly string[];
}

/** Reads layer ids from TileJSON-style `vector_layers` (MBTiles `json` metadata, PMTiles metadata); tolerant of junk. */
export function vectorLayerIds(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const ids = value
    .map((layer: unknown) =>
      typeof layer === 'object' && layer !== null ? (layer as { id?: unknown }).id : undefined,
    )
    .filter((id): id is string => typeof id === 'string' && id !== '');
  return ids.length > 0 ? ids : undefined;
}

/** What the tile endpoint answers; shaped like an HTTP response so the host can pass it straight through. */
export type TileResponse =
  | { readonly status: 200; readonly body: Uint8Array; readonly headers: Readonly<Record<string, string>> }
  | { readonly status: 204 }
  | { readonly status: 400; readonly reason: string }
  | { readonly status: 500; readonly reason: string };

/** Deepest zoom either format can address (PMTiles tile ids are exact only up to z26). */
export const MAX_TILE_ZOOM = 26;

/** The whole world, clipped to Web-Mercator latitudes; used when a file does not state its bounds. */
export const WORLD_BOUNDS: readonly [number, number, number, number] = [-180, -85.051129, 180, 85.051129];

/** Rejects tile addresses no tile pyramid can hold; a 400 means the caller's URL is wrong, not that a tile is missing. */
export function badTileAddress(z: number, x: number, y: number): TileResponse | undefined {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) {
    return { status: 400, reason: `zoom ${z} is not a whole number between 0 and ${MAX_TILE_ZOOM}` };
  }
  const size = 2 ** z;
  if (!Number.isInteger(x) || x < 0 || x >= size) {
    return { status: 400, reason: `x ${x} is outside 0..${size - 1} at zoom ${z}` };
  }
  if (!Number.isInteger(y) || y < 0 || y >= size) {
    return { status: 400, reason: `y ${y} is outside 0..${size - 1} at zoom ${z}` };
  }
  return undefined;
}

const CONTENT_TYPES: Record<TileFormat, string> = {
  pbf: 'application/x-protobuf',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
};

export function isGzipped(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * A 200 response. Vector tiles are often stored gzipped; the header tells the browser to inflate them, decided from
 * the bytes themselves because MBTiles has no reliable flag for it.
 */
export function tileFound(format: TileFormat, body: Uint8Array): TileResponse {
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPES[format] };
  if (format === 'pbf' && isGzipped(body)) headers['content-encoding'] = 'gzip';
  return { status: 200, body, headers };
}

/** Guesses a tile's format from its first bytes, for MBTiles files that omit `format` from metadata. */
export function sniffTileFormat(bytes: Uint8Array): TileFormat | undefined {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47) return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpg';
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45)
    return 'webp';
  if (isGzipped(bytes)) return 'pbf';
  return undefined;
}
