import Database from 'better-sqlite3';
import { loadMigrations, type Migration } from './migrations';

export type Db = Database.Database;

/** A refusal to open the store, with a message the operator or technician can act on. */
export class StoreOpenError extends Error {
  constructor(
    message: string,
    readonly reason: 'newer-schema' | 'corrupt' | 'migration-failed',
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

export interface OpenOptions {
  migrations?: Migration[];
  /** Skip the full integrity check (benchmarks on huge files); never in the product. */
  skipIntegrityCheck?: boolean;
  readonly?: boolean;
}

export interface OpenedStore {
  db: Db;
  schemaVersion: number;
  migratedFrom: number;
}

/**
 * Opens the one writer connection: WAL so readers never block the writer, synchronous=FULL so a committed
 * incident survives a power cut, foreign keys on, and a busy timeout so a backup or reader cannot make a write
 * fail outright. Checks integrity, then applies pending migrations in one transaction.
 */
export function openStore(path: string, options: OpenOptions = {}): OpenedStore {
  const db = new Database(path, { readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');

    if (!options.skipIntegrityCheck) {
      const rows = db.pragma('integrity_check') as { integrity_check: string }[];
      const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
      if (problems.length > 0) {
        throw new StoreOpenError(
          `The database ${path} is damaged (${problems.slice(0, 3).join('; ')}). ` +
            'Restore the latest verified backup from the backups folder.',
          'corrupt',
        );
      }
    }

    const migrations = options.migrations ?? loadMigrations();
    const latest = migrations.length;
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) {
      throw new StoreOpenError(
        `The database ${path} was written by a newer Fengsui (schema version ${current}; this build knows up to ` +
          `${latest}). Install the newer version, or restore a backup made by this version.`,
        'newer-schema',
      );
    }
    if (current < latest && !options.readonly) {
      const pending = migrations.slice(current);
      try {
        db.transaction(() => {
          for (const m of pending) db.exec(m.sql);
          db.pragma(`user_version = ${latest}`);
        })();
      } catch (e) {
        throw new StoreOpenError(
          `Upgrading the database ${path} from schema ${current} to ${latest} failed (${(e as Error).message}); ` +
            'it was left unchanged at version ' +
            current +
            '.',
          'migration-failed',
        );
      }
    }
    return { db, schemaVersion: latest, migratedFrom: current };
  } catch (e) {
    db.close();
    throw e;
  }
}
