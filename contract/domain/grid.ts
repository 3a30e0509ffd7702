import { z } from 'zod';

/** street (街道) → community (社区) → grid (网格) → compound (小区) */
export const GRID_LEVELS = ['street', 'community', 'grid', 'compound'] as const;
export const GridLevelSchema = z.enum(GRID_LEVELS);
export type GridLevel = z.infer<typeof GridLevelSchema>;

const Position = z.tuple([z.number(), z.number()]);
export const PolygonGeometrySchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(Position).min(4)).min(1),
});

export const GridCellSchema = z.object({
  code: z.string().min(1).max(64),
  level: GridLevelSchema,
  name: z.string(),
  parentCode: z.string().nullable(),
  geometry: PolygonGeometrySchema,
  responsibleUnits: z.array(z.string()),
  isDemo: z.boolean(),
});
export type GridCell = z.infer<typeof GridCellSchema>;
