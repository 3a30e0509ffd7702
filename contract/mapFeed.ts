import { z } from 'zod';
import { EpochMsSchema, IdSchema, IncidentStatusSchema, PRIORITIES } from './domain/incident';
import { UNIT_KINDS, UNIT_STATUSES } from './domain/unit';
import type { MethodSpec } from './methods';

/**
 * The map's data path. The dispatch map shows every open incident and every unit with a position — tens of
 * thousands — so it does not ride `incident.list` (capped for the queue) or full `Unit` objects: rows are
 * compact tuples, read in id-ordered pages that each stay well under MAX_FRAME_BYTES, and kept current by
 * events afterwards.
 */

/** [id, lon, lat, priority, status, isDrill, version, createdAt] — createdAt is there for the SLA (overdue). */
export const MapIncidentRowSchema = z.tuple([
  IdSchema,
  z.number(),
  z.number(),
  z.enum(PRIORITIES),
  IncidentStatusSchema,
  z.boolean(),
  z.number().int(),
  EpochMsSchema,
]);
export type MapIncidentRow = z.infer<typeof MapIncidentRowSchema>;

/** [id, lon, lat, kind, status, positionAt] — only units that have a position. */
export const MapUnitRowSchema = z.tuple([
  IdSchema,
  z.number(),
  z.number(),
  z.enum(UNIT_KINDS),
  z.enum(UNIT_STATUSES),
  EpochMsSchema.nullable(),
]);
export type MapUnitRow = z.infer<typeof MapUnitRowSchema>;

/**
 * Largest page. A worst-case incident row is about 140 bytes of JSON, so 5,000 rows are ~700 KB: under the
 * 1 MiB frame limit with room for the envelope (bounded by a test in host/mapFeed).
 */
export const MAP_PAGE_MAX = 5000;

export const mapFeedMethods = {
  /**
   * One page of the map's layer, ordered by id: pass the previous page's `next` as `after` until it is null.
   * `incidents` holds open incidents only; `units` only units with a position.
   */
  'map.snapshot': {
    params: z.object({
      layer: z.enum(['incidents', 'units']),
      after: IdSchema.nullable().default(null),
      limit: z.number().int().min(1).max(MAP_PAGE_MAX).default(MAP_PAGE_MAX),
    }),
    result: z.object({
      incidents: z.array(MapIncidentRowSchema),
      units: z.array(MapUnitRowSchema),
      next: IdSchema.nullable(),
    }),
  },
} as const satisfies Record<string, MethodSpec>;

/** [unitId, lon, lat] */
export const UnitMoveSchema = z.tuple([IdSchema, z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export type UnitMove = z.infer<typeof UnitMoveSchema>;

/** Moves per `units.moved` event: 2,000 × ~70 bytes keeps each frame far under the limit. */
export const UNITS_MOVED_CHUNK = 2000;

export const mapFeedEvents = {
  /**
   * Many units moved in one committed batch (a fleet feed): one event instead of thousands of `unit.moved`,
   * which would cost the console a message, a parse and a cache update each.
   */
  'units.moved': z.object({ at: EpochMsSchema, source: z.string(), moves: z.array(UnitMoveSchema) }),
} as const satisfies Record<string, z.ZodType>;
