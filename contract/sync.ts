import { z } from 'zod';
import { HLC_PATTERN } from './hlc';

/**
 * The sync wire format shared by the console host (outbox, sync client) and the central server.
 * A change is identified by (consoleId, seq): pushing it twice adds nothing.
 */
export const SYNC_SCHEMA_VERSION = 1;

export const SYNC_ENTITIES = ['incident', 'timeline', 'audit', 'unit', 'grid', 'category'] as const;
export const SyncEntitySchema = z.enum(SYNC_ENTITIES);
export type SyncEntity = z.infer<typeof SyncEntitySchema>;

export const SYNC_OPS = ['insert', 'update', 'delete', 'append'] as const;
export const SyncOpSchema = z.enum(SYNC_OPS);

export const ChangeSchema = z.object({
  consoleId: z.uuid(),
  seq: z.number().int().positive(),
  entity: SyncEntitySchema,
  entityId: z.string().min(1).max(128),
  op: SyncOpSchema,
  fields: z.record(z.string(), z.unknown()),
  hlc: z.string().regex(HLC_PATTERN, 'expected a hybrid logical clock value').max(200),
  schemaVersion: z.number().int().positive(),
});
export type Change = z.infer<typeof ChangeSchema>;

export const MAX_PUSH_BATCH = 1000;

export const PushRequestSchema = z.object({
  epoch: z.string().nullable(),
  changes: z.array(ChangeSchema).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof PushRequestSchema>;

export const PushResponseSchema = z.object({
  epoch: z.string(),
  /** Highest seq of this console the server holds, after applying the batch. */
  highestSeq: z.number().int().nonnegative(),
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

export const PullRequestSchema = z.object({
  cursor: z.number().int().nonnegative(),
  limit: z.number().int().min(1).max(MAX_PUSH_BATCH).default(500),
});
export const ServerChangeSchema = ChangeSchema.extend({ serverSeq: z.number().int().positive() });
export type ServerChange = z.infer<typeof ServerChangeSchema>;
export const PullResponseSchema = z.object({
  epoch: z.string(),
  changes: z.array(ServerChangeSchema),
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

/** Sync status the top bar shows. `local` = no server configured (the embedded default). */
export const SyncStatusSchema = z.object({
  state: z.enum(['local', 'online', 'offline', 'syncing']),
  pending: z.number().int().nonnegative(),
  lastSuccessAt: z.number().int().nullable(),
  lastError: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;
