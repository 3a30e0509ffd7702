import { formatChecksum, nmeaChecksum } from './checksum';

export interface NmeaSentence {
  /** `GP`, `GN`, `GL`, `GA`, `BD`/`GB`, … or `P` for proprietary sentences. */
  talker: string;
  /** `GGA`, `RMC`, … ; for proprietary sentences the vendor code and type (`MTK010`). */
  type: string;
  /** Fields after the address, as sent. */
  fields: string[];
  raw: string;
  hadChecksum: boolean;
}

export type NmeaSentenceErrorKind = 'bad_start' | 'bad_address' | 'no_checksum' | 'bad_checksum';

export interface NmeaSentenceError {
  kind: NmeaSentenceErrorKind;
  message: string;
  input: string;
}

export type NmeaSentenceParsed =
  { ok: true; sentence: NmeaSentence } | { ok: false; error: NmeaSentenceError };

/**
 * Sentences that receivers send without a checksum and gpsd still takes. Everything else without `*hh` is
 * refused: a missing checksum on a serial line usually means a damaged sentence (gpsd's regression data
 * shows `$POLYN`/`$PLCS` without checksum rejected).
 */
const CHECKSUM_OPTIONAL = new Set(['PASHR']);

export function parseNmeaSentence(raw: string): NmeaSentenceParsed {
  const line = raw.replace(/[\r\n\s]+$/, '');
  const fail = (kind: NmeaSentenceErrorKind, message: string): NmeaSentenceParsed => ({
    ok: false,
    error: { kind, message, input: line },
  });
  if (!/^[$!]/.test(line)) return fail('bad_start', 'sentence does not start with $ or !');
  const star = line.lastIndexOf('*');
  let body: string;
  let hadChecksum = false;
  if (star >= 0 && /^\*[0-9A-Fa-f]{2}$/.test(line.slice(star))) {
    body = line.slice(1, star);
    const sent = parseInt(line.slice(star + 1), 16);
    const want = nmeaChecksum(body);
    if (sent !== want)
      return fail(
        'bad_checksum',
        `checksum *${line.slice(star + 1)} does not match the content (*${formatChecksum(want)})`,
      );
    hadChecksum = true;
  } else {
    body = line.slice(1);
  }
  const [address = '', ...fields] = body.split(',');
  if (!/^[A-Z0-9]{3,10}$/.test(address))
    return fail('bad_address', `address field "${address}" is not a talker and sentence type`);
  const proprietary = address.startsWith('P');
  if (!hadChecksum && !CHECKSUM_OPTIONAL.has(address))
    return fail('no_checksum', `${address} sentence has no *hh checksum`);
  if (!proprietary && !/^[A-Z]{2}[A-Z]{3}$/.test(address)) {
    return fail(
      'bad_address',
      `address field "${address}" is not two talker letters and a three-letter type`,
    );
  }
  return {
    ok: true,
    sentence: {
      talker: proprietary ? 'P' : address.slice(0, 2),
      type: proprietary ? address.slice(1) : address.slice(2),
      fields,
      raw: line,
      hadChecksum,
    },
  };
}

export function formatNmeaSentence(address: string, fields: readonly string[]): string {
  const body = [address, ...fields].join(',');
  return `$${body}*${formatChecksum(nmeaChecksum(body))}`;
}

/** GNSS of a talker id (NMEA 4.x plus the BeiDou `BD` that older Chinese receivers use). */
export function talkerSystem(
  talker: string,
): 'GPS' | 'GLONASS' | 'Galileo' | 'BeiDou' | 'QZSS' | 'NavIC' | 'multi' | 'other' {
  switch (talker) {
    case 'GP':
      return 'GPS';
    case 'GL':
      return 'GLONASS';
    case 'GA':
      return 'Galileo';
    case 'BD':
    case 'GB':
      return 'BeiDou';
    case 'GQ':
      return 'QZSS';
    case 'GI':
      return 'NavIC';
    case 'GN':
      return 'multi';
    default:
      return 'other';
  }
}
