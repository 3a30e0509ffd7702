import { open } from 'node:fs/promises';
import { describeError, mapFileProblem, type MapFileResult } from './mapFileProblem';

/**
 * Reads the first bytes of a map file so its kind can be told from content, not extension (operators rename
 * files, and a half-copied file keeps its name). Missing, unreadable and empty files become problems here.
 */
export async function readFileStart(file: string, length: number): Promise<MapFileResult<Uint8Array>> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return mapFileProblem(file, 'missing', 'no file exists at this path. Check the map folder setting.');
    return mapFileProblem(
      file,
      'unreadable',
      `the file cannot be opened (${describeError(error)}). Check its permissions.`,
    );
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile())
      return mapFileProblem(
        file,
        'unreadable',
        'this path is not a regular file. Point the map setting at the .mbtiles or .pmtiles file itself.',
      );
    if (stat.size === 0)
      return mapFileProblem(
        file,
        'empty',
        'the file is empty (0 bytes), probably an interrupted copy. Copy the map file again.',
      );
    const buffer = new Uint8Array(Math.min(length, stat.size));
    await handle.read(buffer, 0, buffer.length, 0);
    return { ok: true, value: buffer };
  } catch (error) {
    return mapFileProblem(
      file,
      'unreadable',
      `the file cannot be read (${describeError(error)}). Check the disk and copy the file again.`,
    );
  } finally {
    await handle.close();
  }
}

export function startsWithAscii(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The 16-byte header every SQLite 3 database file begins with. */
export const SQLITE_MAGIC = 'SQLite format 3\u0000';
/** PMTiles v3 begins with "PMTiles" then the spec version byte; v1/v2 begin with "PM" and a 16-bit version. */
export const PMTILES_MAGIC = 'PMTiles';
