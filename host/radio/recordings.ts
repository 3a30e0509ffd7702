import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { HostFailure, type TimelineEntry } from '../../contract';
import { RECORDING_CHUNK_MAX_BYTES, RECORDING_MAX_BYTES, type Recording } from '../../contract/radio';
import type { RadioRepository } from '../../db/radio';
import type { HostContext } from '../context';
import type { IncidentService } from '../incidents/service';
import { mutate } from '../mutation';
import { auditLocal } from './audit';
import { appendChunkAt } from '../uploads/chunkedUpload';

type BeginInput = {
  startedAt: number;
  channel: string;
  profileId: string | null;
  direction: 'rx' | 'tx';
  pttSource: string;
  mimeType: string;
};

/**
 * Walkie-talkie recordings in `<data>/recordings/`. They arrive in chunks (a frame holds at most 1 MiB), each
 * at an explicit offset, so a resent chunk is harmless and a lost one is noticed rather than leaving a hole.
 */
export class RecordingStore {
  readonly dir: string;

  constructor(
    private readonly ctx: HostContext,
    private readonly repo: RadioRepository,
    private readonly incidents: IncidentService,
  ) {
    this.dir = join(dirname(ctx.store.path), 'recordings');
  }

  begin(input: BeginInput): { id: string; chunkMaxBytes: number } {
    mkdirSync(this.dir, { recursive: true });
    const id = uuidv7();
    const ext = input.mimeType.startsWith('audio/ogg') ? 'ogg' : 'webm';
    const file = `${id}.${ext}`;
    closeSync(openSync(join(this.dir, file), 'w'));
    const rec: Recording & { file: string } = {
      id,
      startedAt: input.startedAt,
      endedAt: null,
      channel: input.channel,
      profileId: input.profileId,
      direction: input.direction,
      pttSource: input.pttSource,
      mimeType: input.mimeType,
      bytes: 0,
      sha256: null,
      state: 'uploading',
      operator: this.ctx.operator(),
      incidentIds: [],
      file,
    };
    auditLocal(this.ctx, 'radio.recording.begin', 'radio_recording', id, { direction: input.direction }, () =>
      this.repo.insertRecording(rec),
    );
    return { id, chunkMaxBytes: RECORDING_CHUNK_MAX_BYTES };
  }

  private fileOf(id: string) {
    const f = this.repo.recordingFile(id);
    if (!f) throw new HostFailure('not_found', { entity: 'recording', id });
    return { ...f, path: join(this.dir, f.file) };
  }

  chunk(id: string, offset: number, base64: string): { bytes: number } {
    const f = this.fileOf(id);
    if (f.state !== 'uploading')
      throw new HostFailure('conflict', { entity: 'recording', actual: 'complete', expected: 'uploading' });
    const { bytes } = appendChunkAt(f.path, offset, base64, RECORDING_MAX_BYTES, 'radio.recording.chunk');
    this.repo.setRecordingBytes(id, bytes);
    return { bytes };
  }

  finish(id: string, endedAt: number, sha256?: string): Recording {
    const f = this.fileOf(id);
    const hash = createHash('sha256');
    const fd = openSync(f.path, 'r');
    let bytes = 0;
    try {
      const buf = Buffer.alloc(1 << 16);
      let n: number;
      while ((n = readSync(fd, buf, 0, buf.length, bytes)) > 0) {
        hash.update(buf.subarray(0, n));
        bytes += n;
      }
    } finally {
      closeSync(fd);
    }
    const digest = hash.digest('hex');
    if (sha256 && sha256 !== digest)
      throw new HostFailure('bad_request', {
        method: 'radio.recording.finish',
        detail: `the stored file's SHA-256 (${digest.slice(0, 12)}…) differs from the recorder's; upload it again`,
      });
    auditLocal(this.ctx, 'radio.recording.finish', 'radio_recording', id, { bytes, sha256: digest }, () =>
      this.repo.completeRecording(id, endedAt, bytes, digest),
    );
    const rec = this.repo.recording(id)!;
    this.ctx.events.publish('radio.recording', rec);
    return rec;
  }

  abort(id: string): { id: string } {
    const f = this.fileOf(id);
    if (f.state === 'complete')
      throw new HostFailure('conflict', { entity: 'recording', actual: 'complete', expected: 'uploading' });
    rmSync(f.path, { force: true });
    auditLocal(this.ctx, 'radio.recording.abort', 'radio_recording', id, {}, () =>
      this.repo.deleteRecording(id),
    );
    return { id };
  }

  read(id: string, offset: number, length: number) {
    const f = this.fileOf(id);
    const total = statSync(f.path).size;
    const buf = Buffer.alloc(Math.max(0, Math.min(length, total - offset)));
    if (buf.length) {
      const fd = openSync(f.path, 'r');
      try {
        readSync(fd, buf, 0, buf.length, offset);
      } finally {
        closeSync(fd);
      }
    }
    return { data: buf.toString('base64'), offset, total, eof: offset + buf.length >= total };
  }

  list(q: { limit: number; before?: number; incidentId?: string }): Recording[] {
    return this.repo.recordings(q);
  }

  /** Adds the recording to an incident's evidence timeline as a typed link. */
  attach(id: string, incidentId: string): TimelineEntry {
    const rec = this.repo.recording(id);
    if (!rec) throw new HostFailure('not_found', { entity: 'recording', id });
    const incident = this.incidents.get(incidentId).incident;
    return mutate(this.ctx, (m) => {
      this.repo.linkRecording(id, incidentId, m.at);
      const entry: TimelineEntry = {
        id: uuidv7(),
        incidentId,
        at: m.at,
        kind: 'link',
        actor: m.actor,
        consoleId: this.ctx.consoleId,
        data: {
          type: 'radio_recording',
          recordingId: id,
          startedAt: rec.startedAt,
          endedAt: rec.endedAt,
          channel: rec.channel,
          direction: rec.direction,
          sha256: rec.sha256,
        },
      };
      this.ctx.store.timeline.append(entry);
      m.record({
        entity: 'timeline',
        entityId: entry.id,
        op: 'append',
        fields: entry as unknown as Record<string, unknown>,
        action: 'radio.recording.attach',
        localOnly: incident.isDemo,
        auditData: { recordingId: id, incidentId },
      });
      m.emit('incident.changed', { incident, entry });
      m.emit('radio.recording', { ...rec, incidentIds: [...new Set([...rec.incidentIds, incidentId])] });
      return entry;
    });
  }
}
