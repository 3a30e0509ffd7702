import { OPEN_STATUSES, type IncidentStatus } from '../../contract/domain/incident';
import {
  KPI_STAGES,
  type KpiGridLoad,
  type KpiGroupRow,
  type KpiResult,
  type KpiStage,
  type StageStat,
} from '../../contract/kpi';

/**
 * KPI arithmetic, pure so it can be checked by hand on a known data set (compute.test.ts). The host gathers the
 * rows (host/kpi/service.ts); this turns them into the dashboard's numbers.
 */

export interface KpiIncident {
  id: string;
  category: string;
  source: string;
  status: IncidentStatus;
  gridCode: string | null;
  createdAt: number;
}

/** A status timeline entry: the incident moved into `to` at `at`. */
export interface KpiStatusEntry {
  incidentId: string;
  at: number;
  to: string;
}

export interface KpiInput {
  from: number;
  to: number;
  incidents: readonly KpiIncident[];
  statusEntries: readonly KpiStatusEntry[];
  overdueIds: ReadonlySet<string>;
  /** The grid-level cell a cell lies in ("" for none): incidents carry their deepest cell. */
  gridOf: (code: string | null) => string;
  /** Home grid of each grid worker. */
  workers: readonly { homeGrid: string | null }[];
}

/** The status whose first entry ends each stage. */
const STAGE_STATUS: Record<KpiStage, string> = {
  accept: 'accepted',
  dispatch: 'dispatched',
  on_scene: 'on_scene',
  resolve: 'resolved',
};

/**
 * 90th percentile by nearest rank: the smallest value with at least 90 % of values ≤ it (no interpolation, so
 * the figure is always a real incident's duration).
 */
export function p90(sorted: readonly number[]): number | null {
  if (!sorted.length) return null;
  return sorted[Math.ceil(0.9 * sorted.length) - 1]!;
}

export function stageStat(durations: readonly number[]): StageStat {
  if (!durations.length) return { n: 0, meanMs: null, p90Ms: null };
  const sorted = [...durations].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { n: sorted.length, meanMs: mean, p90Ms: p90(sorted) };
}

type Durations = Record<KpiStage, number[]>;
const emptyDurations = (): Durations => ({ accept: [], dispatch: [], on_scene: [], resolve: [] });

function groupRow(key: string, incidents: number, d: Durations): KpiGroupRow {
  return {
    key,
    incidents,
    stages: {
      accept: stageStat(d.accept),
      dispatch: stageStat(d.dispatch),
      on_scene: stageStat(d.on_scene),
      resolve: stageStat(d.resolve),
    },
  };
}

export function computeKpis(input: KpiInput): KpiResult {
  // First time each incident entered each status (a reopened incident keeps its first resolution).
  const firstAt = new Map<string, Map<string, number>>();
  for (const e of input.statusEntries) {
    let m = firstAt.get(e.incidentId);
    if (!m) firstAt.set(e.incidentId, (m = new Map()));
    const prev = m.get(e.to);
    if (prev === undefined || e.at < prev) m.set(e.to, e.at);
  }

  const overall = emptyDurations();
  const byCat = new Map<string, { n: number; d: Durations }>();
  const byGrid = new Map<string, { n: number; d: Durations }>();
  const load = new Map<string, { open: number; overdue: number; incidents: number }>();
  let drone = 0;
  const open = new Set<string>(OPEN_STATUSES);

  for (const i of input.incidents) {
    if (i.source === 'drone_patrol') drone++;
    const grid = input.gridOf(i.gridCode);
    const cat = byCat.get(i.category) ?? { n: 0, d: emptyDurations() };
    const g = byGrid.get(grid) ?? { n: 0, d: emptyDurations() };
    byCat.set(i.category, cat);
    byGrid.set(grid, g);
    cat.n++;
    g.n++;
    const times = firstAt.get(i.id);
    for (const stage of KPI_STAGES) {
      const at = times?.get(STAGE_STATUS[stage]);
      // Clock skew between consoles can put an entry before creation; such a duration is not a measurement.
      if (at === undefined || at < i.createdAt) continue;
      const ms = at - i.createdAt;
      overall[stage].push(ms);
      cat.d[stage].push(ms);
      g.d[stage].push(ms);
    }
    const l = load.get(grid) ?? { open: 0, overdue: 0, incidents: 0 };
    load.set(grid, l);
    l.incidents++;
    if (open.has(i.status)) l.open++;
    if (input.overdueIds.has(i.id)) l.overdue++;
  }

  const workers = new Map<string, number>();
  for (const w of input.workers) {
    const g = input.gridOf(w.homeGrid);
    workers.set(g, (workers.get(g) ?? 0) + 1);
  }
  const gridLoad: KpiGridLoad[] = [...load.entries()].map(([grid, l]) => {
    const n = grid === '' ? 0 : (workers.get(grid) ?? 0);
    return { grid, ...l, workers: n, perWorker: n > 0 ? l.incidents / n : null };
  });

  const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const total = input.incidents.length;
  return {
    from: input.from,
    to: input.to,
    total,
    droneFound: drone,
    droneShare: total ? drone / total : 0,
    overall: groupRow('*', total, overall),
    byCategory: [...byCat.entries()].map(([k, v]) => groupRow(k, v.n, v.d)).sort(byKey),
    byGrid: [...byGrid.entries()].map(([k, v]) => groupRow(k, v.n, v.d)).sort(byKey),
    gridLoad: gridLoad.sort((a, b) => b.open - a.open || (a.grid < b.grid ? -1 : 1)),
  };
}
