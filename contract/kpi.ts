import { z } from 'zod';
import { EpochMsSchema } from './domain/incident';
import type { MethodSpec } from './methods';

/** The stages timed from an incident's creation to its first entry into that status. */
export const KPI_STAGES = ['accept', 'dispatch', 'on_scene', 'resolve'] as const;
export type KpiStage = (typeof KPI_STAGES)[number];

export const KpiQuerySchema = z
  .object({
    from: EpochMsSchema,
    to: EpochMsSchema,
    includeDrill: z.boolean().default(false),
    includeDemo: z.boolean().default(false),
  })
  .refine((q) => q.from < q.to, { message: '"from" must be before "to"', path: ['from'] })
  .refine((q) => q.to - q.from <= 366 * 24 * 3600 * 1000, {
    message: 'the range is at most one year',
    path: ['to'],
  });
export type KpiQuery = z.input<typeof KpiQuerySchema>;

/** Mean and 90th percentile (nearest rank) of one stage's durations, in ms; null when nothing reached it. */
export const StageStatSchema = z.object({
  n: z.number().int().nonnegative(),
  meanMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
});
export type StageStat = z.infer<typeof StageStatSchema>;

export const KpiGroupRowSchema = z.object({
  key: z.string(),
  incidents: z.number().int().nonnegative(),
  stages: z.object({
    accept: StageStatSchema,
    dispatch: StageStatSchema,
    on_scene: StageStatSchema,
    resolve: StageStatSchema,
  }),
});
export type KpiGroupRow = z.infer<typeof KpiGroupRowSchema>;

export const KpiGridLoadSchema = z.object({
  grid: z.string(),
  open: z.number().int().nonnegative(),
  overdue: z.number().int().nonnegative(),
  incidents: z.number().int().nonnegative(),
  workers: z.number().int().nonnegative(),
  /** incidents / workers; null when the grid has no grid worker. */
  perWorker: z.number().nullable(),
});
export type KpiGridLoad = z.infer<typeof KpiGridLoadSchema>;

export const KpiResultSchema = z.object({
  from: EpochMsSchema,
  to: EpochMsSchema,
  total: z.number().int().nonnegative(),
  droneFound: z.number().int().nonnegative(),
  /** droneFound / total, 0 when there are no incidents. Seed target ≥ 0.25. */
  droneShare: z.number(),
  overall: KpiGroupRowSchema,
  byCategory: z.array(KpiGroupRowSchema),
  /** Grouped by the grid-level (网格) cell an incident lies in; "" = outside every grid. */
  byGrid: z.array(KpiGroupRowSchema),
  gridLoad: z.array(KpiGridLoadSchema),
});
export type KpiResult = z.infer<typeof KpiResultSchema>;

export const kpiMethods = {
  /** The KPI dashboard's figures for incidents created in [from, to). Drill and demo excluded unless asked. */
  'kpi.summary': { params: KpiQuerySchema, result: KpiResultSchema },
} as const satisfies Record<string, MethodSpec>;
