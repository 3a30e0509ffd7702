import type { MethodParams, MethodResult } from '../../../contract/methods';
import { api } from '../../app/api';

type R<M extends Parameters<typeof req>[0]> = MethodResult<M>;
const req = <M extends 'sync.review' | 'sync.conflict.review'>(method: M, params: MethodParams<M>) => ({
  method,
  params,
});

/**
 * The supervisor's sync review: open status conflicts and parked changes. There is no event for a new conflict
 * (it is found while applying a pull), so the list polls while something shows it; a review invalidates it.
 */
export const syncApi = api.enhanceEndpoints({ addTagTypes: ['SyncReview'] }).injectEndpoints({
  endpoints: (build) => ({
    syncReview: build.query<R<'sync.review'>, void>({
      query: () => req('sync.review', undefined),
      // A conflict is flagged while a pulled change is applied, which also announces `incident.changed`; that
      // event invalidates 'Incident', so the review refreshes at once rather than at the next poll.
      providesTags: ['SyncReview', 'Incident'],
    }),
    syncConflictReview: build.mutation<R<'sync.conflict.review'>, MethodParams<'sync.conflict.review'>>({
      query: (p) => req('sync.conflict.review', p),
      invalidatesTags: ['SyncReview'],
    }),
  }),
});

export const { useSyncReviewQuery, useSyncConflictReviewMutation } = syncApi;
