import type { Db } from './open';

export interface SyncConflict {
  id: number;
  entity: string;
  entityId: string;
  kind: string;
  detail: Record<string, unknown>;
  detectedAt: number;
  resolvedAt: number | null;
}

/** Merges flagged for a supervisor (table `sync_conflicts`). */
export class SyncConflicts {
  private readonly addStmt;
  private readonly openStmt;
  private readonly countStmt;
  private readonly getStmt;
  private readonly reviewStmt;

  constructor(db: Db) {
    this.addStmt = db.prepare(
      'INSERT INTO sync_conflicts (entity, entity_id, kind, detail, detected_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.openStmt = db.prepare(
      'SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY detected_at DESC LIMIT ?',
    );
    this.countStmt = db.prepare('SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL');
    this.getStmt = db.prepare('SELECT * FROM sync_conflicts WHERE id = ?');
    this.reviewStmt = db.prepare(
      'UPDATE sync_conflicts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL',
    );
  }

  add(entity: string, entityId: string, kind: string, detail: Record<string, unknown>, at: number): void {
    this.addStmt.run(entity, entityId, kind, JSON.stringify(detail), at);
  }

  open(limit = 100): SyncConflict[] {
    return (this.openStmt.all(limit) as ConflictRow[]).map(toConflict);
  }

  get(id: number): SyncConflict | null {
    const row = this.getStmt.get(id) as ConflictRow | undefined;
    return row ? toConflict(row) : null;
  }

  /** A supervisor has looked at it; false when it was already reviewed (or does not exist). */
  markReviewed(id: number, at: number): boolean {
    return this.reviewStmt.run(at, id).changes === 1;
  }

  openCount(): number {
    return (this.countStmt.get() as { n: number }).n;
  }
}

interface ConflictRow {
  id: number;
  entity: string;
  entity_id: string;
  kind: string;
  detail: string;
  detected_at: number;
  resolved_at: number | null;
}

const toConflict = (r: ConflictRow): SyncConflict => ({
  id: r.id,
  entity: r.entity,
  entityId: r.entity_id,
  kind: r.kind,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  detectedAt: r.detected_at,
  resolvedAt: r.resolved_at,
});
