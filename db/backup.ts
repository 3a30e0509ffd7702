import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo } from '../contract';
import type { Db } from './open';

type Reason = BackupInfo['reason'];
const NAME = /^fengsui-(\d{8}T\d{9})-(scheduled|manual|pre-migration)\.sqlite3$/;

function stamp(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/[-:.Z]/g, '')
    .replace('T', 'T');
}

function parseStamp(s: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})$/.exec(s);
  if (!m) return 0;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, +m[7]!);
}

/**
 * The snapshot carries the live database's WAL flag; switch the copy to rollback-journal mode so a backup is one
 * self-contained file (no -wal/-shm companions to lose when it is copied off the machine).
 */
function singleFile(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Opens a backup read-only and runs the full integrity check; returns the problems found (empty = good). */
export function verifyBackup(file: string, expectedSchema?: number): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (expectedSchema !== undefined && version !== expectedSchema) {
      problems.push(`schema version is ${version}, expected ${expectedSchema}`);
    }
    return problems;
  } catch (e) {
    return [(e as Error).message];
  } finally {
    db?.close();
  }
}

/**
 * Online backups through SQLite's backup API (a consistent snapshot while the console keeps writing — a file
 * copy of a live WAL database is not). A backup is written to a temporary name, verified, and only then given
 * its final name, so every file in the folder is a verified backup. The newest `keep` are kept.
 */
export class BackupManager {
  private running: Promise<BackupInfo> | null = null;

  constructor(
    private readonly db: Db,
    readonly dir: string,
    private readonly keep = 10,
    private readonly now: () => number = Date.now,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** One backup at a time: a second request while one runs waits for and returns the same result. */
  backupNow(reason: Reason): Promise<BackupInfo> {
    if (!this.running) {
      this.running = this.run(reason).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async run(reason: Reason): Promise<BackupInfo> {
    const at = this.now();
    const file = join(this.dir, `fengsui-${stamp(at)}-${reason}.sqlite3`);
    const partial = `${file}.partial`;
    rmSync(partial, { force: true });
    try {
      await this.db.backup(partial);
      singleFile(partial);
      const schema = this.db.pragma('user_version', { simple: true }) as number;
      const problems = verifyBackup(partial, schema);
      if (problems.length > 0) throw new Error(`verification failed: ${problems.slice(0, 3).join('; ')}`);
      renameSync(partial, file);
    } catch (e) {
      rmSync(partial, { force: true });
      throw new Error(`Backup to ${file} failed: ${(e as Error).message}`);
    }
    this.rotate();
    return { file, at, bytes: statSync(file).size, verified: true, reason };
  }

  list(): BackupInfo[] {
    return readdirSync(this.dir)
      .map((f) => ({ f, m: NAME.exec(f) }))
      .filter((x): x is { f: string; m: RegExpExecArray } => x.m !== null)
      .map(({ f, m }) => ({
        file: join(this.dir, f),
        at: parseStamp(m[1]!),
        bytes: statSync(join(this.dir, f)).size,
        verified: true,
        reason: m[2] as Reason,
      }))
      .sort((a, b) => b.at - a.at);
  }

  private rotate(): void {
    for (const old of this.list().slice(this.keep)) rmSync(old.file, { force: true });
  }
}

/**
 * Restores a backup into `dbPath` with the backup API (backup file → live path). The console must have closed
 * its connection first. The backup is verified before anything is touched.
 */
export async function restoreBackup(backupFile: string, dbPath: string): Promise<void> {
  const problems = verifyBackup(backupFile);
  if (problems.length > 0) {
    throw new Error(`Backup ${backupFile} cannot be restored: ${problems.slice(0, 3).join('; ')}`);
  }
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
    await source.backup(dbPath);
  } finally {
    source.close();
  }
}
