import { describe, expect, it } from 'vitest';
import type { Incident } from '../../contract';
import { suggestDuplicates } from './duplicates';

const NOW = Date.UTC(2026, 0, 1, 12);
const base: Incident = {
  id: '01900000-0000-7000-8000-000000000000',
  category: 'fire_safety',
  priority: 'P2',
  status: 'reported',
  source: 'resident_call',
  location: { lon: 103.665, lat: 36.495 },
  address: '',
  description: 'smoke',
  reporter: '',
  gridCode: null,
  isDrill: false,
  isDemo: false,
  createdAt: NOW - 10 * 60_000,
  updatedAt: NOW,
  createdBy: 't',
  version: 1,
};
let n = 0;
const inc = (over: Partial<Incident>): Incident => ({
  ...base,
  id: `01900000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
  ...over,
});
// ~111 m per 0.001° of latitude
const north = (m: number) => ({ lon: 103.665, lat: 36.495 + m / 111_195 });
const settings = { radiusM: 300, windowMs: 2 * 3_600_000 };
const probe = { category: 'fire_safety', location: base.location };

describe('duplicate suggestion', () => {
  it('suggests open incidents of the same category within the radius, nearest first', () => {
    const far = inc({ location: north(250) });
    const near = inc({ location: north(50) });
    const out = suggestDuplicates([far, near], probe, settings, NOW);
    expect(out.map((d) => d.incident.id)).toEqual([near.id, far.id]);
    expect(out[0]!.distanceM).toBeGreaterThanOrEqual(49);
    expect(out[0]!.distanceM).toBeLessThanOrEqual(51);
  });

  it('leaves out other categories, closed work, too far and too old', () => {
    const out = suggestDuplicates(
      [
        inc({ category: 'illegal_parking' }),
        inc({ status: 'closed' }),
        inc({ status: 'resolved' }),
        inc({ status: 'cancelled' }),
        inc({ location: north(301) }),
        inc({ createdAt: NOW - 2 * 3_600_000 - 1 }),
      ],
      probe,
      settings,
      NOW,
    );
    expect(out).toEqual([]);
  });

  it('keeps the edges: exactly at the window start, reopened counts as open', () => {
    const edge = inc({ createdAt: NOW - 2 * 3_600_000, status: 'reopened', location: north(299) });
    expect(suggestDuplicates([edge], probe, settings, NOW).map((d) => d.incident.id)).toEqual([edge.id]);
  });

  it('honours the configured radius and window', () => {
    const i = inc({ location: north(800), createdAt: NOW - 5 * 3_600_000 });
    expect(suggestDuplicates([i], probe, settings, NOW)).toEqual([]);
    expect(suggestDuplicates([i], probe, { radiusM: 1000, windowMs: 6 * 3_600_000 }, NOW)).toHaveLength(1);
  });
});
