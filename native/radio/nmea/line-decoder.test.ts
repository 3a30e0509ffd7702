import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latin1Encode } from '../bytes';
import { chunkBytes, readSharedBytes } from '../testing/shared-data';
import { NmeaLineDecoder, type NmeaLineEvent } from './line-decoder';

function run(chunks: (Uint8Array | string)[], max?: number): { events: NmeaLineEvent[]; d: NmeaLineDecoder } {
  const d = new NmeaLineDecoder({ maxLineLength: max });
  const events = chunks.flatMap((c) => d.push(c));
  events.push(...d.end());
  return { events, d };
}

describe('NmeaLineDecoder', () => {
  it('splits on CR, LF and CRLF and counts leading garbage', () => {
    const { events, d } = run(['xx$GPA*00\r\n$GPB*00\n$GPC*00\r']);
    expect(events.filter((e) => e.ok).map((e) => e.ok && e.line)).toEqual(['$GPA*00', '$GPB*00', '$GPC*00']);
    expect(d.stats).toMatchObject({ lines: 3, garbageBytes: 2 });
  });

  it('drops a sentence interrupted by a new $ (receiver reset) and keeps the new one', () => {
    const { events, d } = run(['$GPGSA,A,1,,*1E$GPRMC,1*00\r\n']);
    expect(events.filter((e) => e.ok).map((e) => e.ok && e.line)).toEqual(['$GPRMC,1*00']);
    expect(d.stats.interrupted).toBe(1);
  });

  it('drops sentences with control bytes (NUL fill after a reset)', () => {
    const { d, events } = run([Uint8Array.of(0x24, 0x47, 0x00, 0x41, 0x0d, 0x0a)]);
    expect(d.stats.badChars).toBe(1);
    expect(events.some((e) => e.ok)).toBe(false);
  });

  it('counts and discards over-long lines', () => {
    const { d, events } = run([`$GP${'A'.repeat(300)}\r\n$GPX*00\r\n`], 100);
    expect(d.stats.oversize).toBe(1);
    expect(events.filter((e) => e.ok)).toHaveLength(1);
  });

  it('reports a sentence cut off by the end of the stream', () => {
    const { events } = run(['$GPGGA,1']);
    expect(events).toEqual([
      expect.objectContaining({ ok: false, error: expect.objectContaining({ kind: 'truncated' }) }),
    ]);
  });
});

describe('NmeaLineDecoder properties', () => {
  it('gives the same lines whatever the read sizes, on a real log', () => {
    const bytes = readSharedBytes('nmea', 'gp-320fw-2019-04-07-coldboot.log');
    const whole = run([bytes]).events;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 10 }), (sizes) => {
        expect(run(chunkBytes(bytes, sizes)).events).toEqual(whole);
      }),
      { numRuns: 50 },
    );
  });

  it('never throws and is split-invariant on arbitrary bytes', () => {
    const byte = fc.oneof(
      fc.constantFrom(0x24, 0x21, 0x0d, 0x0a, 0x2a, 0x2c),
      fc.integer({ min: 0, max: 255 }),
    );
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 600 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 }),
        (arr, sizes) => {
          const bytes = Uint8Array.from(arr);
          const whole = run([bytes], 80);
          expect(run(chunkBytes(bytes, sizes), 80).events).toEqual(whole.events);
          expect(run([latin1Encode(String.fromCharCode(...bytes))], 80).events).toEqual(whole.events);
        },
      ),
    );
  });
});
