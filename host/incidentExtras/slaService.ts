import {
  computeSla,
  limitsFor,
  type Overdue,
  type SlaRule,
  type SlaStage,
  type TimelineEntry,
} from '../../contract';
import type { HostContext } from '../context';
import type { IncidentService } from '../incidents/service';
import { mutate } from '../mutation';
import { SlaRepository } from './slaRepo';

/** What an SLA escalation's timeline entry carries (`note` entries with `data.sla`). */
export interface SlaEntryData {
  stage: SlaStage;
  deadline: number;
  cycleStart: number;
}

export function slaOfEntry(e: TimelineEntry): SlaEntryData | null {
  const sla = e.data.sla as Partial<SlaEntryData> | undefined;
  if (!sla || typeof sla.stage !== 'string' || typeof sla.cycleStart !== 'number') return null;
  return sla as SlaEntryData;
}

/**
 * The SLA sweep: judges every open incident against its deadlines, publishes the overdue set when it changes
 * and escalates each missed stage once per working cycle. Escalations are claimed in `sla_escalations` inside
 * the same transaction as their timeline entry, so a restart recomputes everything and escalates nothing twice.
 * Demo incidents are back-dated and would all escalate at once: they are highlighted but never escalated.
 * Every console highlights every overdue incident, but only the console that took the report escalates it:
 * otherwise each console in the district would escalate the same stage before hearing of the others'
 * escalations (and a console whose clock runs ahead would escalate other consoles' incidents early).
 */
export class SlaService {
  readonly repo: SlaRepository;
  private overdueKey = '';
  private overdue: Overdue[] = [];
  private rulesCache: SlaRule[] | null = null;

  constructor(
    private readonly ctx: HostContext,
    private readonly incidents: IncidentService,
  ) {
    this.repo = new SlaRepository(ctx.store.db);
  }

  rules(): SlaRule[] {
    this.rulesCache ??= this.repo.rules();
    return this.rulesCache;
  }

  setRule(rule: SlaRule): SlaRule[] {
    mutate(this.ctx, (m) => {
      this.repo.setRule(rule);
      // Configuration of this duty room: audited, deliberately not synced (no outbox record).
      this.ctx.store.audit.append({
        at: m.at,
        actor: m.actor,
        consoleId: this.ctx.consoleId,
        action: 'sla.setRule',
        entity: 'sla_rule',
        entityId: `${rule.category}/${rule.priority}/${rule.stage}`,
        data: { limitMs: rule.limitMs },
      });
    });
    this.rulesCache = null;
    this.sweep();
    return this.rules();
  }

  currentOverdue(): Overdue[] {
    return this.overdue;
  }

  /** One pass: recompute, publish the set if it changed, escalate newly missed stages. Returns the set. */
  sweep(): Overdue[] {
    const now = this.ctx.now();
    const rules = this.rules();
    const overdue: Overdue[] = [];
    const toEscalate: { id: string; stage: SlaStage; deadline: number; cycleStart: number }[] = [];
    for (const s of this.repo.openSubjects(this.ctx.consoleId)) {
      const r = computeSla(s, limitsFor(rules, s.category, s.priority), now);
      if (r.overdue.length === 0) continue;
      const missed = r.stages.filter((x) => x.state === 'overdue');
      overdue.push({
        incidentId: s.id,
        stages: r.overdue,
        since: Math.min(...missed.map((x) => x.deadline)),
      });
      if (s.isDemo || !s.ownedHere) continue;
      for (const x of missed)
        toEscalate.push({ id: s.id, stage: x.stage, deadline: x.deadline, cycleStart: r.cycleStart });
    }
    overdue.sort((a, b) => a.since - b.since || (a.incidentId < b.incidentId ? -1 : 1));
    for (const e of toEscalate) this.escalate(e.id, e.stage, e.deadline, e.cycleStart);
    const key = JSON.stringify(overdue);
    if (key !== this.overdueKey) {
      this.overdueKey = key;
      this.overdue = overdue;
      this.ctx.events.publish('sla.overdue', { items: overdue });
    }
    return overdue;
  }

  private escalate(incidentId: string, stage: SlaStage, deadline: number, cycleStart: number): void {
    try {
      mutate(this.ctx, (m) => {
        if (!this.repo.claimEscalation(incidentId, stage, cycleStart, m.at)) return;
        const incident = this.incidents.require(incidentId);
        const sla: SlaEntryData = { stage, deadline, cycleStart };
        const entry = this.incidents.appendEntry(m, incident, 'note', {
          // Plain text too, so a console without this feature still shows what happened.
          text: `SLA ${stage} overdue since ${new Date(deadline).toISOString()}: escalated to the supervisor`,
          sla,
        });
        m.record({
          entity: 'incident',
          entityId: incident.id,
          op: 'update',
          fields: {},
          action: 'sla.escalate',
          localOnly: incident.isDemo,
          auditData: { stage, deadline, cycleStart },
        });
        m.emit('incident.changed', { incident, entry });
        m.emit('sla.escalated', { incident, stage, entry });
      });
    } catch (e) {
      this.ctx.log.error({ incidentId, stage, err: (e as Error).message }, 'SLA escalation failed');
    }
  }

  /** Another console escalated: record it so this one does not escalate the same stage again. */
  noteRemoteEscalation(entry: TimelineEntry): void {
    const sla = slaOfEntry(entry);
    if (sla) this.repo.claimEscalation(entry.incidentId, sla.stage, sla.cycleStart, entry.at);
  }
}
