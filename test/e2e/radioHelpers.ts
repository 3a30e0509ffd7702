import { writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import type { MethodName, MethodParams, MethodResult } from '../../contract/methods';
import type { Served } from './serve';

/**
 * A mono 16-bit WAV for Chromium's fake microphone (`--use-file-for-fake-audio-capture`, which loops it):
 * `lead` s of silence, `tone` s of an 800 Hz tone at −6 dBFS, `tail` s of silence. Written at test time.
 */
export function writeToneWav(path: string, { lead = 1, tone = 1.2, tail = 2, rate = 48_000 } = {}): void {
  const n = Math.round((lead + tone + tail) * rate);
  const data = Buffer.alloc(n * 2);
  const a = 0.5 * 32767;
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const on = t >= lead && t < lead + tone;
    data.writeInt16LE(on ? Math.round(a * Math.sin(2 * Math.PI * 800 * t)) : 0, i * 2);
  }
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8);
  h.write('fmt ', 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([h, data]));
}

/** A direct client of the host (the same WebSocket the page uses) to check what the host stored. */
export async function hostClient(served: Served) {
  const u = new URL(served.url);
  const ws = new WebSocket(`ws://${u.host}/ws?token=${u.searchParams.get('token')}`, {
    origin: served.origin,
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let id = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  ws.on('message', (raw) => {
    const f = JSON.parse(String(raw)) as {
      t: string;
      id: number;
      ok: boolean;
      result: unknown;
      error: unknown;
    };
    if (f.t !== 'res') return;
    const p = pending.get(f.id);
    if (!p) return;
    pending.delete(f.id);
    if (f.ok) p.resolve(f.result);
    else p.reject(f.error);
  });
  return {
    call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
      const rid = ++id;
      ws.send(JSON.stringify({ t: 'req', id: rid, method, params }));
      return new Promise((resolve, reject) =>
        pending.set(rid, { resolve: resolve as (v: unknown) => void, reject }),
      );
    },
    close: () => ws.close(),
  };
}
