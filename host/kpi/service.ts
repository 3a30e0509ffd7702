import type { Db } from '../../db/open';
import type { IncidentStatus } from '../../contract/domain/incident';
import type { KpiResult } from '../../contract/kpi';
import { computeKpis, type KpiStatusEntry } from './compute';

export interface KpiParams {
  from: number;
  to: number;
  includeDrill: boolean;
  includeDemo: boolean;
}

/** Reads what the KPIs need for one time range and hands it to the pure computation. */
export class KpiService {
  constructor(
    private readonly db: Db,
    private readonly overdueIds: () => readonly string[],
  ) {}

  private filter(p: KpiParams): string {
    return `i.created_at >= @from AND i.created_at < @to${p.includeDrill ? '' : ' AND i.is_drill = 0'}${
      p.includeDemo ? '' : ' AND i.is_demo = 0'
    }`;
  }

  summary(p: KpiParams): KpiResult {
    const args = { from: p.from, to: p.to };
    const where = this.filter(p);
    const incidents = (
      this.db
        .prepare(
          `SELECT i.id, i.category, i.source, i.status, i.grid_code AS gridCode, i.created_at AS createdAt
           FROM incidents i WHERE ${where}`,
        )
        .all(args) as {
        id: string;
        category: string;
        source: string;
        status: IncidentStatus;
        gridCode: string | null;
        createdAt: number;
      }[]
    ).map((r) => r);
    const statusEntries = this.db
      .prepare(
        `SELECT t.incident_id AS incidentId, t.at, json_extract(t.data, '$.to') AS "to"
         FROM incidents i JOIN incident_timeline t ON t.incident_id = i.id AND t.kind = 'status'
         WHERE ${where}`,
      )
      .all(args) as KpiStatusEntry[];
    const cells = this.db.prepare('SELECT code, parent_code, level FROM grid_cells').all() as {
      code: string;
      parent_code: string | null;
      level: string;
    }[];
    const byCode = new Map(cells.map((c) => [c.code, c]));
    const memo = new Map<string, string>();
    /** The grid-level (网格) cell at or above `code`; a cell above that level stands for itself. */
    const gridOf = (code: string | null): string => {
      if (code === null) return '';
      const hit = memo.get(code);
      if (hit !== undefined) return hit;
      let c = byCode.get(code);
      let out = code;
      for (let hops = 0; c && hops < 8; hops++) {
        if (c.level === 'grid') {
          out = c.code;
          break;
        }
        if (c.level !== 'compound' || !c.parent_code) break;
        c = byCode.get(c.parent_code);
      }
      memo.set(code, out);
      return out;
    };
    const workers = this.db
      .prepare(
        `SELECT home_grid AS homeGrid FROM units WHERE kind = 'grid_worker'${p.includeDemo ? '' : ' AND is_demo = 0'}`,
      )
      .all() as { homeGrid: string | null }[];
    return computeKpis({
      from: p.from,
      to: p.to,
      incidents,
      statusEntries: statusEntries.filter((e) => typeof e.to === 'string'),
      overdueIds: new Set(this.overdueIds()),
      gridOf,
      workers,
    });
  }
}
