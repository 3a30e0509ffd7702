import type { Db } from './open';

/** Who last wrote a field: its HLC and the console that wrote it (the tie-break). */
export interface FieldStamp {
  hlc: string;
  consoleId: string;
}

/**
 * Orders two writes of one field: HLC first, then console id. The same order as the server's `stamp()`
 * (`hlc|consoleId`), so every replica picks the same winner whatever order changes arrive in.
 */
export function newer(a: FieldStamp, b: FieldStamp | undefined): boolean {
  if (!b) return true;
  if (a.hlc !== b.hlc) return a.hlc > b.hlc;
  return a.consoleId > b.consoleId;
}

/** Per-field clocks for last-writer-wins (table `field_clocks`). */
export class FieldClocks {
  private readonly getStmt;
  private readonly putStmt;
  private readonly maxStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare(
      'SELECT field, hlc, console_id FROM field_clocks WHERE entity = ? AND entity_id = ?',
    );
    this.putStmt = db.prepare(
      `INSERT INTO field_clocks (entity, entity_id, field, hlc, console_id) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, console_id = excluded.console_id`,
    );
    this.maxStmt = db.prepare('SELECT max(hlc) AS hlc FROM field_clocks');
  }

  forEntity(entity: string, entityId: string): Map<string, FieldStamp> {
    const rows = this.getStmt.all(entity, entityId) as { field: string; hlc: string; console_id: string }[];
    return new Map(rows.map((r) => [r.field, { hlc: r.hlc, consoleId: r.console_id }]));
  }

  put(entity: string, entityId: string, fields: Iterable<string>, stamp: FieldStamp): void {
    for (const f of fields) this.putStmt.run(entity, entityId, f, stamp.hlc, stamp.consoleId);
  }

  /** The latest HLC this console has seen, so its clock never restarts behind a write it already holds. */
  latest(): string | null {
    return (this.maxStmt.get() as { hlc: string | null }).hlc;
  }
}

const cache = new WeakMap<Db, FieldClocks>();
/** One FieldClocks per connection (its prepared statements are reused by every mutation). */
export function fieldClocksFor(db: Db): FieldClocks {
  let c = cache.get(db);
  if (!c) cache.set(db, (c = new FieldClocks(db)));
  return c;
}
