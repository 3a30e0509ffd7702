import { z } from 'zod';
import { LonLatSchema } from './domain/geo';
import { GRID_LEVELS, GridCellSchema } from './domain/grid';
import type { MethodSpec } from './methods';

/** A GeoJSON FeatureCollection of grid cells as exchanged with GIS tools (RFC 7946, WGS-84). */
export const GridFeatureCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      properties: z.object({
        level: z.string(),
        code: z.string(),
        name: z.string(),
        parentCode: z.string().nullable(),
        responsibleUnits: z.array(z.string()),
      }),
      geometry: z.object({
        type: z.literal('Polygon'),
        coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))),
      }),
    }),
  ),
});
export type GridFeatureCollection = z.infer<typeof GridFeatureCollectionSchema>;

/** Why a grid file (or one of its features) was refused; the renderer translates `grid.problem.<reason>`. */
export const GRID_PROBLEM_REASONS = [
  'not_collection',
  'crs_not_wgs84',
  'no_features',
  'not_feature',
  'bad_code',
  'no_name',
  'bad_level',
  'bad_parent_type',
  'bad_units',
  'duplicate_code',
  'not_polygon',
  'no_rings',
  'ring_too_short',
  'ring_bad_position',
  'ring_projected',
  'ring_open',
  'self_intersection',
  'street_has_parent',
  'parent_missing',
  'parent_unknown',
  'parent_refused',
  'parent_wrong_level',
  'not_inside_parent',
] as const;
export type GridProblemReason = (typeof GRID_PROBLEM_REASONS)[number];

/** One refused feature (or the whole file when `feature` is null), with the reason as data and in English. */
export const GridProblemSchema = z.object({
  /** `features.3 (GR01)`, `crs` or `(file)`: the same path the HostError's issues carry. */
  path: z.string(),
  feature: z.number().int().nullable(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  reason: z.enum(GRID_PROBLEM_REASONS),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export type GridProblem = z.infer<typeof GridProblemSchema>;

/** How many cells of each level a file holds (or the console has). */
export const GridLevelCountsSchema = z.object(
  Object.fromEntries(GRID_LEVELS.map((l) => [l, z.number().int().min(0)])) as Record<
    (typeof GRID_LEVELS)[number],
    z.ZodNumber
  >,
);
export type GridLevelCounts = z.infer<typeof GridLevelCountsSchema>;

export const gridMethods = {
  /**
   * Imports (creates or updates by code) a four-level grid from GeoJSON. All or nothing: any bad feature
   * refuses the whole file, naming each feature and what is wrong with it.
   */
  'grid.import': {
    params: z.object({ geojson: z.unknown(), dryRun: z.boolean().default(false) }),
    result: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      total: z.number().int(),
      dryRun: z.boolean(),
    }),
  },
  /**
   * Checks a file as `grid.import` would, without storing anything, and answers with every problem as data (so
   * the screen can list each refused feature in the operator's language) or what an import would do.
   * Named under `grid.import` so it needs the same role.
   */
  'grid.import.check': {
    params: z.object({ geojson: z.unknown() }),
    result: z.discriminatedUnion('ok', [
      z.object({
        ok: z.literal(true),
        total: z.number().int(),
        created: z.number().int(),
        updated: z.number().int(),
        byLevel: GridLevelCountsSchema,
      }),
      z.object({ ok: z.literal(false), problems: z.array(GridProblemSchema) }),
    ]),
  },
  'grid.export': {
    params: z.undefined().or(z.object({}).strict()).optional(),
    result: GridFeatureCollectionSchema,
  },
  /** Every cell containing a point, street first; `outside` when it lies in no grid at all. */
  'grid.locate': {
    params: LonLatSchema,
    result: z.object({ cells: z.array(GridCellSchema), outside: z.boolean() }),
  },
} as const satisfies Record<string, MethodSpec>;

/** The stored grid changed (an import here or a first-run setup): every window reloads its outlines and names. */
export const gridEvents = {
  'grid.changed': z.object({ cells: z.number().int().nonnegative() }),
} as const;
