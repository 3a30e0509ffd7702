import { z } from 'zod';
import { IncidentStatusSchema } from './domain/incident';
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

/** One side of a status conflict: the state one console set, when and by whom (from the timeline when known). */
export const ConflictSideSchema = z.object({
  status: IncidentStatusSchema,
  consoleId: z.string(),
  at: z.number().int().nullable(),
  actor: z.string().nullable(),
});

/** A status conflict as a supervisor reviews it: both states, the consoles, and where the incident landed. */
export const SyncConflictViewSchema = z.object({
  id: z.number().int(),
  incidentId: z.string(),
  /** The incident's address/description for recognition; null when the incident is not on this console. */
  incidentLabel: z.string().nullable(),
  /** The state this console had, and the one that arrived and won (the later write). */
  here: ConflictSideSchema,
  arrived: ConflictSideSchema,
  /** The incident's status now (later changes may have moved it on since). */
  landedOn: IncidentStatusSchema.nullable(),
  detectedAt: z.number().int(),
});
export type SyncConflictView = z.infer<typeof SyncConflictViewSchema>;

/** What the supervisor screen shows: open conflicts and remote changes parked for a newer console version. */
export const SyncReviewSchema = z.object({
  conflicts: z.array(SyncConflictViewSchema),
  parked: z.object({
    count: z.number().int().nonnegative(),
    /** The highest schema version the parked changes need; null when none are parked. */
    needsVersion: z.number().int().nullable(),
    thisVersion: z.number().int(),
  }),
});
export type SyncReview = z.infer<typeof SyncReviewSchema>;

/** A signed-in operator's session at the central server, as this console sees it. */
export const OperatorServerStatusSchema = z.object({
  username: z.string(),
  state: z.enum(['pending', 'signed_in', 'refused', 'expired']),
  detail: z.string().nullable(),
  expiresAt: z.number().int().nullable(),
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
  /** Operators signed in on this console and their state at the server (empty without a server). */
  operators: z.array(OperatorServerStatusSchema),
});
export type SyncDetails = z.infer<typeof SyncDetailsSchema>;

/** The sync feature's methods (host/sync/). */
export const syncMethods = {
  'sync.details': { params: none, result: SyncDetailsSchema },
  /** Push and pull now instead of waiting for the next attempt; resolves with the status afterwards. */
  'sync.now': { params: none, result: SyncStatusSchema },
  /** The supervisor screen: open status conflicts and parked changes. */
  'sync.review': { params: none, result: SyncReviewSchema },
  /** A supervisor has looked at a conflict: recorded in the audit log and the incident's timeline. */
  'sync.conflict.review': {
    params: z
      .object({ id: z.number().int().positive(), note: z.string().trim().max(500).optional() })
      .strict(),
    result: SyncConflictViewSchema,
  },
} as const satisfies Record<string, MethodSpec>;
