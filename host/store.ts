import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { openStore, type Db, type OpenOptions } from '../db/open';
import { IncidentRepository } from '../db/incidents';
import { TimelineRepository } from '../db/timeline';
import { AuditLog } from '../db/audit';
import { Outbox } from '../db/outbox';
import { ReferenceRepository } from '../db/reference';
import { BackupManager } from '../db/backup';
import { getMeta, setMeta } from '../db/meta';

export const DB_FILE = 'fengsui.sqlite3';

/** The console's local store: one writer connection and the repositories over it. */
export class Store {
  readonly incidents: IncidentRepository;
  readonly timeline: TimelineRepository;
  readonly audit: AuditLog;
  readonly outbox: Outbox;
  readonly reference: ReferenceRepository;
  readonly backups: BackupManager;
  readonly consoleId: string;

  private constructor(
    readonly db: Db,
    readonly schemaVersion: number,
    readonly path: string,
    backupDir: string,
  ) {
    let consoleId = getMeta(db, 'console_id');
    if (!consoleId) {
      consoleId = randomUUID();
      setMeta(db, 'console_id', consoleId);
    }
    this.consoleId = consoleId;
    this.incidents = new IncidentRepository(db);
    this.timeline = new TimelineRepository(db);
    this.audit = new AuditLog(db);
    this.outbox = new Outbox(db, consoleId);
    this.reference = new ReferenceRepository(db);
    this.backups = new BackupManager(db, backupDir);
  }

  static open(dataDir: string, options: OpenOptions = {}): Store {
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, DB_FILE);
    const { db, schemaVersion } = openStore(path, options);
    return new Store(db, schemaVersion, path, join(dataDir, 'backups'));
  }

  /** Runs `fn` in one transaction (immediate: takes the write lock up front so it cannot fail half-way on busy). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  getMeta(key: string): string | null {
    return getMeta(this.db, key);
  }
  setMeta(key: string, value: string): void {
    setMeta(this.db, key, value);
  }

  close(): void {
    this.db.close();
  }
}
