import { OPEN_STATUSES, type MapIncidentRow, type MapUnitRow } from '../contract';
import type { Db } from './open';

/**
 * Keyset pages for the map (`map.snapshot`): id order so a page boundary survives concurrent inserts, and raw
 * tuples straight from SQLite so 50,000 rows cost no per-row object mapping beyond the tuple itself.
 */
export class MapFeedReader {
  private readonly incidentsStmt;
  private readonly unitsStmt;

  constructor(db: Db) {
    const open = OPEN_STATUSES.map((s) => `'${s}'`).join(',');
    this.incidentsStmt = db
      .prepare(
        `SELECT id, lon, lat, priority, status, is_drill, version, created_at FROM incidents
         WHERE status IN (${open}) AND id > ? ORDER BY id LIMIT ?`,
      )
      .raw(true);
    this.unitsStmt = db
      .prepare(
        `SELECT id, lon, lat, kind, status, position_at FROM units
         WHERE lon IS NOT NULL AND lat IS NOT NULL AND id > ? ORDER BY id LIMIT ?`,
      )
      .raw(true);
  }

  openIncidents(after: string | null, limit: number): MapIncidentRow[] {
    const rows = this.incidentsStmt.all(after ?? '', limit) as unknown[][];
    // is_drill is 0/1 in SQLite; the contract says boolean.
    for (const r of rows) r[5] = r[5] === 1;
    return rows as MapIncidentRow[];
  }

  positionedUnits(after: string | null, limit: number): MapUnitRow[] {
    return this.unitsStmt.all(after ?? '', limit) as MapUnitRow[];
  }
}
