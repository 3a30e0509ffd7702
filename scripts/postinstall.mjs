// Rebuilds native modules (better-sqlite3, serialport) against Electron's ABI for the desktop app.
// Skipped where the Electron binary cannot be downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1) or is absent:
// there the plain-Node host, tests and browser mode use the Node-ABI builds npm installed. (scripts/test.sh
// rebuilds them for Node if a desktop build left Electron-ABI binaries behind.)
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

// Only for an install in the project itself: not when npm installs this package elsewhere (npx cache, a
// global install), where rebuilding someone's native modules for Electron would break their Node tools.
if (process.env.INIT_CWD && process.env.INIT_CWD !== process.cwd()) {
  process.exit(0);
}
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log(
    'postinstall: ELECTRON_SKIP_BINARY_DOWNLOAD is set; skipping electron-builder install-app-deps',
  );
  process.exit(0);
}
try {
  createRequire(import.meta.url)('electron');
} catch {
  console.log('postinstall: no Electron binary installed; skipping electron-builder install-app-deps');
  process.exit(0);
}
const r = spawnSync('npx', ['--no-install', 'electron-builder', 'install-app-deps'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
