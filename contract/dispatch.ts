import { z } from 'zod';
import { LonLatSchema } from './domain/geo';
import { EpochMsSchema, IdSchema, IncidentSchema, TimelineEntrySchema } from './domain/incident';
import { UNIT_KINDS, UnitSchema, type Unit } from './domain/unit';
import type { MethodSpec } from './methods';

/**
 * Units and dispatch. A dispatch sends one unit to one incident; the unit must acknowledge it within the ack
 * limit or the dispatch is escalated to the supervisor. Dispatch state rides the synced entities: incident
 * status, timeline entries (`dispatch` / `ack`, carrying `dispatchId`) and unit status; each console keeps its
 * own `dispatches` table as a projection of those entries.
 */
export const DISPATCH_STATES = ['awaiting_ack', 'acknowledged', 'recalled', 'released'] as const;
export const DispatchStateSchema = z.enum(DISPATCH_STATES);
export type DispatchState = z.infer<typeof DispatchStateSchema>;
/** A dispatch still holding its unit. */
export const ACTIVE_DISPATCH_STATES: readonly DispatchState[] = ['awaiting_ack', 'acknowledged'];

/** What a `dispatch` timeline entry records (data.action). */
export const DISPATCH_ACTIONS = ['dispatch', 'reassign', 'recall', 'release', 'escalate'] as const;
export type DispatchAction = (typeof DISPATCH_ACTIONS)[number];

export const DispatchSchema = z.object({
  id: IdSchema,
  incidentId: IdSchema,
  unitId: IdSchema,
  unitName: z.string(),
  state: DispatchStateSchema,
  /** Straight-line distance from the unit to the incident when it was sent, metres; null without a position. */
  distanceM: z.number().nonnegative().nullable(),
  dispatchedAt: EpochMsSchema,
  ackDeadline: EpochMsSchema,
  ackedAt: EpochMsSchema.nullable(),
  /** Who acknowledged: `operator` (recorded by hand) or a bridge name (`radio`, `sip`, …). */
  ackSource: z.string().nullable(),
  escalatedAt: EpochMsSchema.nullable(),
  endedAt: EpochMsSchema.nullable(),
  actor: z.string(),
  consoleId: z.string(),
});
export type Dispatch = z.infer<typeof DispatchSchema>;

/**
 * How long a unit's last position stays trustworthy, per kind: a drone moves fast and reports often, a grid
 * worker on foot reports rarely. Older positions are shown as stale in lists and on the map.
 */
export const STALE_AFTER_MS: Readonly<Record<Unit['kind'], number>> = {
  grid_worker: 15 * 60_000,
  patrol_team: 10 * 60_000,
  vehicle: 5 * 60_000,
  drone: 2 * 60_000,
  radio: 15 * 60_000,
};
export function isPositionStale(u: Pick<Unit, 'kind' | 'positionAt'>, now: number): boolean {
  return u.positionAt === null || now - u.positionAt > STALE_AFTER_MS[u.kind];
}

export const SuggestionSchema = z.object({
  unit: UnitSchema,
  /** Straight-line (great-circle) distance in metres; not a road route. */
  distanceM: z.number().nonnegative(),
  stale: z.boolean(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const CallsignTextSchema = text(20).regex(/^[A-Za-z0-9-]*$/, 'a callsign is letters, digits and "-"');
const SipSchema = text(200).regex(/^(sips?:\S+)?$/, 'a SIP address starts with sip: (e.g. sip:1001@host)');

export const UnitEditSchema = z.object({
  kind: z.enum(UNIT_KINDS),
  name: text(80).min(1, 'give the unit a name'),
  homeGrid: text(40).nullable().default(null),
  callsign: CallsignTextSchema.default(''),
  sipUri: SipSchema.default(''),
  position: LonLatSchema.nullable().default(null),
});
export type UnitEdit = z.input<typeof UnitEditSchema>;

/** Status an operator may set by hand; `dispatched` comes only from a dispatch. */
export const MANUAL_UNIT_STATUSES = ['available', 'busy', 'off_duty'] as const;

const DispatchResultSchema = z.object({
  incident: IncidentSchema,
  dispatches: z.array(DispatchSchema),
});

export const dispatchMethods = {
  'unit.create': { params: UnitEditSchema, result: UnitSchema },
  'unit.update': { params: UnitEditSchema.partial().extend({ id: IdSchema }), result: UnitSchema },
  'unit.setStatus': {
    params: z.object({ id: IdSchema, status: z.enum(MANUAL_UNIT_STATUSES) }),
    result: UnitSchema,
  },
  /** Nearest available units with a position, by straight-line distance (fresh positions first). */
  'dispatch.suggest': {
    params: z.object({ incidentId: IdSchema, limit: z.number().int().min(1).max(50).default(8) }),
    result: z.object({ items: z.array(SuggestionSchema), ackLimitMs: z.number().int().positive() }),
  },
  /** Dispatches of one incident (all, oldest first), or every active dispatch when no incident is named. */
  'dispatch.list': {
    params: z.object({ incidentId: IdSchema.optional() }).default({}),
    result: z.array(DispatchSchema),
  },
  /** Sends units; a `reported` incident is accepted first. All or nothing. */
  'dispatch.send': {
    params: z.object({
      incidentId: IdSchema,
      unitIds: z.array(IdSchema).min(1, 'choose at least one unit').max(20),
      note: text(2000).optional(),
    }),
    result: DispatchResultSchema,
  },
  'dispatch.acknowledge': {
    params: z.object({
      dispatchId: IdSchema,
      source: z
        .string()
        .trim()
        .regex(/^[a-z][a-z0-9_]{1,31}$/, 'a source is a short lower-case name, e.g. operator or radio')
        .default('operator'),
    }),
    result: DispatchSchema,
  },
  'dispatch.recall': {
    params: z.object({ dispatchId: IdSchema, note: text(2000).optional() }),
    result: DispatchResultSchema,
  },
  'dispatch.reassign': {
    params: z.object({ dispatchId: IdSchema, toUnitId: IdSchema, note: text(2000).optional() }),
    result: DispatchResultSchema,
  },
} as const satisfies Record<string, MethodSpec>;

export const dispatchEvents = {
  /** A dispatch started, was acknowledged, escalated or ended (the unit's new state comes with it). */
  'dispatch.changed': z.object({ dispatch: DispatchSchema, unit: UnitSchema.nullable() }),
  /** No acknowledgement within the limit: an alert for the supervisor. */
  'dispatch.escalated': z.object({
    dispatch: DispatchSchema,
    incident: IncidentSchema,
    entry: TimelineEntrySchema,
  }),
  /** A unit was created or edited or its status changed. */
  'unit.changed': z.object({ unit: UnitSchema }),
} as const satisfies Record<string, z.ZodType>;
