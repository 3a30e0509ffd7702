import { z } from 'zod';
import { IncidentSchema, TimelineEntrySchema } from './domain/incident';
import { BackupInfoSchema } from './system';
import { SyncStatusSchema } from './sync';
import { radioEvents } from './radio';
import { basemapEvents } from './basemap';
import { dispatchEvents } from './dispatch';
import { mapFeedEvents } from './mapFeed';
import { usersEvents } from './users';
import { incidentExtrasEvents } from './incidentExtras';
import { gridEvents } from './gridMethods';

/** The foundation's events. */
const coreEvents = {
  'incident.changed': z.object({ incident: IncidentSchema, entry: TimelineEntrySchema.nullable() }),
  'incidents.reset': z.object({ reason: z.string() }),
  'backup.completed': BackupInfoSchema,
  'backup.failed': z.object({ message: z.string() }),
  'sync.status': SyncStatusSchema,
} as const satisfies Record<string, z.ZodType>;

/**
 * Everything the host tells clients without being asked. The renderer's cache is kept current by these.
 * Each feature declares its own map in its own contract file and is joined here.
 */
export const events = {
  ...coreEvents,
  ...radioEvents,
  ...basemapEvents,
  ...dispatchEvents,
  ...mapFeedEvents,
  ...usersEvents,
  ...incidentExtrasEvents,
  ...gridEvents,
} as const satisfies Record<string, z.ZodType>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
