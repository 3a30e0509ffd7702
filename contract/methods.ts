import { z } from 'zod';
import {
  CategorySchema,
  IdSchema,
  IncidentAddNoteSchema,
  IncidentCreateSchema,
  IncidentListQuerySchema,
  IncidentSchema,
  IncidentSetStatusSchema,
  TimelineEntrySchema,
} from './domain/incident';
import { UnitSchema } from './domain/unit';
import { GridCellSchema } from './domain/grid';
import { BackupInfoSchema, HelloSchema, SetupChoiceSchema } from './system';
import { SyncStatusSchema } from './sync';
import { syncMethods } from './syncMethods';
import { gridMethods } from './gridMethods';
import { radioMethods } from './radio';
import { basemapMethods } from './basemap';
import { dispatchMethods } from './dispatch';
import { mapFeedMethods } from './mapFeed';
import { queueMethods } from './queue';
import { kpiMethods } from './kpi';
import { usersMethods } from './users';
import { incidentExtrasMethods } from './incidentExtras';

/** A method: the schema its params must satisfy and the schema of its result. */
export interface MethodSpec {
  params: z.ZodType;
  result: z.ZodType;
}

const none = z.undefined().or(z.object({}).strict()).optional();

/** The foundation's methods: system, backups, reference data, incidents. */
const coreMethods = {
  'system.hello': { params: none, result: HelloSchema },
  'system.setup': { params: SetupChoiceSchema, result: HelloSchema },
  'system.syncStatus': { params: none, result: SyncStatusSchema },
  'backup.now': { params: none, result: BackupInfoSchema },
  'backup.list': { params: none, result: z.array(BackupInfoSchema) },

  'category.list': { params: none, result: z.array(CategorySchema) },

  'incident.create': { params: IncidentCreateSchema, result: IncidentSchema },
  'incident.list': {
    params: IncidentListQuerySchema,
    result: z.object({ items: z.array(IncidentSchema), total: z.number().int() }),
  },
  'incident.get': {
    params: z.object({ id: IdSchema }),
    result: z.object({ incident: IncidentSchema, timeline: z.array(TimelineEntrySchema) }),
  },
  'incident.setStatus': { params: IncidentSetStatusSchema, result: IncidentSchema },
  'incident.addNote': { params: IncidentAddNoteSchema, result: TimelineEntrySchema },

  'unit.list': { params: none, result: z.array(UnitSchema) },
  'grid.list': { params: none, result: z.array(GridCellSchema) },
} as const satisfies Record<string, MethodSpec>;

/**
 * The one API between UI and host. Names are `feature.verb`. Each feature declares its own map in its own
 * contract file and is joined here. Adding a method forces a handler in the host (the router refuses to start
 * with a missing or extra handler) and gives the renderer a typed call.
 */
export const methods = {
  ...coreMethods,
  ...syncMethods,
  ...gridMethods,
  ...radioMethods,
  ...basemapMethods,
  ...dispatchMethods,
  ...mapFeedMethods,
  ...queueMethods,
  ...kpiMethods,
  ...usersMethods,
  ...incidentExtrasMethods,
} as const satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodParams<M extends MethodName> = z.input<Methods[M]['params']>;
export type MethodParamsParsed<M extends MethodName> = z.output<Methods[M]['params']>;
export type MethodResult<M extends MethodName> = z.output<Methods[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
