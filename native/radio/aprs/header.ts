import { AprsFail, type AprsDigipeater } from './types';

export interface AprsHeader {
  srcCallsign: string;
  dstCallsign: string;
  digipeaters: AprsDigipeater[];
}

/**
 * `SRC>DST,PATH` as seen on APRS-IS (FAP's non-AX.25 mode): callsigns up to 9 characters, q-constructs and
 * lowercase allowed in the path, but nothing outside letters, digits and `-`.
 */
export function parseAprsHeader(header: string): AprsHeader {
  const m = /^([A-Za-z0-9-]{1,9})>(.*)$/.exec(header);
  if (!m)
    throw new AprsFail(
      'srccall_badchars',
      `source callsign in "${header}" has characters other than A-Z 0-9 -`,
    );
  const [dst, ...path] = m[2]!.split(',');
  if (!dst) throw new AprsFail('dstcall_none', `no destination callsign in "${header}"`);
  if (!/^[A-Za-z0-9-]{1,9}$/.test(dst)) {
    throw new AprsFail('dstcall_noax25', `destination callsign "${dst}" is not a valid callsign`);
  }
  const digipeaters = path.map((hop) => {
    const d = /^([A-Za-z0-9-]{1,9})(\*?)$/.exec(hop);
    if (!d)
      throw new AprsFail('digicall_badchars', `digipeater "${hop}" has characters other than A-Z a-z 0-9 -`);
    return { call: d[1]!, wasDigied: d[2] === '*' };
  });
  return { srcCallsign: m[1]!, dstCallsign: dst, digipeaters };
}
