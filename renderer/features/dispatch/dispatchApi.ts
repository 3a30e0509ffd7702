/**
 * Units and dispatch endpoints, injected into the one RTK Query api (names follow the host methods). Host
 * events keep these caches current (dispatchEvents.ts); nothing here polls.
 */
import type { MethodName, MethodParams, MethodResult } from '../../../contract/methods';
import { api, type HostQueryArgs } from '../../app/api';

function req<M extends MethodName>(method: M, params: MethodParams<M>): HostQueryArgs {
  return { method, params };
}
type R<M extends MethodName> = MethodResult<M>;
type P<M extends MethodName> = MethodParams<M>;

export const DISPATCH_TAGS = ['Dispatch', 'Suggestion'] as const;

export const dispatchApi = api.enhanceEndpoints({ addTagTypes: DISPATCH_TAGS }).injectEndpoints({
  endpoints: (build) => ({
    dispatchSuggest: build.query<R<'dispatch.suggest'>, { incidentId: string }>({
      query: (p) => req('dispatch.suggest', p),
      // Unit status changes (events) make suggestions old: they are refetched then, not on a timer.
      providesTags: ['Suggestion'],
    }),
    dispatchList: build.query<R<'dispatch.list'>, { incidentId: string }>({
      query: (p) => req('dispatch.list', p),
      providesTags: (_r, _e, { incidentId }) => [{ type: 'Dispatch' as const, id: incidentId }],
    }),
    dispatchSend: build.mutation<R<'dispatch.send'>, P<'dispatch.send'>>({
      query: (p) => req('dispatch.send', p),
    }),
    dispatchAcknowledge: build.mutation<R<'dispatch.acknowledge'>, P<'dispatch.acknowledge'>>({
      query: (p) => req('dispatch.acknowledge', p),
    }),
    dispatchRecall: build.mutation<R<'dispatch.recall'>, P<'dispatch.recall'>>({
      query: (p) => req('dispatch.recall', p),
    }),
    dispatchReassign: build.mutation<R<'dispatch.reassign'>, P<'dispatch.reassign'>>({
      query: (p) => req('dispatch.reassign', p),
    }),
    unitCreate: build.mutation<R<'unit.create'>, P<'unit.create'>>({
      query: (p) => req('unit.create', p),
    }),
    unitUpdate: build.mutation<R<'unit.update'>, P<'unit.update'>>({
      query: (p) => req('unit.update', p),
    }),
    unitSetStatus: build.mutation<R<'unit.setStatus'>, P<'unit.setStatus'>>({
      query: (p) => req('unit.setStatus', p),
    }),
  }),
});

export const {
  useDispatchSuggestQuery,
  useDispatchListQuery,
  useDispatchSendMutation,
  useDispatchAcknowledgeMutation,
  useDispatchRecallMutation,
  useDispatchReassignMutation,
  useUnitCreateMutation,
  useUnitUpdateMutation,
  useUnitSetStatusMutation,
} = dispatchApi;
