import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { HostFailure } from '../../contract';

/**
 * A file sent from a window in chunks (a WebSocket/MessagePort frame holds at most 1 MiB), each at an explicit
 * byte offset: a resent chunk is harmless, a lost one is refused rather than leaving a hole. Radio recordings
 * (host/radio/recordings.ts) share `appendChunkAt` but keep their own lifecycle (a database row, a file that
 * stays); this class is for features that import a file and hand it over (basemaps, attachments).
 */
export interface Upload {
  readonly id: string;
  readonly path: string;
  readonly fileName: string;
  readonly expectedBytes: number;
}

/**
 * Writes one chunk into a partial file at its byte offset. A chunk past the end is refused (a chunk was lost: the
 * sender resends from the size we report), a repeat of bytes we hold is a no-op, and the file never grows beyond
 * `limit`. Returns the file's size after the write.
 */
export function appendChunkAt(
  path: string,
  offset: number,
  base64: string,
  limit: number,
  method: string,
): { bytes: number } {
  const data = Buffer.from(base64, 'base64');
  const size = statSync(path).size;
  if (offset > size)
    throw new HostFailure('bad_request', {
      method,
      detail: `chunk at byte ${offset} but only ${size} bytes arrived; resend from ${size}`,
    });
  if (offset + data.length <= size) return { bytes: size }; // a repeat of a chunk we already have
  if (offset + data.length > limit)
    throw new HostFailure('payload_too_large', { size: offset + data.length, limit });
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, data, size - offset, data.length - (size - offset), size);
  } finally {
    closeSync(fd);
  }
  return { bytes: offset + data.length };
}

export class ChunkedUploads {
  private readonly open = new Map<string, Upload>();

  constructor(
    /** Folder for partial files; wiped at start because a partial file from a previous run can never finish. */
    private readonly dir: string,
    private readonly method: string,
    private readonly maxBytes: number,
  ) {
    rmSync(dir, { recursive: true, force: true });
  }

  begin(fileName: string, expectedBytes: number): Upload {
    if (expectedBytes > this.maxBytes)
      throw new HostFailure('payload_too_large', { size: expectedBytes, limit: this.maxBytes });
    mkdirSync(this.dir, { recursive: true });
    const id = uuidv7();
    const upload: Upload = { id, path: join(this.dir, `${id}.part`), fileName, expectedBytes };
    closeSync(openSync(upload.path, 'w'));
    this.open.set(id, upload);
    return upload;
  }

  get(id: string): Upload {
    const u = this.open.get(id);
    if (!u) throw new HostFailure('not_found', { entity: 'upload', id });
    return u;
  }

  chunk(id: string, offset: number, base64: string): { bytes: number } {
    const u = this.get(id);
    return appendChunkAt(u.path, offset, base64, Math.min(this.maxBytes, u.expectedBytes), this.method);
  }

  /** The complete file, handed over: the caller moves or deletes it. Refuses an upload with bytes missing. */
  finish(id: string): Upload {
    const u = this.get(id);
    const size = statSync(u.path).size;
    if (size !== u.expectedBytes)
      throw new HostFailure('bad_request', {
        method: this.method,
        detail: `only ${size} of ${u.expectedBytes} bytes of "${u.fileName}" arrived; send the rest from byte ${size}`,
      });
    this.open.delete(id);
    return u;
  }

  abort(id: string): void {
    const u = this.get(id);
    this.open.delete(id);
    rmSync(u.path, { force: true });
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.abort(id);
  }
}
