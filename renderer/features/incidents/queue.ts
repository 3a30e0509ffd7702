import type { Incident, Priority } from '../../../contract/domain/incident';

const PRIORITY_RANK: Record<Priority, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };

/** Queue order: most urgent first, then the one waiting longest. Ties by id so the order is stable. */
export function compareQueue(a: Incident, b: Incident): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    a.createdAt - b.createdAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function sortQueue(items: readonly Incident[]): Incident[] {
  return [...items].sort(compareQueue);
}

/** Client-side search on description and address (case-insensitive, all words must match). */
export function matchesSearch(i: Incident, search: string): boolean {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = `${i.description}\n${i.address}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** The id `delta` steps from `current` in `ids` (clamped); the first id when nothing is selected. */
export function moveSelection(ids: readonly string[], current: string | null, delta: number): string | null {
  if (!ids.length) return null;
  const idx = current === null ? -1 : ids.indexOf(current);
  if (idx < 0) return ids[0]!;
  return ids[Math.max(0, Math.min(ids.length - 1, idx + delta))]!;
}
