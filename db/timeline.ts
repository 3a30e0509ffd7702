import type { TimelineEntry } from '../contract';
import type { Db } from './open';

interface TimelineRow {
  id: string;
  incident_id: string;
  at: number;
  kind: string;
  actor: string;
  console_id: string;
  data: string;
}

/** The evidence timeline: append-only, newest last in storage, any order on read. */
export class TimelineRepository {
  private readonly insertStmt;
  private readonly forIncidentStmt;
  private readonly insertIfAbsentStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO incident_timeline (id, incident_id, at, kind, actor, console_id, data)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertIfAbsentStmt = db.prepare(
      `INSERT OR IGNORE INTO incident_timeline (id, incident_id, at, kind, actor, console_id, data)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.forIncidentStmt = db.prepare(
      'SELECT * FROM incident_timeline WHERE incident_id = ? ORDER BY at, rowid',
    );
  }

  append(e: TimelineEntry): void {
    this.insertStmt.run(e.id, e.incidentId, e.at, e.kind, e.actor, e.consoleId, JSON.stringify(e.data));
  }

  /** Append-only union for sync: a copy of an entry already here adds nothing. True when it was new. */
  appendIfAbsent(e: TimelineEntry): boolean {
    return (
      this.insertIfAbsentStmt.run(
        e.id,
        e.incidentId,
        e.at,
        e.kind,
        e.actor,
        e.consoleId,
        JSON.stringify(e.data),
      ).changes === 1
    );
  }

  forIncident(incidentId: string): TimelineEntry[] {
    return (this.forIncidentStmt.all(incidentId) as TimelineRow[]).map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      at: r.at,
      kind: r.kind as TimelineEntry['kind'],
      actor: r.actor,
      consoleId: r.console_id,
      data: JSON.parse(r.data) as Record<string, unknown>,
    }));
  }
}
