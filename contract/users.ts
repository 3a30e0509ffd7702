import { z } from 'zod';
import { EpochMsSchema, IdSchema, IncidentSchema } from './domain/incident';

/**
 * Users, sessions, shift handover and the audit-log viewer. A console with no user runs in "open mode" (the
 * operator is the OS user or `--operator`, as before accounts existed); once a user exists every method but the
 * sign-in ones needs a signed-in session on the calling window.
 */

export const ROLES = ['operator', 'coordinator', 'technician', 'supervisor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

const trimmed = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

/** Login names: short, no spaces, so they can be typed on a shared keyboard and shown in the audit log. */
export const UsernameSchema = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(40, 'at most 40 characters')
  .regex(/^[\p{L}\p{N}._-]+$/u, 'letters, digits, dot, dash or underscore only');

/** A new password: long enough to resist guessing at a shared workstation. */
export const NewPasswordSchema = z
  .string()
  .min(8, 'at least 8 characters')
  .max(256, 'at most 256 characters');
/** A password being checked: any non-empty string (the policy applies when it is set). */
export const PasswordSchema = z.string().min(1, 'enter the password').max(256, 'at most 256 characters');

export const UserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  displayName: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: EpochMsSchema,
  updatedAt: EpochMsSchema,
});
export type User = z.infer<typeof UserSchema>;

export const SessionUserSchema = UserSchema.pick({ id: true, username: true, displayName: true, role: true });
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const AuthStatusSchema = z.object({
  /** `open`: no user exists yet; `signed`: accounts exist and calls need a session. */
  mode: z.enum(['open', 'signed']),
  user: SessionUserSchema.nullable(),
  /** Who acts in open mode (the OS user or `--operator`). */
  openOperator: z.string(),
});
export type AuthStatus = z.infer<typeof AuthStatusSchema>;

export const UserCreateSchema = z.object({
  username: UsernameSchema,
  displayName: trimmed(80).min(1, 'enter a display name'),
  role: RoleSchema,
  password: NewPasswordSchema,
});

export const UserUpdateSchema = z.object({
  id: IdSchema,
  displayName: trimmed(80).min(1, 'enter a display name').optional(),
  role: RoleSchema.optional(),
  disabled: z.boolean().optional(),
});

export const HandoverIncidentSchema = IncidentSchema.pick({
  id: true,
  category: true,
  priority: true,
  status: true,
  address: true,
  description: true,
  createdAt: true,
  updatedAt: true,
}).extend({ overdue: z.boolean() });
export type HandoverIncident = z.infer<typeof HandoverIncidentSchema>;

export const HandoverSummarySchema = z.object({
  at: EpochMsSchema,
  open: z.array(HandoverIncidentSchema),
  openCount: z.number().int().nonnegative(),
  overdueCount: z.number().int().nonnegative(),
  /** False until an SLA source is registered (host/users/handover.ts); the UI then says "not tracked". */
  overdueTracked: z.boolean(),
});
export type HandoverSummary = z.infer<typeof HandoverSummarySchema>;

export const HandoverSchema = z.object({
  id: IdSchema,
  at: EpochMsSchema,
  outgoing: SessionUserSchema,
  incoming: SessionUserSchema,
  note: z.string(),
  summary: HandoverSummarySchema,
  /** SHA-256 of the signed content, printed so a paper copy can be matched with the stored record. */
  digest: z.string(),
});
export type Handover = z.infer<typeof HandoverSchema>;

export const HandoverSignSchema = z.object({
  /** The outgoing operator (the signed-in user) confirms with their own password. */
  outgoingPassword: PasswordSchema,
  incomingUsername: UsernameSchema,
  incomingPassword: PasswordSchema,
  note: trimmed(2000).default(''),
  /** The summary time the outgoing operator reviewed; the stored summary is recomputed at signing. */
  reviewedAt: EpochMsSchema.optional(),
});

export const AuditRecordSchema = z.object({
  seq: z.number().int(),
  at: EpochMsSchema,
  actor: z.string(),
  consoleId: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  data: z.string(),
});
export type AuditRecordView = z.infer<typeof AuditRecordSchema>;

export const AuditQuerySchema = z
  .object({
    actor: trimmed(80).optional(),
    action: trimmed(80).optional(),
    entity: trimmed(40).optional(),
    from: EpochMsSchema.optional(),
    to: EpochMsSchema.optional(),
    text: trimmed(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .default({ limit: 50, offset: 0 });
export type AuditQuery = z.output<typeof AuditQuerySchema>;

const none = z.undefined().or(z.object({}).strict()).optional();
const page = z
  .object({
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(1_000_000).default(0),
  })
  .default({ limit: 50, offset: 0 });

export const usersMethods = {
  'auth.status': { params: none, result: AuthStatusSchema },
  'auth.signIn': {
    params: z.object({ username: UsernameSchema, password: PasswordSchema }),
    result: AuthStatusSchema,
  },
  'auth.signOut': { params: none, result: AuthStatusSchema },

  'user.list': { params: none, result: z.array(UserSchema) },
  'user.create': { params: UserCreateSchema, result: UserSchema },
  'user.update': { params: UserUpdateSchema, result: UserSchema },
  'user.resetPassword': {
    params: z.object({ id: IdSchema, password: NewPasswordSchema }),
    result: UserSchema,
  },

  'handover.preview': { params: none, result: HandoverSummarySchema },
  'handover.sign': { params: HandoverSignSchema, result: HandoverSchema },
  'handover.list': {
    params: page,
    result: z.object({ items: z.array(HandoverSchema), total: z.number().int() }),
  },
  'handover.get': { params: z.object({ id: IdSchema }), result: HandoverSchema },

  'audit.list': {
    params: AuditQuerySchema,
    result: z.object({ items: z.array(AuditRecordSchema), total: z.number().int() }),
  },
} as const;

export const usersEvents = {
  /** Users were added or changed; admin screens refetch. Carries no secrets. */
  'user.changed': z.object({ id: IdSchema }),
  'handover.signed': z.object({ id: IdSchema }),
} as const;
