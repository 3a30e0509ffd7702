import type { EventPayload } from '../../../contract/events';
import type { Unit } from '../../../contract';
import { api } from '../../app/api';
import type { HostClient } from '../../app/hostClient';
import type { AppStore } from '../../app/store';

/**
 * The new unit list after a batch move, or null when no listed unit moved. Built from the plain cached array
 * (one pass, ids in a Map) rather than through an Immer draft: a draft would proxy every unit it touched.
 */
export function unitsAfterMoves(units: readonly Unit[], p: EventPayload<'units.moved'>): Unit[] | null {
  const moves = new Map(p.moves.map(([id, lon, lat]) => [id, { lon, lat }]));
  let changed = false;
  const next = units.map((u) => {
    const pos = moves.get(u.id);
    if (!pos || (u.positionAt !== null && u.positionAt > p.at)) return u;
    changed = true;
    return { ...u, position: pos, positionAt: p.at, positionSource: p.source };
  });
  return changed ? next : null;
}

/** `units.moved` → the cached `unit.list` (lists and suggestions read positions from it). */
export function wireMapEvents(host: HostClient, store: AppStore): () => void {
  return host.subscribe('units.moved', (p) => {
    const cached = api.endpoints.unitList.select()(store.getState()).data;
    if (!cached) return;
    const next = unitsAfterMoves(cached, p);
    if (next) store.dispatch(api.util.updateQueryData('unitList', undefined, () => next));
  });
}
