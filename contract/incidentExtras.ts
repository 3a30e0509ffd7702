import { z } from 'zod';
import { LonLatSchema } from './domain/geo';
import {
  CategoryCodeSchema,
  CategorySchema,
  EpochMsSchema,
  IdSchema,
  IncidentSchema,
  PrioritySchema,
  TimelineEntrySchema,
} from './domain/incident';
import { SLA_STAGES } from './sla';
import type { MethodSpec } from './methods';

/**
 * The incident's life beyond its status: SLA deadlines and escalations, duplicate suggestion and merging,
 * image evidence and typed links, and the category list. Host side: host/incidentExtras/.
 */
export const SlaStageSchema = z.enum(SLA_STAGES);

export const SlaRuleSchema = z.object({
  category: z.union([z.literal('*'), CategoryCodeSchema]),
  priority: PrioritySchema,
  stage: SlaStageSchema,
  /** 10 seconds to 30 days. */
  limitMs: z
    .number()
    .int()
    .min(10_000, 'a limit is at least 10 seconds')
    .max(30 * 86_400_000, 'a limit is at most 30 days'),
});

/** An incident past at least one SLA deadline, as the sweep last saw it. */
export const OverdueSchema = z.object({
  incidentId: IdSchema,
  stages: z.array(SlaStageSchema),
  /** The earliest missed deadline. */
  since: EpochMsSchema,
});
export type Overdue = z.infer<typeof OverdueSchema>;

export const DuplicateSettingsSchema = z.object({
  /** Open incidents of the same category closer than this are suggested. */
  radiusM: z.number().int().min(10).max(20_000),
  /** … and created within this long before now. */
  windowMs: z
    .number()
    .int()
    .min(60_000)
    .max(7 * 86_400_000),
});
export type DuplicateSettings = z.infer<typeof DuplicateSettingsSchema>;

export const DuplicateSchema = z.object({ incident: IncidentSchema, distanceM: z.number().nonnegative() });
export type Duplicate = z.infer<typeof DuplicateSchema>;

/** Image evidence: what the console accepts. The bytes' own signature decides, not the file name. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const AttachmentTypeSchema = z.enum(ATTACHMENT_TYPES);
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** A chunk's decoded size: well under a frame's 1 MiB once base64 grows it by a third. */
export const ATTACHMENT_CHUNK_BYTES = 512 * 1024;

export const AttachmentSchema = z.object({
  id: IdSchema,
  incidentId: IdSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mimeType: AttachmentTypeSchema,
  bytes: z.number().int().positive(),
  fileName: z.string(),
  at: EpochMsSchema,
  actor: z.string(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/**
 * Typed links on the evidence timeline (`link` entries, `data.type`). Radio recordings attach themselves
 * (radio.recording.attach); calls and video snapshots are linked by reference until their bridges arrive;
 * `incident` links join a merged incident and its survivor.
 */
export const LINK_TYPES = ['call', 'radio_recording', 'video_snapshot', 'incident'] as const;
export type LinkType = (typeof LINK_TYPES)[number];
/** The kinds an operator may add by hand. */
export const MANUAL_LINK_TYPES = ['call', 'video_snapshot'] as const;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

export const CategorySaveSchema = z.object({
  code: CategoryCodeSchema,
  nameZh: text(40).min(1, 'give the Chinese name'),
  nameEn: text(60).min(1, 'give the English name'),
});

export const incidentExtrasMethods = {
  'sla.rules': { params: z.object({}).strict().optional(), result: z.array(SlaRuleSchema) },
  'sla.setRule': { params: SlaRuleSchema, result: z.array(SlaRuleSchema) },
  'sla.overdue': { params: z.object({}).strict().optional(), result: z.array(OverdueSchema) },

  'duplicates.settings': { params: z.object({}).strict().optional(), result: DuplicateSettingsSchema },
  'duplicates.setSettings': { params: DuplicateSettingsSchema, result: DuplicateSettingsSchema },
  'duplicates.suggest': {
    params: z.object({ category: CategoryCodeSchema, location: LonLatSchema }),
    result: z.array(DuplicateSchema),
  },
  'incident.merge': {
    params: z.object({ id: IdSchema, intoId: IdSchema, note: text(2000).optional() }),
    result: z.object({ merged: IncidentSchema, survivor: IncidentSchema }),
  },
  /** The timelines of incidents merged into this one (and into those), for the survivor's evidence view. */
  'incident.mergedTimelines': {
    params: z.object({ id: IdSchema }),
    result: z.array(z.object({ incident: IncidentSchema, timeline: z.array(TimelineEntrySchema) })),
  },
  'incident.link': {
    params: z.object({
      id: IdSchema,
      type: z.enum(MANUAL_LINK_TYPES),
      ref: text(200).min(1, 'give the call number, snapshot id or address'),
      label: text(200).default(''),
    }),
    result: TimelineEntrySchema,
  },

  'attachment.begin': {
    params: z.object({
      incidentId: IdSchema,
      fileName: text(200).min(1),
      bytes: z.number().int().positive(),
    }),
    result: z.object({ uploadId: IdSchema, chunkBytes: z.number().int().positive() }),
  },
  'attachment.chunk': {
    params: z.object({
      uploadId: IdSchema,
      offset: z.number().int().nonnegative(),
      data: z.string().max(Math.ceil((ATTACHMENT_CHUNK_BYTES * 4) / 3) + 4),
    }),
    result: z.object({ bytes: z.number().int().nonnegative() }),
  },
  'attachment.finish': { params: z.object({ uploadId: IdSchema }), result: TimelineEntrySchema },
  'attachment.abort': { params: z.object({ uploadId: IdSchema }), result: z.object({}) },
  'attachment.list': { params: z.object({ incidentId: IdSchema }), result: z.array(AttachmentSchema) },
  /** The image itself, as base64 (at most ATTACHMENT_MAX_BYTES). */
  'attachment.read': {
    params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    result: z.object({ mimeType: AttachmentTypeSchema, data: z.string() }),
  },

  'category.save': { params: CategorySaveSchema, result: z.array(CategorySchema) },
  'category.setActive': {
    params: z.object({ code: CategoryCodeSchema, active: z.boolean() }),
    result: z.array(CategorySchema),
  },
} as const satisfies Record<string, MethodSpec>;

export const incidentExtrasEvents = {
  /** The overdue set changed (an incident passed a deadline, or met or left it). */
  'sla.overdue': z.object({ items: z.array(OverdueSchema) }),
  /** A stage was escalated to the supervisor (once per stage and working cycle). */
  'sla.escalated': z.object({ incident: IncidentSchema, stage: SlaStageSchema, entry: TimelineEntrySchema }),
  'categories.changed': z.object({ categories: z.array(CategorySchema) }),
} as const satisfies Record<string, z.ZodType>;
