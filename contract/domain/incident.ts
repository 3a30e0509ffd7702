import { z } from 'zod';
import { LonLatSchema } from './geo';

export const INCIDENT_STATUSES = [
  'reported',
  'accepted',
  'dispatched',
  'en_route',
  'on_scene',
  'resolved',
  'closed',
  'cancelled',
  'reopened',
] as const;
export const IncidentStatusSchema = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatusSchema>;

/**
 * The one lifecycle. The host refuses any move not listed here; the UI reads the same table to offer only
 * legal next steps. Reopening returns a closed, resolved or cancelled incident to work.
 */
export const STATUS_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  reported: ['accepted', 'cancelled'],
  accepted: ['dispatched', 'cancelled'],
  dispatched: ['en_route', 'on_scene', 'accepted', 'cancelled'],
  en_route: ['on_scene', 'dispatched', 'cancelled'],
  on_scene: ['resolved', 'dispatched'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  cancelled: ['reopened'],
  reopened: ['accepted', 'dispatched', 'cancelled'],
};

export function allowedNextStatuses(from: IncidentStatus): readonly IncidentStatus[] {
  return STATUS_TRANSITIONS[from];
}
export function isLegalTransition(from: IncidentStatus, to: IncidentStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}
/** Open = still needs the duty room's attention. */
export const OPEN_STATUSES: readonly IncidentStatus[] = [
  'reported',
  'accepted',
  'dispatched',
  'en_route',
  'on_scene',
  'reopened',
];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export const PrioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof PrioritySchema>;

export const INCIDENT_SOURCES = [
  'drone_patrol',
  'grid_worker',
  'resident_call',
  'radio',
  'video',
  'sensor',
  'hotline',
  'other',
] as const;
export const IncidentSourceSchema = z.enum(INCIDENT_SOURCES);
export type IncidentSource = z.infer<typeof IncidentSourceSchema>;

/** Categories are a configurable list (table `categories`); these are the seeded codes. */
export const SEED_CATEGORIES = [
  'fire_safety',
  'illegal_parking',
  'shop_operation',
  'mobile_vendor',
  'lake_water',
  'garbage_sorting',
  'epidemic_control',
  'public_security',
  'emergency',
  'other',
] as const;
export const CategoryCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'a category code is 2–40 lower-case letters, digits or underscores');

export const CategorySchema = z.object({
  code: CategoryCodeSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  active: z.boolean(),
});
export type Category = z.infer<typeof CategorySchema>;

export const IdSchema = z.uuid({ message: 'expected an id in UUID form' });
/** Milliseconds since the Unix epoch, UTC. */
export const EpochMsSchema = z.number().int().nonnegative();

export const IncidentSchema = z.object({
  id: IdSchema,
  category: CategoryCodeSchema,
  priority: PrioritySchema,
  status: IncidentStatusSchema,
  source: IncidentSourceSchema,
  location: LonLatSchema,
  address: z.string(),
  description: z.string(),
  reporter: z.string(),
  gridCode: z.string().nullable(),
  isDrill: z.boolean(),
  isDemo: z.boolean(),
  createdAt: EpochMsSchema,
  updatedAt: EpochMsSchema,
  createdBy: z.string(),
  version: z.number().int().positive(),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const TIMELINE_KINDS = [
  'created',
  'status',
  'note',
  'field',
  'dispatch',
  'ack',
  'attachment',
  'link',
] as const;
export const TimelineKindSchema = z.enum(TIMELINE_KINDS);
export type TimelineKind = z.infer<typeof TimelineKindSchema>;

export const TimelineEntrySchema = z.object({
  id: IdSchema,
  incidentId: IdSchema,
  at: EpochMsSchema,
  kind: TimelineKindSchema,
  actor: z.string(),
  consoleId: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

export const IncidentCreateSchema = z.object({
  category: CategoryCodeSchema,
  priority: PrioritySchema,
  source: IncidentSourceSchema,
  location: LonLatSchema,
  address: text(200).default(''),
  description: text(4000).min(1, 'describe what happened'),
  reporter: text(100).default(''),
  isDrill: z.boolean().default(false),
});
export type IncidentCreate = z.input<typeof IncidentCreateSchema>;

export const IncidentListQuerySchema = z
  .object({
    statuses: z.array(IncidentStatusSchema).max(INCIDENT_STATUSES.length).optional(),
    limit: z.number().int().min(1).max(500).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .default({ limit: 200, offset: 0 });

export const IncidentSetStatusSchema = z.object({
  id: IdSchema,
  status: IncidentStatusSchema,
  note: text(2000).optional(),
  /** Optimistic concurrency: when given, the change is refused if someone else changed the incident first. */
  expectedVersion: z.number().int().positive().optional(),
});

export const IncidentAddNoteSchema = z.object({ id: IdSchema, text: text(4000).min(1, 'the note is empty') });
