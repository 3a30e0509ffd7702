import { FEET_TO_M, KNOT_TO_KMH, type AprsPacket } from './types';
import { base91 } from './units';

/**
 * The free text after a position: leading data extension (course/speed, PHG, RNG), `/A=` altitude anywhere,
 * base-91 comment telemetry `|…|`; what is left, trimmed, is the comment (FAP's _comments_to_decimal).
 */
export function parseComment(text: string, into: Partial<AprsPacket>): void {
  let rest = text;
  const cs = /^([0-9. ]{3})\/([0-9. ]{3})/.exec(rest);
  if (cs) {
    if (/^\d{3}$/.test(cs[1]!) && Number(cs[1]) >= 1 && Number(cs[1]) <= 360) into.course = Number(cs[1]);
    else if (/^\d{3}$/.test(cs[1]!)) into.course = 0;
    if (/^\d{3}$/.test(cs[2]!)) into.speed = Number(cs[2]) * KNOT_TO_KMH;
    rest = rest.slice(7);
  } else {
    const phg = /^PHG(\d[\x30-\x7e]\d\d)([0-9A-Z]?)(\/?)/.exec(rest);
    const rng = /^RNG(\d{4})/.exec(rest);
    if (phg) {
      // PHGphgd with an optional beacon-rate character; a '/' right after it only separates it from the text.
      const withRate = phg[2] && phg[3];
      into.phg = withRate ? phg[1]! + phg[2]! : phg[1]!;
      rest = rest.slice(withRate ? 9 : 7 + (phg[2] === '' && phg[3] ? 1 : 0));
    } else if (rng) {
      into.radioRange = Number(rng[1]) * 1.609344;
      rest = rest.slice(7);
    }
  }
  const alt = /\/A=(-\d{5}|\d{6})/.exec(rest);
  if (alt) {
    into.altitude = Number(alt[1]) * FEET_TO_M;
    rest = rest.slice(0, alt.index) + rest.slice(alt.index + alt[0].length);
  }
  const tlm = /\|([!-{]{2})([!-{]{2}){1,6}\|/.exec(rest);
  if (tlm) {
    const body = tlm[0].slice(1, -1);
    const pairs = body.match(/../g) ?? [];
    const [seq, ...vals] = pairs.map(base91);
    into.telemetry = { seq: String(seq), vals };
    rest = rest.slice(0, tlm.index) + rest.slice(tlm.index + tlm[0].length);
  }
  setComment(rest, into);
}

export function setComment(rest: string, into: Partial<AprsPacket>): void {
  const trimmed = rest.trim();
  if (trimmed) into.comment = trimmed;
}
