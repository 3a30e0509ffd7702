import { GRID_LEVELS, type GridCell, type GridLevel } from '../../../contract/domain/grid';

export interface GridNode {
  code: string;
  name: string;
  level: GridLevel;
  children: GridNode[];
}

/** Cells per level, every level present (zero when none). */
export function levelCounts(cells: readonly Pick<GridCell, 'level'>[]): Record<GridLevel, number> {
  const counts = Object.fromEntries(GRID_LEVELS.map((l) => [l, 0])) as Record<GridLevel, number>;
  for (const c of cells) counts[c.level]++;
  return counts;
}

/**
 * The hierarchy street → community → grid → compound, each level sorted by code. A cell whose parent is not
 * stored (it cannot happen through grid.import, but a sync from an older console might) is shown at the top
 * rather than hidden.
 */
export function gridTree(
  cells: readonly Pick<GridCell, 'code' | 'name' | 'level' | 'parentCode'>[],
): GridNode[] {
  const nodes = new Map<string, GridNode>();
  for (const c of cells) nodes.set(c.code, { code: c.code, name: c.name, level: c.level, children: [] });
  const roots: GridNode[] = [];
  for (const c of cells) {
    const node = nodes.get(c.code)!;
    const parent = c.parentCode === null ? undefined : nodes.get(c.parentCode);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const byCode = (a: GridNode, b: GridNode) => a.code.localeCompare(b.code);
  const sort = (list: GridNode[]) => {
    list.sort(byCode);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** The host answers one message of at most 1 MiB; the file travels inside a request, so leave room. */
export const MAX_GRID_FILE_BYTES = 1024 * 1024 - 4096;

export type ReadResult =
  { ok: true; geojson: unknown } | { ok: false; reason: 'too_large' | 'not_json'; detail: string };

/** Reads a chosen or dropped file as JSON, refusing what the host could not receive before sending it. */
export function readGridFile(text: string, size: number): ReadResult {
  if (size > MAX_GRID_FILE_BYTES) {
    return { ok: false, reason: 'too_large', detail: `${(size / 1048576).toFixed(1)}` };
  }
  try {
    return { ok: true, geojson: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, reason: 'not_json', detail: (e as Error).message.slice(0, 200) };
  }
}

/** `grid-2026-11-26.geojson`, in local time. */
export function exportFileName(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `grid-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.geojson`;
}
