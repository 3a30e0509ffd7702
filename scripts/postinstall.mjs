// Rebuilds native modules (better-sqlite3, serialport) against Electron's ABI for packaging.
// Skipped where the Electron binary cannot be downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1):
// there the plain-Node host, tests and browser mode use the Node-ABI builds npm installed.
import { spawnSync } from 'node:child_process';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('postinstall: ELECTRON_SKIP_BINARY_DOWNLOAD is set; skipping electron-builder install-app-deps');
  process.exit(0);
}
const r = spawnSync('npx', ['--no-install', 'electron-builder', 'install-app-deps'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
