/** Helpers the benchmarks share (the leading underscore keeps this file out of `npm run bench`'s list). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** Deterministic PRNG (mulberry32): every run seeds the same data, so runs compare. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The console a browser benchmark measures is the built renderer: build it when its sources are newer (as
 * `npm run serve` does), unless FENGSUI_SKIP_BUILD=1. Returns the folder to serve.
 */
export function ensureRendererBuilt(): string {
  const dir = join(repoRoot, 'dist/renderer');
  const index = join(dir, 'index.html');
  const stale =
    !existsSync(index) ||
    Math.max(newestMtime(join(repoRoot, 'renderer')), newestMtime(join(repoRoot, 'contract'))) >
      statSync(index).mtimeMs;
  if (stale && process.env.FENGSUI_SKIP_BUILD !== '1') {
    const vite = join(repoRoot, 'node_modules/vite/bin/vite.js');
    const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error('building the renderer failed');
  }
  return dir;
}
