import { z } from 'zod';
import { IdSchema, type TimelineEntry } from './domain/incident';

/**
 * The data of `dispatch` / `ack` timeline entries. These entries are what other consoles receive, so they
 * carry everything needed to rebuild the `dispatches` projection there.
 */
const base = { dispatchId: IdSchema, unitId: IdSchema, unitName: z.string() };
export const DispatchEntrySchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('dispatch'),
    ...base,
    distanceM: z.number().nullable(),
    ackDeadline: z.number().int(),
    note: z.string().optional(),
  }),
  z.object({
    action: z.literal('reassign'),
    ...base,
    distanceM: z.number().nullable(),
    ackDeadline: z.number().int(),
    replaces: IdSchema,
    fromUnitId: IdSchema,
    fromUnitName: z.string(),
    note: z.string().optional(),
  }),
  z.object({ action: z.literal('recall'), ...base, note: z.string().optional() }),
  z.object({ action: z.literal('release'), ...base, closeOut: z.string().optional(), to: z.string() }),
  z.object({ action: z.literal('escalate'), ...base, waitedMs: z.number().int() }),
]);
export type DispatchEntry = z.infer<typeof DispatchEntrySchema>;

export const AckEntrySchema = z.object({ ...base, source: z.string() });
export type AckEntry = z.infer<typeof AckEntrySchema>;

export function parseDispatchEntry(e: TimelineEntry): DispatchEntry | null {
  if (e.kind !== 'dispatch') return null;
  const r = DispatchEntrySchema.safeParse(e.data);
  return r.success ? r.data : null;
}

export function parseAckEntry(e: TimelineEntry): AckEntry | null {
  if (e.kind !== 'ack') return null;
  const r = AckEntrySchema.safeParse(e.data);
  return r.success ? r.data : null;
}
