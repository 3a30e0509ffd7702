/**
 * `npm run bench -- <name> [args]` runs bench/<name>.ts. Each benchmark measures its own baseline in the
 * same run and prints its ratio on its last line, so the figure survives a noisy machine.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();
const [asked, ...rest] = process.argv.slice(2);
const name = asked?.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()); // `queue-ui` runs queueUi.ts
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(name ? 2 : 0);
}
process.argv = [process.argv[0]!, join(here, `${name}.ts`), ...rest];
const mod = (await import(pathToFileURL(join(here, `${name}.ts`)).href)) as {
  main?: (args: string[]) => Promise<void>;
};
if (mod.main) await mod.main(rest);
