import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The specs serve the built renderer; build it once if `npm test` has not already. */
export default function globalSetup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  if (!existsSync(join(root, 'dist/renderer/index.html'))) {
    const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'renderer'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error('building the renderer failed');
  }
}
