import { z } from 'zod';
import {
  CategoryCodeSchema,
  IncidentSchema,
  IncidentSourceSchema,
  IncidentStatusSchema,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  PrioritySchema,
  PRIORITIES,
} from './domain/incident';
import type { MethodSpec } from './methods';

/** Largest page the queue asks for: a window of rows around the viewport, not the whole list. */
export const QUEUE_PAGE_MAX = 200;

/** Drill incidents: shown with the rest (default), left out, or alone (an exercise review). */
export const DrillFilterSchema = z.enum(['include', 'exclude', 'only']);
export type DrillFilter = z.infer<typeof DrillFilterSchema>;

/**
 * The queue's question. Every filter is optional; filters combine with AND, values within one filter with OR.
 * `gridCode` may be a cell at any level: a street or community means every cell under it. `search` is
 * full-text over description, address and notes (each whitespace-separated term must occur).
 */
export const IncidentQuerySchema = z.object({
  statuses: z.array(IncidentStatusSchema).max(INCIDENT_STATUSES.length).optional(),
  categories: z.array(CategoryCodeSchema).max(50).optional(),
  priorities: z.array(PrioritySchema).max(PRIORITIES.length).optional(),
  sources: z.array(IncidentSourceSchema).max(INCIDENT_SOURCES.length).optional(),
  gridCode: z.string().min(1).max(64).optional(),
  overdue: z.boolean().optional(),
  drill: DrillFilterSchema.default('include'),
  search: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(QUEUE_PAGE_MAX).default(100),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});
export type IncidentQuery = z.input<typeof IncidentQuerySchema>;
export type IncidentQueryParsed = z.output<typeof IncidentQuerySchema>;

export const IncidentQueryResultSchema = z.object({
  items: z.array(IncidentSchema),
  /** Rows matching the filters (all pages). */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
});
export type IncidentQueryResult = z.infer<typeof IncidentQueryResultSchema>;

export const queueMethods = {
  /** One page of the queue (filters, search, priority-then-age order) and the total count. */
  'incident.query': { params: IncidentQuerySchema, result: IncidentQueryResultSchema },
} as const satisfies Record<string, MethodSpec>;
