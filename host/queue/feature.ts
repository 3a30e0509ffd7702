import { IncidentQueryRepository } from '../../db/incidentQuery';
import type { HostContext } from '../context';
import type { HostFeature } from '../feature';
import { defineHandlers } from '../router';
import type { IncidentQueryParsed, IncidentQueryResult } from '../../contract/queue';
import { KpiService } from '../kpi/service';

/**
 * Where the overdue filter gets its answer: the SLA feature's current overdue set (incident ids). Until an SLA
 * feature registers one, nothing counts as overdue.
 */
export type OverdueSource = () => readonly string[];

/**
 * `incident.query`: the queue at scale (filters, full-text search, priority-then-age, paged with a total), and
 * `kpi.summary`, which shares the SLA's overdue set.
 */
export class QueueFeature implements HostFeature {
  readonly name = 'queue';
  readonly handlers;
  readonly repo: IncidentQueryRepository;
  private overdueSource: OverdueSource = () => [];

  constructor(ctx: HostContext) {
    this.repo = new IncidentQueryRepository(ctx.store.db);
    const kpi = new KpiService(ctx.store.db, () => this.overdueSource());
    this.handlers = [
      defineHandlers({
        'incident.query': (p) => this.query(p),
        'kpi.summary': (p) => kpi.summary(p),
      }),
    ];
  }

  /** The hook for the SLA feature: `queue.setOverdueSource(() => sla.currentOverdue().map((o) => o.incidentId))`. */
  setOverdueSource(source: OverdueSource): void {
    this.overdueSource = source;
  }

  query(p: IncidentQueryParsed): IncidentQueryResult {
    const { items, total } = this.repo.run(p, {
      gridCodes: p.gridCode ? this.repo.gridSubtree(p.gridCode) : undefined,
      overdueIds: p.overdue ? this.overdueSource() : undefined,
    });
    return { items, total, offset: p.offset };
  }
}
