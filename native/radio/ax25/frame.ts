import { toHex } from '../bytes';
import { decodeAddress, encodeAddress, type Ax25Address } from './address';

/** AX.25 UI frame without flags or FCS (what KISS carries). */
export interface Ax25Frame {
  destination: Ax25Address;
  source: Ax25Address;
  /** Up to 8, in path order. */
  digipeaters: Ax25Address[];
  /** 0x03 for UI (0x13 with the poll/final bit). */
  control: number;
  /** 0xF0 = no layer 3, what APRS uses. */
  pid: number;
  info: Uint8Array;
}

export type Ax25ErrorKind =
  'too_short' | 'bad_address_char' | 'bad_callsign' | 'too_many_digipeaters' | 'not_ui';

export interface Ax25Error {
  kind: Ax25ErrorKind;
  message: string;
  input: string;
}

export const AX25_UI = 0x03;
export const AX25_PID_NO_LAYER3 = 0xf0;
export const AX25_MAX_DIGIPEATERS = 8;

export type Ax25Decoded = { ok: true; frame: Ax25Frame } | { ok: false; error: Ax25Error };

function fail(kind: Ax25ErrorKind, message: string, bytes: Uint8Array): Ax25Decoded {
  return { ok: false, error: { kind, message, input: toHex(bytes) } };
}

export function decodeAx25(bytes: Uint8Array): Ax25Decoded {
  const addresses: Ax25Address[] = [];
  let at = 0;
  for (;;) {
    if (bytes.length < at + 7) {
      return fail(
        'too_short',
        `frame ends inside address ${addresses.length + 1} (${bytes.length} bytes)`,
        bytes,
      );
    }
    const a = decodeAddress(bytes, at);
    if ('kind' in a) return fail(a.kind, `address ${addresses.length + 1}: ${a.message}`, bytes);
    const { last, ...address } = a;
    addresses.push(address);
    at += 7;
    if (last) break;
    if (addresses.length >= 2 + AX25_MAX_DIGIPEATERS) {
      return fail(
        'too_many_digipeaters',
        `more than ${AX25_MAX_DIGIPEATERS} digipeaters (no address extension bit)`,
        bytes,
      );
    }
  }
  if (addresses.length < 2)
    return fail('too_short', 'only one address: a frame needs destination and source', bytes);
  if (bytes.length < at + 2) return fail('too_short', 'frame ends before control and PID bytes', bytes);
  const control = bytes[at]!;
  if ((control & ~0x10) !== AX25_UI) {
    return fail(
      'not_ui',
      `control byte 0x${control.toString(16).padStart(2, '0')} is not a UI frame (0x03)`,
      bytes,
    );
  }
  const [destination, source, ...digipeaters] = addresses as [Ax25Address, Ax25Address, ...Ax25Address[]];
  return {
    ok: true,
    frame: { destination, source, digipeaters, control, pid: bytes[at + 1]!, info: bytes.slice(at + 2) },
  };
}

export function encodeAx25(frame: Ax25Frame): Uint8Array {
  const addresses = [frame.destination, frame.source, ...frame.digipeaters];
  const out = new Uint8Array(addresses.length * 7 + 2 + frame.info.length);
  addresses.forEach((a, i) => encodeAddress(a, i === addresses.length - 1, out, i * 7));
  let at = addresses.length * 7;
  out[at++] = frame.control;
  out[at++] = frame.pid;
  out.set(frame.info, at);
  return out;
}

/** AX.25 default maximum information field (N1). */
export const AX25_MAX_INFO = 256;

/**
 * What would make `encodeAx25` put a frame on air that other stations misread (it packs bits and does not
 * check); empty when the frame is sendable. Frames from `parseTnc2` or `decodeAx25` always pass the address checks.
 */
export function validateAx25Frame(frame: Ax25Frame): string[] {
  const problems: string[] = [];
  const check = (a: Ax25Address, role: string) => {
    if (!/^[A-Z0-9]{1,6}$/.test(a.callsign))
      problems.push(`${role} callsign "${a.callsign}" must be 1-6 of A-Z 0-9`);
    if (!Number.isInteger(a.ssid) || a.ssid < 0 || a.ssid > 15)
      problems.push(`${role} SSID ${a.ssid} must be 0-15`);
  };
  check(frame.destination, 'destination');
  check(frame.source, 'source');
  frame.digipeaters.forEach((d, i) => check(d, `digipeater ${i + 1}`));
  if (frame.digipeaters.length > AX25_MAX_DIGIPEATERS) {
    problems.push(`${frame.digipeaters.length} digipeaters; AX.25 allows ${AX25_MAX_DIGIPEATERS}`);
  }
  if ((frame.control & ~0x10) !== AX25_UI)
    problems.push(`control 0x${frame.control.toString(16)} is not a UI frame`);
  if (!Number.isInteger(frame.pid) || frame.pid < 0 || frame.pid > 255)
    problems.push(`PID ${frame.pid} is not a byte`);
  if (frame.info.length > AX25_MAX_INFO)
    problems.push(`info field is ${frame.info.length} bytes; AX.25 allows ${AX25_MAX_INFO}`);
  return problems;
}
