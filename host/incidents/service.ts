import { v7 as uuidv7 } from 'uuid';
import {
  HostFailure,
  allowedNextStatuses,
  isLegalTransition,
  type Incident,
  type IncidentStatus,
  type MethodParamsParsed,
  type TimelineEntry,
} from '../../contract';
import type { HostContext } from '../context';
import { mutate, type Mutation } from '../mutation';
import type { GridIndex } from '../grid/gridIndex';

export interface CreateOptions {
  isDemo?: boolean;
  /** Demo seeding back-dates incidents so the queue shows realistic ages. */
  createdAt?: number;
}

/** Incident use cases. Every change goes through `mutate`: rows + timeline + audit + outbox in one commit. */
export class IncidentService {
  constructor(
    private readonly ctx: HostContext,
    private readonly grid: () => GridIndex,
  ) {}

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
    const { store } = this.ctx;
    return mutate(this.ctx, (m) => {
      const current = this.require(input.id);
      if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
        throw new HostFailure('conflict', {
          entity: 'incident',
          expected: input.expectedVersion,
          actual: current.version,
        });
      }
      if (!isLegalTransition(current.status, input.status)) {
        throw illegalTransition(current.status, input.status);
      }
      if (!store.incidents.setStatus(current.id, input.status, m.at, current.version)) {
        throw new HostFailure('conflict', {
          entity: 'incident',
          expected: current.version,
          actual: current.version + 1,
        });
      }
      const incident: Incident = {
        ...current,
        status: input.status,
        updatedAt: m.at,
        version: current.version + 1,
      };
      const entry = this.appendTimeline(m, incident, 'status', {
        from: current.status,
        to: input.status,
        ...(input.note ? { note: input.note } : {}),
      });
      m.record({
        entity: 'incident',
        entityId: incident.id,
        op: 'update',
        fields: { status: incident.status, updatedAt: incident.updatedAt },
        action: 'incident.setStatus',
        localOnly: incident.isDemo,
        auditData: { from: current.status, to: input.status },
      });
      m.emit('incident.changed', { incident, entry });
      return incident;
    });
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

  get(id: string): { incident: Incident; timeline: TimelineEntry[] } {
    const incident = this.require(id);
    return { incident, timeline: this.ctx.store.timeline.forIncident(id) };
  }

  private require(id: string): Incident {
    const incident = this.ctx.store.incidents.get(id);
    if (!incident) throw new HostFailure('not_found', { entity: 'incident', id });
    return incident;
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

function incidentFields(i: Incident): Record<string, unknown> {
  const { id: _id, ...fields } = i;
  return fields;
}
