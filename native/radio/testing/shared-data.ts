/**
 * Test-only helpers: the real captures live beside the checkout in ../shared/data and are read in place, never
 * copied into the repository.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const sharedDataDir = join(repoRoot, '..', 'shared', 'data');

export function sharedDataPath(...parts: string[]): string {
  return join(sharedDataDir, ...parts);
}

export function readSharedBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(sharedDataPath(...parts)));
}

export function readSharedText(...parts: string[]): string {
  return readFileSync(sharedDataPath(...parts), 'latin1');
}

/** Splits `bytes` into consecutive chunks of the given sizes (cycling), so stream decoders see split reads. */
export function chunkBytes(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes.length > 0 ? (sizes[i % sizes.length] ?? 1) : bytes.length);
    out.push(bytes.subarray(at, at + size));
    at += size;
    i += 1;
  }
  return out;
}

export function hexBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[^0-9a-f]/gi, '');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
