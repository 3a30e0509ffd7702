import { distance, point } from '@turf/turf';
import {
  OPEN_STATUSES,
  type Duplicate,
  type DuplicateSettings,
  type Incident,
  type LonLat,
} from '../../contract';

export const DEFAULT_DUPLICATE_SETTINGS: DuplicateSettings = { radiusM: 300, windowMs: 2 * 3_600_000 };

/**
 * Open incidents that may be the same event reported again: same category, created within the window before
 * `now`, within the radius (great-circle distance). Nearest first, then newest. Pure, for the unit tests.
 */
export function suggestDuplicates(
  candidates: readonly Incident[],
  probe: { category: string; location: LonLat },
  settings: DuplicateSettings,
  now: number,
  limit = 5,
): Duplicate[] {
  const from = point([probe.location.lon, probe.location.lat]);
  const out: Duplicate[] = [];
  for (const i of candidates) {
    if (i.category !== probe.category || !OPEN_STATUSES.includes(i.status)) continue;
    if (i.createdAt < now - settings.windowMs || i.createdAt > now + 60_000) continue;
    const d = distance(from, point([i.location.lon, i.location.lat]), { units: 'meters' });
    if (d <= settings.radiusM) out.push({ incident: i, distanceM: Math.round(d) });
  }
  out.sort((a, b) => a.distanceM - b.distanceM || b.incident.createdAt - a.incident.createdAt);
  return out.slice(0, limit);
}
