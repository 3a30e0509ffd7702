import { HostFailure } from '../../contract/errors';

/** What is wrong with a map file, in words an operator can act on. */
export type MapFileProblemReason =
  | 'missing' // no file at that path
  | 'unreadable' // exists but cannot be read (permissions, a directory, I/O error)
  | 'empty' // 0 bytes: usually an interrupted copy
  | 'unknown_format' // neither SQLite/MBTiles nor PMTiles
  | 'not_sqlite'
  | 'not_mbtiles' // SQLite, but lacks the metadata/tiles tables
  | 'bad_metadata'
  | 'unsupported_tile_format'
  | 'not_pmtiles'
  | 'unsupported_version'
  | 'corrupt';

export interface MapFileProblem {
  readonly file: string;
  readonly reason: MapFileProblemReason;
  /** Full sentence naming the file, what is wrong and what to do. */
  readonly message: string;
}

/** Opening a map file never throws: it yields the opened thing or a problem to show the operator. */
export type MapFileResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: MapFileProblem };

export function mapFileProblem(
  file: string,
  reason: MapFileProblemReason,
  message: string,
): MapFileResult<never> {
  return { ok: false, problem: { file, reason, message: `Map file "${file}": ${message}` } };
}

/**
 * For the host router. There is no dedicated error code for a bad map file yet, so this uses `unavailable`
 * ("<detail> is not available right now"), with the full problem sentence as detail.
 */
export function mapFileFailure(problem: MapFileProblem): HostFailure {
  return new HostFailure('unavailable', {
    detail: problem.message,
    file: problem.file,
    reason: problem.reason,
  });
}

/** Short text of an unknown thrown value, for embedding in a problem message. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
