import type { Unit } from '../contract';
import type { Db } from './open';

/** Writes to `units` beyond positions (host/radio owns those): edits and status. */
export class UnitWriter {
  constructor(private readonly db: Db) {}

  /** Overwrites every editable column from `u` (the caller merged the change into the current row). */
  save(u: Unit): void {
    this.db
      .prepare(
        `UPDATE units SET kind = ?, name = ?, callsign = ?, sip_uri = ?, status = ?, home_grid = ?, lon = ?, lat = ?,
           position_at = ?, position_source = ? WHERE id = ?`,
      )
      .run(
        u.kind,
        u.name,
        u.callsign,
        u.sipUri,
        u.status,
        u.homeGrid,
        u.position?.lon ?? null,
        u.position?.lat ?? null,
        u.positionAt,
        u.positionSource,
        u.id,
      );
  }

  setStatus(id: string, status: Unit['status']): void {
    this.db.prepare('UPDATE units SET status = ? WHERE id = ?').run(status, id);
  }

  gridExists(code: string): boolean {
    return this.db.prepare('SELECT 1 FROM grid_cells WHERE code = ?').get(code) !== undefined;
  }
}
