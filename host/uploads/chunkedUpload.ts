import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { HostFailure } from '../../contract';

/**
 * A file sent from a window in chunks (a WebSocket/MessagePort frame holds at most 1 MiB), each at an explicit
 * byte offset: a resent chunk is harmless, a lost one is refused rather than leaving a hole. The same rule the
 * radio recordings follow (host/radio/recordings.ts), without their database row, for any feature that imports a
 * file (basemaps today).
 */
export interface Upload {
  readonly id: string;
  readonly path: string;
  readonly fileName: string;
  readonly expectedBytes: number;
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
    const data = Buffer.from(base64, 'base64');
    const size = statSync(u.path).size;
    if (offset > size)
      throw new HostFailure('bad_request', {
        method: this.method,
        detail: `chunk at byte ${offset} but only ${size} bytes arrived; resend from ${size}`,
      });
    if (offset + data.length <= size) return { bytes: size }; // a repeat of a chunk we already have
    if (offset + data.length > Math.min(this.maxBytes, u.expectedBytes))
      throw new HostFailure('payload_too_large', {
        size: offset + data.length,
        limit: Math.min(this.maxBytes, u.expectedBytes),
      });
    const fd = openSync(u.path, 'r+');
    try {
      writeSync(fd, data, size - offset, data.length - (size - offset), size);
    } finally {
      closeSync(fd);
    }
    return { bytes: offset + data.length };
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
