/** Storing walkie-talkie recordings in the host (chunked upload) and reading them back for playback. */
import { RECORDING_CHUNK_MAX_BYTES, type Recording } from '../../../contract/radio';
import type { HostClient } from '../../app/hostClient';
import { toHostError } from '../../app/hostClient';
import type { ThunkExtra } from '../../app/api';
import type { AppDispatch } from '../../app/store';
import type { FinishedRecording } from './audio/walkie';
import { radioApi } from './radioApi';
import { uploadFailed, uploadFinished, uploadStarted } from './radioSlice';

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    s += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const d = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** MediaRecorder says `audio/webm;codecs=opus`; the host accepts WebM or Ogg with Opus. */
export function normalMime(m: string): string {
  if (m.startsWith('audio/ogg')) return 'audio/ogg;codecs=opus';
  return 'audio/webm;codecs=opus';
}

/** begin → chunk* → finish; aborts the half-stored file if anything fails. */
export async function storeRecording(
  host: HostClient,
  rec: FinishedRecording,
  profileId: string | null,
): Promise<Recording> {
  const bytes = new Uint8Array(await rec.blob.arrayBuffer());
  const begun = await host.call('radio.recording.begin', {
    startedAt: Math.round(rec.startedAt),
    channel: rec.channel.slice(0, 80),
    profileId,
    direction: rec.direction,
    pttSource: rec.direction === 'rx' ? 'vad' : (rec.pttSource ?? 'none'),
    mimeType: normalMime(rec.mimeType),
  });
  try {
    const step = Math.max(
      1,
      Math.min(begun.chunkMaxBytes || RECORDING_CHUNK_MAX_BYTES, RECORDING_CHUNK_MAX_BYTES),
    );
    for (let off = 0; off < bytes.length; off += step) {
      await host.call('radio.recording.chunk', {
        id: begun.id,
        offset: off,
        data: toBase64(bytes.subarray(off, off + step)),
      });
    }
    const sha256 = await sha256Hex(bytes);
    return await host.call('radio.recording.finish', {
      id: begun.id,
      endedAt: Math.max(Math.round(rec.endedAt), Math.round(rec.startedAt)),
      ...(sha256 ? { sha256 } : {}),
    });
  } catch (e) {
    await host.call('radio.recording.abort', { id: begun.id }).catch(() => undefined);
    throw e;
  }
}

export function uploadRecording(rec: FinishedRecording, profileId: string | null) {
  return async (dispatch: AppDispatch, _getState: unknown, extra: ThunkExtra) => {
    if (rec.blob.size === 0) return;
    const key = `${rec.direction}-${rec.startedAt}`;
    dispatch(uploadStarted({ key, direction: rec.direction, startedAt: rec.startedAt }));
    try {
      const stored = await storeRecording(extra.host, rec, profileId);
      addRecordingToCache(dispatch, stored);
      dispatch(uploadFinished({ key }));
    } catch (e) {
      const err = toHostError(e);
      dispatch(uploadFailed({ key, error: err.message }));
    }
  };
}

export function addRecordingToCache(dispatch: AppDispatch, rec: Recording): void {
  const d = dispatch as (a: unknown) => void;
  d(
    radioApi.util.updateQueryData('radioRecordingList', { limit: 100 }, (draft) => {
      const i = draft.findIndex((x) => x.id === rec.id);
      if (i >= 0) draft[i] = rec;
      else {
        draft.push(rec);
        draft.sort((a, b) => b.startedAt - a.startedAt);
      }
    }),
  );
}

/** Reads the whole file back in chunks (for playback in the page). */
export async function readRecording(host: HostClient, rec: Recording): Promise<Blob> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (let guard = 0; guard < 2000; guard++) {
    const r = await host.call('radio.recording.read', {
      id: rec.id,
      offset,
      length: RECORDING_CHUNK_MAX_BYTES,
    });
    const bytes = fromBase64(r.data);
    parts.push(bytes);
    offset += bytes.length;
    if (r.eof || bytes.length === 0 || offset >= r.total) break;
  }
  return new Blob(parts, { type: rec.mimeType.split(';')[0] || 'audio/webm' });
}

export function loadRecordingUrl(rec: Recording) {
  return async (_d: AppDispatch, _g: unknown, extra: ThunkExtra): Promise<string> =>
    URL.createObjectURL(await readRecording(extra.host, rec));
}
