/** The grid screen's host calls, injected into the one RTK Query api (grid.list lives there already). */
import type { MethodName, MethodParams, MethodResult } from '../../../contract/methods';
import { api, type HostQueryArgs } from '../../app/api';

function req<M extends MethodName>(method: M, params: MethodParams<M>): HostQueryArgs {
  return { method, params };
}

export const gridApi = api.injectEndpoints({
  endpoints: (build) => ({
    gridImportCheck: build.mutation<MethodResult<'grid.import.check'>, MethodParams<'grid.import.check'>>({
      query: (p) => req('grid.import.check', p),
    }),
    gridImport: build.mutation<MethodResult<'grid.import'>, MethodParams<'grid.import'>>({
      query: (p) => req('grid.import', p),
      // Incidents' grid names and the map's outlines come from grid.list.
      invalidatesTags: ['Grid'],
    }),
    gridExport: build.mutation<MethodResult<'grid.export'>, void>({
      query: () => req('grid.export', undefined),
    }),
  }),
});

export const { useGridImportCheckMutation, useGridImportMutation, useGridExportMutation } = gridApi;
