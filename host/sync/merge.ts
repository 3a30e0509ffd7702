/**
 * Field-level last-writer-wins for a remote change against this console's field clocks. Pure: the caller
 * (IncidentService.applyRemote) reads the clocks and writes the winners through `mutate`.
 */
import type { Change, Incident } from '../../contract';
import { newer, type FieldStamp } from '../../db/fieldClocks';

/** Never merged: the id is the key and `version` is this console's own optimistic-concurrency counter. */
const LOCAL_FIELDS = new Set(['id', 'version']);
/** Fixed when the incident is created, so a drill never becomes real (the server refuses changing them too). */
const FIXED_FIELDS = new Set(['isDrill', 'isDemo']);

export const stampOf = (c: Pick<Change, 'hlc' | 'consoleId'>): FieldStamp => ({
  hlc: c.hlc,
  consoleId: c.consoleId,
});

/** The fields of `c` that beat what this console holds. */
export function winningFields(
  c: Pick<Change, 'fields' | 'hlc' | 'consoleId'>,
  clocks: ReadonlyMap<string, FieldStamp>,
): Record<string, unknown> {
  const stamp = stampOf(c);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.fields)) {
    if (LOCAL_FIELDS.has(k) || FIXED_FIELDS.has(k)) continue;
    if (newer(stamp, clocks.get(k))) out[k] = v;
  }
  return out;
}

/** Who a remote change is attributed to in the audit log. */
export function remoteActor(c: Pick<Change, 'fields' | 'consoleId'>): string {
  const named = c.fields.actor ?? c.fields.createdBy;
  return typeof named === 'string' && named ? named : `console ${c.consoleId.slice(0, 8)}`;
}

export function mergeIncident(current: Incident, winners: Record<string, unknown>): Incident {
  return { ...current, ...winners, id: current.id, isDrill: current.isDrill, isDemo: current.isDemo };
}
