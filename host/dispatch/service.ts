import { v7 as uuidv7 } from 'uuid';
import {
  ACTIVE_DISPATCH_STATES,
  HostFailure,
  parseAckEntry,
  parseDispatchEntry,
  type Dispatch,
  type Incident,
  type MethodParamsParsed,
  type MethodResult,
  type TimelineEntry,
  type Unit,
} from '../../contract';
import type { HostContext } from '../context';
import { mutate, type Mutation } from '../mutation';
import { illegalTransition, type IncidentService } from '../incidents/service';
import { DispatchRepository } from '../../db/dispatches';
import { dispatchStateFailure, unitUnavailable } from './failures';
import { metresBetween, nearestAvailable } from './suggest';
import type { UnitService } from './unitService';

export const DEFAULT_ACK_LIMIT_MS = 3 * 60_000;

/** States a unit can still be sent to; later ones need the incident reopened first. */
const DISPATCHABLE = new Set<Incident['status']>([
  'reported',
  'accepted',
  'reopened',
  'dispatched',
  'en_route',
  'on_scene',
]);
/** Leaving for one of these ends every dispatch of the incident and frees its units. */
const CLOSING = new Set<Incident['status']>(['resolved', 'closed', 'cancelled']);

type Result = MethodResult<'dispatch.send'>;

/**
 * Dispatch use cases. Each step (send, acknowledge, recall, reassign, escalate, release on close-out) is one
 * `mutate()`: incident status, unit status, the `dispatches` row, the timeline entry and the audit record commit
 * together, events after. Other consoles rebuild the same rows from the synced timeline entries
 * ({@link projectRemote}).
 */
export class DispatchService {
  readonly repo: DispatchRepository;

  constructor(
    private readonly ctx: HostContext,
    private readonly incidents: IncidentService,
    private readonly units: UnitService,
    readonly ackLimitMs: number = DEFAULT_ACK_LIMIT_MS,
  ) {
    this.repo = new DispatchRepository(ctx.store.db);
    incidents.addHooks({
      statusChanged: (m, before, after, note) => this.releaseOnClose(m, before, after, note),
      remoteEntry: (m, entry) => this.projectRemote(m, entry),
    });
  }

  suggest(p: MethodParamsParsed<'dispatch.suggest'>): MethodResult<'dispatch.suggest'> {
    const incident = this.incidents.require(p.incidentId);
    const items = nearestAvailable(
      this.ctx.store.reference.units(),
      incident.location,
      this.ctx.now(),
      p.limit,
    );
    return { items, ackLimitMs: this.ackLimitMs };
  }

  list(p: MethodParamsParsed<'dispatch.list'>): Dispatch[] {
    if (!p.incidentId) return this.repo.active();
    this.incidents.require(p.incidentId);
    return this.repo.forIncident(p.incidentId);
  }

  isBusy(unitId: string): boolean {
    return this.repo.activeForUnit(unitId) !== null;
  }

  send(p: MethodParamsParsed<'dispatch.send'>): Result {
    return mutate(this.ctx, (m) => {
      let incident = this.incidents.require(p.incidentId);
      if (!DISPATCHABLE.has(incident.status)) throw illegalTransition(incident.status, 'dispatched');
      const units = [...new Set(p.unitIds)].map((id) => this.units.require(id));
      for (const u of units) if (u.status !== 'available') throw unitUnavailable(u);
      // Sending a unit to a fresh report means the room has taken it: both steps show in the timeline.
      if (incident.status === 'reported')
        incident = this.incidents.transition(m, incident, 'accepted').incident;
      if (incident.status === 'accepted' || incident.status === 'reopened') {
        incident = this.incidents.transition(m, incident, 'dispatched', p.note).incident;
      }
      const dispatches = units.map((u) => this.start(m, incident, u, 'dispatch.send', { note: p.note }));
      return { incident, dispatches };
    });
  }

  acknowledge(p: MethodParamsParsed<'dispatch.acknowledge'>): Dispatch {
    return mutate(this.ctx, (m) => {
      const d = this.require(p.dispatchId);
      if (d.state !== 'awaiting_ack') throw dispatchStateFailure(d, 'acknowledged');
      const incident = this.incidents.require(d.incidentId);
      this.repo.acknowledge(d.id, m.at, p.source);
      const entry = this.incidents.appendEntry(m, incident, 'ack', {
        dispatchId: d.id,
        unitId: d.unitId,
        unitName: d.unitName,
        source: p.source,
      });
      m.record({
        entity: 'incident',
        entityId: incident.id,
        op: 'update',
        fields: {},
        action: 'dispatch.acknowledge',
        localOnly: incident.isDemo,
        auditData: { dispatchId: d.id, unitId: d.unitId, source: p.source, afterMs: m.at - d.dispatchedAt },
      });
      const acked = this.repo.get(d.id)!;
      m.emit('incident.changed', { incident, entry });
      m.emit('dispatch.changed', { dispatch: acked, unit: this.ctx.store.reference.unit(d.unitId) });
      return acked;
    });
  }

