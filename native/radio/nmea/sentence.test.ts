import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNmea } from './decode';
import { NmeaFixState } from './fix-state';
import { CenturyTracker } from './gps-date';
import { formatNmeaSentence, parseNmeaSentence, talkerSystem } from './sentence';

describe('NMEA sentence layer', () => {
  it('accepts upper- and lower-case checksums', () => {
    expect(parseNmeaSentence('$GPRMC,205150.00,V,,,,,,,,,,,V*4a').ok).toBe(true);
    expect(parseNmeaSentence('$GPRMC,205150.00,V,,,,,,,,,,,V*4A').ok).toBe(true);
  });

  it('rejects a wrong checksum, saying what it should be', () => {
    const r = parseNmeaSentence('$GPRMC,205150.00,V,,,,,,,,,,,V*4B');
    expect(r).toMatchObject({ ok: false, error: { kind: 'bad_checksum', message: /\*4A/ } });
  });

  it('rejects sentences without checksum except those gpsd knows are sent bare', () => {
    expect(parseNmeaSentence('$POLYN,TIME,RESTART_OCCURRED')).toMatchObject({
      ok: false,
      error: { kind: 'no_checksum' },
    });
    expect(
      parseNmeaSentence('$GPGGA,193221.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,'),
    ).toMatchObject({
      ok: false,
    });
    expect(
      parseNmeaSentence(
        '$PASHR,POS,0,07,000018.00,3723.45,N,12202.26,W,+00023.0,,000.0,000.0,+000.0,01.3,01.0,00.8,01.6,HP42',
      ).ok,
    ).toBe(true);
  });

  it.each([
    ['GN', 'multi'],
    ['GP', 'GPS'],
    ['GL', 'GLONASS'],
    ['GA', 'Galileo'],
    ['BD', 'BeiDou'],
    ['GB', 'BeiDou'],
  ])('decodes GGA from talker %s (%s)', (talker, system) => {
    const line = formatNmeaSentence(
      `${talker}GGA`,
      '092750.000,5321.6802,N,00630.3372,W,1,8,1.03,61.7,M,55.2,M,,'.split(','),
    );
    const d = decodeNmea(line);
    expect(d.ok && d.sentence.talker).toBe(talker);
    expect(talkerSystem(talker)).toBe(system);
    expect(d.ok && d.record).toMatchObject({ kind: 'GGA', quality: 1, satellitesUsed: 8, altitudeMsl: 61.7 });
    expect(d.ok && d.record?.kind === 'GGA' && d.record.latitude?.toFixed(6)).toBe('53.361337');
  });

  it('decodes RMC, VTG, GSA, GSV, GLL and ZDA', () => {
    const rec = (l: string) => {
      const d = decodeNmea(l);
      return d.ok ? d.record : d.error;
    };
    expect(rec('$GPRMC,193221.00,A,2037.7279,N,08704.0848,W,00.1,201.8,231207,01,W,A*2D')).toMatchObject({
      kind: 'RMC',
      status: 'A',
      speedKnots: 0.1,
      trackTrue: 201.8,
      date: { day: 23, month: 12, year: 7 },
      magneticVariation: -1,
      mode: 'A',
    });
    expect(rec('$GPVTG,296.61,T,,M,0.00,N,0.0,K,A*07')).toMatchObject({
      kind: 'VTG',
      trackTrue: 296.61,
      speedKmh: 0,
      mode: 'A',
    });
    expect(rec('$GPGSA,A,3,10,28,09,13,,,,,,,,,03.4,01.7,03.0*00')).toMatchObject({
      kind: 'GSA',
      fixMode: 3,
      usedIds: [10, 28, 9, 13],
      pdop: 3.4,
      hdop: 1.7,
      vdop: 3,
    });
    expect(rec('$GPGSV,3,3,11,04,14,040,,24,02,020,,20,00,342,*4D')).toMatchObject({
      kind: 'GSV',
      messageCount: 3,
      messageNumber: 3,
      satellitesInView: 11,
      satellites: [{ id: 4, elevation: 14, azimuth: 40 }, { id: 24 }, { id: 20 }],
    });
    expect(rec('$GPGLL,4808.9993,N,01135.0798,E,000343.03,A,A*60')).toMatchObject({
      kind: 'GLL',
      status: 'A',
      timeOfDayMs: 223030,
    });
    expect(rec('$GPZDA,193223.00,23,12,2007,00,00*69')).toMatchObject({
      kind: 'ZDA',
      date: { year: 2007, month: 12, day: 23 },
    });
  });

  it('reports malformed fields with the sentence and field named', () => {
    const d = decodeNmea(formatNmeaSentence('GPGGA', ['1932x1', '2037.7', 'N', '08704.0', 'W', '1']));
    expect(d).toMatchObject({ ok: false, error: { kind: 'bad_field', message: /GPGGA: time "1932x1"/ } });
  });
});

describe('century handling of two-digit RMC years', () => {
  it('moves to the next century when a receiver goes from 99 to 00, and reads 80-99 as 19xx by default', () => {
    const c = new CenturyTracker();
    expect(c.resolve({ year: 99, month: 12, day: 31, twoDigitYear: true }).year).toBe(1999);
    // 99 → 00 moves the century to 2100, and the 2080 limit brings that back to 2000.
    expect(c.resolve({ year: 0, month: 1, day: 1, twoDigitYear: true }).year).toBe(2000);
    expect(new CenturyTracker().resolve({ year: 19, month: 4, day: 7, twoDigitYear: true }).year).toBe(2019);
  });

  it('combines GGA time of day with the last RMC date', () => {
    const s = new NmeaFixState();
    for (const l of [
      '$GPRMC,193221.00,A,2037.7279,N,08704.0848,W,00.1,201.8,231207,01,W,A*2D',
      formatNmeaSentence(
        'GPGGA',
        '193222.50,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,'.split(','),
      ),
    ]) {
      const d = decodeNmea(l);
      if (d.ok && d.record) s.apply(d.record);
    }
    expect(s.current).toMatchObject({ time: '2007-12-23T19:32:22.500Z', altitudeMsl: -30.4 });
  });
});

describe('NMEA properties', () => {
  const field = fc.stringMatching(/^[A-Za-z0-9.+-]{0,10}$/);
  it('format → parse round-trips any well-formed sentence', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('GP', 'GN', 'GL', 'GA', 'BD', 'GB'),
        fc.stringMatching(/^[A-Z]{3}$/),
        fc.array(field, { maxLength: 20 }),
        (t, type, fields) => {
          const r = parseNmeaSentence(formatNmeaSentence(t + type, fields));
          expect(r).toMatchObject({ ok: true, sentence: { talker: t, type, fields } });
        },
      ),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        decodeNmea(s);
        decodeNmea(`$GPGGA,${s}`);
        for (const t of ['GGA', 'RMC', 'VTG', 'GSA', 'GSV', 'GLL', 'ZDA'])
          decodeNmea(formatNmeaSentence(`GP${t}`, s.split(',')));
      }),
      { numRuns: 1000 },
    );
  });
});
