import { KPI_STAGES, type KpiGroupRow, type KpiResult } from '../../../contract/kpi';

/** Minutes with one decimal, or '' when there is no measurement. */
export function minutes(ms: number | null): string {
  return ms === null ? '' : (ms / 60_000).toFixed(1);
}

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function field(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvLabels {
  group: string;
  key: string;
  incidents: string;
  stage: (s: (typeof KPI_STAGES)[number]) => string;
  mean: string;
  p90: string;
  groupName: (g: 'overall' | 'category' | 'grid') => string;
  keyName: (g: 'category' | 'grid', key: string) => string;
}

/**
 * The dashboard's table as CSV: one row per group (overall, each category, each grid), mean and p90 minutes per
 * stage. A BOM up front so Excel opens the Chinese labels as UTF-8.
 */
export function kpiCsv(r: KpiResult, l: CsvLabels): string {
  const head = [l.group, l.key, l.incidents];
  for (const s of KPI_STAGES) head.push(`${l.stage(s)} ${l.mean} (min)`, `${l.stage(s)} ${l.p90} (min)`);
  const line = (group: string, key: string, row: KpiGroupRow) => {
    const cells: (string | number)[] = [group, key, row.incidents];
    for (const s of KPI_STAGES) cells.push(minutes(row.stages[s].meanMs), minutes(row.stages[s].p90Ms));
    return cells.map(field).join(',');
  };
  const lines = [head.map(field).join(','), line(l.groupName('overall'), '*', r.overall)];
  for (const row of r.byCategory)
    lines.push(line(l.groupName('category'), l.keyName('category', row.key), row));
  for (const row of r.byGrid) lines.push(line(l.groupName('grid'), l.keyName('grid', row.key), row));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
