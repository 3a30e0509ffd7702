/**
 * Endpoints for SLA, duplicates and merging, evidence and categories, injected into the one RTK Query api.
 * Host events keep the overdue set and the category list current (extrasEvents.ts); nothing here polls.
 */
import type { MethodName, MethodParams, MethodResult } from '../../../contract/methods';
import { api, type HostQueryArgs } from '../../app/api';

function req<M extends MethodName>(method: M, params: MethodParams<M>): HostQueryArgs {
  return { method, params };
}
type R<M extends MethodName> = MethodResult<M>;
type P<M extends MethodName> = MethodParams<M>;

export const EXTRAS_TAGS = [
  'SlaRules',
  'Overdue',
  'MergedTimelines',
  'Attachments',
  'DuplicateSettings',
] as const;

export const extrasApi = api.enhanceEndpoints({ addTagTypes: EXTRAS_TAGS }).injectEndpoints({
  endpoints: (build) => ({
    slaRules: build.query<R<'sla.rules'>, void>({
      query: () => req('sla.rules', undefined),
      providesTags: ['SlaRules'],
    }),
    slaSetRule: build.mutation<R<'sla.setRule'>, P<'sla.setRule'>>({
      query: (p) => req('sla.setRule', p),
      invalidatesTags: ['SlaRules'],
    }),
    slaOverdue: build.query<R<'sla.overdue'>, void>({
      query: () => req('sla.overdue', undefined),
      providesTags: ['Overdue'],
    }),
    duplicatesSettings: build.query<R<'duplicates.settings'>, void>({
      query: () => req('duplicates.settings', undefined),
      providesTags: ['DuplicateSettings'],
    }),
    duplicatesSetSettings: build.mutation<R<'duplicates.setSettings'>, P<'duplicates.setSettings'>>({
      query: (p) => req('duplicates.setSettings', p),
      invalidatesTags: ['DuplicateSettings'],
    }),
    duplicatesSuggest: build.query<R<'duplicates.suggest'>, P<'duplicates.suggest'>>({
      query: (p) => req('duplicates.suggest', p),
      // Suggestions are a moment's answer; a new incident or a merge changes them.
      keepUnusedDataFor: 5,
    }),
    incidentMerge: build.mutation<R<'incident.merge'>, P<'incident.merge'>>({
      query: (p) => req('incident.merge', p),
      invalidatesTags: (_r, _e, p) => [{ type: 'MergedTimelines', id: p.intoId }],
    }),
    incidentMergedTimelines: build.query<R<'incident.mergedTimelines'>, { id: string }>({
      query: (p) => req('incident.mergedTimelines', p),
      providesTags: (_r, _e, p) => [{ type: 'MergedTimelines', id: p.id }],
    }),
    incidentLink: build.mutation<R<'incident.link'>, P<'incident.link'>>({
      query: (p) => req('incident.link', p),
    }),
    attachmentRead: build.query<R<'attachment.read'>, { sha256: string }>({
      query: (p) => req('attachment.read', p),
    }),
    categorySave: build.mutation<R<'category.save'>, P<'category.save'>>({
      query: (p) => req('category.save', p),
    }),
    categorySetActive: build.mutation<R<'category.setActive'>, P<'category.setActive'>>({
      query: (p) => req('category.setActive', p),
    }),
  }),
});

export const {
  useSlaRulesQuery,
  useSlaOverdueQuery,
  useDuplicatesSuggestQuery,
  useDuplicatesSettingsQuery,
  useDuplicatesSetSettingsMutation,
  useSlaSetRuleMutation,
  useIncidentMergeMutation,
  useIncidentMergedTimelinesQuery,
  useIncidentLinkMutation,
  useAttachmentReadQuery,
  useCategorySaveMutation,
  useCategorySetActiveMutation,
} = extrasApi;
