import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Shared, read-only map fixtures live beside the repo, never inside it. Test-only helper. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const sharedMapData = (name: string): string => join(repoRoot, '..', 'shared', 'data', 'map', name);