  /**
   * For bridges (radio, SIP): the unit acknowledged on air or on a call. Same path and checks as the operator's
   * button; `source` names the bridge and shows in the timeline.
   */
  acknowledgeDispatch(dispatchId: string, source: string): Dispatch {
    return this.acknowledge({ dispatchId, source });
  }

  recall(p: MethodParamsParsed<'dispatch.recall'>): Result {
    return mutate(this.ctx, (m) => {
      const d = this.require(p.dispatchId);
      if (!ACTIVE_DISPATCH_STATES.includes(d.state)) throw dispatchStateFailure(d, 'recalled');
      let incident = this.incidents.require(d.incidentId);
      const ended = this.end(m, incident, d, 'recalled', {
        action: 'recall',
        ...(p.note ? { note: p.note } : {}),
      });
      // Nobody left on the way: the incident is back to waiting for a dispatch.
      if (incident.status === 'dispatched' && this.repo.forIncident(incident.id).every((x) => !isActive(x))) {
        incident = this.incidents.transition(m, incident, 'accepted', p.note).incident;
      }
      return { incident, dispatches: [ended] };
    });
  }

  reassign(p: MethodParamsParsed<'dispatch.reassign'>): Result {
    return mutate(this.ctx, (m) => {
      const d = this.require(p.dispatchId);
      if (!ACTIVE_DISPATCH_STATES.includes(d.state)) throw dispatchStateFailure(d, 'reassigned');
      const to = this.units.require(p.toUnitId);
      if (to.status !== 'available') throw unitUnavailable(to);
      const incident = this.incidents.require(d.incidentId);
      this.repo.end(d.id, 'recalled', m.at);
      const from = this.ctx.store.reference.unit(d.unitId);
      if (from && from.status === 'dispatched') {
        this.units.changeStatus(m, from, 'available', 'dispatch.reassign', {
          dispatchId: d.id,
          role: 'from',
        });
      }
      const next = this.start(m, incident, to, 'dispatch.reassign', {
        note: p.note,
        replaces: d,
      });
      m.emit('dispatch.changed', {
        dispatch: this.repo.get(d.id)!,
        unit: from ? { ...from, status: 'available' } : null,
      });
      return { incident, dispatches: [this.repo.get(d.id)!, next] };
    });
  }

  /** Escalates dispatches this console made that are still unacknowledged past their deadline. */
  escalateOverdue(): number {
    const overdue = this.repo.overdue(this.ctx.now(), this.ctx.consoleId);
    for (const d of overdue) {
      try {
        mutate(this.ctx, (m) => {
          const fresh = this.repo.get(d.id);
          if (!fresh || fresh.state !== 'awaiting_ack' || fresh.escalatedAt !== null) return;
          const incident = this.incidents.require(d.incidentId);
          this.repo.markEscalated(d.id, m.at);
          const entry = this.incidents.appendEntry(m, incident, 'dispatch', {
            action: 'escalate',
            dispatchId: d.id,
            unitId: d.unitId,
            unitName: d.unitName,
            waitedMs: m.at - d.dispatchedAt,
          });
          m.record({
            entity: 'incident',
            entityId: incident.id,
            op: 'update',
            fields: {},
            action: 'dispatch.escalate',
            localOnly: incident.isDemo,
            auditData: { dispatchId: d.id, unitId: d.unitId, deadline: d.ackDeadline },
          });
          const escalated = this.repo.get(d.id)!;
          m.emit('incident.changed', { incident, entry });
          m.emit('dispatch.escalated', { dispatch: escalated, incident, entry });
          m.emit('dispatch.changed', { dispatch: escalated, unit: null });
        });
      } catch (e) {
        this.ctx.log.error({ dispatchId: d.id, err: (e as Error).message }, 'dispatch escalation failed');
      }
    }
    return overdue.length;
  }

  private require(id: string): Dispatch {
    const d = this.repo.get(id);
    if (!d) throw new HostFailure('not_found', { entity: 'dispatch', id });
    return d;
  }

