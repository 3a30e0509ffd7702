import { z } from 'zod';
import { LonLatSchema } from './geo';
import { EpochMsSchema, IdSchema } from './incident';

export const UNIT_KINDS = ['grid_worker', 'patrol_team', 'vehicle', 'drone', 'radio'] as const;
export const UNIT_STATUSES = ['available', 'dispatched', 'busy', 'off_duty'] as const;

export const UnitSchema = z.object({
  id: IdSchema,
  kind: z.enum(UNIT_KINDS),
  name: z.string(),
  callsign: z.string(),
  sipUri: z.string(),
  status: z.enum(UNIT_STATUSES),
  homeGrid: z.string().nullable(),
  position: LonLatSchema.nullable(),
  positionAt: EpochMsSchema.nullable(),
  positionSource: z.string().nullable(),
  isDemo: z.boolean(),
});
export type Unit = z.infer<typeof UnitSchema>;
