/**
 * The supervisor's side of sync conflicts: the open status conflicts this console flagged (db/syncConflicts.ts,
 * written by IncidentService.flagStatusConflict) shown with both sides, and "reviewed" recorded the one way
 * every change is — mutate(): the flag closed, an audit record and a timeline note on the incident, which
 * syncs like any note so other consoles see that a supervisor looked.
 */
import {
  HostFailure,
  INCIDENT_STATUSES,
  SYNC_SCHEMA_VERSION,
  type IncidentStatus,
  type TimelineEntry,
} from '../../contract';
import { decodeHlc } from '../../contract/hlc';
import type { SyncConflictView, SyncReview } from '../../contract/syncMethods';
import { SyncConflicts, type SyncConflict } from '../../db/syncConflicts';
import type { SyncInbox } from '../../db/syncInbox';
import type { HostContext } from '../context';
import type { IncidentService } from '../incidents/service';
import { mutate } from '../mutation';

const asStatus = (v: unknown): IncidentStatus | null =>
  typeof v === 'string' && (INCIDENT_STATUSES as readonly string[]).includes(v)
    ? (v as IncidentStatus)
    : null;

export class ConflictReview {
  private readonly conflicts: SyncConflicts;

  constructor(
    private readonly ctx: HostContext,
    private readonly incidents: IncidentService,
    private readonly inbox: SyncInbox,
  ) {
    this.conflicts = new SyncConflicts(ctx.store.db);
  }

  review(): SyncReview {
    const held = this.inbox.heldSummary();
    return {
      conflicts: this.conflicts
        .open()
        .filter((c) => c.entity === 'incident')
        .map((c) => this.view(c)),
      parked: { count: held.count, needsVersion: held.needsVersion, thisVersion: SYNC_SCHEMA_VERSION },
    };
  }

  markReviewed(id: number, note: string | undefined): SyncConflictView {
    const conflict = this.conflicts.get(id);
    if (!conflict || conflict.entity !== 'incident')
      throw new HostFailure('not_found', { entity: 'sync conflict', id });
    const view = this.view(conflict);
    const incident = this.incidents.require(conflict.entityId);
    mutate(this.ctx, (m) => {
      // Inside the transaction: two supervisors clicking at once review it once.
      if (!this.conflicts.markReviewed(id, m.at)) {
        throw new HostFailure('conflict', { entity: 'sync conflict', actual: 'reviewed', expected: 'open' });
      }
      const review = {
        conflictId: id,
        here: view.here.status,
        arrived: view.arrived.status,
        landedOn: view.landedOn,
      };
      // Timeline entries are evidence shared by consoles in either language, so the line carries both.
      const text =
        `同步冲突已复核 / Sync conflict reviewed: ${view.here.status} ↔ ${view.arrived.status}` +
        (note ? ` — ${note}` : '');
      const entry = this.incidents.appendEntry(m, incident, 'note', { text, syncConflictReview: review });
      m.record({
        entity: 'incident',
        entityId: incident.id,
        op: 'update',
        fields: {},
        action: 'sync.conflict.review',
        localOnly: incident.isDemo,
        auditData: { ...review, note: note ?? null },
      });
      m.emit('incident.changed', { incident, entry });
    });
    return view;
  }

  private view(c: SyncConflict): SyncConflictView {
    const d = c.detail;
    const here = asStatus(d.from) ?? 'reported';
    const arrived = asStatus(d.to) ?? 'reported';
    const remoteConsoleId = typeof d.remoteConsoleId === 'string' ? d.remoteConsoleId : '?';
    const incident = this.ctx.store.incidents.get(c.entityId);
    const timeline = incident ? this.ctx.store.timeline.forIncident(c.entityId) : [];
    const statusEntries = timeline.filter((e) => e.kind === 'status' && e.data.syncConflict === undefined);
    // The entry that set each side: here, the latest move to `from` on this console before the flag; there,
    // the remote console's move to `to`. Absent (e.g. entries not pulled yet) → the HLC's wall time.
    const mine = last(statusEntries, (e) => e.data.to === here && e.at <= c.detectedAt);
    const theirs = last(statusEntries, (e) => e.data.to === arrived && e.consoleId === remoteConsoleId);
    let hlcWall: number | null = null;
    try {
      hlcWall = typeof d.hlc === 'string' ? decodeHlc(d.hlc).wall : null;
    } catch {
      hlcWall = null;
    }
    return {
      id: c.id,
      incidentId: c.entityId,
      incidentLabel: incident ? incident.address || incident.description.slice(0, 80) || null : null,
      here: {
        status: here,
        consoleId: mine?.consoleId ?? this.ctx.consoleId,
        at: mine?.at ?? null,
        actor: mine?.actor ?? null,
      },
      arrived: {
        status: arrived,
        consoleId: remoteConsoleId,
        at: theirs?.at ?? hlcWall,
        actor: theirs?.actor ?? null,
      },
      landedOn: incident?.status ?? null,
      detectedAt: c.detectedAt,
    };
  }
}

function last(entries: TimelineEntry[], pred: (e: TimelineEntry) => boolean): TimelineEntry | undefined {
  for (let i = entries.length - 1; i >= 0; i--) if (pred(entries[i]!)) return entries[i];
  return undefined;
}