  /** A new dispatch of `unit`: row, unit status, timeline entry; the unit's status change is the audit record. */
  private start(
    m: Mutation,
    incident: Incident,
    unit: Unit,
    action: string,
    opts: { note?: string; replaces?: Dispatch },
  ): Dispatch {
    const d: Dispatch = {
      id: uuidv7(),
      incidentId: incident.id,
      unitId: unit.id,
      unitName: unit.name,
      state: 'awaiting_ack',
      distanceM: unit.position ? metresBetween(unit.position, incident.location) : null,
      dispatchedAt: m.at,
      ackDeadline: m.at + this.ackLimitMs,
      ackedAt: null,
      ackSource: null,
      escalatedAt: null,
      endedAt: null,
      actor: m.actor,
      consoleId: this.ctx.consoleId,
    };
    this.repo.insert(d);
    const dispatched = this.units.changeStatus(m, unit, 'dispatched', action, {
      dispatchId: d.id,
      incidentId: incident.id,
      distanceM: d.distanceM,
    });
    const common = {
      dispatchId: d.id,
      unitId: unit.id,
      unitName: unit.name,
      distanceM: d.distanceM,
      ackDeadline: d.ackDeadline,
      ...(opts.note ? { note: opts.note } : {}),
    };
    const entry = this.incidents.appendEntry(
      m,
      incident,
      'dispatch',
      opts.replaces
        ? {
            action: 'reassign',
            ...common,
            replaces: opts.replaces.id,
            fromUnitId: opts.replaces.unitId,
            fromUnitName: opts.replaces.unitName,
          }
        : { action: 'dispatch', ...common },
    );
    m.emit('incident.changed', { incident, entry });
    m.emit('dispatch.changed', { dispatch: d, unit: dispatched });
    return d;
  }

  /** Ends a dispatch (recall, or release on close-out) and frees its unit. */
  private end(
    m: Mutation,
    incident: Incident,
    d: Dispatch,
    state: 'recalled' | 'released',
    data: Record<string, unknown>,
  ): Dispatch {
    this.repo.end(d.id, state, m.at);
    const unit = this.ctx.store.reference.unit(d.unitId);
    const freed =
      unit && unit.status === 'dispatched'
        ? this.units.changeStatus(
            m,
            unit,
            'available',
            `dispatch.${state === 'recalled' ? 'recall' : 'release'}`,
            {
              dispatchId: d.id,
              incidentId: incident.id,
            },
          )
        : unit;
    const entry = this.incidents.appendEntry(m, incident, 'dispatch', {
      ...data,
      dispatchId: d.id,
      unitId: d.unitId,
      unitName: d.unitName,
    });
    if (!unit) {
      // The unit lives on another console only: the timeline entry is the record, audit it on the incident.
      m.record({
        entity: 'incident',
        entityId: incident.id,
        op: 'update',
        fields: {},
        action: `dispatch.${state}`,
        localOnly: incident.isDemo,
        auditData: { dispatchId: d.id, unitId: d.unitId },
      });
    }
    const ended = this.repo.get(d.id)!;
    m.emit('incident.changed', { incident, entry });
    m.emit('dispatch.changed', { dispatch: ended, unit: freed });
    return ended;
  }

  /** Resolve, close or cancel: every unit still on the incident is released, with the close-out note. */
  private releaseOnClose(m: Mutation, _before: Incident, after: Incident, note: string | undefined): void {
    if (!CLOSING.has(after.status)) return;
    for (const d of this.repo.forIncident(after.id).filter(isActive)) {
      this.end(m, after, d, 'released', {
        action: 'release',
        to: after.status,
        ...(note ? { closeOut: note } : {}),
      });
    }
  }

  /** Rebuilds the `dispatches` rows from a timeline entry another console made. */
  private projectRemote(m: Mutation, entry: TimelineEntry): void {
    const ack = parseAckEntry(entry);
    if (ack) {
      this.repo.acknowledge(ack.dispatchId, entry.at, ack.source);
      return this.announce(m, ack.dispatchId);
    }
    const e = parseDispatchEntry(entry);
    if (!e) return;
    if (e.action === 'dispatch' || e.action === 'reassign') {
      if (e.action === 'reassign') {
        this.repo.end(e.replaces, 'recalled', entry.at);
        this.announce(m, e.replaces);
      }
      this.repo.insert({
        id: e.dispatchId,
        incidentId: entry.incidentId,
        unitId: e.unitId,
        unitName: e.unitName,
        state: 'awaiting_ack',
        distanceM: e.distanceM,
        dispatchedAt: entry.at,
        ackDeadline: e.ackDeadline,
        ackedAt: null,
        ackSource: null,
        escalatedAt: null,
        endedAt: null,
        actor: entry.actor,
        consoleId: entry.consoleId,
      });
    } else if (e.action === 'recall') this.repo.end(e.dispatchId, 'recalled', entry.at);
    else if (e.action === 'release') this.repo.end(e.dispatchId, 'released', entry.at);
    else {
      this.repo.markEscalated(e.dispatchId, entry.at);
      // The supervisor may sit at this console: the alert shows wherever the escalation arrives.
      const d = this.repo.get(e.dispatchId);
      const incident = this.ctx.store.incidents.get(entry.incidentId);
      if (d && incident) m.emit('dispatch.escalated', { dispatch: d, incident, entry });
    }
    this.announce(m, e.dispatchId);
  }

  private announce(m: Mutation, dispatchId: string): void {
    const d = this.repo.get(dispatchId);
    if (d) m.emit('dispatch.changed', { dispatch: d, unit: this.ctx.store.reference.unit(d.unitId) });
  }
}

function isActive(d: Dispatch): boolean {
  return ACTIVE_DISPATCH_STATES.includes(d.state);
}
