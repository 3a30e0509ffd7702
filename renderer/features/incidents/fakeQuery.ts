import { methods, type MethodParams, type MethodResult } from '../../../contract/methods';
import type { Incident } from '../../../contract/domain/incident';
import { matchesSearch, sortQueue } from './queue';

/**
 * `incident.query` for the in-memory test host: the same filters and order as the real one, without grid
 * subtrees (a cell matches itself or a code prefix) or SLA (nothing is overdue). Tests only.
 */
export function fakeIncidentQuery(
  all: readonly Incident[],
  params: MethodParams<'incident.query'>,
): MethodResult<'incident.query'> {
  const q = methods['incident.query'].params.parse(params);
  const items = sortQueue(
    all.filter(
      (i) =>
        (!q.statuses?.length || q.statuses.includes(i.status)) &&
        (!q.categories?.length || q.categories.includes(i.category)) &&
        (!q.priorities?.length || q.priorities.includes(i.priority)) &&
        (!q.sources?.length || q.sources.includes(i.source)) &&
        (!q.gridCode || (i.gridCode ?? '').startsWith(q.gridCode)) &&
        !q.overdue &&
        (q.drill === 'include' || (q.drill === 'only') === i.isDrill) &&
        matchesSearch(i, q.search ?? ''),
    ),
  );
  return { items: items.slice(q.offset, q.offset + q.limit), total: items.length, offset: q.offset };
}
