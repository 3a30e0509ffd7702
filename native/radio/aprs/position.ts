import { isSymbolTable } from './symbol';
import { AprsFail, FEET_TO_M, KNOT_TO_KMH, type AprsPacket } from './types';
import { base91, posResolution } from './units';

type PositionFields = Pick<
  AprsPacket,
  | 'format'
  | 'latitude'
  | 'longitude'
  | 'posResolution'
  | 'posAmbiguity'
  | 'symbolTable'
  | 'symbolCode'
  | 'course'
  | 'speed'
  | 'altitude'
  | 'radioRange'
>;

/** Ambiguous minutes (`2 .  `) → the centre of the box they leave open, as FAP does. */
const AMBIGUITY_FILL: Record<number, (mm: string) => string> = {
  0: (mm) => mm,
  1: (mm) => `${mm.slice(0, 4)}5`,
  2: (mm) => `${mm.slice(0, 2)}.5`,
  3: (mm) => `${mm.slice(0, 1)}5`,
  4: () => '30',
};

/**
 * `DDMM.hhN/DDDMM.hhW$` (19 chars). Trailing digits may be spaces (position ambiguity); the longitude is
 * blurred by the same amount as the latitude.
 */
export function parseUncompressedPosition(text: string): PositionFields {
  const m = /^(\d{2})([0-9 ]{2}\.[0-9 ]{2})([NnSs])(.)(\d{3})([0-9 ]{2}\.[0-9 ]{2})([EeWw])(.)/.exec(text);
  if (!m)
    throw new AprsFail(
      'loc_inv',
      `"${text.slice(0, 19)}" is not an uncompressed position (DDMM.mmN/DDDMM.mmE)`,
    );
  const [, latDeg, latMin, ns, table, lonDeg, lonMin, ew, code] = m as unknown as string[];
  if (!isSymbolTable(table!))
    throw new AprsFail('sym_inv_table', `symbol table "${table}" is not /, \\, A-Z or 0-9`);
  const amb = /^\d\d\.\d\d$/.test(latMin!)
    ? 0
    : /^\d\d\.\d $/.test(latMin!)
      ? 1
      : /^\d\d\. {2}$/.test(latMin!)
        ? 2
        : /^\d \. {2}$/.test(latMin!)
          ? 3
          : /^ {2}\. {2}$/.test(latMin!)
            ? 4
            : -1;
  if (amb < 0) throw new AprsFail('loc_inv', `latitude minutes "${latMin}" mix digits and spaces`);
  const fill = AMBIGUITY_FILL[amb]!;
  // The longitude's hidden digits must be the same ones, whatever the sender put there.
  const lonDigits = lonMin!.replace(/ /g, '0');
  const latValue = Number(latDeg) + Number(fill(latMin!)) / 60;
  const lonValue = Number(lonDeg) + Number(fill(lonDigits)) / 60;
  if (latValue > 90) throw new AprsFail('loc_large', `latitude ${latValue.toFixed(4)} is beyond 90°`);
  if (lonValue > 180) throw new AprsFail('loc_large', `longitude ${lonValue.toFixed(4)} is beyond 180°`);
  if (amb === 0 && (Number(latMin) >= 60 || Number(lonMin) >= 60)) {
    throw new AprsFail('loc_inv', `minutes ${latMin}/${lonMin} are not below 60`);
  }
  return {
    format: 'uncompressed',
    latitude: /[Ss]/.test(ns!) ? -latValue : latValue,
    longitude: /[Ww]/.test(ew!) ? -lonValue : lonValue,
    posAmbiguity: amb,
    posResolution: posResolution(2 - amb),
    symbolTable: table,
    symbolCode: code,
  };
}

/**
 * Compressed position (13 chars): table, base-91 lat/lon, code, two course/speed-or-altitude-or-range bytes,
 * compression type byte. Overlay tables a-j stand for digits 0-9.
 */
export function parseCompressedPosition(text: string): PositionFields {
  if (text.length < 13)
    throw new AprsFail('comp_short', `compressed position needs 13 characters, got ${text.length}`);
  if (!/^[/\\A-Za-j][\x21-\x7b]{8}[\x21-\x7b\x7d][\x20-\x7b]{3}/.test(text)) {
    throw new AprsFail('comp_inv', `"${text.slice(0, 13)}" is not a valid compressed position`);
  }
  let table = text[0]!;
  if (/[a-j]/.test(table)) table = String.fromCharCode(table.charCodeAt(0) - 49);
  const out: PositionFields = {
    format: 'compressed',
    latitude: 90 - base91(text.slice(1, 5)) / 380926,
    longitude: -180 + base91(text.slice(5, 9)) / 190463,
    posResolution: 0.291,
    symbolTable: table,
    symbolCode: text[9],
  };
  const c1 = text.charCodeAt(10) - 33;
  const s1 = text.charCodeAt(11) - 33;
  const type = text.charCodeAt(12) - 33;
  if (c1 === -1) return out;
  if ((type & 0x18) === 0x10) {
    out.altitude = 1.002 ** (c1 * 91 + s1) * FEET_TO_M;
  } else if (c1 >= 0 && c1 <= 89) {
    out.course = c1 === 0 ? 360 : c1 * 4;
    out.speed = (1.08 ** s1 - 1) * KNOT_TO_KMH;
  } else if (c1 === 90) {
    out.radioRange = 2 * 1.08 ** s1 * 1.609344;
  }
  return out;
}
