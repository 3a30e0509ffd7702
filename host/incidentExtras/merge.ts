import {
  HostFailure,
  OPEN_STATUSES,
  type Incident,
  type MethodParamsParsed,
  type MethodResult,
  type TimelineEntry,
} from '../../contract';
import type { HostContext } from '../context';
import type { IncidentService } from '../incidents/service';
import { mutate } from '../mutation';

/** The `link` entry joining a merged incident and its survivor (one on each side). */
export function mergeLinkOf(
  e: TimelineEntry,
): { relation: 'merged_into' | 'merged_from'; incidentId: string } | null {
  if (e.kind !== 'link' || e.data.type !== 'incident') return null;
  const { relation, incidentId } = e.data;
  if ((relation !== 'merged_into' && relation !== 'merged_from') || typeof incidentId !== 'string')
    return null;
  return { relation, incidentId };
}

/**
 * Merging a duplicate into the incident that carries on (the survivor): in one transaction the duplicate is
 * closed as merged (a `status` entry naming the survivor, through the same transition path as any close so
 * dispatch releases its units), and each side gets a typed `incident` link to the other. Nothing is copied:
 * the survivor's evidence view reads the merged timelines through the links, so both stay intact and sync as
 * the append-only entries they are. Any failure rolls all of it back.
 */
export class MergeService {
  constructor(
    private readonly ctx: HostContext,
    private readonly incidents: IncidentService,
  ) {}

  merge(p: MethodParamsParsed<'incident.merge'>): MethodResult<'incident.merge'> {
    if (p.id === p.intoId) {
      throw new HostFailure('bad_request', {
        method: 'incident.merge',
        detail: 'an incident cannot be merged into itself; choose the incident that carries on',
      });
    }
    return mutate(this.ctx, (m) => {
      const dup = this.incidents.require(p.id);
      const survivor = this.incidents.require(p.intoId);
      for (const [role, i] of [
        ['merged', dup],
        ['surviving', survivor],
      ] as const) {
        if (!OPEN_STATUSES.includes(i.status)) {
          throw new HostFailure('bad_request', {
            method: 'incident.merge',
            detail: `the ${role} incident is ${i.status}; only open incidents can be merged`,
          });
        }
      }
      if (dup.isDemo !== survivor.isDemo || dup.isDrill !== survivor.isDrill) {
        throw new HostFailure('bad_request', {
          method: 'incident.merge',
          detail: 'a drill or demo incident can only be merged with another drill or demo incident',
        });
      }
      const closed = this.incidents.transition(m, dup, 'closed', p.note, survivor.id);
      const intoEntry = this.incidents.appendEntry(m, closed.incident, 'link', {
        type: 'incident',
        relation: 'merged_into',
        incidentId: survivor.id,
      });
      const fromEntry = this.incidents.appendEntry(m, survivor, 'link', {
        type: 'incident',
        relation: 'merged_from',
        incidentId: dup.id,
        ...(p.note ? { note: p.note } : {}),
      });
      m.record({
        entity: 'incident',
        entityId: survivor.id,
        op: 'update',
        fields: {},
        action: 'incident.merge',
        localOnly: survivor.isDemo,
        auditData: { mergedId: dup.id, survivorId: survivor.id },
      });
      m.emit('incident.changed', { incident: closed.incident, entry: intoEntry });
      m.emit('incident.changed', { incident: survivor, entry: fromEntry });
      return { merged: closed.incident, survivor };
    });
  }

  /** Timelines of the incidents merged into this one, and into those, oldest merge first (bounded depth). */
  mergedTimelines(id: string): { incident: Incident; timeline: TimelineEntry[] }[] {
    this.incidents.require(id);
    const out: { incident: Incident; timeline: TimelineEntry[] }[] = [];
    const seen = new Set([id]);
    const queue = [id];
    while (queue.length && out.length < 50) {
      const current = queue.shift()!;
      for (const e of this.ctx.store.timeline.forIncident(current)) {
        const link = mergeLinkOf(e);
        if (!link || link.relation !== 'merged_from' || seen.has(link.incidentId)) continue;
        seen.add(link.incidentId);
        const merged = this.ctx.store.incidents.get(link.incidentId);
        if (!merged) continue; // synced link ahead of its incident
        out.push({ incident: merged, timeline: this.ctx.store.timeline.forIncident(merged.id) });
        queue.push(merged.id);
      }
    }
    return out;
  }
}
