import { v7 as uuidv7 } from 'uuid';
import {
  HostFailure,
  IncidentSchema,
  TimelineEntrySchema,
  allowedNextStatuses,
  isLegalTransition,
  type Change,
  type Incident,
  type IncidentStatus,
  type MethodParamsParsed,
  type TimelineEntry,
} from '../../contract';
import type { HostContext } from '../context';
import { mutate, type Mutation } from '../mutation';
import type { GridIndex } from '../grid/gridIndex';
import { fieldClocksFor } from '../../db/fieldClocks';
import { SyncConflicts } from '../../db/syncConflicts';
import { mergeIncident, remoteActor, winningFields } from '../sync/merge';

/** What became of a change pulled from the central server. */
export type RemoteOutcome =
  | { kind: 'applied' }
  /** It refers to an incident this console does not have yet (it overtook the insert): kept until it arrives. */
  | { kind: 'waiting'; for: string }
  /** This version cannot store it (unknown entity, unknown category, invalid fields): kept, not applied. */
  | { kind: 'unsupported'; reason: string };

export interface CreateOptions {
  isDemo?: boolean;
  /** Demo seeding back-dates incidents so the queue shows realistic ages. */
  createdAt?: number;
}

/**
 * Other features' part in an incident change, run inside the same transaction (host/dispatch releases units
 * when an incident is resolved, and projects remote dispatch entries).
 */
export interface IncidentHooks {
  /** A local status change (not a remote one: the remote console sends its own consequences). */
  statusChanged?(m: Mutation, before: Incident, after: Incident, note: string | undefined): void;
  /** A remote timeline entry was stored. */
  remoteEntry?(m: Mutation, entry: TimelineEntry): void;
}

/** Applies a remote change of an entity another feature owns (units). */
export type RemoteApplyFn = (c: Change) => RemoteOutcome;

/** Incident use cases. Every change goes through `mutate`: rows + timeline + audit + outbox in one commit. */
export class IncidentService {
  private readonly hooks: IncidentHooks[] = [];
  private readonly remoteEntities = new Map<string, RemoteApplyFn>();

  constructor(
    private readonly ctx: HostContext,
    private readonly grid: () => GridIndex,
  ) {}

  addHooks(hooks: IncidentHooks): void {
    this.hooks.push(hooks);
  }

  /** Routes remote changes of `entity` to another feature's service (one owner per entity). */
  handleRemote(entity: string, fn: RemoteApplyFn): void {
    if (this.remoteEntities.has(entity)) throw new Error(`remote "${entity}" changes already have a handler`);
    this.remoteEntities.set(entity, fn);
  }

  create(input: MethodParamsParsed<'incident.create'>, options: CreateOptions = {}): Incident {
    const { store } = this.ctx;
    const category = store.incidents.categoryState(input.category);
    if (category !== 'active') {
      throw new HostFailure(
        'bad_request',
        {
          method: 'incident.create',
          detail: `category "${input.category}" is ${category === 'unknown' ? 'not in the category list' : 'retired'}`,
        },
        [{ path: 'category', message: 'choose a category from the list' }],
      );
    }
    return mutate(this.ctx, (m) => {
      const at = options.createdAt ?? m.at;
      const cell = this.grid().deepestAt(input.location);
      const incident: Incident = {
        // Without a back-dated time, the library's monotonic v7 keeps ids in creation order within a millisecond.
        id: options.createdAt === undefined ? uuidv7() : uuidv7({ msecs: at }),
        category: input.category,
        priority: input.priority,
        status: 'reported',
        source: input.source,
        location: input.location,
        address: input.address,
        description: input.description,
        reporter: input.reporter,
        gridCode: cell?.code ?? null,
        isDrill: input.isDrill,
        isDemo: options.isDemo ?? false,
        createdAt: at,
        updatedAt: at,
        createdBy: m.actor,
        version: 1,
      };
      store.incidents.insert(incident);
      const entry = this.appendTimeline(
        m,
        incident,
        'created',
        {
          status: 'reported',
          gridCode: incident.gridCode,
          outsideGrid: cell === null,
        },
        at,
      );
      m.record({
        entity: 'incident',
        entityId: incident.id,
        op: 'insert',
        fields: incidentFields(incident),
        action: 'incident.create',
        localOnly: incident.isDemo,
        auditData: { category: incident.category, priority: incident.priority, isDemo: incident.isDemo },
      });
      m.emit('incident.changed', { incident, entry });
      return incident;
    });
  }

