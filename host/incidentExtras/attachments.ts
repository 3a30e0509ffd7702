import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import {
  ATTACHMENT_CHUNK_BYTES,
  ATTACHMENT_MAX_BYTES,
  HostFailure,
  type Attachment,
  type MethodResult,
  type TimelineEntry,
} from '../../contract';
import type { HostContext } from '../context';
import type { IncidentService } from '../incidents/service';
import { mutate } from '../mutation';
import { ChunkedUploads } from '../uploads/chunkedUpload';
import { sniffImageType } from './imageType';

interface AttachmentRow {
  id: string;
  incident_id: string;
  sha256: string;
  mime_type: Attachment['mimeType'];
  bytes: number;
  file_name: string;
  at: number;
  actor: string;
}

/**
 * Image evidence in `<data>/attachments/<sha256>`: the same picture attached twice (or to two incidents) is
 * stored once. Uploads arrive through the shared chunked upload (host/uploads/); the finished file is checked
 * by its signature and size, hashed, moved into place and recorded with its timeline entry in one transaction.
 * The `attachment` entry syncs (metadata and hash); the bytes stay on the console that received them.
 */
export class AttachmentService {
  readonly uploads: ChunkedUploads;
  private readonly dir: string;
  /** Which incident each open upload is for. */
  private readonly target = new Map<string, string>();

  constructor(
    private readonly ctx: HostContext,
    private readonly incidents: IncidentService,
    dataDir: string,
  ) {
    this.dir = join(dataDir, 'attachments');
    this.uploads = new ChunkedUploads(join(this.dir, 'incoming'), 'attachment.chunk', ATTACHMENT_MAX_BYTES);
  }

  begin(p: { incidentId: string; fileName: string; bytes: number }): MethodResult<'attachment.begin'> {
    this.incidents.require(p.incidentId);
    if (p.bytes > ATTACHMENT_MAX_BYTES) throw tooLarge(p.fileName, p.bytes);
    const u = this.uploads.begin(p.fileName, p.bytes);
    this.target.set(u.id, p.incidentId);
    return { uploadId: u.id, chunkBytes: ATTACHMENT_CHUNK_BYTES };
  }

  chunk(p: { uploadId: string; offset: number; data: string }): { bytes: number } {
    return this.uploads.chunk(p.uploadId, p.offset, p.data);
  }

  abort(uploadId: string): Record<string, never> {
    this.target.delete(uploadId);
    this.uploads.abort(uploadId);
    return {};
  }

  finish(uploadId: string): TimelineEntry {
    const incidentId = this.target.get(uploadId);
    const u = this.uploads.finish(uploadId);
    this.target.delete(uploadId);
    try {
      if (!incidentId) throw new HostFailure('not_found', { entity: 'upload', id: uploadId });
      const bytes = readFileSync(u.path);
      const mimeType = sniffImageType(bytes.subarray(0, 16));
      if (!mimeType) {
        throw new HostFailure('bad_request', {
          method: 'attachment.finish',
          detail: `"${u.fileName}" is not a PNG, JPEG or WebP image (its content says otherwise, whatever its name); attach a photo or screenshot`,
        });
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      mkdirSync(this.dir, { recursive: true });
      const final = join(this.dir, sha256);
      // Content-addressed: an existing file with this name already holds exactly these bytes.
      if (!existsSync(final)) renameSync(u.path, final);
      return mutate(this.ctx, (m) => {
        const incident = this.incidents.require(incidentId);
        const a: Attachment = {
          id: uuidv7(),
          incidentId,
          sha256,
          mimeType,
          bytes: bytes.length,
          fileName: u.fileName,
          at: m.at,
          actor: m.actor,
        };
        this.ctx.store.db
          .prepare(
            `INSERT INTO attachments (id, incident_id, sha256, mime_type, bytes, file_name, at, actor)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(a.id, a.incidentId, a.sha256, a.mimeType, a.bytes, a.fileName, a.at, a.actor);
        const entry = this.incidents.appendEntry(m, incident, 'attachment', {
          attachmentId: a.id,
          sha256,
          mimeType,
          bytes: a.bytes,
          fileName: a.fileName,
        });
        m.record({
          entity: 'incident',
          entityId: incident.id,
          op: 'update',
          fields: {},
          action: 'attachment.add',
          localOnly: incident.isDemo,
          auditData: { attachmentId: a.id, sha256, mimeType, bytes: a.bytes },
        });
        m.emit('incident.changed', { incident, entry });
        return entry;
      });
    } finally {
      rmSync(u.path, { force: true });
    }
  }

  list(incidentId: string): Attachment[] {
    this.incidents.require(incidentId);
    return (
      this.ctx.store.db
        .prepare('SELECT * FROM attachments WHERE incident_id = ? ORDER BY at, id')
        .all(incidentId) as AttachmentRow[]
    ).map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      sha256: r.sha256,
      mimeType: r.mime_type,
      bytes: r.bytes,
      fileName: r.file_name,
      at: r.at,
      actor: r.actor,
    }));
  }

  read(sha256: string): MethodResult<'attachment.read'> {
    const path = join(this.dir, sha256);
    if (!existsSync(path)) {
      throw new HostFailure('not_found', {
        entity: 'image (it may have been attached on another console)',
        id: sha256,
      });
    }
    const head = Buffer.alloc(16);
    const fd = openSync(path, 'r');
    try {
      readSync(fd, head, 0, 16, 0);
    } finally {
      closeSync(fd);
    }
    const mimeType = sniffImageType(head);
    if (!mimeType)
      throw new HostFailure('internal', { detail: `stored attachment ${sha256} is not an image` });
    return { mimeType, data: readFileSync(path).toString('base64') };
  }

  closeAll(): void {
    this.uploads.closeAll();
    this.target.clear();
  }
}

function tooLarge(fileName: string, bytes: number): HostFailure {
  return new HostFailure('payload_too_large', { size: bytes, limit: ATTACHMENT_MAX_BYTES, file: fileName });
}
