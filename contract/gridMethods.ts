import { z } from 'zod';
import { LonLatSchema } from './domain/geo';
import { GridCellSchema } from './domain/grid';
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
