import { dirname } from 'node:path';
import {
  DuplicateSettingsSchema,
  type Duplicate,
  type DuplicateSettings,
  type LonLat,
  type MethodParamsParsed,
  type TimelineEntry,
} from '../../contract';
import type { HostContext } from '../context';
import type { HostFeature } from '../feature';
import type { IncidentService } from '../incidents/service';
import { mutate } from '../mutation';
import { defineHandlers } from '../router';
import { AttachmentService } from './attachments';
import { CategoryAdmin } from './categories';
import { DEFAULT_DUPLICATE_SETTINGS, suggestDuplicates } from './duplicates';
import { MergeService } from './merge';
import { SlaService } from './slaService';

export interface IncidentExtrasOptions {
  /** How often the SLA sweep runs; 0 disables the timer (tests call sweep()). Default 5 s. */
  slaSweepMs?: number;
}

const DUPLICATE_SETTINGS_KEY = 'duplicates.settings';

/** SLA, duplicates and merging, image evidence and typed links, the category list. */
export class IncidentExtrasFeature implements HostFeature {
  readonly name = 'incidentExtras';
  readonly sla: SlaService;
  readonly merges: MergeService;
  readonly attachments: AttachmentService;
  readonly categories: CategoryAdmin;
  readonly handlers;
  private timer: NodeJS.Timeout | null = null;
  private sweepQueued = false;

  constructor(
    private readonly ctx: HostContext,
    private readonly incidents: IncidentService,
    private readonly options: IncidentExtrasOptions = {},
  ) {
    this.sla = new SlaService(ctx, incidents);
    this.merges = new MergeService(ctx, incidents);
    this.attachments = new AttachmentService(ctx, incidents, dirname(ctx.store.path));
    this.categories = new CategoryAdmin(ctx);
    incidents.addHooks({
      // A met stage leaves the overdue set at once rather than at the next tick (after the commit).
      statusChanged: () => this.queueSweep(),
      remoteEntry: (_m, entry) => {
        this.sla.noteRemoteEscalation(entry);
        if (entry.kind === 'status') this.queueSweep();
      },
    });
    this.handlers = [
      defineHandlers({
        'sla.rules': () => this.sla.rules(),
        'sla.setRule': (p) => this.sla.setRule(p),
        'sla.overdue': () => this.sla.currentOverdue(),
        'duplicates.settings': () => this.duplicateSettings(),
        'duplicates.setSettings': (p) => this.setDuplicateSettings(p),
        'duplicates.suggest': (p) => this.suggest(p.category, p.location),
        'incident.merge': (p) => this.merges.merge(p),
        'incident.mergedTimelines': (p) => this.merges.mergedTimelines(p.id),
        'incident.link': (p) => this.link(p),
        'attachment.begin': (p) => this.attachments.begin(p),
        'attachment.chunk': (p) => this.attachments.chunk(p),
        'attachment.finish': (p) => this.attachments.finish(p.uploadId),
        'attachment.abort': (p) => this.attachments.abort(p.uploadId),
        'attachment.list': (p) => this.attachments.list(p.incidentId),
        'attachment.read': (p) => this.attachments.read(p.sha256),
        'category.save': (p) => this.categories.save(p),
        'category.setActive': (p) => this.categories.setActive(p),
      }),
    ];
  }

  start(): void {
    // Recompute at start: deadlines passed while the console was off escalate now, and only once.
    this.sla.sweep();
    const every = this.options.slaSweepMs ?? slaSweepFromEnv() ?? 5000;
    if (every <= 0) return;
    this.timer = setInterval(() => this.sla.sweep(), every);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.attachments.closeAll();
  }

  private queueSweep(): void {
    if (this.sweepQueued) return;
    this.sweepQueued = true;
    setImmediate(() => {
      this.sweepQueued = false;
      try {
        this.sla.sweep();
      } catch (e) {
        this.ctx.log.error({ err: (e as Error).message }, 'SLA sweep failed');
      }
    });
  }

  duplicateSettings(): DuplicateSettings {
    const raw = this.ctx.store.getMeta(DUPLICATE_SETTINGS_KEY);
    if (!raw) return DEFAULT_DUPLICATE_SETTINGS;
    const parsed = DuplicateSettingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_DUPLICATE_SETTINGS;
  }

  private setDuplicateSettings(s: DuplicateSettings): DuplicateSettings {
    mutate(this.ctx, (m) => {
      this.ctx.store.setMeta(DUPLICATE_SETTINGS_KEY, JSON.stringify(s));
      this.ctx.store.audit.append({
        at: m.at,
        actor: m.actor,
        consoleId: this.ctx.consoleId,
        action: 'duplicates.setSettings',
        entity: 'settings',
        entityId: DUPLICATE_SETTINGS_KEY,
        data: { ...s },
      });
    });
    return s;
  }

  suggest(category: string, location: LonLat): Duplicate[] {
    const settings = this.duplicateSettings();
    const now = this.ctx.now();
    // A bounding box around the point keeps the candidate set small; the exact distance is turf's.
    const dLat = settings.radiusM / 111_000 + 1e-6;
    const dLon = dLat / Math.max(0.01, Math.cos((location.lat * Math.PI) / 180));
    const ids = this.ctx.store.db
      .prepare(
        `SELECT id FROM incidents
         WHERE category = ? AND created_at >= ? AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?
           AND status IN ('reported', 'accepted', 'dispatched', 'en_route', 'on_scene', 'reopened')
         LIMIT 200`,
      )
      .all(
        category,
        now - settings.windowMs,
        location.lat - dLat,
        location.lat + dLat,
        location.lon - dLon,
        location.lon + dLon,
      ) as { id: string }[];
    const candidates = ids.flatMap((r) => this.ctx.store.incidents.get(r.id) ?? []);
    return suggestDuplicates(candidates, { category, location }, settings, now);
  }

  /** A typed link to a call or a video snapshot, by reference until those bridges exist. */
  private link(p: MethodParamsParsed<'incident.link'>): TimelineEntry {
    return mutate(this.ctx, (m) => {
      const incident = this.incidents.require(p.id);
      const entry = this.incidents.appendEntry(m, incident, 'link', {
        type: p.type,
        ref: p.ref,
        label: p.label,
      });
      m.record({
        entity: 'incident',
        entityId: incident.id,
        op: 'update',
        fields: {},
        action: 'incident.link',
        localOnly: incident.isDemo,
        auditData: { type: p.type, ref: p.ref },
      });
      m.emit('incident.changed', { incident, entry });
      return entry;
    });
  }
}

/** `FENGSUI_SLA_SWEEP_MS`: a faster sweep for drills and end-to-end tests. */
function slaSweepFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const n = Number(env.FENGSUI_SLA_SWEEP_MS);
  return Number.isFinite(n) && n >= 100 ? Math.round(n) : undefined;
}
