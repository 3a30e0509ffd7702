import { distance, point } from '@turf/turf';
import { isPositionStale, type LonLat, type Suggestion, type Unit } from '../../contract';

/** Straight-line (great-circle) metres between two WGS-84 points; not a road route. */
export function metresBetween(a: LonLat, b: LonLat): number {
  return Math.round(distance(point([a.lon, a.lat]), point([b.lon, b.lat]), { units: 'meters' }));
}

/**
 * The nearest available units to `at`. Units with a fresh position come first, each group nearest first: a
 * stale position may be far from where the unit really is, so it must not outrank one the room can trust.
 * Units without any position cannot be ranked and are left out.
 */
export function nearestAvailable(
  units: readonly Unit[],
  at: LonLat,
  now: number,
  limit: number,
): Suggestion[] {
  return units
    .filter((u) => u.status === 'available' && u.position)
    .map((u) => ({ unit: u, distanceM: metresBetween(u.position!, at), stale: isPositionStale(u, now) }))
    .sort(
      (a, b) =>
        Number(a.stale) - Number(b.stale) ||
        a.distanceM - b.distanceM ||
        a.unit.name.localeCompare(b.unit.name),
    )
    .slice(0, limit);
}
