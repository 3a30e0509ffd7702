import { createHash } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../host/host';
import { KissDecoder } from '../../native/radio/kiss/decoder';
import { decodeAx25 } from '../../native/radio/ax25/frame';
import { formatTnc2 } from '../../native/radio/ax25/tnc2';
import { call, makeHost, sampleIncident } from '../helpers/host';
import { linkUp, tempDir, waitFor } from './radioHelpers';

/** A bare KISS TCP "TNC" that records what the console transmits and never answers (no acks). */
async function silentTnc(): Promise<{ port: number; heard: string[]; server: Server; sockets: Socket[] }> {
  const heard: string[] = [];
  const sockets: Socket[] = [];
  const server = createServer((s) => {
    sockets.push(s);
    const kiss = new KissDecoder();
    s.on('data', (d) => {
      for (const ev of kiss.push(d)) {
        if (!ev.ok) continue;
        const ax = decodeAx25(ev.frame.payload);
        if (ax.ok) heard.push(formatTnc2(ax.frame));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as { port: number }).port, heard, server, sockets };
}

describe('radio host services', () => {
  const tmp = tempDir();
  let host: Host;

  beforeAll(() => {
    host = makeHost(join(tmp.dir, 'data'), {
      demo: true,
      radio: { ackRetryMs: 150, backoff: { initialMs: 50, maxMs: 200 } },
    });
  });
  afterAll(async () => {
    await host?.close();
    tmp.remove();
  });

  it('resends an unacked message a bounded number of times, then marks it failed', async () => {
    const tnc = await silentTnc();
    try {
      const link = await call(host, 'radio.link.save', {
        name: 'silent',
        callsign: 'BH4CON',
        endpoint: { kind: 'kiss_tcp', host: '127.0.0.1', port: tnc.port },
      });
      await linkUp(host, link.id);
      const m = await call(host, 'radio.message.send', {
        to: 'BH4XYZ-7',
        text: 'are you there',
        maxAttempts: 3,
      });
      const failed = await waitFor('failed', async () =>
        (await call(host, 'radio.message.list', { direction: 'out' })).find(
          (x) => x.id === m.id && x.state === 'failed',
        ),
      );
      expect(failed.attempts).toBe(3);
      expect(tnc.heard).toEqual(Array(3).fill(`BH4CON>APZFSU,WIDE1-1::BH4XYZ-7 :are you there{${m.msgNo}`));
      // A link without a callsign cannot be saved; a message to nowhere is refused with the reason.
      await expect(
        call(host, 'radio.link.save', {
          name: 'x',
          endpoint: { kind: 'kiss_tcp', host: '127.0.0.1', port: 1 },
        }),
      ).rejects.toThrow(/callsign/);
      await expect(call(host, 'radio.message.send', { to: 'BH4XYZ-7', text: 'bad | pipe' })).rejects.toThrow(
        /\|/,
      );
      await call(host, 'radio.link.delete', { id: link.id });
    } finally {
      for (const s of tnc.sockets) s.destroy();
      tnc.server.close();
    }
  });

  it('stores a recording larger than one frame in chunks, reads it back and attaches it to an incident', async () => {
    const audio = Buffer.alloc(1_300_000);
    for (let i = 0; i < audio.length; i++) audio[i] = (i * 7919) & 0xff;
    const { id, chunkMaxBytes } = await call(host, 'radio.recording.begin', {
      startedAt: Date.now() - 5000,
      channel: 'Command 1',
      direction: 'tx',
      pttSource: 'spacebar',
    });
    for (let off = 0; off < audio.length; off += chunkMaxBytes) {
      const data = audio.subarray(off, off + chunkMaxBytes).toString('base64');
      await call(host, 'radio.recording.chunk', { id, offset: off, data });
      if (off === 0) await call(host, 'radio.recording.chunk', { id, offset: 0, data }); // a resend is harmless
    }
    await expect(
      call(host, 'radio.recording.chunk', { id, offset: audio.length + 10, data: 'AAAA' }),
    ).rejects.toThrow(/resend from/);
    const sha256 = createHash('sha256').update(audio).digest('hex');
    const rec = await call(host, 'radio.recording.finish', { id, endedAt: Date.now(), sha256 });
    expect(rec).toMatchObject({
      state: 'complete',
      bytes: audio.length,
      sha256,
      mimeType: 'audio/webm;codecs=opus',
    });

    const parts: Buffer[] = [];
    for (let off = 0, eof = false; !eof;) {
      const r = await call(host, 'radio.recording.read', { id, offset: off });
      parts.push(Buffer.from(r.data, 'base64'));
      off += parts.at(-1)!.length;
      eof = r.eof;
    }
    expect(Buffer.concat(parts).equals(audio)).toBe(true);

    const incident = await call(host, 'incident.create', sampleIncident);
    const entry = await call(host, 'radio.recording.attach', { id, incidentId: incident.id });
    expect(entry).toMatchObject({ kind: 'link', data: { type: 'radio_recording', recordingId: id, sha256 } });
    const timeline = (await call(host, 'incident.get', { id: incident.id })).timeline;
    expect(timeline.some((e) => e.kind === 'link' && e.data.recordingId === id)).toBe(true);
    expect((await call(host, 'radio.recording.list', { incidentId: incident.id })).map((r) => r.id)).toEqual([
      id,
    ]);
  });

  it('binds a callsign to a unit and lists serial ports without crashing', async () => {
    const unit = (await call(host, 'unit.list')).find((u) => u.kind === 'drone' || u.callsign === '')!;
    const bound = await call(host, 'radio.unit.setCallsign', { unitId: unit.id, callsign: 'bh4new-3' });
    expect(bound.callsign).toBe('BH4NEW-3');
    await expect(
      call(host, 'radio.unit.setCallsign', { unitId: unit.id, callsign: 'BH4ABC-9' }),
    ).rejects.toThrow(/already bound/);
    const list = await call(host, 'serial.list');
    expect(list.listed || list.reason).toBeTruthy();
  });
});
