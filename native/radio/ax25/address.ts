/**
 * AX.25 address field: 6 callsign characters shifted left one bit, then an SSID byte
 * `C/H r r S S S S E` — C/H is the command bit (destination/source) or "has been repeated" (digipeater),
 * `rr` are reserved (normally 11), SSSS the SSID, E the extension bit (1 on the last address).
 */
export interface Ax25Address {
  callsign: string;
  ssid: number;
  /** C bit on destination/source, H bit ("has been repeated", TNC2 `*`) on a digipeater. */
  chBit: boolean;
  /** The two reserved bits as received (0..3); 3 when unset, so re-encoding a decoded frame is byte-exact. */
  reserved?: number;
}

export type AddressError =
  { kind: 'bad_address_char'; message: string } | { kind: 'bad_callsign'; message: string };

export function formatAddress(a: Pick<Ax25Address, 'callsign' | 'ssid'>): string {
  return a.ssid ? `${a.callsign}-${a.ssid}` : a.callsign;
}

/** `CALL` or `CALL-SSID` as AX.25 can carry it (uppercase letters/digits, SSID 0-15), as FAP's check_ax25_call. */
export function parseAx25Call(text: string): { callsign: string; ssid: number } | AddressError {
  const m = /^([A-Z0-9]{1,6})(?:-(\d{1,2}))?$/.exec(text);
  if (!m)
    return {
      kind: 'bad_callsign',
      message: `"${text}" is not an AX.25 callsign (1-6 of A-Z 0-9, optional -SSID)`,
    };
  const ssid = m[2] === undefined ? 0 : Number(m[2]);
  if (ssid > 15) return { kind: 'bad_callsign', message: `SSID ${ssid} in "${text}" is outside 0-15` };
  return { callsign: m[1]!, ssid };
}

/** Decodes the 7 bytes at `at`; the caller checks the extension bit. */
export function decodeAddress(
  bytes: Uint8Array,
  at: number,
): (Ax25Address & { last: boolean }) | AddressError {
  let call = '';
  let padded = false;
  for (let i = 0; i < 6; i++) {
    const b = bytes[at + i]!;
    if (b & 1) {
      return {
        kind: 'bad_address_char',
        message: `address byte ${at + i} (0x${b.toString(16)}) has its low bit set; not a shifted character`,
      };
    }
    const c = String.fromCharCode(b >> 1);
    if (c === ' ') {
      padded = true;
      continue;
    }
    if (padded || !/[A-Z0-9]/.test(c)) {
      return {
        kind: 'bad_address_char',
        message: `address byte ${at + i} decodes to ${JSON.stringify(c)}, not A-Z/0-9`,
      };
    }
    call += c;
  }
  if (call.length === 0) return { kind: 'bad_callsign', message: `empty callsign at byte ${at}` };
  const s = bytes[at + 6]!;
  return {
    callsign: call,
    ssid: (s >> 1) & 0x0f,
    chBit: (s & 0x80) !== 0,
    reserved: (s >> 5) & 0x03,
    last: (s & 1) === 1,
  };
}

export function encodeAddress(a: Ax25Address, last: boolean, out: Uint8Array, at: number): void {
  const call = a.callsign.padEnd(6, ' ');
  for (let i = 0; i < 6; i++) out[at + i] = (call.charCodeAt(i) & 0x7f) << 1;
  out[at + 6] = (a.chBit ? 0x80 : 0) | ((a.reserved ?? 3) << 5) | ((a.ssid & 0x0f) << 1) | (last ? 1 : 0);
}
