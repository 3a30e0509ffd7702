import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Where the numbered SQL files live. In the source tree this is db/migrations/; the Electron bundle copies the
 * folder next to the bundled host, so the same relative URL resolves there too.
 */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * Reads `NNNN_name.sql` files and refuses a list that is out of order or has gaps: applying migrations from a
 * list with a hole in it would leave a database that no later build can reason about.
 */
export function loadMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const m = FILE_PATTERN.exec(file);
    if (!m) throw new Error(`migration file "${file}" in ${dir} is not named NNNN_name.sql`);
    migrations.push({ version: Number(m[1]), name: m[2]!, sql: readFileSync(`${dir}/${file}`, 'utf8') });
  }
  migrations.forEach((mig, i) => {
    if (mig.version !== i + 1) {
      throw new Error(
        `migrations in ${dir} are not contiguous: expected version ${i + 1}, found ${mig.version} (${mig.name})`,
      );
    }
  });
  return migrations;
}
