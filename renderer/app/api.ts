import { createApi, type BaseQueryFn } from '@reduxjs/toolkit/query/react';
import type { MethodName, MethodParams, MethodResult } from '../../contract/methods';
import type { HostError } from '../../contract/errors';
import type { IncidentStatus } from '../../contract/domain/incident';
import { OPEN_STATUSES } from '../../contract/domain/incident';
import { toHostError, type HostClient } from './hostClient';

/** Passed to every thunk (and to the base query as `api.extra`). */
export interface ThunkExtra {
  host: HostClient;
}

export interface HostQueryArgs {
  method: MethodName;
  params: unknown;
}

/** RTK Query base query: every endpoint is one host method. Errors are always HostErrors. */
export const hostBaseQuery: BaseQueryFn<HostQueryArgs, unknown, HostError> = async (
  { method, params },
  api,
) => {
  const { host } = api.extra as ThunkExtra;
  try {
    return { data: await host.call(method, params as MethodParams<typeof method>) };
  } catch (e) {
    return { error: toHostError(e) };
  }
};

function req<M extends MethodName>(method: M, params: MethodParams<M>): HostQueryArgs {
  return { method, params };
}

export const TAG_TYPES = ['Incident', 'Category', 'Unit', 'Grid', 'Backup', 'System', 'Sync'] as const;

export interface IncidentListArgs {
  statuses?: IncidentStatus[];
  limit: number;
}
/** The two list queries the UI uses; shared objects so the top bar and the queue share one cache entry. */
export const LIST_OPEN: IncidentListArgs = { statuses: [...OPEN_STATUSES], limit: 500 };
export const LIST_ALL: IncidentListArgs = { limit: 500 };

export const api = createApi({
  reducerPath: 'api',
  baseQuery: hostBaseQuery,
  tagTypes: TAG_TYPES,
  // The UI is updated by host events; no polling. Refetch when the link comes back (see hostEvents.ts).
  refetchOnReconnect: false,
  refetchOnFocus: false,
  endpoints: (build) => ({
    systemHello: build.query<MethodResult<'system.hello'>, void>({
      query: () => req('system.hello', undefined),
      providesTags: ['System'],
    }),
    systemSetup: build.mutation<MethodResult<'system.setup'>, MethodParams<'system.setup'>>({
      query: (params) => req('system.setup', params),
      invalidatesTags: [...TAG_TYPES],
    }),
    systemSyncStatus: build.query<MethodResult<'system.syncStatus'>, void>({
      query: () => req('system.syncStatus', undefined),
      providesTags: ['Sync'],
    }),
    backupNow: build.mutation<MethodResult<'backup.now'>, void>({
      query: () => req('backup.now', undefined),
      invalidatesTags: ['Backup'],
    }),
    backupList: build.query<MethodResult<'backup.list'>, void>({
      query: () => req('backup.list', undefined),
      providesTags: ['Backup'],
    }),
    categoryList: build.query<MethodResult<'category.list'>, void>({
      query: () => req('category.list', undefined),
      providesTags: ['Category'],
    }),
    unitList: build.query<MethodResult<'unit.list'>, void>({
      query: () => req('unit.list', undefined),
      providesTags: ['Unit'],
    }),
    gridList: build.query<MethodResult<'grid.list'>, void>({
      query: () => req('grid.list', undefined),
      providesTags: ['Grid'],
    }),
    incidentList: build.query<MethodResult<'incident.list'>, IncidentListArgs>({
      query: (args) => req('incident.list', args),
      providesTags: (res) => [
        { type: 'Incident' as const, id: 'LIST' },
        ...(res?.items ?? []).map((i) => ({ type: 'Incident' as const, id: i.id })),
      ],
    }),
    incidentGet: build.query<MethodResult<'incident.get'>, { id: string }>({
      query: ({ id }) => req('incident.get', { id }),
      providesTags: (_r, _e, { id }) => [{ type: 'Incident' as const, id }],
    }),
    incidentCreate: build.mutation<MethodResult<'incident.create'>, MethodParams<'incident.create'>>({
      query: (params) => req('incident.create', params),
    }),
    incidentSetStatus: build.mutation<MethodResult<'incident.setStatus'>, MethodParams<'incident.setStatus'>>(
      {
        query: (params) => req('incident.setStatus', params),
      },
    ),
    incidentAddNote: build.mutation<MethodResult<'incident.addNote'>, MethodParams<'incident.addNote'>>({
      query: (params) => req('incident.addNote', params),
    }),
  }),
});

export const {
  useSystemHelloQuery,
  useSystemSetupMutation,
  useSystemSyncStatusQuery,
  useBackupNowMutation,
  useBackupListQuery,
  useCategoryListQuery,
  useUnitListQuery,
  useGridListQuery,
  useIncidentListQuery,
  useIncidentGetQuery,
  useIncidentCreateMutation,
  useIncidentSetStatusMutation,
  useIncidentAddNoteMutation,
} = api;
