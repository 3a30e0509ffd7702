import { useMemo } from 'react';
import type { MethodName, MethodParams, MethodResult } from '../../../contract/methods';
import { api, type HostQueryArgs, type ThunkExtra } from '../../app/api';
import type { HostClient } from '../../app/hostClient';
import { useAppDispatch } from '../../app/store';

function req<M extends MethodName>(method: M, params: MethodParams<M>): HostQueryArgs {
  return { method, params };
}
type R<M extends MethodName> = MethodResult<M>;
type P<M extends MethodName> = MethodParams<M>;

/** Basemap and geofence endpoints; `basemap.changed` / `geofence.changed` events refresh them (useBasemapEvents). */
export const basemapApi = api.enhanceEndpoints({ addTagTypes: ['Basemap', 'Geofence'] }).injectEndpoints({
  endpoints: (build) => ({
    basemapList: build.query<R<'basemap.list'>, void>({
      query: () => req('basemap.list', undefined),
      providesTags: ['Basemap'],
    }),
    basemapSetActive: build.mutation<R<'basemap.setActive'>, P<'basemap.setActive'>>({
      query: (p) => req('basemap.setActive', p),
      invalidatesTags: ['Basemap'],
    }),
    basemapAddXyz: build.mutation<R<'basemap.addXyz'>, P<'basemap.addXyz'>>({
      query: (p) => req('basemap.addXyz', p),
      invalidatesTags: ['Basemap'],
    }),
    basemapDelete: build.mutation<R<'basemap.delete'>, P<'basemap.delete'>>({
      query: (p) => req('basemap.delete', p),
      invalidatesTags: ['Basemap'],
    }),
    basemapTest: build.mutation<R<'basemap.test'>, P<'basemap.test'>>({
      query: (p) => req('basemap.test', p),
    }),
    geofenceList: build.query<R<'geofence.list'>, void>({
      query: () => req('geofence.list', undefined),
      providesTags: ['Geofence'],
    }),
    geofenceCreate: build.mutation<R<'geofence.create'>, P<'geofence.create'>>({
      query: (p) => req('geofence.create', p),
      invalidatesTags: ['Geofence'],
    }),
    geofenceDelete: build.mutation<R<'geofence.delete'>, P<'geofence.delete'>>({
      query: (p) => req('geofence.delete', p),
      invalidatesTags: ['Geofence'],
    }),
  }),
});

export const {
  useBasemapListQuery,
  useBasemapSetActiveMutation,
  useBasemapAddXyzMutation,
  useBasemapDeleteMutation,
  useBasemapTestMutation,
  useGeofenceListQuery,
  useGeofenceCreateMutation,
  useGeofenceDeleteMutation,
} = basemapApi;

/** The host client the store's thunks use (tile protocol and chunked uploads need it directly). */
export function useHostClient(): HostClient {
  const dispatch = useAppDispatch() as unknown as (
    thunk: (d: unknown, g: unknown, extra: ThunkExtra) => HostClient,
  ) => HostClient;
  return useMemo(() => dispatch((_d, _g, extra) => extra.host), [dispatch]);
}
