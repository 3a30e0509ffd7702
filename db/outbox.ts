import { SYNC_SCHEMA_VERSION, type Change, type SyncEntity } from '../contract';
import type { Db } from './open';

export interface OutboxEntry {
  entity: SyncEntity;
  entityId: string;
  op: Change['op'];
  fields: Record<string, unknown>;
  hlc: string;
}

interface OutboxRow {
  seq: number;
  entity: string;
  entity_id: string;
  op: string;
  fields: string;
  hlc: string;
  schema_version: number;
}

/**
 * A pending change as the sync client sends it: `json` is the whole change, built around the stored fields
 * text without parsing it (reading, parsing and re-serialising the fields was most of the console's push cost).
 */
export interface WireChange {
  seq: number;
  entity: string;
  entityId: string;
  json: string;
}

/**
 * Changes waiting for the central server. Written in the same transaction as the change itself, so a change
 * is either stored and queued, or neither. The row's seq is the per-console sequence the server keys on.
 */
export class Outbox {
  private readonly insertStmt;
  private readonly pendingStmt;
  private readonly wireStmt;
  private readonly countStmt;
  private readonly markStmt;
  private readonly parkStmt;
  private readonly parkedCountStmt;
  private readonly requeueStmt;
  private readonly markRangeStmt;

  constructor(
    db: Db,
    private readonly consoleId: string,
  ) {
    this.insertStmt = db.prepare(
      `INSERT INTO outbox (entity, entity_id, op, fields, hlc, schema_version, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    // Parked rows (refused by the server) are neither pending nor pushed: they wait for a person.
    this.pendingStmt = db.prepare(
      'SELECT * FROM outbox WHERE pushed_at IS NULL AND parked_at IS NULL ORDER BY seq LIMIT ?',
    );
    this.wireStmt = db.prepare(
      `SELECT seq, entity, entity_id, op, fields, hlc, schema_version FROM outbox
        WHERE seq > ? AND pushed_at IS NULL AND parked_at IS NULL ORDER BY seq LIMIT ?`,
    );
    this.countStmt = db.prepare(
      'SELECT count(*) AS n FROM outbox WHERE pushed_at IS NULL AND parked_at IS NULL',
    );
    this.markStmt = db.prepare(
      'UPDATE outbox SET pushed_at = ? WHERE seq <= ? AND pushed_at IS NULL AND parked_at IS NULL',
    );
    this.markRangeStmt = db.prepare(
      `UPDATE outbox SET pushed_at = ? WHERE seq BETWEEN ? AND ? AND pushed_at IS NULL AND parked_at IS NULL`,
    );
    this.parkStmt = db.prepare(
      'UPDATE outbox SET parked_at = ?, parked_reason = ? WHERE seq = ? AND pushed_at IS NULL',
    );
    this.parkedCountStmt = db.prepare('SELECT count(*) AS n FROM outbox WHERE parked_at IS NOT NULL');
    this.requeueStmt = db.prepare(
      'UPDATE outbox SET pushed_at = NULL WHERE seq > ? AND pushed_at IS NOT NULL AND parked_at IS NULL',
    );
  }

  append(e: OutboxEntry, at: number): number {
    const r = this.insertStmt.run(
      e.entity,
      e.entityId,
      e.op,
      JSON.stringify(e.fields),
      e.hlc,
      SYNC_SCHEMA_VERSION,
      at,
    );
    return Number(r.lastInsertRowid);
  }

  pending(limit: number): Change[] {
    return (this.pendingStmt.all(limit) as OutboxRow[]).map((r) => ({
      consoleId: this.consoleId,
      seq: r.seq,
      entity: r.entity as SyncEntity,
      entityId: r.entity_id,
      op: r.op as Change['op'],
      fields: JSON.parse(r.fields) as Record<string, unknown>,
      hlc: r.hlc,
      schemaVersion: r.schema_version,
    }));
  }

  /** Up to `limit` pending changes with seq > `after`, in seq order, ready to send (see WireChange). */
  pendingWire(after: number, limit: number): WireChange[] {
    const consoleId = JSON.stringify(this.consoleId);
    return (this.wireStmt.all(after, limit) as OutboxRow[]).map((r) => ({
      seq: r.seq,
      entity: r.entity,
      entityId: r.entity_id,
      // `fields` was written by JSON.stringify in append(); the server validates the whole change anyway.
      json:
        `{"consoleId":${consoleId},"seq":${r.seq},"entity":${JSON.stringify(r.entity)},` +
        `"entityId":${JSON.stringify(r.entity_id)},"op":${JSON.stringify(r.op)},"fields":${r.fields},` +
        `"hlc":${JSON.stringify(r.hlc)},"schemaVersion":${r.schema_version}}`,
    }));
  }

  pendingCount(): number {
    return (this.countStmt.get() as { n: number }).n;
  }

  markPushedThrough(seq: number, at: number): void {
    this.markStmt.run(at, seq);
  }

  /** The server acknowledged the batch from..to (batches may be acknowledged out of order). */
  markPushedRange(from: number, to: number, at: number): number {
    return this.markRangeStmt.run(at, from, to).changes;
  }

  /** A change the server refused (400): kept with the reason, skipped by `pending`, counted in the status. */
  park(seq: number, reason: string, at: number): void {
    this.parkStmt.run(at, reason.slice(0, 2000), seq);
  }

  parkedCount(): number {
    return (this.parkedCountStmt.get() as { n: number }).n;
  }

  /** After the server lost history (new epoch): everything above what it still holds is pending again. */
  requeueAbove(seq: number): number {
    return this.requeueStmt.run(seq).changes;
  }

  lastHlc(db: Db): string | null {
    const row = db.prepare('SELECT hlc FROM outbox ORDER BY seq DESC LIMIT 1').get() as
      { hlc: string } | undefined;
    return row?.hlc ?? null;
  }
}
