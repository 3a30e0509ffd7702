/**
 * Outgoing APRS bodies (the part after `:` in TNC2). Inputs are checked first, so a bad message is refused
 * here with a reason instead of going on air in a form other stations will misread.
 */
export type AprsEncoded = { ok: true; body: string } | { ok: false; reason: string };

/** Only 0x20-0x7E survives every TNC and APRS-IS gateway unchanged. */
function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

const ADDRESSEE_RE = /^[A-Za-z0-9_ -]{1,9}$/;
const MESSAGE_ID_RE = /^[A-Za-z0-9]{1,5}$/;
export const APRS_MESSAGE_MAX = 67;

function addressee(to: string): string | undefined {
  return ADDRESSEE_RE.test(to) ? to.padEnd(9, ' ') : undefined;
}

export function encodeAprsMessage(m: {
  addressee: string;
  text: string;
  id?: string;
  replyAck?: string;
}): AprsEncoded {
  const to = addressee(m.addressee);
  if (!to) return { ok: false, reason: `addressee "${m.addressee}" must be 1-9 of A-Z a-z 0-9 _ -` };
  if (m.text.length > APRS_MESSAGE_MAX) {
    return { ok: false, reason: `message is ${m.text.length} characters; APRS allows ${APRS_MESSAGE_MAX}` };
  }
  // '{' starts the message id, '|' and '~' are reserved by the spec; control characters break TNC2.
  if (/[{|~]/.test(m.text) || !isPrintableAscii(m.text)) {
    return { ok: false, reason: 'message text may not contain {, |, ~ or non-ASCII/control characters' };
  }
  if (m.id !== undefined && !MESSAGE_ID_RE.test(m.id)) {
    return { ok: false, reason: `message id "${m.id}" must be 1-5 letters or digits` };
  }
  if (m.replyAck !== undefined && (m.id === undefined || !/^[A-Za-z0-9]{0,5}$/.test(m.replyAck))) {
    return { ok: false, reason: 'a reply-ack needs a message id and is 0-5 letters or digits' };
  }
  const id = m.id === undefined ? '' : `{${m.id}${m.replyAck !== undefined ? `}${m.replyAck}` : ''}`;
  return { ok: true, body: `:${to}:${m.text}${id}` };
}

function encodeAnswer(kind: 'ack' | 'rej', to: string, id: string): AprsEncoded {
  const padded = addressee(to);
  if (!padded) return { ok: false, reason: `addressee "${to}" must be 1-9 of A-Z a-z 0-9 _ -` };
  if (!MESSAGE_ID_RE.test(id))
    return { ok: false, reason: `message id "${id}" must be 1-5 letters or digits` };
  return { ok: true, body: `:${padded}:${kind}${id}` };
}

export const encodeAprsAck = (to: string, id: string): AprsEncoded => encodeAnswer('ack', to, id);
export const encodeAprsRej = (to: string, id: string): AprsEncoded => encodeAnswer('rej', to, id);

export interface PositionReport {
  latitude: number;
  longitude: number;
  symbolTable?: string;
  symbolCode?: string;
  /** Station accepts messages (`=`/`@` rather than `!`/`/`). */
  messaging?: boolean;
  /** Adds a DDHHMMz timestamp. */
  timestamp?: Date;
  /** Degrees 1-360 (0 = unknown) and km/h; sent together as the CSE/SPD extension. */
  course?: number;
  speed?: number;
  /** Metres. */
  altitude?: number;
  comment?: string;
}

function dm(value: number, degWidth: number): string {
  // Round to hundredths of a minute first so 59.995' carries into the degrees.
  const hundredths = Math.round(Math.abs(value) * 6000);
  const deg = Math.floor(hundredths / 6000);
  const min = (hundredths % 6000) / 100;
  return `${String(deg).padStart(degWidth, '0')}${min.toFixed(2).padStart(5, '0')}`;
}

/** Uncompressed position report, the form every APRS station can read. */
export function encodeAprsPosition(p: PositionReport): AprsEncoded {
  if (!Number.isFinite(p.latitude) || Math.abs(p.latitude) > 90)
    return { ok: false, reason: `latitude ${p.latitude} is outside ±90` };
  if (!Number.isFinite(p.longitude) || Math.abs(p.longitude) > 180) {
    return { ok: false, reason: `longitude ${p.longitude} is outside ±180` };
  }
  const table = p.symbolTable ?? '/';
  const code = p.symbolCode ?? '-';
  if (!/^[/\\A-Z0-9]$/.test(table))
    return { ok: false, reason: `symbol table "${table}" must be /, \\, A-Z or 0-9` };
  if (!/^[\x21-\x7e]$/.test(code))
    return { ok: false, reason: `symbol code "${code}" must be one printable character` };
  const comment = p.comment ?? '';
  if (!isPrintableAscii(comment))
    return { ok: false, reason: 'comment may not contain control or non-ASCII characters' };
  let stamp = '';
  if (p.timestamp) {
    const t = p.timestamp;
    const p2 = (n: number) => String(n).padStart(2, '0');
    stamp = `${p2(t.getUTCDate())}${p2(t.getUTCHours())}${p2(t.getUTCMinutes())}z`;
  }
  const type = p.timestamp ? (p.messaging ? '@' : '/') : p.messaging ? '=' : '!';
  const lat = `${dm(p.latitude, 2)}${p.latitude < 0 ? 'S' : 'N'}`;
  const lon = `${dm(p.longitude, 3)}${p.longitude < 0 ? 'W' : 'E'}`;
  let ext = '';
  if (p.course !== undefined || p.speed !== undefined) {
    const course = Math.round(p.course ?? 0) % 361;
    const knots = Math.round((p.speed ?? 0) / 1.852);
    if (knots > 999)
      return { ok: false, reason: `speed ${p.speed} km/h does not fit in three digits of knots` };
    ext = `${String(course).padStart(3, '0')}/${String(knots).padStart(3, '0')}`;
  }
  let alt = '';
  if (p.altitude !== undefined) {
    const feet = Math.round(p.altitude / 0.3048);
    if (feet > 999999 || feet < -99999)
      return { ok: false, reason: `altitude ${p.altitude} m does not fit /A=` };
    alt = `/A=${feet < 0 ? `-${String(-feet).padStart(5, '0')}` : String(feet).padStart(6, '0')}`;
  }
  return { ok: true, body: `${type}${stamp}${lat}${table}${lon}${code}${ext}${alt}${comment}` };
}
