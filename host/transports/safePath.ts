import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/**
 * Maps a URL path onto a file under `root`, or null when it would escape the root (`..`, encoded `%2e%2e`,
 * backslashes, NUL bytes, absolute paths). Used by the browser-mode HTTP server and Electron's app protocol.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // Refuse any parent segment outright rather than trusting normalisation to clamp it.
  if (decoded.split('/').includes('..')) return null;
  const cleaned = normalize(decoded).replace(/^([/\\])+/, '');
  if (cleaned.startsWith('..') || isAbsolute(cleaned)) return null;
  const full = join(root, cleaned);
  const rel = relative(root, full);
  if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return full;
}

export const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.pmtiles': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};
