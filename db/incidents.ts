import type { Incident, IncidentStatus } from '../contract';
import type { Db } from './open';

/** An incidents row as SQLite returns it. */
export interface IncidentRow {
  id: string;
  category: string;
  priority: string;
  status: string;
  source: string;
  lon: number;
  lat: number;
  address: string;
  description: string;
  reporter: string;
  grid_code: string | null;
  is_drill: number;
  is_demo: number;
  created_at: number;
  updated_at: number;
  created_by: string;
  version: number;
}

export function toIncident(r: IncidentRow): Incident {
  return {
    id: r.id,
    category: r.category,
    priority: r.priority as Incident['priority'],
    status: r.status as IncidentStatus,
    source: r.source as Incident['source'],
    location: { lon: r.lon, lat: r.lat },
    address: r.address,
    description: r.description,
    reporter: r.reporter,
    gridCode: r.grid_code,
    isDrill: r.is_drill === 1,
    isDemo: r.is_demo === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    createdBy: r.created_by,
    version: r.version,
  };
}

/** An incident as the named parameters of the incidents table's columns. */
function toParams(i: Incident) {
  return {
    id: i.id,
    category: i.category,
    priority: i.priority,
    status: i.status,
    source: i.source,
    lon: i.location.lon,
    lat: i.location.lat,
    address: i.address,
    description: i.description,
    reporter: i.reporter,
    grid_code: i.gridCode,
    is_drill: i.isDrill ? 1 : 0,
    is_demo: i.isDemo ? 1 : 0,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    created_by: i.createdBy,
    version: i.version,
  };
}

/** The queue order: P1 first, then oldest first. Priorities sort lexically (P1 < P2 …). */
const QUEUE_ORDER = 'ORDER BY priority ASC, created_at ASC, id ASC';

export class IncidentRepository {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly setStatusStmt;
  private readonly existsCategoryStmt;
  private readonly overwriteStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO incidents (id, category, priority, status, source, lon, lat, address, description, reporter,
         grid_code, is_drill, is_demo, created_at, updated_at, created_by, version)
       VALUES (@id, @category, @priority, @status, @source, @lon, @lat, @address, @description, @reporter,
         @grid_code, @is_drill, @is_demo, @created_at, @updated_at, @created_by, @version)`,
    );
    this.getStmt = db.prepare('SELECT * FROM incidents WHERE id = ?');
    this.setStatusStmt = db.prepare(
      'UPDATE incidents SET status = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?',
    );
    this.existsCategoryStmt = db.prepare('SELECT active FROM categories WHERE code = ?');
    this.overwriteStmt = db.prepare(
      `UPDATE incidents SET category = @category, priority = @priority, status = @status, source = @source,
         lon = @lon, lat = @lat, address = @address, description = @description, reporter = @reporter,
         grid_code = @grid_code, created_at = @created_at, updated_at = @updated_at, created_by = @created_by,
         version = @version
       WHERE id = @id`,
    );
  }

  /** Writes a merged incident (sync): every mutable column; is_drill/is_demo are fixed at creation. */
  overwrite(i: Incident): void {
    const { is_drill: _drill, is_demo: _demo, ...mutable } = toParams(i);
    this.overwriteStmt.run(mutable);
  }

  insert(i: Incident): void {
    this.insertStmt.run(toParams(i));
  }

  get(id: string): Incident | null {
    const row = this.getStmt.get(id) as IncidentRow | undefined;
    return row ? toIncident(row) : null;
  }

  /** Returns false when the version moved on (someone else changed it first). */
  setStatus(id: string, status: IncidentStatus, at: number, expectedVersion: number): boolean {
    return this.setStatusStmt.run(status, at, id, expectedVersion).changes === 1;
  }

  categoryState(code: string): 'active' | 'inactive' | 'unknown' {
    const row = this.existsCategoryStmt.get(code) as { active: number } | undefined;
    return row ? (row.active ? 'active' : 'inactive') : 'unknown';
  }

  list(query: { statuses?: readonly IncidentStatus[]; limit: number; offset: number }): {
    items: Incident[];
    total: number;
  } {
    const where = query.statuses?.length
      ? `WHERE status IN (${query.statuses.map(() => '?').join(',')})`
      : '';
    const args = query.statuses ?? [];
    const items = (
      this.db
        .prepare(`SELECT * FROM incidents ${where} ${QUEUE_ORDER} LIMIT ? OFFSET ?`)
        .all(...args, query.limit, query.offset) as IncidentRow[]
    ).map(toIncident);
    const { n } = this.db.prepare(`SELECT count(*) AS n FROM incidents ${where}`).get(...args) as {
      n: number;
    };
    return { items, total: n };
  }
}
