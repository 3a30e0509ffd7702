import type { Db } from './open';

export interface AuditRecord {
  at: number;
  actor: string;
  consoleId: string;
  action: string;
  entity: string;
  entityId: string;
  data: Record<string, unknown>;
}

/** Append-only (triggers refuse UPDATE and DELETE). */
export class AuditLog {
  private readonly insertStmt;
  constructor(db: Db) {
    this.insertStmt = db.prepare(
      'INSERT INTO audit_log (at, actor, console_id, action, entity, entity_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }
  append(r: AuditRecord): void {
    this.insertStmt.run(r.at, r.actor, r.consoleId, r.action, r.entity, r.entityId, JSON.stringify(r.data));
  }
}
