/**
 * The queue's host query and the KPI summary, injected into the one RTK Query api. Pages are cached per
 * (filters, offset); host events mark them stale (queueEvents.ts) and the pages on screen refetch.
 */
import type { MethodParams, MethodResult } from '../../../contract/methods';
import { api } from '../../app/api';

export const QUEUE_TAGS = ['QueuePage', 'Kpi'] as const;

export const queueApi = api.enhanceEndpoints({ addTagTypes: QUEUE_TAGS }).injectEndpoints({
  endpoints: (build) => ({
    incidentQuery: build.query<MethodResult<'incident.query'>, MethodParams<'incident.query'>>({
      query: (params) => ({ method: 'incident.query', params }),
      // 'Incident' too: system.setup and incidents.reset invalidate every incident view.
      providesTags: ['QueuePage', { type: 'Incident' as const, id: 'LIST' }],
      keepUnusedDataFor: 30,
    }),
    kpiSummary: build.query<MethodResult<'kpi.summary'>, MethodParams<'kpi.summary'>>({
      query: (params) => ({ method: 'kpi.summary', params }),
      providesTags: ['Kpi'],
    }),
  }),
});

export const { useIncidentQueryQuery, useKpiSummaryQuery } = queueApi;
