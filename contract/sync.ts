import { z } from 'zod';
import { HLC_PATTERN } from './hlc';
import { IncidentCreateSchema } from './domain/incident';
import { RoleSchema } from './users';

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

// ---------------------------------------------------------------------------------------------------------------
// Added for the central server (server/). Everything above is unchanged; these are additive.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Entities whose rows are written once and never changed: the server refuses `update`/`delete` for them and
 * consoles merge them as a union keyed by entityId (first write wins).
 */
export const APPEND_ONLY_ENTITIES: readonly SyncEntity[] = ['timeline', 'audit'];

/**
 * Pull with an optional `epoch`: when given and different from the server's, the server answers 409 with an
 * {@link EpochChangedBody} instead of a page, because a cursor from another epoch means nothing.
 */
export const PullRequestWithEpochSchema = PullRequestSchema.extend({
  epoch: z.string().nullable().optional(),
});
export type PullRequestWithEpoch = z.infer<typeof PullRequestWithEpochSchema>;

/** Error body of every non-2xx server answer (`error` is a HostError value, see errors.ts). */
export const ServerErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    key: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ServerErrorBody = z.infer<typeof ServerErrorBodySchema>;

/**
 * 409 answer to a push or pull that names an epoch the server no longer has (the server database was restored
 * or replaced). The console must: adopt `epoch`, reset its pull cursor to 0, and re-push its own changes with
 * seq > `highestSeq` (the highest seq of this console the server now holds).
 */
export const EpochChangedBodySchema = ServerErrorBodySchema.extend({
  reason: z.literal('epoch_changed'),
  epoch: z.string(),
  highestSeq: z.number().int().nonnegative(),
});
export type EpochChangedBody = z.infer<typeof EpochChangedBodySchema>;

/** Messages on the `/v1/ws` WebSocket, server → console. A hint only: the console then pulls. */
export const SyncNotificationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), epoch: z.string(), serverSeq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('changes'), serverSeq: z.number().int().positive() }),
]);
export type SyncNotification = z.infer<typeof SyncNotificationSchema>;

export const DEVICE_ROLES = ['console', 'intake'] as const;
export const DeviceRoleSchema = z.enum(DEVICE_ROLES);
export type DeviceRole = z.infer<typeof DeviceRoleSchema>;

/**
 * An incident from another system (hotline, grid-worker app). `externalId` is that system's own id for the
 * report, so re-sending the same report adds nothing.
 */
export const IntakeRequestSchema = IncidentCreateSchema.extend({
  externalId: z.string().trim().min(1).max(128),
});
export type IntakeRequest = z.input<typeof IntakeRequestSchema>;
export const IntakeResponseSchema = z.object({
  incidentId: z.uuid(),
  serverSeq: z.number().int().positive(),
  duplicate: z.boolean(),
});
export type IntakeResponse = z.infer<typeof IntakeResponseSchema>;

export const HealthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  epoch: z.string().nullable(),
  serverSeq: z.number().int().nonnegative().nullable(),
  schemaVersion: z.number().int().positive(),
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;

/**
 * Operator sign-in at the server (`POST /v1/session`, device-authenticated): the person at a console, checked
 * against the server's own operator accounts. The returned token rides on pushes in OPERATOR_HEADER so the
 * server records who pushed which changes instead of taking a console-supplied name on trust.
 */
export const OPERATOR_HEADER = 'x-fengsui-operator';
// Not trimmed: an account name is taken exactly as written, so `add` stores what the admin typed.
export const OperatorUsernameSchema = z
  .string()
  // The console's own account names (contract/users.ts) allow any letters, e.g. 张伟; so must the server.
  .regex(/^[\p{L}\p{N}._-]{1,64}$/u, 'letters, digits, dot, dash or underscore, at most 64');
export const OperatorSignInRequestSchema = z
  .object({ username: OperatorUsernameSchema, password: z.string().min(1).max(1024) })
  .strict();
export type OperatorSignInRequest = z.infer<typeof OperatorSignInRequestSchema>;
export const ServerOperatorSchema = z.object({ id: z.uuid(), username: z.string(), role: RoleSchema });
export type ServerOperator = z.infer<typeof ServerOperatorSchema>;
export const OperatorSessionResponseSchema = z.object({
  /** 256 random bits, base64url; only its SHA-256 is stored on the server. */
  token: z.string(),
  operator: ServerOperatorSchema,
  /** Epoch ms; sign in again (or renew) before then. */
  expiresAt: z.number().int(),
});
export type OperatorSessionResponse = z.infer<typeof OperatorSessionResponseSchema>;
export const OperatorWhoAmISchema = z.object({ operator: ServerOperatorSchema, expiresAt: z.number().int() });
