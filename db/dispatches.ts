import type { Dispatch } from '../contract';
import type { Db } from './open';

interface DispatchRow {
  id: string;
  incident_id: string;
  unit_id: string;
  unit_name: string;
  state: Dispatch['state'];
  distance_m: number | null;
  dispatched_at: number;
  ack_deadline: number;
  acked_at: number | null;
  ack_source: string | null;
  escalated_at: number | null;
  ended_at: number | null;
  actor: string;
  console_id: string;
}

function toDispatch(r: DispatchRow): Dispatch {
  return {
    id: r.id,
    incidentId: r.incident_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    state: r.state,
    distanceM: r.distance_m,
    dispatchedAt: r.dispatched_at,
    ackDeadline: r.ack_deadline,
    ackedAt: r.acked_at,
    ackSource: r.ack_source,
    escalatedAt: r.escalated_at,
    endedAt: r.ended_at,
    actor: r.actor,
    consoleId: r.console_id,
  };
}

/** The `dispatches` projection (see 0004_dispatch.sql). */
export class DispatchRepository {
  constructor(private readonly db: Db) {}

  /** Idempotent: a dispatch already projected (a redelivered entry) is left as it is. */
  insert(d: Dispatch): boolean {
    return (
      this.db
        .prepare(
          `INSERT OR IGNORE INTO dispatches (id, incident_id, unit_id, unit_name, state, distance_m, dispatched_at,
             ack_deadline, acked_at, ack_source, escalated_at, ended_at, actor, console_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          d.id,
          d.incidentId,
          d.unitId,
          d.unitName,
          d.state,
          d.distanceM,
          d.dispatchedAt,
          d.ackDeadline,
          d.ackedAt,
          d.ackSource,
          d.escalatedAt,
          d.endedAt,
          d.actor,
          d.consoleId,
        ).changes === 1
    );
  }

  get(id: string): Dispatch | null {
    const r = this.db.prepare('SELECT * FROM dispatches WHERE id = ?').get(id) as DispatchRow | undefined;
    return r ? toDispatch(r) : null;
  }

  forIncident(incidentId: string): Dispatch[] {
    return (
      this.db
        .prepare('SELECT * FROM dispatches WHERE incident_id = ? ORDER BY dispatched_at, id')
        .all(incidentId) as DispatchRow[]
    ).map(toDispatch);
  }

  active(): Dispatch[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM dispatches WHERE state IN ('awaiting_ack', 'acknowledged') ORDER BY dispatched_at, id`,
        )
        .all() as DispatchRow[]
    ).map(toDispatch);
  }

  activeForUnit(unitId: string): Dispatch | null {
    const r = this.db
      .prepare(
        `SELECT * FROM dispatches WHERE unit_id = ? AND state IN ('awaiting_ack', 'acknowledged')
         ORDER BY dispatched_at DESC LIMIT 1`,
      )
      .get(unitId) as DispatchRow | undefined;
    return r ? toDispatch(r) : null;
  }

  /** Waiting for an acknowledgement past the deadline and not escalated yet, made on `consoleId`. */
  overdue(now: number, consoleId: string): Dispatch[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM dispatches WHERE state = 'awaiting_ack' AND escalated_at IS NULL AND ack_deadline <= ?
             AND console_id = ? ORDER BY ack_deadline`,
        )
        .all(now, consoleId) as DispatchRow[]
    ).map(toDispatch);
  }

  acknowledge(id: string, at: number, source: string): void {
    this.db
      .prepare(
        `UPDATE dispatches SET state = 'acknowledged', acked_at = ?, ack_source = ? WHERE id = ? AND state = 'awaiting_ack'`,
      )
      .run(at, source, id);
  }

  end(id: string, state: 'recalled' | 'released', at: number): void {
    this.db
      .prepare(
        `UPDATE dispatches SET state = ?, ended_at = ? WHERE id = ? AND state IN ('awaiting_ack', 'acknowledged')`,
      )
      .run(state, at, id);
  }

  markEscalated(id: string, at: number): void {
    this.db
      .prepare('UPDATE dispatches SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL')
      .run(at, id);
  }
}
