import { FenceIndex, type Fence } from './fenceIndex';

export type { Fence } from './fenceIndex';

export interface FenceEvent {
  readonly kind: 'enter' | 'leave';
  readonly fenceId: string;
  readonly entityId: string;
  /** Time of the position update that caused the event (caller's clock, e.g. epoch ms). */
  readonly at: number;
  readonly lon: number;
  readonly lat: number;
  /**
   * True for the `enter` raised by an entity's very first position. The console may show these more quietly:
   * they say "was already inside when we started watching", not "just crossed the line".
   */
  readonly firstSighting: boolean;
}

interface EntityState {
  at: number;
  lon: number;
  lat: number;
  inside: Set<string>;
}

/**
 * Turns a stream of unit positions into enter/leave events per fence. Pure and synchronous: no clock, no I/O.
 *
 * Rules (each has a test):
 *  - First sighting: an entity first seen inside a fence gets an `enter` (flagged `firstSighting`). Staying silent
 *    would hide a unit that is already inside a hazard zone when the console starts; outside on first sight
 *    raises nothing.
 *  - Boundary: on the edge counts as inside (see FenceIndex), for outer rings and holes alike.
 *  - Holes: a point strictly inside a hole is outside the fence; moving into the hole is a `leave`.
 *  - Order: for one update, `leave` events come before `enter` events (moving from A to B reads "left A, entered
 *    B"), each group sorted by fence id so output is deterministic.
 *  - Stale or unusable updates: an update older than the entity's last one (GPS packets arrive out of order), or
 *    with a non-finite coordinate or time, is ignored and returns no events. Callers validate positions against
 *    LonLatSchema at the boundary; this only guards against flapping back to an old position.
 *  - For each (entity, fence) events strictly alternate enter, leave, enter, ... starting with enter.
 */
export class GeofenceTracker {
  private index: FenceIndex;
  private readonly entities = new Map<string, EntityState>();

  constructor(fences: readonly Fence[]) {
    this.index = new FenceIndex(fences);
  }

  update(entityId: string, lon: number, lat: number, at: number): FenceEvent[] {
    if (!Number.isFinite(lon) || !Number.isFinite(lat) || !Number.isFinite(at)) return [];
    const previous = this.entities.get(entityId);
    if (previous && at < previous.at) return [];
    const inside = this.index.fencesAt(lon, lat);
    this.entities.set(entityId, { at, lon, lat, inside });
    return diff(entityId, previous?.inside, inside, { at, lon, lat });
  }

  /**
   * Replaces the fence set (a dispatcher redrew a cordon) and re-tests every tracked entity at its last known
   * position, so a unit that the new outline now includes or excludes gets its enter/leave at time `at`.
   */
  replaceFences(fences: readonly Fence[], at: number): FenceEvent[] {
    const next = new FenceIndex(fences); // throws before any state changes if a fence is unusable
    this.index = next;
    const events: FenceEvent[] = [];
    for (const [entityId, state] of this.entities) {
      const inside = next.fencesAt(state.lon, state.lat);
      events.push(...diff(entityId, state.inside, inside, { at, lon: state.lon, lat: state.lat }));
      state.inside = inside;
    }
    return events;
  }

  /** Stops tracking an entity (went off duty). Raises `leave` for every fence it was in, so no fence stays "occupied". */
  forget(entityId: string, at: number): FenceEvent[] {
    const state = this.entities.get(entityId);
    if (!state) return [];
    this.entities.delete(entityId);
    return diff(entityId, state.inside, new Set(), { at, lon: state.lon, lat: state.lat });
  }

  /** Fences the entity is currently in, sorted; empty if unknown. */
  fencesOf(entityId: string): string[] {
    return [...(this.entities.get(entityId)?.inside ?? [])].sort();
  }
}

function diff(
  entityId: string,
  before: ReadonlySet<string> | undefined,
  after: ReadonlySet<string>,
  where: { at: number; lon: number; lat: number },
): FenceEvent[] {
  const firstSighting = before === undefined;
  const was = before ?? new Set<string>();
  const left = [...was].filter((id) => !after.has(id)).sort();
  const entered = [...after].filter((id) => !was.has(id)).sort();
  return [
    ...left.map((fenceId) => ({ kind: 'leave' as const, fenceId, entityId, ...where, firstSighting: false })),
    ...entered.map((fenceId) => ({ kind: 'enter' as const, fenceId, entityId, ...where, firstSighting })),
  ];
}
