import { decodeAddress } from './address';

/**
 * Splits a file of raw AX.25 frames written one per line (0x0A after each, as some iGates log them).
 * 0x0A may legitimately occur inside an info field, so a newline only ends a frame when what follows
 * starts like an AX.25 header (two well-formed addresses) or is the end of the file.
 */
export function splitRawFrameLines(bytes: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    const next = i + 1;
    if (next >= bytes.length || looksLikeHeader(bytes, next)) {
      if (i > start) frames.push(bytes.subarray(start, i));
      start = next;
    }
  }
  if (start < bytes.length) frames.push(bytes.subarray(start));
  return frames;
}

function looksLikeHeader(bytes: Uint8Array, at: number): boolean {
  if (bytes.length < at + 16) return false;
  const dst = decodeAddress(bytes, at);
  if ('kind' in dst || dst.last) return false;
  return !('kind' in decodeAddress(bytes, at + 7));
}
