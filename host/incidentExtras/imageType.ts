import type { Attachment } from '../../contract';

/**
 * The image type by the file's own signature, never by its name: a renamed executable stays refused.
 * PNG: 89 50 4E 47 0D 0A 1A 0A; JPEG: FF D8 FF; WebP: "RIFF" ???? "WEBP".
 */
export function sniffImageType(head: Uint8Array): Attachment['mimeType'] | null {
  const at = (i: number) => head[i];
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b)) return 'image/png';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}
