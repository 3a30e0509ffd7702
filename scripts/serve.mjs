#!/usr/bin/env node
// `npm run serve -- [--port N] [--data DIR] [--demo]`: builds the renderer if needed, then starts the host in
// browser mode on 127.0.0.1 and prints the address with its per-launch token.
import { existsSync, statSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const index = join(root, 'dist/renderer/index.html');
const stale =
  !existsSync(index) ||
  Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'contract'))) >
    statSync(index).mtimeMs;
if (stale && process.env.FENGSUI_SKIP_BUILD !== '1') {
  console.error('building the renderer (vite build)…');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import(pathToFileURL(join(root, 'host/cli/serve.ts')).href);
await main(process.argv.slice(2));
