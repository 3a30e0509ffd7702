import { parseNmeaSentence, type NmeaSentence } from './sentence';
import { DECODERS, type NmeaRecord } from './sentences';

export type NmeaDecodeErrorKind = 'bad_start' | 'bad_address' | 'no_checksum' | 'bad_checksum' | 'bad_field';

export type NmeaDecoded =
  | { ok: true; sentence: NmeaSentence; record?: NmeaRecord }
  | { ok: false; error: { kind: NmeaDecodeErrorKind; message: string; input: string } };

/**
 * One line → checked sentence → typed record for the sentence types we understand (GGA RMC VTG GSA GSV GLL
 * ZDA, any talker). Other well-formed sentences come back without a record. Never throws.
 */
export function decodeNmea(line: string): NmeaDecoded {
  const parsed = parseNmeaSentence(line);
  if (!parsed.ok) return parsed;
  const { sentence } = parsed;
  const decoder = sentence.talker === 'P' ? undefined : DECODERS[sentence.type as NmeaRecord['kind']];
  if (!decoder) return { ok: true, sentence };
  try {
    return { ok: true, sentence, record: decoder(sentence.fields) };
  } catch (e) {
    return {
      ok: false,
      error: {
        kind: 'bad_field',
        message: `${sentence.talker}${sentence.type}: ${(e as Error).message}`,
        input: sentence.raw,
      },
    };
  }
}
