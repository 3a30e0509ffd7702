import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../bytes';
import { splitRawFrameLines } from '../ax25/raw-lines';
import { chunkBytes, hexBytes, readSharedBytes } from '../testing/shared-data';
import { encodeKissData, encodeKissFrame } from './encode';
import { KissDecoder, type KissEvent } from './decoder';
import type { KissFrame } from './frame';

const PEERS_FRAME = hexBytes(
  'c0 00 82 a0 a4 a6 40 40 e0 9c 60 86 82 98 98 f2 ae 92 88 8a 62 40 63 03 f0 21 33 36 33 30 2e 30 30 4e 2f 31 30 33 34 30 2e 30 30 45 3e 74 65 73 74 20 31 c0',
);

function frames(events: KissEvent[]): KissFrame[] {
  return events.flatMap((e) => (e.ok ? [e.frame] : []));
}

function decodeAll(chunks: Uint8Array[], options = {}): { events: KissEvent[]; decoder: KissDecoder } {
  const decoder = new KissDecoder(options);
  const events = chunks.flatMap((c) => decoder.push(c));
  events.push(...decoder.end());
  return { events, decoder };
}

describe('KissDecoder', () => {
  it('decodes the Dire Wolf probe frame from PEERS.md', () => {
    const { events, decoder } = decodeAll([PEERS_FRAME]);
    const [frame] = frames(events);
    expect(frame?.port).toBe(0);
    expect(frame?.command).toBe('data');
    expect(frame?.payload.length).toBe(PEERS_FRAME.length - 3);
    expect(decoder.stats).toMatchObject({ frames: 1, garbageBytes: 0, badEscapes: 0, oversize: 0 });
  });

  it('unescapes FESC TFEND / FESC TFESC and reads the port nibble', () => {
    const { events } = decodeAll([Uint8Array.of(0xc0, 0x30, 0x01, 0xdb, 0xdc, 0xdb, 0xdd, 0x02, 0xc0)]);
    expect(frames(events)).toEqual([
      { port: 3, command: 'data', payload: Uint8Array.of(0x01, 0xc0, 0xdb, 0x02) },
    ]);
  });

  it('names every command, including return (0xFF)', () => {
    const names = [0x01, 0x12, 0x23, 0x04, 0x05, 0x06, 0xff].map(
      (t) => frames(decodeAll([Uint8Array.of(0xc0, t, 0x10, 0xc0)]).events)[0]?.command,
    );
    expect(names).toEqual([
      'txdelay',
      'persistence',
      'slottime',
      'txtail',
      'fullduplex',
      'sethardware',
      'return',
    ]);
  });

  it('counts leading garbage and skips it', () => {
    const { events, decoder } = decodeAll([Uint8Array.of(1, 2, 3), PEERS_FRAME]);
    expect(frames(events)).toHaveLength(1);
    expect(decoder.stats.garbageBytes).toBe(3);
    expect(events[0]).toMatchObject({ ok: false, error: { kind: 'garbage' } });
  });

  it('drops a frame with a bad escape and keeps going', () => {
    const bad = Uint8Array.of(0xc0, 0x00, 0x41, 0xdb, 0x41, 0x42, 0xc0);
    const { events, decoder } = decodeAll([bad, PEERS_FRAME]);
    expect(frames(events)).toHaveLength(1);
    expect(decoder.stats.badEscapes).toBe(1);
    const err = events.find((e) => !e.ok);
    expect(err).toMatchObject({ ok: false, error: { kind: 'bad_escape' } });
    expect(err && !err.ok && err.error.message).toMatch(/0x41/);
  });

  it('treats FESC FEND as a bad escape that still ends the frame', () => {
    const { events, decoder } = decodeAll([Uint8Array.of(0xc0, 0x00, 0x41, 0xdb), PEERS_FRAME.subarray(0)]);
    expect(decoder.stats.badEscapes).toBe(1);
    // The FEND that followed FESC opened a new frame, so the probe frame is still decoded.
    expect(frames(events)).toHaveLength(1);
  });

  it('discards and counts over-long frames', () => {
    const long = encodeKissFrame({ command: 'data', payload: new Uint8Array(100).fill(0x41) });
    const { events, decoder } = decodeAll([long, PEERS_FRAME], { maxFrameBytes: 64 });
    expect(decoder.stats.oversize).toBe(1);
    expect(frames(events)).toHaveLength(1);
    expect(events.some((e) => !e.ok && e.error.kind === 'oversize')).toBe(true);
  });

  it('reports a frame cut off by the end of the stream', () => {
    const { events, decoder } = decodeAll([PEERS_FRAME.subarray(0, 20)]);
    expect(decoder.stats.truncated).toBe(1);
    expect(events).toEqual([
      expect.objectContaining({ ok: false, error: expect.objectContaining({ kind: 'truncated' }) }),
    ]);
  });

  it('ignores FEND FEND idle fill and reports unknown commands', () => {
    const { events, decoder } = decodeAll([Uint8Array.of(0xc0, 0xc0, 0xc0, 0x07, 0x01, 0xc0)]);
    expect(frames(events)).toHaveLength(0);
    expect(decoder.stats.unknownCommands).toBe(1);
  });
});

