import { z } from 'zod';
import { SyncStatusSchema } from './sync';
import type { MethodSpec } from './methods';

const none = z.undefined().or(z.object({}).strict()).optional();

/** A merge a supervisor should look at (e.g. closed on one console while another dispatched it). */
export const SyncConflictSchema = z.object({
  id: z.number().int(),
  entity: z.string(),
  entityId: z.string(),
  kind: z.string(),
  detail: z.record(z.string(), z.unknown()),
  detectedAt: z.number().int(),
});

/** Everything about this console's sync beyond the top bar's status. */
export const SyncDetailsSchema = z.object({
  status: SyncStatusSchema,
  serverUrl: z.string().nullable(),
  epoch: z.string().nullable(),
  cursor: z.number().int().nonnegative(),
  /** Own changes the server refused (kept, not sent again until a person looks). */
  parked: z.number().int().nonnegative(),
  /** Remote changes kept but not applied: newer schema, waiting for their incident, unsupported entity. */
  inbox: z.object({
    held: z.number().int().nonnegative(),
    waiting: z.number().int().nonnegative(),
    unsupported: z.number().int().nonnegative(),
  }),
  conflicts: z.array(SyncConflictSchema),
});
export type SyncDetails = z.infer<typeof SyncDetailsSchema>;

/** The sync feature's methods (host/sync/). */
export const syncMethods = {
  'sync.details': { params: none, result: SyncDetailsSchema },
  /** Push and pull now instead of waiting for the next attempt; resolves with the status afterwards. */
  'sync.now': { params: none, result: SyncStatusSchema },
} as const satisfies Record<string, MethodSpec>;
