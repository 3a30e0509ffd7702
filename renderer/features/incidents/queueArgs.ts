import { OPEN_STATUSES } from '../../../contract/domain/incident';
import type { IncidentQuery } from '../../../contract/queue';
import type { QueueFilterState } from './queueSlice';

/** Rows per page the queue fetches; three pages around the viewport are kept. */
export const QUEUE_PAGE = 100;

/** The host query for one page of the queue as the filters stand. */
export function queueArgs(
  f: Pick<QueueFilterState, 'category' | 'priorities' | 'source' | 'gridCode' | 'overdue' | 'drill'>,
  openOnly: boolean,
  search: string,
  page: number,
): IncidentQuery {
  const q: IncidentQuery = { limit: QUEUE_PAGE, offset: page * QUEUE_PAGE };
  if (openOnly) q.statuses = [...OPEN_STATUSES];
  if (f.category) q.categories = [f.category];
  if (f.priorities.length) q.priorities = [...f.priorities];
  if (f.source) q.sources = [f.source];
  if (f.gridCode) q.gridCode = f.gridCode;
  if (f.overdue) q.overdue = true;
  if (f.drill !== 'include') q.drill = f.drill;
  const s = search.trim();
  if (s) q.search = s;
  return q;
}
