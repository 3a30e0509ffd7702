/**
 * Forward-only numbered migrations (`server/migrations/NNNN_name.sql`). All pending ones are applied in a
 * single transaction under an advisory lock, so two server instances starting together cannot both migrate,
 * and a failure leaves the database exactly as it was.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');
/** Arbitrary constant; only needs to be unique among advisory locks this database uses. */
const MIGRATION_LOCK = 0x46_53_4d_31; // "FSM1"

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  const migrations = files.map((f) => ({
    version: Number(f.slice(0, 4)),
    name: f.replace(/\.sql$/, ''),
    sql: readFileSync(join(dir, f), 'utf8'),
  }));
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(
        `migration files must be numbered 0001, 0002, … without gaps; found ${m.name} at position ${i + 1}`,
      );
  });
  return migrations;
}

export class NewerDatabaseError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `This database was last used by a newer Fengsui server (schema version ${databaseVersion}; this server knows up to ` +
        `${knownVersion}). Run the newer server, or point this one at a different database. Nothing was changed.`,
    );
    this.name = 'NewerDatabaseError';
  }
}

/** Returns the versions applied now (empty when the database was already current). */
export async function migrate(pool: pg.Pool, migrations: Migration[] = loadMigrations()): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM schema_migrations',
    );
    const current = rows[0]?.v ?? 0;
    const known = migrations.length;
    if (current > known) throw new NewerDatabaseError(current, known);
    const pending = migrations.filter((m) => m.version > current);
    for (const m of pending) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        m.version,
        m.name,
      ]);
    }
    await client.query('COMMIT');
    return pending.map((m) => m.version);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
