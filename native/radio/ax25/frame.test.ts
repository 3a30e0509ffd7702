import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latin1Encode } from '../bytes';
import { KissDecoder } from '../kiss/decoder';
import { encodeKissData } from '../kiss/encode';
import { hexBytes, readSharedBytes } from '../testing/shared-data';
import { parseAx25Call, type Ax25Address } from './address';
import { decodeAx25, encodeAx25, validateAx25Frame, type Ax25Frame } from './frame';
import { splitRawFrameLines } from './raw-lines';
import { formatTnc2, parseTnc2 } from './tnc2';

const PEERS_KISS = hexBytes(
  'c0 00 82 a0 a4 a6 40 40 e0 9c 60 86 82 98 98 f2 ae 92 88 8a 62 40 63 03 f0 21 33 36 33 30 2e 30 30 4e 2f 31 30 33 34 30 2e 30 30 45 3e 74 65 73 74 20 31 c0',
);
const PEERS_TNC2 = 'N0CALL-9>APRS,WIDE1-1:!3630.00N/10340.00E>test 1';

const W2GMD = [
  'W2GMD-6>APRX24,WIDE1-1:!3745.75NI12228.05W#W2GMD-6 Inner Sunset, SF iGate/Digipeater http://w2gmd.org',
  'W2GMD-6>APRX24,WIDE1-1:T#939,10.9,4.5,57.0,1.0,18.0,00000000',
];

describe('AX.25 UI frames from real captures', () => {
  it('decodes the two raw w2gmd frames to the lines given in the data README', () => {
    const lines = splitRawFrameLines(readSharedBytes('aprs', 'ax25-raw-frames-w2gmd.bin'));
    expect(lines).toHaveLength(2);
    const text = lines.map((l) => {
      const d = decodeAx25(l);
      if (!d.ok) throw new Error(d.error.message);
      return formatTnc2(d.frame);
    });
    expect(text).toEqual(W2GMD);
  });

  it('re-encodes the w2gmd frames byte for byte', () => {
    for (const raw of splitRawFrameLines(readSharedBytes('aprs', 'ax25-raw-frames-w2gmd.bin'))) {
      const d = decodeAx25(raw);
      expect(d.ok && encodeAx25(d.frame)).toEqual(Uint8Array.from(raw));
    }
  });

  it('decodes the Dire Wolf KISS probe of PEERS.md and encodes the same bytes back', () => {
    const [event] = new KissDecoder().push(PEERS_KISS);
    expect(event?.ok).toBe(true);
    if (!event?.ok) return;
    const d = decodeAx25(event.frame.payload);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(formatTnc2(d.frame)).toBe(PEERS_TNC2);
    expect(encodeKissData(encodeAx25(d.frame))).toEqual(PEERS_KISS);
    const fromText = parseTnc2(PEERS_TNC2);
    expect(fromText.ok && encodeKissData(encodeAx25(fromText.frame))).toEqual(PEERS_KISS);
  });

  it('prints * after the last repeated digipeater', () => {
    const p = parseTnc2('N0CALL>APRS,WIDE1-1,WIDE2*,WIDE3-3:>hi');
    expect(p.ok && p.frame.digipeaters.map((d) => d.chBit)).toEqual([true, true, false]);
    expect(p.ok && formatTnc2(p.frame)).toBe('N0CALL>APRS,WIDE1-1,WIDE2*,WIDE3-3:>hi');
  });

  it('rejects damaged frames with a reason', () => {
    expect(decodeAx25(new Uint8Array(5))).toMatchObject({ ok: false, error: { kind: 'too_short' } });
    const raw = parseTnc2(PEERS_TNC2);
    if (!raw.ok) throw new Error('setup');
    const bytes = encodeAx25(raw.frame);
    const notUi = bytes.slice();
    notUi[21] = 0x3f;
    expect(decodeAx25(notUi)).toMatchObject({ ok: false, error: { kind: 'not_ui' } });
    const badChar = bytes.slice();
    badChar[0] = 0x83;
    expect(decodeAx25(badChar)).toMatchObject({ ok: false, error: { kind: 'bad_address_char' } });
    const noEnd = new Uint8Array(7 * 11 + 2);
    for (let i = 0; i < 11; i++) {
      // Eleven addresses, none with the extension bit: more than 2 + 8 allowed.
      noEnd.set(
        latin1Encode('AAAAAA').map((b) => b << 1),
        i * 7,
      );
      noEnd[i * 7 + 6] = 0x60;
    }
    expect(decodeAx25(noEnd)).toMatchObject({ ok: false, error: { kind: 'too_many_digipeaters' } });
  });

  it('rejects bad TNC2 text with a reason', () => {
    expect(parseTnc2('no header')).toMatchObject({ ok: false });
    expect(parseTnc2('N0CALL-16>APRS:x')).toMatchObject({ ok: false, error: { message: /SSID 16/ } });
    expect(parseTnc2('N0CALL>APRS,A,B,C,D,E,F,G,H,I:x')).toMatchObject({
      ok: false,
      error: { message: /9 digipeaters/ },
    });
  });
});

