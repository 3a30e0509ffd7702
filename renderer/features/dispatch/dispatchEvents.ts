import type { EventPayload } from '../../../contract/events';
import type { Unit } from '../../../contract/domain/unit';
import { api } from '../../app/api';
import type { HostClient } from '../../app/hostClient';
import type { AppStore } from '../../app/store';
import { pushToast } from '../toasts/toastsSlice';
import { dispatchApi } from './dispatchApi';
import { alertCleared, escalated } from './dispatchSlice';

/** A unit's new state into the unit list at once, so the map recolours it without a refetch. */
export function upsertUnit(store: AppStore, unit: Unit): void {
  store.dispatch(
    api.util.updateQueryData('unitList', undefined, (draft) => {
      const i = draft.findIndex((u) => u.id === unit.id);
      if (i >= 0) draft[i] = unit;
      else draft.push(unit);
    }),
  );
  // Who is available changed: the open suggestion lists ask again (an event, not polling).
  (store.dispatch as (action: unknown) => void)(dispatchApi.util.invalidateTags(['Suggestion']));
}

/** Dispatch and unit events into the cache and the supervisor's alerts. */
export function wireDispatchEvents(host: HostClient, store: AppStore): () => void {
  // Injected endpoints are not in the store's static type; the thunks are the same kind.
  const d = store.dispatch as (action: unknown) => void;
  const offs = [
    host.subscribe('unit.changed', (p: EventPayload<'unit.changed'>) => upsertUnit(store, p.unit)),
    host.subscribe('dispatch.changed', (p: EventPayload<'dispatch.changed'>) => {
      const x = p.dispatch;
      d(
        dispatchApi.util.updateQueryData('dispatchList', { incidentId: x.incidentId }, (draft) => {
          const i = draft.findIndex((y) => y.id === x.id);
          if (i >= 0) draft[i] = x;
          else draft.push(x);
        }),
      );
      if (p.unit) upsertUnit(store, p.unit);
      if (x.state !== 'awaiting_ack') store.dispatch(alertCleared(x.id));
    }),
    host.subscribe('dispatch.escalated', (p: EventPayload<'dispatch.escalated'>) => {
      store.dispatch(
        escalated({
          dispatchId: p.dispatch.id,
          incidentId: p.incident.id,
          unitName: p.dispatch.unitName,
          at: p.entry.at,
        }),
      );
      store.dispatch(
        pushToast({ kind: 'error', key: 'dispatch.escalatedToast', params: { unit: p.dispatch.unitName } }),
      );
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
