import { execFile } from 'node:child_process';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { concatBytes, latin1Encode } from '../bytes';
import { encodeAx25 } from '../ax25/frame';
import { parseTnc2 } from '../ax25/tnc2';
import { encodeKissData } from '../kiss/encode';
import { hexBytes, readSharedBytes, repoRoot, sharedDataPath } from '../testing/shared-data';
import { runDecode } from './decode';

const PEERS_KISS = hexBytes(
  'c0 00 82 a0 a4 a6 40 40 e0 9c 60 86 82 98 98 f2 ae 92 88 8a 62 40 63 03 f0 21 33 36 33 30 2e 30 30 4e 2f 31 30 33 34 30 2e 30 30 45 3e 74 65 73 74 20 31 c0',
);

async function decode(
  format: string,
  input: Uint8Array | string,
): Promise<{ code: number; out: Record<string, unknown>[]; err: string[] }> {
  const out: Record<string, unknown>[] = [];
  const err: string[] = [];
  const bytes = typeof input === 'string' ? latin1Encode(input) : input;
  const code = await runDecode(
    [format, '-'],
    bytes,
    (l) => out.push(JSON.parse(l) as Record<string, unknown>),
    (l) => err.push(l),
  );
  return { code, out, err };
}

const tmp = mkdtempSync(join(tmpdir(), 'fengsui-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('fengsui decode (runDecode)', () => {
  it('kiss: one object per frame and one per rejected input', async () => {
    const bad = Uint8Array.of(0xc0, 0x00, 0xdb, 0x41, 0xc0);
    const { code, out } = await decode('kiss', concatBytes([PEERS_KISS, bad]));
    expect(code).toBe(0);
    expect(out).toEqual([
      expect.objectContaining({
        ok: true,
        tnc2: 'N0CALL-9>APRS,WIDE1-1:!3630.00N/10340.00E>test 1',
        port: 0,
        command: 'data',
      }),
      expect.objectContaining({ ok: false, kind: 'bad_escape', reason: expect.stringContaining('0x41') }),
    ]);
  });

  it('ax25: raw frames one per line, like the w2gmd capture', async () => {
    const { out } = await decode('ax25', readSharedBytes('aprs', 'ax25-raw-frames-w2gmd.bin'));
    expect(out.map((o) => o.tnc2)).toEqual([
      'W2GMD-6>APRX24,WIDE1-1:!3745.75NI12228.05W#W2GMD-6 Inner Sunset, SF iGate/Digipeater http://w2gmd.org',
      'W2GMD-6>APRX24,WIDE1-1:T#939,10.9,4.5,57.0,1.0,18.0,00000000',
    ]);
  });

  it('aprs: parsed packets and FAP result codes with line numbers', async () => {
    const { out } = await decode('aprs', 'N0CALL>APRS:!3630.00N/10340.00E>test\nK6IFR_S>APRS:>x\n\n');
    expect(out).toEqual([
      expect.objectContaining({ ok: true, line: 1, type: 'location', latitude: 36.5, comment: 'test' }),
      expect.objectContaining({ ok: false, line: 2, code: 'srccall_badchars' }),
    ]);
  });

  it('nmea: sentences and rejections from a real gpsd log', async () => {
    const { out } = await decode('nmea', readSharedBytes('nmea', 'tcp-test.log'));
    const ok = out.filter((o) => o.ok);
    expect(ok.map((o) => o.type)).toEqual(['GGA', 'GSA', 'GSV', 'GSV', 'GSV', 'RMC', 'ZDA']);
    expect(out.some((o) => o.ok === false)).toBe(true);
  });

  it('refuses unknown formats with usage and exit code 2', async () => {
    const { code, err } = await decode('morse', '');
    expect(code).toBe(2);
    expect(err[0]).toMatch(/usage: fengsui decode/);
  });

  it('reports an unreadable file with exit code 1', async () => {
    const err: string[] = [];
    expect(
      await runDecode(
        ['kiss', join(tmp, 'missing.bin')],
        undefined,
        () => {},
        (l) => err.push(l),
      ),
    ).toBe(1);
    expect(err[0]).toMatch(/cannot read .*missing\.bin/);
  });
});

describe('scripts/fengsui.mjs as a child process', () => {
  const run = promisify(execFile);

  it('decodes a KISS capture file from a plain checkout', async () => {
    const frames = ['N0CALL-9>APRS,WIDE1-1:!3630.00N/10340.00E>test 1', 'BG7ABC>APRS,WIDE2-1:>on duty'].map(
      (t) => {
        const p = parseTnc2(t);
        if (!p.ok) throw new Error(p.error.message);
        return encodeKissData(encodeAx25(p.frame));
      },
    );
    const file = join(tmp, 'capture.kiss');
    writeFileSync(file, concatBytes([Uint8Array.of(0x55, 0x55), ...frames]));
    const { stdout } = await run(
      process.execPath,
      [join(repoRoot, 'scripts', 'fengsui.mjs'), 'decode', 'kiss', file],
      {
        cwd: repoRoot,
        timeout: 20_000,
      },
    );
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ ok: false, kind: 'garbage' }),
      expect.objectContaining({ ok: true, tnc2: 'N0CALL-9>APRS,WIDE1-1:!3630.00N/10340.00E>test 1' }),
      expect.objectContaining({ ok: true, tnc2: 'BG7ABC>APRS,WIDE2-1:>on duty' }),
    ]);
  });

  it('exits 2 with usage on a bad command', async () => {
    await expect(
      run(process.execPath, [
        join(repoRoot, 'scripts', 'fengsui.mjs'),
        'decode',
        'nope',
        sharedDataPath('README.md'),
      ]),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage'),
    });
  });
});

describe('fengsui decode properties', () => {
  it('aprs and nmea output do not depend on how the input is chunked', async () => {
    const aprs = latin1Encode(
      'N0CALL>APRS:!3630.00N/10340.00E>test\r\nOH7AA-1>APRS::OH7LZB   :hi{1\nbad line\nW2GMD-6>APRX24,WIDE1-1:T#939,10.9,4.5,57.0,1.0,18.0,00000000',
    );
    const nmea = readSharedBytes('nmea', 'magellan-ec10.log');
    async function* chunked(bytes: Uint8Array, sizes: number[]): AsyncIterable<Uint8Array> {
      for (let at = 0, i = 0; at < bytes.length; i++) {
        const n = sizes[i % sizes.length]!;
        yield bytes.subarray(at, at + n);
        at += n;
      }
    }
    const collect = async (format: string, input: Uint8Array | AsyncIterable<Uint8Array>) => {
      const out: string[] = [];
      await runDecode(
        [format, '-'],
        input,
        (l) => out.push(l),
        () => {},
      );
      return out;
    };
    const whole = { aprs: await collect('aprs', aprs), nmea: await collect('nmea', nmea) };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        async (sizes) => {
          expect(await collect('aprs', chunked(aprs, sizes))).toEqual(whole.aprs);
          expect(await collect('nmea', chunked(nmea, sizes))).toEqual(whole.nmea);
        },
      ),
      { numRuns: 40 },
    );
  });
});
