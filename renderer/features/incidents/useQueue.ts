import { useMemo } from 'react';
import { LIST_ALL, LIST_OPEN, useIncidentListQuery } from '../../app/api';
import { useAppSelector } from '../../app/store';
import { matchesSearch, sortQueue } from './queue';

/** The queue as shown: current filter, search applied, sorted. Shared by the list and the keyboard handler. */
export function useQueue() {
  const filter = useAppSelector((s) => s.incidents.filter);
  const search = useAppSelector((s) => s.incidents.search);
  const q = useIncidentListQuery(filter === 'open' ? LIST_OPEN : LIST_ALL);
  const items = useMemo(() => {
    const all = q.data?.items ?? [];
    return sortQueue(all.filter((i) => matchesSearch(i, search)));
  }, [q.data, search]);
  return { items, total: q.data?.total ?? 0, isLoading: q.isLoading, error: q.error };
}
