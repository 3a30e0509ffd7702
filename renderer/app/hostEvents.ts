import type { Incident, TimelineEntry } from '../../contract/domain/incident';
import type { EventPayload } from '../../contract/events';
import { api, TAG_TYPES } from './api';
import type { HostClient } from './hostClient';
import type { AppStore } from './store';
import { connectionChanged, reconnected } from '../features/connection/connectionSlice';
import { pushToast } from '../features/toasts/toastsSlice';
import { wireRadioEvents } from '../features/radio/radioEvents';
import { wireDispatchEvents } from '../features/dispatch/dispatchEvents';
import { wireMapEvents } from '../features/map/mapEvents';
import { wireQueueEvents } from '../features/incidents/queueEvents';
import { wireExtrasEvents } from '../features/incidentExtras/extrasEvents';
import { wireUsersEvents } from '../features/users/usersEvents';

/**
 * Put a changed incident into every cached list (respecting each list's status filter) and into its detail
 * entry, appending the timeline entry. Older versions never overwrite newer ones, so an event and the
 * mutation's own result can arrive in either order.
 */
export function upsertIncident(store: AppStore, incident: Incident, entry: TimelineEntry | null): void {
  const state = store.getState();
  for (const args of api.util.selectCachedArgsForQuery(state, 'incidentList')) {
    store.dispatch(
      api.util.updateQueryData('incidentList', args, (draft) => {
        const matches = !args.statuses || args.statuses.includes(incident.status);
        const idx = draft.items.findIndex((i) => i.id === incident.id);
        if (idx >= 0) {
          if (draft.items[idx]!.version > incident.version) return;
          if (matches) draft.items[idx] = incident;
          else {
            draft.items.splice(idx, 1);
            draft.total = Math.max(0, draft.total - 1);
          }
        } else if (matches) {
          draft.items.push(incident);
          draft.total += 1;
        }
      }),
    );
  }
  store.dispatch(
    api.util.updateQueryData('incidentGet', { id: incident.id }, (draft) => {
      if (draft.incident.version <= incident.version) draft.incident = incident;
      if (entry && !draft.timeline.some((e) => e.id === entry.id)) draft.timeline.push(entry);
    }),
  );
}

export function addTimelineEntry(store: AppStore, entry: TimelineEntry): void {
  store.dispatch(
    api.util.updateQueryData('incidentGet', { id: entry.incidentId }, (draft) => {
      if (!draft.timeline.some((e) => e.id === entry.id)) draft.timeline.push(entry);
    }),
  );
}

/** Feed host events and the link state into the store. Returns a function that unsubscribes everything. */
export function wireHostEvents(host: HostClient, store: AppStore): () => void {
  let sawClosed = false;
  const offs = [
    host.subscribe('incident.changed', (p: EventPayload<'incident.changed'>) =>
      upsertIncident(store, p.incident, p.entry),
    ),
    host.subscribe('incidents.reset', () => {
      store.dispatch(api.util.invalidateTags(['Incident']));
    }),
    // Another window imported a grid (or chose the demo): outlines and cell names come from grid.list.
    host.subscribe('grid.changed', () => {
      store.dispatch(api.util.invalidateTags(['Grid']));
    }),
    host.subscribe('backup.completed', (b: EventPayload<'backup.completed'>) => {
      store.dispatch(api.util.invalidateTags(['Backup']));
      if (b.reason !== 'manual') {
        store.dispatch(
          pushToast({
            kind: b.verified ? 'success' : 'error',
            key: 'topbar.backupDone',
            params: { file: b.file },
            detailKey: b.verified ? 'topbar.backupVerified' : 'topbar.backupNotVerified',
          }),
        );
      }
    }),
    host.subscribe('backup.failed', (p: EventPayload<'backup.failed'>) => {
      store.dispatch(
        pushToast({ kind: 'error', key: 'topbar.backupFailed', params: { message: p.message } }),
      );
    }),
    host.subscribe('sync.status', (s: EventPayload<'sync.status'>) => {
      void store.dispatch(api.util.upsertQueryData('systemSyncStatus', undefined, s));
    }),
    host.onConnection((s) => {
      store.dispatch(connectionChanged(s));
      if (s === 'closed') sawClosed = true;
      if (s === 'open') {
        // Back after a drop (or after a failed first attempt, when queued calls may have timed out): events
        // were missed and some queries may have failed, so refetch everything that is cached.
        if (sawClosed) {
          store.dispatch(reconnected());
          store.dispatch(api.util.invalidateTags([...TAG_TYPES]));
        }
        sawClosed = false;
      }
    }),
    wireRadioEvents(host, store),
    wireDispatchEvents(host, store),
    wireMapEvents(host, store),
    wireQueueEvents(host, store),
    wireExtrasEvents(host, store),
    wireUsersEvents(host, store),
  ];
  return () => {
    for (const off of offs) off();
  };
}
