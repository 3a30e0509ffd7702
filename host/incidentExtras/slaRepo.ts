import {
  INCIDENT_STATUSES,
  OPEN_STATUSES,
  type IncidentStatus,
  type Priority,
  type SlaRule,
  type SlaStage,
  type StatusMark,
} from '../../contract';
import type { Db } from '../../db/open';

export interface SlaSubject {
  id: string;
  category: string;
  priority: Priority;
  status: IncidentStatus;
  createdAt: number;
  isDemo: boolean;
  /** Created on this console: the console that took the report escalates it (see SlaService). */
  ownedHere: boolean;
  marks: StatusMark[];
}

function isStatus(v: unknown): v is IncidentStatus {
  return typeof v === 'string' && (INCIDENT_STATUSES as readonly string[]).includes(v);
}

/** SLA rules, the open incidents the sweep judges, and the record of escalations already made. */
export class SlaRepository {
  constructor(private readonly db: Db) {}

  rules(): SlaRule[] {
    return (
      this.db
        .prepare(
          'SELECT category, priority, stage, limit_ms FROM sla_rules ORDER BY category, priority, stage',
        )
        .all() as { category: string; priority: Priority; stage: SlaStage; limit_ms: number }[]
    ).map((r) => ({ category: r.category, priority: r.priority, stage: r.stage, limitMs: r.limit_ms }));
  }

  setRule(r: SlaRule): void {
    this.db
      .prepare(
        `INSERT INTO sla_rules (category, priority, stage, limit_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (category, priority, stage) DO UPDATE SET limit_ms = excluded.limit_ms`,
      )
      .run(r.category, r.priority, r.stage, r.limitMs);
  }

  /** Every open incident with its status moves: one pass over the open set, not one query per incident. */
  openSubjects(consoleId: string): SlaSubject[] {
    const open = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
    const rows = this.db
      .prepare(
        `SELECT i.id, i.category, i.priority, i.status, i.created_at, i.is_demo,
           EXISTS (SELECT 1 FROM incident_timeline t
                   WHERE t.incident_id = i.id AND t.kind = 'created' AND t.console_id = ?) AS owned
         FROM incidents i WHERE i.status IN (${open})`,
      )
      .all(consoleId) as {
      id: string;
      category: string;
      priority: Priority;
      status: IncidentStatus;
      created_at: number;
      is_demo: number;
      owned: number;
    }[];
    const byId = new Map<string, SlaSubject>();
    for (const r of rows) {
      byId.set(r.id, {
        id: r.id,
        category: r.category,
        priority: r.priority,
        status: r.status,
        createdAt: r.created_at,
        isDemo: r.is_demo === 1,
        ownedHere: r.owned === 1,
        marks: [],
      });
    }
    const marks = this.db
      .prepare(
        `SELECT t.incident_id AS id, t.at AS at, json_extract(t.data, '$.to') AS "to"
         FROM incident_timeline t JOIN incidents i ON i.id = t.incident_id
         WHERE i.status IN (${open}) AND t.kind = 'status'`,
      )
      .all() as { id: string; at: number; to: unknown }[];
    for (const m of marks) if (isStatus(m.to)) byId.get(m.id)?.marks.push({ at: m.at, to: m.to });
    return [...byId.values()];
  }

  /** Claims the escalation of one stage in one cycle; false when it was escalated already (here or remotely). */
  claimEscalation(incidentId: string, stage: SlaStage, cycleStart: number, at: number): boolean {
    return (
      this.db
        .prepare(
          'INSERT OR IGNORE INTO sla_escalations (incident_id, stage, cycle_start, at) VALUES (?, ?, ?, ?)',
        )
        .run(incidentId, stage, cycleStart, at).changes === 1
    );
  }
}