  setStatus(input: MethodParamsParsed<'incident.setStatus'>): Incident {
    return mutate(this.ctx, (m) => {
      const current = this.require(input.id);
      if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
        throw new HostFailure('conflict', {
          entity: 'incident',
          expected: input.expectedVersion,
          actual: current.version,
        });
      }
      return this.transition(m, current, input.status, input.note).incident;
    });
  }

  /**
   * One validated status move inside the caller's mutation: row, timeline entry, audit + outbox, event, and
   * the other features' hooks. Dispatch uses it to accept and dispatch in the same transaction as its own rows.
   */
  transition(
    m: Mutation,
    current: Incident,
    to: IncidentStatus,
    note?: string,
    /** Merging closes a still-open duplicate directly (host/incidentExtras/merge.ts); the entry names the survivor. */
    mergedInto?: string,
  ): { incident: Incident; entry: TimelineEntry } {
    const mergeClose = mergedInto !== undefined && to === 'closed';
    if (!isLegalTransition(current.status, to) && !mergeClose) throw illegalTransition(current.status, to);
    if (!this.ctx.store.incidents.setStatus(current.id, to, m.at, current.version)) {
      throw new HostFailure('conflict', {
        entity: 'incident',
        expected: current.version,
        actual: current.version + 1,
      });
    }
    const incident: Incident = { ...current, status: to, updatedAt: m.at, version: current.version + 1 };
    const entry = this.appendTimeline(m, incident, 'status', {
      from: current.status,
      to,
      ...(note ? { note } : {}),
      ...(mergeClose ? { mergedInto } : {}),
    });
    m.record({
      entity: 'incident',
      entityId: incident.id,
      op: 'update',
      fields: { status: incident.status, updatedAt: incident.updatedAt },
      action: 'incident.setStatus',
      localOnly: incident.isDemo,
      auditData: { from: current.status, to },
    });
    m.emit('incident.changed', { incident, entry });
    for (const h of this.hooks) h.statusChanged?.(m, current, incident, note);
    return { incident, entry };
  }

  /** A timeline entry of another feature (dispatch, ack) on an incident, synced like every entry. */
  appendEntry(
    m: Mutation,
    incident: Incident,
    kind: TimelineEntry['kind'],
    data: Record<string, unknown>,
  ): TimelineEntry {
    return this.appendTimeline(m, incident, kind, data);
  }

  /** The incident as stored now, or a not_found failure naming it. */
  require(id: string): Incident {
    const incident = this.ctx.store.incidents.get(id);
    if (!incident) throw new HostFailure('not_found', { entity: 'incident', id });
    return incident;
  }

  addNote(input: MethodParamsParsed<'incident.addNote'>): TimelineEntry {
    return mutate(this.ctx, (m) => {
      const incident = this.require(input.id);
      const entry = this.appendTimeline(m, incident, 'note', { text: input.text });
      m.record({
        entity: 'incident',
        entityId: incident.id,
        op: 'update',
        fields: {},
        action: 'incident.addNote',
        localOnly: incident.isDemo,
        auditData: { length: input.text.length },
      });
      m.emit('incident.changed', { incident, entry });
      return entry;
    });
  }

  /**
   * Applies a change another console made (pulled by host/sync) through the same write path as a local action:
   * rows + timeline + audit in one transaction under the remote console's name, events after commit, and
   * nothing queued for the server again. Mutable fields merge by last-writer-wins on their HLC (ties by
   * console id); timeline entries are an append-only union. Duplicate deliveries are filtered by the caller.
   */
  applyRemote(c: Change): RemoteOutcome {
    if (c.entity === 'incident') return this.applyRemoteIncident(c);
    if (c.entity === 'timeline') return this.applyRemoteTimeline(c);
    const owner = this.remoteEntities.get(c.entity);
    if (owner) return owner(c);
    return { kind: 'unsupported', reason: `consoles do not store "${c.entity}" changes yet` };
  }

  private applyRemoteIncident(c: Change): RemoteOutcome {
    const { store } = this.ctx;
    if (c.op === 'delete' || c.op === 'append') {
      return { kind: 'unsupported', reason: `incidents are never ${c.op}d` };
    }
    const origin = { consoleId: c.consoleId, hlc: c.hlc, actor: remoteActor(c) };
    const current = store.incidents.get(c.entityId);
    if (!current) {
      if (c.op !== 'insert') return { kind: 'waiting', for: c.entityId };
      const parsed = IncidentSchema.safeParse({ ...c.fields, id: c.entityId, version: 1 });
      if (!parsed.success) return { kind: 'unsupported', reason: parsed.error.message.slice(0, 500) };
      const incident = parsed.data;
      if (incident.isDemo) return { kind: 'unsupported', reason: 'demo records are never synced' };
      if (store.incidents.categoryState(incident.category) === 'unknown') {
        return {
          kind: 'unsupported',
          reason: `category "${incident.category}" is not in this console's list`,
        };
      }
      mutate(
        this.ctx,
        (m) => {
          store.incidents.insert(incident);
          m.record({
            entity: 'incident',
            entityId: incident.id,
            op: 'insert',
            fields: withoutId(c.fields),
            action: 'sync.incident.insert',
            auditData: { hlc: c.hlc, seq: c.seq, isDrill: incident.isDrill },
          });
          m.emit('incident.changed', { incident, entry: null });
        },
        origin,
      );
      return { kind: 'applied' };
    }
    const winners = winningFields(c, fieldClocksFor(store.db).forEntity('incident', current.id));
    const changed = Object.keys(winners).length > 0;
    const merged = mergeIncident(current, winners);
    const parsed = IncidentSchema.safeParse({ ...merged, version: current.version + (changed ? 1 : 0) });
    if (!parsed.success) return { kind: 'unsupported', reason: parsed.error.message.slice(0, 500) };
    const incident = parsed.data;
    mutate(
      this.ctx,
      (m) => {
        let entry: TimelineEntry | null = null;
        if (changed) store.incidents.overwrite(incident);
        if (
          incident.status !== current.status &&
          !isLegalTransition(current.status, incident.status) &&
          !this.closedByMerge(incident)
        ) {
          entry = this.flagStatusConflict(m, current, incident, c);
        }
        m.record({
          entity: 'incident',
          entityId: incident.id,
          op: 'update',
          fields: winners,
          action: `sync.incident.${c.op}`,
          auditData: { hlc: c.hlc, seq: c.seq, won: Object.keys(winners), lost: lostFields(c, winners) },
        });
        if (changed || entry) m.emit('incident.changed', { incident, entry });
      },
      origin,
    );
    return { kind: 'applied' };
  }

  /**
   * The later write won (every replica picks the same one) but it is not a legal move from the status it
   * replaced here, e.g. closed on this console while another dispatched it. Both status entries are in the
   * timeline already; this adds a flag for a supervisor. The flag is this console's own finding (which pair
   * looks illegal depends on arrival order), so it stays local and is not synced.
   */
  private flagStatusConflict(m: Mutation, before: Incident, after: Incident, c: Change): TimelineEntry {
    const detail = {
      from: before.status,
      to: after.status,
      remoteConsoleId: c.consoleId,
      hlc: c.hlc,
    };
    new SyncConflicts(this.ctx.store.db).add('incident', after.id, 'illegal_status_transition', detail, m.at);
    this.ctx.log.warn({ incidentId: after.id, ...detail }, 'sync status conflict flagged for a supervisor');
    const entry: TimelineEntry = {
      id: uuidv7(),
      incidentId: after.id,
      at: m.at,
      kind: 'status',
      actor: m.actor,
      consoleId: this.ctx.consoleId,
      data: { from: before.status, to: after.status, syncConflict: detail },
    };
    this.ctx.store.timeline.append(entry);
    return entry;
  }

  /** A merge's close arrives after its status entry (same commit, earlier outbox seq): legal, not a conflict. */
  private closedByMerge(incident: Incident): boolean {
    return (
      incident.status === 'closed' &&
      this.ctx.store.timeline
        .forIncident(incident.id)
        .some((e) => e.kind === 'status' && e.data.to === 'closed' && typeof e.data.mergedInto === 'string')
    );
  }

  private applyRemoteTimeline(c: Change): RemoteOutcome {
    const { store } = this.ctx;
    if (c.op !== 'append' && c.op !== 'insert') {
      return { kind: 'unsupported', reason: 'timeline entries are append-only' };
    }
    const parsed = TimelineEntrySchema.safeParse({ ...c.fields, id: c.entityId });
    if (!parsed.success) return { kind: 'unsupported', reason: parsed.error.message.slice(0, 500) };
    const entry = parsed.data;
    const incident = store.incidents.get(entry.incidentId);
    if (!incident) return { kind: 'waiting', for: entry.incidentId };
    mutate(
      this.ctx,
      (m) => {
        if (!store.timeline.appendIfAbsent(entry)) return;
        m.record({
          entity: 'timeline',
          entityId: entry.id,
          op: 'append',
          fields: {},
          action: 'sync.timeline.append',
          auditData: { hlc: c.hlc, seq: c.seq, incidentId: entry.incidentId, kind: entry.kind },
        });
        for (const h of this.hooks) h.remoteEntry?.(m, entry);
        m.emit('incident.changed', { incident, entry });
      },
      { consoleId: c.consoleId, hlc: c.hlc, actor: entry.actor },
    );
    return { kind: 'applied' };
  }

  get(id: string): { incident: Incident; timeline: TimelineEntry[] } {
    const incident = this.require(id);
    return { incident, timeline: this.ctx.store.timeline.forIncident(id) };
  }

  /** Timeline entries are their own sync entity: append-only, they never conflict. Demo ones stay local. */
  private appendTimeline(
    m: Mutation,
    incident: Incident,
    kind: TimelineEntry['kind'],
    data: Record<string, unknown>,
    at = m.at,
  ): TimelineEntry {
    const entry: TimelineEntry = {
      id: at === m.at ? uuidv7() : uuidv7({ msecs: at }),
      incidentId: incident.id,
      at,
      kind,
      actor: m.actor,
      consoleId: this.ctx.consoleId,
      data,
    };
    this.ctx.store.timeline.append(entry);
    if (!incident.isDemo) {
      this.ctx.store.outbox.append(
        {
          entity: 'timeline',
          entityId: entry.id,
          op: 'append',
          fields: { ...entry },
          hlc: this.ctx.clock.tick(),
        },
        at,
      );
    }
    return entry;
  }
}

export function illegalTransition(from: IncidentStatus, to: IncidentStatus): HostFailure {
  const allowed = allowedNextStatuses(from);
  return new HostFailure('illegal_transition', { from, to, allowed: allowed.join(', ') || '(none)' });
}

function withoutId(fields: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, version: _version, ...rest } = fields;
  return rest;
}

function lostFields(c: Change, winners: Record<string, unknown>): string[] {
  return Object.keys(c.fields).filter((k) => !(k in winners) && k !== 'id' && k !== 'version');
}

function incidentFields(i: Incident): Record<string, unknown> {
  const { id: _id, ...fields } = i;
  return fields;
}
