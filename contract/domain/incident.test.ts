import { describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES, STATUS_TRANSITIONS, isLegalTransition, IncidentCreateSchema } from './incident';

describe('incident status machine', () => {
  it('every state can reach closed or cancelled (no dead ends except the end states)', () => {
    const reach = (from: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(from)) return seen;
      seen.add(from);
      for (const n of STATUS_TRANSITIONS[from as keyof typeof STATUS_TRANSITIONS]) reach(n, seen);
      return seen;
    };
    for (const s of INCIDENT_STATUSES) {
      const r = reach(s);
      expect(r.has('closed') || r.has('cancelled'), s).toBe(true);
    }
  });

  it('allows exactly the table and nothing else', () => {
    for (const from of INCIDENT_STATUSES) {
      for (const to of INCIDENT_STATUSES) {
        expect(isLegalTransition(from, to)).toBe(STATUS_TRANSITIONS[from].includes(to));
      }
      expect(isLegalTransition(from, from)).toBe(false);
    }
  });

  it('the happy path of a shift is legal', () => {
    const path = [
      'reported',
      'accepted',
      'dispatched',
      'en_route',
      'on_scene',
      'resolved',
      'closed',
      'reopened',
    ] as const;
    for (let i = 1; i < path.length; i++) expect(isLegalTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('validates a new incident with readable messages', () => {
    const r = IncidentCreateSchema.safeParse({
      category: 'fire_safety',
      priority: 'P9',
      source: 'resident_call',
      location: { lon: 200, lat: 36 },
      description: '',
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['priority', 'location.lon', 'description']));
  });
});
