import type { EventPayload } from '../../../contract/events';
import { api } from '../../app/api';
import type { HostClient } from '../../app/hostClient';
import type { AppStore } from '../../app/store';
import { pushToast } from '../toasts/toastsSlice';
import { extrasApi } from './extrasApi';

/** Host events of the incident extras → the cache: the overdue set, SLA alerts, the category list, merges. */
export function wireExtrasEvents(host: HostClient, store: AppStore): () => void {
  // Injected endpoints' thunks are typed against their own slice of the api, not the store's whole state.
  const d = store.dispatch as (action: unknown) => void;
  const offs = [
    host.subscribe('sla.overdue', (p: EventPayload<'sla.overdue'>) => {
      d(extrasApi.util.upsertQueryData('slaOverdue', undefined, p.items));
    }),
    host.subscribe('sla.escalated', (p: EventPayload<'sla.escalated'>) => {
      // The host sends this only to signed-in supervisors and admins (host/transports/audience.ts), or to everyone in open mode.
      store.dispatch(
        pushToast({
          kind: 'error',
          key: 'extras.sla.escalatedToast',
          params: { address: p.incident.address || p.incident.description.slice(0, 40) },
          keyParams: { stage: `extras.sla.stage.${p.stage}` },
        }),
      );
    }),
    host.subscribe('categories.changed', (p: EventPayload<'categories.changed'>) => {
      void store.dispatch(api.util.upsertQueryData('categoryList', undefined, p.categories));
    }),
    host.subscribe('incident.changed', (p: EventPayload<'incident.changed'>) => {
      if (p.entry?.kind === 'link' && p.entry.data.type === 'incident') {
        d(extrasApi.util.invalidateTags([{ type: 'MergedTimelines', id: p.entry.incidentId }]));
      }
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
