import { api } from '../../app/api';
import type { HostClient } from '../../app/hostClient';
import type { AppStore } from '../../app/store';

/** How long a burst of incident changes is gathered before the pages on screen refetch once. */
export const QUEUE_REFRESH_MS = 150;

/**
 * Incident changes → the queue's pages and the KPIs are stale. A changed incident can move between pages (its
 * status or priority changed), so patching one cached page is not enough: the pages in view refetch (a page
 * is one indexed query on the host), coalesced so a burst costs one round.
 */
export function wireQueueEvents(host: HostClient, store: AppStore): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stale = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      store.dispatch(api.util.invalidateTags(['QueuePage', 'Kpi'] as never));
    }, QUEUE_REFRESH_MS);
  };
  const offs = [host.subscribe('incident.changed', stale), host.subscribe('incidents.reset', stale)];
  return () => {
    if (timer) clearTimeout(timer);
    offs.forEach((off) => off());
  };
}
