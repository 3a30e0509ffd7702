import { latin1Decode, latin1Encode } from '../bytes';
import { formatAddress, parseAx25Call, type Ax25Address } from './address';
import { AX25_MAX_DIGIPEATERS, AX25_PID_NO_LAYER3, AX25_UI, type Ax25Frame } from './frame';

/**
 * TNC2 monitor text `SRC>DST,DIGI1*,DIGI2:info`. The `*` goes after the last digipeater whose H bit is set,
 * since H bits accumulate along the path.
 */
export function formatTnc2(frame: Ax25Frame): string {
  return `${formatTnc2Header(frame)}:${latin1Decode(frame.info)}`;
}

export function formatTnc2Header(frame: Pick<Ax25Frame, 'source' | 'destination' | 'digipeaters'>): string {
  let lastRepeated = -1;
  frame.digipeaters.forEach((d, i) => {
    if (d.chBit) lastRepeated = i;
  });
  const path = frame.digipeaters.map((d, i) => formatAddress(d) + (i === lastRepeated ? '*' : ''));
  return [`${formatAddress(frame.source)}>${formatAddress(frame.destination)}`, ...path].join(',');
}

export type Tnc2Error = { kind: 'bad_tnc2'; message: string; input: string };

/**
 * Parses TNC2 text into an AX.25 UI frame ready to encode. Destination and source get the C bit set, as
 * Dire Wolf does for frames built from text (so our bytes match what it puts on air).
 */
export function parseTnc2(line: string): { ok: true; frame: Ax25Frame } | { ok: false; error: Tnc2Error } {
  const fail = (message: string) => ({
    ok: false as const,
    error: { kind: 'bad_tnc2' as const, message, input: line },
  });
  const colon = line.indexOf(':');
  const gt = line.indexOf('>');
  if (gt <= 0 || colon < gt) return fail('expected SRC>DST[,PATH]:info');
  const source = parseAx25Call(line.slice(0, gt));
  if ('kind' in source) return fail(`source: ${source.message}`);
  const [dst = '', ...path] = line.slice(gt + 1, colon).split(',');
  const destination = parseAx25Call(dst);
  if ('kind' in destination) return fail(`destination: ${destination.message}`);
  if (path.length > AX25_MAX_DIGIPEATERS)
    return fail(`${path.length} digipeaters; AX.25 allows ${AX25_MAX_DIGIPEATERS}`);
  const digipeaters: Ax25Address[] = [];
  let lastStar = -1;
  for (const [i, hop] of path.entries()) {
    const starred = hop.endsWith('*');
    const call = parseAx25Call(starred ? hop.slice(0, -1) : hop);
    if ('kind' in call) return fail(`digipeater ${i + 1}: ${call.message}`);
    if (starred) lastStar = i;
    digipeaters.push({ ...call, chBit: false });
  }
  for (let i = 0; i <= lastStar; i++) digipeaters[i]!.chBit = true;
  return {
    ok: true,
    frame: {
      destination: { ...destination, chBit: true },
      source: { ...source, chBit: true },
      digipeaters,
      control: AX25_UI,
      pid: AX25_PID_NO_LAYER3,
      info: latin1Encode(line.slice(colon + 1)),
    },
  };
}
