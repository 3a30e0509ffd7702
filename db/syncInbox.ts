import type { Change } from '../contract';
import type { Db } from './open';

export type InboxReason = 'held' | 'waiting' | 'unsupported';

interface InboxRow {
  console_id: string;
  seq: number;
  entity: string;
  entity_id: string;
  op: string;
  fields: string;
  hlc: string;
  schema_version: number;
}

const toChange = (r: InboxRow): Change => ({
  consoleId: r.console_id,
  seq: r.seq,
  entity: r.entity as Change['entity'],
  entityId: r.entity_id,
  op: r.op as Change['op'],
  fields: JSON.parse(r.fields) as Record<string, unknown>,
  hlc: r.hlc,
  schemaVersion: r.schema_version,
});

/**
 * Remote changes on the console side: which were applied (by identity, so a redelivery is a no-op) and which
 * are kept for later (newer schema, waiting for their incident, unsupported entity) — never dropped.
 */
export class SyncInbox {
  private readonly markStmt;
  private readonly keepStmt;
  private readonly waitingStmt;
  private readonly removeStmt;
  private readonly countStmt;
  private readonly heldStmt;
  private readonly heldSummaryStmt;

  constructor(db: Db) {
    this.markStmt = db.prepare('INSERT OR IGNORE INTO sync_applied (console_id, seq) VALUES (?, ?)');
    this.keepStmt = db.prepare(
      `INSERT OR IGNORE INTO sync_inbox
         (console_id, seq, entity, entity_id, op, fields, hlc, schema_version, reason, wait_for, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.waitingStmt = db.prepare(
      "SELECT * FROM sync_inbox WHERE reason = 'waiting' AND wait_for = ? ORDER BY hlc, console_id, seq",
    );
    this.removeStmt = db.prepare('DELETE FROM sync_inbox WHERE console_id = ? AND seq = ?');
    this.countStmt = db.prepare('SELECT reason, count(*) AS n FROM sync_inbox GROUP BY reason');
    this.heldStmt = db.prepare("SELECT * FROM sync_inbox WHERE reason = 'held' ORDER BY hlc");
    this.heldSummaryStmt = db.prepare(
      "SELECT count(*) AS n, max(schema_version) AS v FROM sync_inbox WHERE reason = 'held'",
    );
  }

  /** Records a change as applied; false when it was already (a duplicate delivery). */
  markApplied(c: Pick<Change, 'consoleId' | 'seq'>): boolean {
    return this.markStmt.run(c.consoleId, c.seq).changes === 1;
  }

  keep(c: Change, reason: InboxReason, at: number, waitFor: string | null = null): void {
    this.keepStmt.run(
      c.consoleId,
      c.seq,
      c.entity,
      c.entityId,
      c.op,
      JSON.stringify(c.fields),
      c.hlc,
      c.schemaVersion,
      reason,
      waitFor,
      at,
    );
  }

  /** Takes (removes and returns) the changes that were waiting for `entityId` to exist. */
  takeWaitingFor(entityId: string): Change[] {
    const rows = this.waitingStmt.all(entityId) as InboxRow[];
    for (const r of rows) this.removeStmt.run(r.console_id, r.seq);
    return rows.map(toChange);
  }

  held(): Change[] {
    return (this.heldStmt.all() as InboxRow[]).map(toChange);
  }

  /** How many changes wait for a newer console, and the newest schema version among them (null when none). */
  heldSummary(): { count: number; needsVersion: number | null } {
    const r = this.heldSummaryStmt.get() as { n: number; v: number | null };
    return { count: r.n, needsVersion: r.v };
  }

  release(c: Pick<Change, 'consoleId' | 'seq'>): void {
    this.removeStmt.run(c.consoleId, c.seq);
  }

  counts(): Record<InboxReason, number> {
    const out: Record<InboxReason, number> = { held: 0, waiting: 0, unsupported: 0 };
    for (const r of this.countStmt.all() as { reason: InboxReason; n: number }[]) out[r.reason] = r.n;
    return out;
  }
}
