import { optCoordinate, optDdmmyy, optInt, optNumber, optTimeOfDay, type NmeaDate } from './fields';

/** Typed content of the sentences the console uses. Units: degrees, metres, knots and km/h as sent. */
export interface Gga {
  kind: 'GGA';
  timeOfDayMs?: number;
  latitude?: number;
  longitude?: number;
  /** 0 invalid, 1 GPS, 2 DGPS, 4 RTK fixed, 5 RTK float, 6 dead reckoning … */
  quality: number;
  satellitesUsed?: number;
  hdop?: number;
  altitudeMsl?: number;
  geoidSeparation?: number;
}

export interface Rmc {
  kind: 'RMC';
  timeOfDayMs?: number;
  /** A valid, V warning (no fix). */
  status: string;
  latitude?: number;
  longitude?: number;
  speedKnots?: number;
  trackTrue?: number;
  date?: NmeaDate;
  magneticVariation?: number;
  /** NMEA 2.3 mode: A autonomous, D differential, E estimated, N not valid … */
  mode?: string;
}

export interface Vtg {
  kind: 'VTG';
  trackTrue?: number;
  trackMagnetic?: number;
  speedKnots?: number;
  speedKmh?: number;
  mode?: string;
}

export interface Gsa {
  kind: 'GSA';
  selection: string;
  /** 1 no fix, 2 2D, 3 3D. */
  fixMode?: number;
  usedIds: number[];
  pdop?: number;
  hdop?: number;
  vdop?: number;
  /** NMEA 4.10 GNSS system id. */
  systemId?: number;
}

export interface GsvSatellite {
  id: number;
  elevation?: number;
  azimuth?: number;
  snr?: number;
}

export interface Gsv {
  kind: 'GSV';
  messageCount: number;
  messageNumber: number;
  satellitesInView: number;
  satellites: GsvSatellite[];
  /** NMEA 4.10 signal id, when a trailing odd field is present. */
  signalId?: string;
}

export interface Gll {
  kind: 'GLL';
  latitude?: number;
  longitude?: number;
  timeOfDayMs?: number;
  status: string;
  mode?: string;
}

export interface Zda {
  kind: 'ZDA';
  timeOfDayMs?: number;
  date?: NmeaDate;
  zoneHours?: number;
  zoneMinutes?: number;
}

export type NmeaRecord = Gga | Rmc | Vtg | Gsa | Gsv | Gll | Zda;

type Decoder = (f: string[]) => NmeaRecord;

export const DECODERS: Record<NmeaRecord['kind'], Decoder> = {
  GGA: (f) => ({
    kind: 'GGA',
    timeOfDayMs: optTimeOfDay(f[0]),
    latitude: optCoordinate(f[1], f[2], 'lat'),
    longitude: optCoordinate(f[3], f[4], 'lon'),
    quality: optInt(f[5], 'fix quality') ?? 0,
    satellitesUsed: optInt(f[6], 'satellites used'),
    hdop: optNumber(f[7], 'HDOP'),
    altitudeMsl: optNumber(f[8], 'altitude'),
    geoidSeparation: optNumber(f[10], 'geoid separation'),
  }),
  RMC: (f) => ({
    kind: 'RMC',
    timeOfDayMs: optTimeOfDay(f[0]),
    status: f[1] ?? '',
    latitude: optCoordinate(f[2], f[3], 'lat'),
    longitude: optCoordinate(f[4], f[5], 'lon'),
    speedKnots: optNumber(f[6], 'speed'),
    trackTrue: optNumber(f[7], 'track'),
    date: optDdmmyy(f[8]),
    magneticVariation: magVar(f[9], f[10]),
    mode: f[11] || undefined,
  }),
  VTG: (f) =>
    // Pre-2.3 receivers omit the T/M/N/K unit letters.
    f[1] === 'T' || f[1] === ''
      ? {
          kind: 'VTG',
          trackTrue: optNumber(f[0], 'track'),
          trackMagnetic: optNumber(f[2], 'magnetic track'),
          speedKnots: optNumber(f[4], 'speed knots'),
          speedKmh: optNumber(f[6], 'speed km/h'),
          mode: f[8] || undefined,
        }
      : {
          kind: 'VTG',
          trackTrue: optNumber(f[0], 'track'),
          trackMagnetic: optNumber(f[1], 'magnetic track'),
          speedKnots: optNumber(f[2], 'speed knots'),
          speedKmh: optNumber(f[3], 'speed km/h'),
        },
  GSA: (f) => ({
    kind: 'GSA',
    selection: f[0] ?? '',
    fixMode: optInt(f[1], 'fix mode'),
    usedIds: f
      .slice(2, 14)
      .filter((x) => x !== '')
      .map((x) => optInt(x, 'satellite id')!),
    pdop: optNumber(f[14], 'PDOP'),
    hdop: optNumber(f[15], 'HDOP'),
    vdop: optNumber(f[16], 'VDOP'),
    systemId: optInt(f[17], 'system id'),
  }),
  GSV: (f) => {
    const sats: GsvSatellite[] = [];
    const blocks = f.slice(3);
    for (let i = 0; i + 4 <= blocks.length; i += 4) {
      const id = optInt(blocks[i], 'satellite id');
      if (id === undefined) continue;
      sats.push({
        id,
        elevation: optNumber(blocks[i + 1], 'elevation'),
        azimuth: optNumber(blocks[i + 2], 'azimuth'),
        snr: optNumber(blocks[i + 3], 'SNR'),
      });
    }
    const count = optInt(f[0], 'message count');
    const num = optInt(f[1], 'message number');
    if (count === undefined || num === undefined || num < 1 || num > count) {
      throw new Error(`GSV message ${f[1] ?? '?'} of ${f[0] ?? '?'} is not a valid sequence position`);
    }
    return {
      kind: 'GSV',
      messageCount: count,
      messageNumber: num,
      satellitesInView: optInt(f[2], 'satellites in view') ?? 0,
      satellites: sats,
      ...(blocks.length % 4 === 1 && blocks.at(-1) ? { signalId: blocks.at(-1) } : {}),
    };
  },
  GLL: (f) => ({
    kind: 'GLL',
    latitude: optCoordinate(f[0], f[1], 'lat'),
    longitude: optCoordinate(f[2], f[3], 'lon'),
    timeOfDayMs: optTimeOfDay(f[4]),
    status: f[5] ?? '',
    mode: f[6] || undefined,
  }),
  ZDA: (f) => {
    const day = optInt(f[1], 'day');
    const month = optInt(f[2], 'month');
    const year = optInt(f[3], 'year');
    let date: NmeaDate | undefined;
    if (day !== undefined && month !== undefined && year !== undefined) {
      if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1980)
        throw new Error(`ZDA date ${f[1]}/${f[2]}/${f[3]} is out of range`);
      date = { day, month, year, twoDigitYear: false };
    }
    return {
      kind: 'ZDA',
      timeOfDayMs: optTimeOfDay(f[0]),
      date,
      zoneHours: optInt(f[4]?.replace(/^-/, ''), 'zone hours'),
      zoneMinutes: optInt(f[5], 'zone minutes'),
    };
  },
};

function magVar(value: string | undefined, dir: string | undefined): number | undefined {
  const v = optNumber(value, 'magnetic variation');
  if (v === undefined) return undefined;
  return dir === 'W' ? -v : v;
}
