import { openMbtiles } from './mbtiles';
import { readFileStart, PMTILES_MAGIC, SQLITE_MAGIC, startsWithAscii } from './fileStart';
import { mapFileProblem, type MapFileResult } from './mapFileProblem';
import { openPmtilesFile } from './pmtilesFile';
import type { TileResponse, TileSetInfo } from './tileResponse';

/** One offline basemap or overlay file the host serves at a single tile endpoint, whatever its container. */
export interface TileSource {
  readonly kind: 'mbtiles' | 'pmtiles';
  /** Path the source was opened from, for messages and logs. */
  readonly file: string;
  readonly info: TileSetInfo;
  /** XYZ addressing (y counts from the north), as maplibre-gl requests it. Never rejects. */
  getTile(z: number, x: number, y: number): Promise<TileResponse>;
  close(): Promise<void>;
}

/**
 * Opens a map file by what it contains: an SQLite header means MBTiles, a "PM" header means PMTiles (the PMTiles
 * opener then rejects versions other than 3 with its own message). The extension is ignored because operators
 * rename files; a wrong guess would only produce a more confusing error.
 */
export async function openTileSource(file: string): Promise<MapFileResult<TileSource>> {
  const start = await readFileStart(file, 16);
  if (!start.ok) return start;
  if (startsWithAscii(start.value, SQLITE_MAGIC)) return openMbtiles(file);
  if (startsWithAscii(start.value, PMTILES_MAGIC) || startsWithAscii(start.value, 'PM'))
    return openPmtilesFile(file);
  return mapFileProblem(
    file,
    'unknown_format',
    'the file is neither an MBTiles (SQLite) nor a PMTiles archive. Offline maps must be .mbtiles or .pmtiles files.',
  );
}