const frameArb = fc.record({
  port: fc.integer({ min: 0, max: 15 }),
  command: fc.constantFrom(
    'data',
    'txdelay',
    'persistence',
    'slottime',
    'txtail',
    'fullduplex',
    'sethardware' as const,
  ),
  payload: fc.uint8Array({ maxLength: 300 }),
});

describe('KISS properties', () => {
  it('encode → decode round-trips any frame', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 8 }), (input) => {
        const stream = concatBytes(input.map((f) => encodeKissFrame(f)));
        const got = frames(decodeAll([stream]).events);
        // Empty data frames are only a type byte, never idle fill, so every frame comes back.
        expect(got).toEqual(input.map((f) => ({ ...f })));
      }),
    );
  });

  it('never throws on arbitrary bytes, and counters stay consistent', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.integer({ min: 1, max: 512 }), (bytes, max) => {
        const { events, decoder } = decodeAll([bytes], { maxFrameBytes: max });
        const s = decoder.stats;
        expect(frames(events)).toHaveLength(s.frames);
        expect(s.garbageBytes).toBeLessThanOrEqual(bytes.length);
      }),
    );
  });

  it('gives the same events whatever the read sizes (split-read invariance)', () => {
    const byteish = fc.oneof(fc.constantFrom(0xc0, 0xdb, 0xdc, 0xdd), fc.integer({ min: 0, max: 255 }));
    fc.assert(
      fc.property(
        fc.array(byteish, { maxLength: 1500 }).map((a) => Uint8Array.from(a)),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
        (bytes, sizes) => {
          const whole = decodeAll([bytes], { maxFrameBytes: 100 });
          const split = decodeAll(chunkBytes(bytes, sizes), { maxFrameBytes: 100 });
          expect(split.events).toEqual(whole.events);
          expect(split.decoder.stats).toEqual(whole.decoder.stats);
        },
      ),
    );
  });
});

describe('KISS over real captures', () => {
  it('carries the w2gmd iGate frames through encode → split reads → decode unchanged', () => {
    const raw = splitRawFrameLines(readSharedBytes('aprs', 'ax25-raw-frames-w2gmd.bin')).map((f) =>
      Uint8Array.from(f),
    );
    const stream = concatBytes(raw.map((f, i) => encodeKissData(f, i)));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 6 }), (sizes) => {
        const got = frames(decodeAll(chunkBytes(stream, sizes)).events);
        expect(got).toEqual(raw.map((payload, port) => ({ port, command: 'data', payload })));
      }),
      { numRuns: 50 },
    );
  });
});