describe('validateAx25Frame', () => {
  it('accepts a frame from TNC2 text and lists what is wrong with a hand-built one', () => {
    const p = parseTnc2(PEERS_TNC2);
    if (!p.ok) throw new Error('setup');
    expect(validateAx25Frame(p.frame)).toEqual([]);
    const bad = {
      ...p.frame,
      source: { callsign: 'n0call', ssid: 16, chBit: false },
      info: new Uint8Array(300),
    };
    expect(validateAx25Frame(bad)).toEqual([
      'source callsign "n0call" must be 1-6 of A-Z 0-9',
      'source SSID 16 must be 0-15',
      'info field is 300 bytes; AX.25 allows 256',
    ]);
  });
});

describe('check_ax25_call (FAP 90check_ax25_call.t)', () => {
  it.each([
    ['OH7LZB', true],
    ['OH7LZB-9', true],
    ['OH7LZB-15', true],
    ['OH7LZB-16', false],
    ['OH7LZB-166', false],
    ['OH7LZBXXX', false],
  ])('%s valid=%s', (call, valid) => {
    expect(!('kind' in parseAx25Call(call))).toBe(valid);
  });
});

const callArb = fc.stringMatching(/^[A-Z0-9]{1,6}$/);
const addrArb = (chBit: fc.Arbitrary<boolean>): fc.Arbitrary<Ax25Address> =>
  fc.record({
    callsign: callArb,
    ssid: fc.integer({ min: 0, max: 15 }),
    chBit,
    reserved: fc.integer({ min: 0, max: 3 }),
  });
const frameArb: fc.Arbitrary<Ax25Frame> = fc.record({
  destination: addrArb(fc.boolean()),
  source: addrArb(fc.boolean()),
  digipeaters: fc.array(addrArb(fc.boolean()), { maxLength: 8 }),
  control: fc.constantFrom(0x03, 0x13),
  pid: fc.integer({ min: 0, max: 255 }),
  info: fc.uint8Array({ maxLength: 256 }),
});

describe('AX.25 properties', () => {
  it('encode → decode round-trips', () => {
    fc.assert(
      fc.property(frameArb, (f) => {
        expect(decodeAx25(encodeAx25(f))).toEqual({ ok: true, frame: f });
      }),
    );
  });

  it('TNC2 text → frame → TNC2 text round-trips', () => {
    const hop = fc.tuple(callArb, fc.integer({ min: 0, max: 15 })).map(([c, s]) => (s ? `${c}-${s}` : c));
    fc.assert(
      fc.property(
        hop,
        hop,
        fc.array(hop, { maxLength: 8 }),
        fc.nat(),
        fc.string({ maxLength: 80 }),
        (src, dst, path, star, info) => {
          const starAt = path.length ? star % (path.length + 1) : 0;
          const pathText = path.map((p, i) => (i === starAt - 1 ? `${p}*` : p));
          const line = `${[`${src}>${dst}`, ...pathText].join(',')}:${info.replace(/[^\x20-\x7e]/g, '')}`;
          const parsed = parseTnc2(line);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          const d = decodeAx25(encodeAx25(parsed.frame));
          expect(d.ok && formatTnc2(d.frame)).toBe(line);
        },
      ),
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const d = decodeAx25(bytes);
        if (d.ok) expect(d.frame.digipeaters.length).toBeLessThanOrEqual(8);
        splitRawFrameLines(bytes);
      }),
    );
  });
});
