/**
 * gpsd's regression logs are the truth: each `.log.chk` lists, in order, every sentence gpsd accepted from the
 * `.log`, each followed by the TPV/SKY JSON it reported. We must accept exactly the same sentences, and where
 * a TPV states a time, position or altitude, our fix state at that point must say the same.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { latin1Encode } from '../bytes';
import { readSharedText, sharedDataPath } from '../testing/shared-data';
import { decodeNmea } from './decode';
import { formatNmeaSentence } from './sentence';
import { NmeaFixState } from './fix-state';
import { NmeaLineDecoder } from './line-decoder';

const logs = readdirSync(sharedDataPath('nmea')).filter((f) => f.endsWith('.log'));

/** The .log files carry `#` comment lines for humans; gpsd's test harness strips them before feeding. */
function logBytes(name: string): Uint8Array {
  const text = readSharedText('nmea', name);
  return latin1Encode(
    text
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n'),
  );
}

interface ChkEntry {
  sentence: string;
  reports: Record<string, unknown>[];
}

function readChk(name: string): ChkEntry[] {
  const entries: ChkEntry[] = [];
  for (const line of readSharedText('nmea', `${name}.chk`).split(/\r?\n/)) {
    if (line.startsWith('$') || line.startsWith('!')) entries.push({ sentence: line, reports: [] });
    else if (line.startsWith('{')) entries.at(-1)?.reports.push(JSON.parse(line) as Record<string, unknown>);
  }
  return entries;
}

function acceptedSentences(bytes: Uint8Array): string[] {
  const decoder = new NmeaLineDecoder();
  return [...decoder.push(bytes), ...decoder.end()].flatMap((e) => {
    if (!e.ok) return [];
    const d = decodeNmea(e.line);
    // A checksum-valid sentence with a malformed field is still accepted at the packet level, as in gpsd.
    return d.ok || d.error.kind === 'bad_field' ? [e.line] : [];
  });
}

describe.each(logs)('gpsd regression log %s', (name) => {
  const chk = readChk(name);

  it('accepts exactly the sentences gpsd accepted, in order', () => {
    expect(acceptedSentences(logBytes(name))).toEqual(chk.map((c) => c.sentence));
  });

  it('reports the same times, positions and altitudes as gpsd where the .chk states them', () => {
    const state = new NmeaFixState();
    let checks = 0;
    for (const { sentence, reports } of chk) {
      const d = decodeNmea(sentence);
      if (d.ok && d.record) state.apply(d.record);
      for (const r of reports.filter((x) => x.class === 'TPV')) {
        const fix = state.current;
        const where = `after ${sentence}`;
        if (typeof r.time === 'string') {
          checks++;
          expect(fix.time, where).toBe(r.time);
        }
        if (typeof r.lat === 'number' && typeof r.lon === 'number') {
          checks++;
          // gpsd prints 9 decimals.
          expect(Math.abs(fix.latitude! - r.lat), where).toBeLessThan(1e-9);
          expect(Math.abs(fix.longitude! - r.lon), where).toBeLessThan(1e-9);
        }
        if (typeof r.altMSL === 'number') {
          checks++;
          expect(fix.altitudeMsl, where).toBeCloseTo(r.altMSL, 4);
        }
      }
    }
    expect(checks).toBeGreaterThan(0);
  });
});

describe('GPS week rollover (gp-320fw, 2019-04-07)', () => {
  it('shows a rolled-over receiver date 220899 as 1999-08-22, as gpsd does, not 2099', () => {
    const state = new NmeaFixState();
    const fields = '000435.00,A,4808.9993,N,01135.0798,E,000.1,000.0,220899,003.0,E,A'.split(',');
    const d = decodeNmea(formatNmeaSentence('GPRMC', fields));
    if (d.ok && d.record) state.apply(d.record);
    expect(state.current.time).toBe('1999-08-22T00:04:35.000Z');
  });
});
