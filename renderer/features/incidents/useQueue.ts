import { useEffect, useMemo, useState } from 'react';
import type { Incident } from '../../../contract/domain/incident';
import { useAppSelector } from '../../app/store';
import { useIncidentQueryQuery } from './queueApi';
import { QUEUE_PAGE, queueArgs } from './queueArgs';

/** Typing pauses this long before the search goes to the host (one FTS query per pause, not per key). */
const SEARCH_DEBOUNCE_MS = 200;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * The queue as shown, windowed over the host: `incident.query` pages (filters, full-text search and the
 * priority-then-age order all run in SQLite), three pages around the viewport. `items` are the loaded rows
 * from `offset` on (for the keyboard), `total` sizes the scroll area, `itemAt` reads any index (undefined =
 * not loaded yet). Shared by the list and the keyboard handler.
 */
export function useQueue() {
  const filter = useAppSelector((s) => s.incidents.filter);
  const search = useDebounced(
    useAppSelector((s) => s.incidents.search),
    SEARCH_DEBOUNCE_MS,
  );
  const f = useAppSelector((s) => s.queue);
  const first = Math.max(0, f.page - 1);
  const args = (p: number) => queueArgs(f, filter === 'open', search, p);
  const a = useIncidentQueryQuery(args(first));
  const b = useIncidentQueryQuery(args(first + 1), {
    skip: !a.data || a.data.total <= (first + 1) * QUEUE_PAGE,
  });
  const c = useIncidentQueryQuery(args(first + 2), {
    skip: !a.data || a.data.total <= (first + 2) * QUEUE_PAGE,
  });
  const total = a.data?.total ?? 0;

  const items = useMemo(() => {
    const out: Incident[] = [];
    for (const page of [a.data, b.data, c.data]) {
      // Only contiguous pages: a page still loading ends the run, so `offset + i` stays the row's index.
      if (!page || page.offset !== first * QUEUE_PAGE + out.length) break;
      out.push(...page.items);
    }
    return out;
  }, [a.data, b.data, c.data, first]);
  const offset = first * QUEUE_PAGE;
  const itemAt = (index: number): Incident | undefined =>
    index >= offset && index < offset + items.length ? items[index - offset] : undefined;

  return { items, offset, itemAt, total, isLoading: a.isLoading, error: a.error ?? b.error ?? c.error };
}
