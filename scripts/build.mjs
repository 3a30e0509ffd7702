#!/usr/bin/env node
// Builds everything the desktop app ships: the renderer (Vite) into dist/renderer, and the Electron main,
// preload and host bundles (esbuild) into dist/electron and dist/host. Dependencies stay in node_modules
// (electron-builder packs them; native modules are unpacked from the asar).
import { build } from 'esbuild';
import { cpSync, rmSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];

if (!only || only === 'renderer') {
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!only || only === 'electron') {
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
  rmSync(join(root, 'dist/electron'), { recursive: true, force: true });
  rmSync(join(root, 'dist/host'), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: [join(root, 'electron/main.ts')],
    outfile: join(root, 'dist/electron/main.cjs'),
    format: 'cjs',
    external: ['electron'],
  });
  // A sandboxed preload cannot require anything but 'electron': everything else is inlined.
  await build({
    ...common,
    entryPoints: [join(root, 'electron/preload.ts')],
    outfile: join(root, 'dist/electron/preload.cjs'),
    format: 'cjs',
    external: ['electron'],
  });
  await build({
    ...common,
    entryPoints: [join(root, 'host/utility.ts')],
    outfile: join(root, 'dist/host/utility.mjs'),
    format: 'esm',
    packages: 'external',
  });
  mkdirSync(join(root, 'dist/host/migrations'), { recursive: true });
  cpSync(join(root, 'db/migrations'), join(root, 'dist/host/migrations'), { recursive: true });
}
console.log('build: done');
