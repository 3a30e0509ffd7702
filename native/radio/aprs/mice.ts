import { setComment } from './comment';
import { isSymbolTable } from './symbol';
import { AprsFail, KNOT_TO_KMH, type AprsPacket } from './types';
import { base91, posResolution } from './units';

// Mic-E bytes are offsets from 28, so the valid ranges start inside the control characters.
// eslint-disable-next-line no-control-regex
const VALID_INFO = /^[\x26-\x7f][\x26-\x61][\x1c-\x7f]{2}[\x1c-\x7d][\x1c-\x7f][\x21-\x7b\x7d][/\\A-Z0-9]/;
/** Some gateways turn unprintable Mic-E bytes into spaces and others then drop one: a known, fixable damage. */
// eslint-disable-next-line no-control-regex
const MANGLED_INFO = /^([\x26-\x7f][\x26-\x61][\x1c-\x7f]{2})\x20([\x21-\x7b\x7d][/\\A-Z0-9])(.*)$/s;
/** 5-channel telemetry is introduced by a backtick; FAP also takes the UTF-8 left quote some software sends. */
const TELEMETRY_5 = /^(?:`|\u2018|\xe2\x80\x98)([0-9a-f]{10})/i;
const TELEMETRY_2 = /^'([0-9a-f]{2})([0-9a-f]{2})/i;

interface DstChar {
  digit: string;
  /** Message bit: 1 for A-K and P-Z. */
  bit: '0' | '1';
  /** Marks N / +100° / W in positions 4-6. */
  high: boolean;
}

function dstChar(c: string): DstChar | undefined {
  if (/[0-9]/.test(c)) return { digit: c, bit: '0', high: false };
  if (/[A-J]/.test(c)) return { digit: String(c.charCodeAt(0) - 65), bit: '1', high: false };
  if (c === 'K') return { digit: ' ', bit: '1', high: false };
  if (c === 'L') return { digit: ' ', bit: '0', high: false };
  if (/[P-Y]/.test(c)) return { digit: String(c.charCodeAt(0) - 80), bit: '1', high: true };
  if (c === 'Z') return { digit: ' ', bit: '1', high: true };
  return undefined;
}

/** Mic-E: latitude and flags in the destination callsign, longitude/speed/course/symbol in the body. */
export function parseMicE(
  dstCallsign: string,
  info: string,
  into: Partial<AprsPacket>,
  acceptBroken: boolean,
): void {
  into.type = 'location';
  into.format = 'mice';
  const call = dstCallsign.replace(/-\d+$/, '');
  if (!/^[0-9A-LP-Z]{3}[0-9LP-Z]{3}$/.test(call)) {
    throw new AprsFail('mice_inv', `Mic-E destination "${dstCallsign}" does not encode a latitude`);
  }
  let body = info;
  let mangled = false;
  if (body.length < 8) throw new AprsFail('mice_short', `Mic-E body "${body}" is shorter than 8 characters`);
  if (!VALID_INFO.test(body)) {
    const m = acceptBroken ? MANGLED_INFO.exec(body) : null;
    if (m) {
      body = `${m[1]}  ${m[2]}${m[3]}`;
      mangled = true;
    } else if (/^.{7}[^/\\A-Z0-9]/s.test(body)) {
      throw new AprsFail('sym_inv_table', `Mic-E symbol table "${body[7]}" is not /, \\, A-Z or 0-9`);
    } else {
      throw new AprsFail(
        'mice_inv_info',
        `Mic-E body "${body.slice(0, 8)}" has bytes outside the Mic-E ranges`,
      );
    }
  }
  const chars = [...call].map((c) => dstChar(c)!);
  const digits = chars.map((c) => c.digit).join('');
  const amb = /^\d+( *)$/.exec(digits)?.[1]?.length;
  if (amb === undefined) throw new AprsFail('mice_amb_inv', `Mic-E latitude digits "${digits}" have a gap`);
  if (amb > 4) throw new AprsFail('mice_amb_large', `Mic-E latitude ambiguity ${amb} is larger than 4`);
  // Hidden digits are read as the centre of the box they leave open.
  const filled =
    amb === 0 ? digits : digits.slice(0, 6 - amb) + (amb === 4 ? '30' : '5').padEnd(amb, '0').slice(0, amb);
  const lat = Number(filled.slice(0, 2)) + Number(`${filled.slice(2, 4)}.${filled.slice(4, 6)}`) / 60;
  into.latitude = chars[3]!.high ? lat : -lat;
  into.mbits = chars
    .slice(0, 3)
    .map((c) => c.bit)
    .join('');
  into.posAmbiguity = amb;
  into.posResolution = posResolution(2 - amb);

  let lonDeg = body.charCodeAt(0) - 28;
  if (chars[4]!.high) lonDeg += 100;
  if (lonDeg >= 180 && lonDeg <= 189) lonDeg -= 80;
  else if (lonDeg >= 190 && lonDeg <= 199) lonDeg -= 190;
  let lonMin = body.charCodeAt(1) - 28;
  if (lonMin >= 60) lonMin -= 60;
  const lonHundredths = body.charCodeAt(2) - 28;
  // Longitude is blurred by the same number of digits as the latitude.
  const minText = `${String(lonMin).padStart(2, '0')}${String(lonHundredths).padStart(2, '0')}`;
  const minFilled =
    amb === 0 ? minText : amb === 4 ? '3000' : minText.slice(0, 4 - amb) + '5'.padEnd(amb, '0');
  const lon = lonDeg + Number(`${minFilled.slice(0, 2)}.${minFilled.slice(2)}`) / 60;
  into.longitude = chars[5]!.high ? -lon : lon;
  if (into.latitude < -90 || into.latitude > 90 || lonDeg > 179) {
    throw new AprsFail(
      'mice_inv',
      `Mic-E position ${into.latitude.toFixed(4)}, ${into.longitude.toFixed(4)} is off the globe`,
    );
  }

  into.symbolCode = body[6];
  into.symbolTable = body[7];
  if (!isSymbolTable(body[7]!))
    throw new AprsFail('sym_inv_table', `Mic-E symbol table "${body[7]}" is invalid`);
  if (mangled) {
    into.miceMangled = true;
  } else {
    const sp = body.charCodeAt(3) - 28;
    const dc = body.charCodeAt(4) - 28;
    const se = body.charCodeAt(5) - 28;
    let speed = sp * 10 + Math.floor(dc / 10);
    let course = (dc % 10) * 100 + se;
    if (speed >= 800) speed -= 800;
    if (course >= 400) course -= 400;
    into.speed = speed * KNOT_TO_KMH;
    into.course = course;
  }

  let rest = body.slice(8);
  const t5 = TELEMETRY_5.exec(rest);
  const t2 = t5 ? null : TELEMETRY_2.exec(rest);
  if (t5) {
    into.telemetry = { vals: (t5[1]!.match(/../g) ?? []).map((h) => parseInt(h, 16)) };
    rest = rest.slice(t5[0].length);
  } else if (t2) {
    into.telemetry = { vals: [parseInt(t2[1]!, 16), 0, parseInt(t2[2]!, 16)] };
    rest = rest.slice(t2[0].length);
  }
  // Altitude: three base-91 characters and '}', metres above -10 km.
  const alt = /^(.*?)([\x21-\x7b]{3})\}/s.exec(rest);
  if (alt) {
    into.altitude = base91(alt[2]!) - 10000;
    rest = alt[1]! + rest.slice(alt[0].length);
  }
  setComment(rest, into);
}
