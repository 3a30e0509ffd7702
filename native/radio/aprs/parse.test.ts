import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FAP_CASES, type Expected } from './fap-cases';
import { parseAprs } from './parse';
import { readdirSync } from 'node:fs';
import { sharedDataPath } from '../testing/shared-data';

function field(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

function checkExpected(packet: unknown, expected: Expected): void {
  for (const [path, want] of Object.entries(expected)) {
    const got = field(packet, path);
    if (want === null) {
      expect(got, path).toBeUndefined();
    } else if (typeof want === 'string' && /^-?\d+\.\d+$/.test(want)) {
      // FAP's tests compare sprintf('%.Nf') output; format ours the same way.
      expect(typeof got, path).toBe('number');
      const decimals = want.split('.')[1]!.length;
      expect((got as number).toFixed(decimals), path).toBe(want);
    } else {
      expect(got, path).toEqual(want);
    }
  }
}

describe('APRS parser against Ham::APRS::FAP test assertions', () => {
  it('covers every FAP parse test file shipped in shared data', () => {
    const files = readdirSync(sharedDataPath('aprs', 'fap-t')).filter((f) => f.endsWith('.t'));
    const covered = new Set([...FAP_CASES.map((c) => c.file), '56decode-status.t', '90check_ax25_call.t']);
    expect(files.filter((f) => !covered.has(f))).toEqual([]);
  });

  it.each(FAP_CASES.map((c) => [`${c.file}: ${c.name}`, c] as const))('%s', (_name, c) => {
    const result = parseAprs(c.packet, { acceptBrokenMice: c.options?.acceptBrokenMice });
    if (c.ok) {
      expect(result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`).toBe('ok');
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok && c.code) expect(result.error.code).toBe(c.code);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(5);
    }
    checkExpected(result.packet, c.expect);
  });

  it('56decode-status.t: status with a DDHHMMz timestamp of now', () => {
    const now = new Date();
    const p2 = (n: number) => String(n).padStart(2, '0');
    const stamp = `${p2(now.getUTCDate())}${p2(now.getUTCHours())}${p2(now.getUTCMinutes())}z`;
    const msg = '>>Nashville,TN>>Toronto,ON';
    const r = parseAprs(`KB3HVP-14>APU25N,WIDE2-2,qAR,LANSNG:>${stamp}${msg}`, { now });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const nowS = Math.floor(now.getTime() / 1000);
    expect(r.packet).toMatchObject({ type: 'status', status: msg, timestamp: nowS - (nowS % 60) });
  });

  it('decodes the w2gmd telemetry frame', () => {
    const r = parseAprs('W2GMD-6>APRX24,WIDE1-1:T#939,10.9,4.5,57.0,1.0,18.0,00000000');
    expect(r).toMatchObject({
      ok: true,
      packet: {
        type: 'telemetry',
        telemetry: { seq: '939', vals: [10.9, 4.5, 57, 1, 18], bits: '00000000' },
      },
    });
  });

  it('decodes items', () => {
    const r = parseAprs('N0CALL>APRS:)AID #2!4903.50N/07201.75WA');
    expect(r).toMatchObject({
      ok: true,
      packet: { type: 'item', itemName: 'AID #2', alive: true, symbolCode: 'A' },
    });
    expect(r.ok && r.packet.latitude?.toFixed(4)).toBe('49.0583');
  });

  it('rejects packets with a reason that names the problem', () => {
    expect(parseAprs('')).toMatchObject({ ok: false, error: { code: 'packet_no' } });
    expect(parseAprs('N0CALL>APRS')).toMatchObject({ ok: false, error: { code: 'packet_nobody' } });
    expect(parseAprs('N0CALL>APRS:xyz')).toMatchObject({ ok: false, error: { code: 'type_not_supported' } });
    expect(parseAprs('N0CALL>APRS:!9128.51N/02505.68E#')).toMatchObject({
      ok: false,
      error: { code: 'loc_large' },
    });
  });
});

describe('APRS parser properties', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        parseAprs(s);
        parseAprs(`N0CALL>APRS,WIDE1-1:${s}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary latin1 bodies after each type character', () => {
    const body = fc.uint8Array({ maxLength: 80 }).map((b) => String.fromCharCode(...b));
    fc.assert(
      fc.property(fc.constantFrom(..."!=/@;):>_T`'{<$}"), body, (t, s) => {
        parseAprs(`N0CALL>SX15S6:${t}${s}`, { acceptBrokenMice: true });
      }),
      { numRuns: 3000 },
    );
  });
});
