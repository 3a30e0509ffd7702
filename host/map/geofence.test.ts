import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import fc from 'fast-check';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { FenceIndex, type Fence } from './fenceIndex';
import { GeofenceTracker, type FenceEvent } from './geofence';

/** Axis-aligned rectangle as a closed GeoJSON ring, optionally with rectangular holes. */
function rect(
  w: number,
  s: number,
  e: number,
  n: number,
  holes: Array<[number, number, number, number]> = [],
): Polygon {
  const ring = (a: number, b: number, c: number, d: number): number[][] => [
    [a, b],
    [c, b],
    [c, d],
    [a, d],
    [a, b],
  ];
  return {
    type: 'Polygon',
    coordinates: [ring(w, s, e, n), ...holes.map(([a, b, c, d]) => ring(a, b, c, d))],
  };
}

// A cordon 0..10 × 0..10 with a safe building 4..6 × 4..6 cut out, and a triangle fence next to it.
const cordon: Fence = { id: 'cordon', area: rect(0, 0, 10, 10, [[4, 4, 6, 6]]) };
const triangle: Fence = {
  id: 'triangle',
  area: {
    type: 'Polygon',
    coordinates: [
      [
        [20, 0],
        [30, 0],
        [20, 10],
        [20, 0],
      ],
    ],
  },
};

const brief = (events: FenceEvent[]): string[] =>
  events.map((e) => `${e.kind} ${e.fenceId}${e.firstSighting ? ' (first)' : ''}`);

describe('GeofenceTracker', () => {
  it('raises enter on a first sighting inside, flagged as such; nothing on a first sighting outside', () => {
    const t = new GeofenceTracker([cordon]);
    expect(brief(t.update('amb-1', 2, 2, 1))).toEqual(['enter cordon (first)']);
    expect(t.update('amb-2', 50, 50, 1)).toEqual([]);
    expect(brief(t.update('amb-2', 2, 2, 2))).toEqual(['enter cordon']);
  });

  it('raises enter and leave when crossing, carrying time and position', () => {
    const t = new GeofenceTracker([cordon]);
    t.update('u', -5, 5, 0);
    expect(t.update('u', 1, 5, 10)).toEqual([
      { kind: 'enter', fenceId: 'cordon', entityId: 'u', at: 10, lon: 1, lat: 5, firstSighting: false },
    ]);
    expect(t.update('u', 2, 5, 20)).toEqual([]);
    expect(brief(t.update('u', 11, 5, 30))).toEqual(['leave cordon']);
  });

  it('counts the boundary as inside: edges, corners and hole edges', () => {
    const t = new GeofenceTracker([cordon]);
    expect(brief(t.update('edge', 0, 5, 0))).toEqual(['enter cordon (first)']);
    expect(brief(t.update('corner', 10, 10, 0))).toEqual(['enter cordon (first)']);
    expect(brief(t.update('hole-edge', 4, 5, 0))).toEqual(['enter cordon (first)']);
    expect(brief(t.update('hole-corner', 6, 6, 0))).toEqual(['enter cordon (first)']);
    // Just outside the outer edge and just inside the hole are outside.
    expect(t.update('out', -1e-9, 5, 0)).toEqual([]);
    expect(t.update('in-hole', 5, 5, 0)).toEqual([]);
  });

  it('walking into the hole is a leave, walking out of it an enter', () => {
    const t = new GeofenceTracker([cordon]);
    t.update('u', 2, 5, 0);
    expect(brief(t.update('u', 5, 5, 1))).toEqual(['leave cordon']);
    expect(brief(t.update('u', 7, 5, 2))).toEqual(['enter cordon']);
  });

  it('orders leave before enter when jumping between fences, and handles overlapping fences', () => {
    const overlap: Fence = { id: 'district', area: rect(5, -5, 25, 2) };
    const t = new GeofenceTracker([cordon, triangle, overlap]);
    expect(brief(t.update('u', 1, 1, 0))).toEqual(['enter cordon (first)']);
    expect(brief(t.update('u', 8, 1, 1))).toEqual(['enter district']);
    expect(brief(t.update('u', 21, 1, 2))).toEqual(['leave cordon', 'enter triangle']);
    expect(t.fencesOf('u')).toEqual(['district', 'triangle']);
    expect(brief(t.update('u', 21, 5, 3))).toEqual(['leave district']);
  });

  it('supports MultiPolygon fences', () => {
    const islands: Fence = {
      id: 'islands',
      area: {
        type: 'MultiPolygon',
        coordinates: [rect(0, 0, 1, 1).coordinates, rect(5, 5, 6, 6).coordinates],
      },
    };
    const t = new GeofenceTracker([islands]);
    expect(brief(t.update('boat', 0.5, 0.5, 0))).toEqual(['enter islands (first)']);
    expect(brief(t.update('boat', 3, 3, 1))).toEqual(['leave islands']);
    expect(brief(t.update('boat', 5.5, 5.5, 2))).toEqual(['enter islands']);
  });

  it('ignores out-of-order and unusable updates', () => {
    const t = new GeofenceTracker([cordon]);
    t.update('u', 2, 2, 100);
    expect(t.update('u', 50, 50, 99)).toEqual([]);
    expect(t.fencesOf('u')).toEqual(['cordon']);
    expect(t.update('u', Number.NaN, 2, 101)).toEqual([]);
    expect(t.update('u', 2, 2, Number.POSITIVE_INFINITY)).toEqual([]);
    expect(brief(t.update('u', 50, 50, 100))).toEqual(['leave cordon']); // same timestamp is accepted
  });

  it('forget raises leave for every fence the entity was in', () => {
    const t = new GeofenceTracker([cordon, { id: 'all', area: rect(-1, -1, 11, 11) }]);
    t.update('u', 2, 2, 0);
    expect(brief(t.forget('u', 5))).toEqual(['leave all', 'leave cordon']);
    expect(t.forget('u', 6)).toEqual([]);
    expect(t.fencesOf('u')).toEqual([]);
  });

  it('replaceFences re-tests tracked entities against the redrawn outlines', () => {
    const t = new GeofenceTracker([cordon]);
    t.update('a', 2, 2, 0);
    t.update('b', 15, 2, 0);
    const grown: Fence = { id: 'cordon', area: rect(0, 0, 20, 10) };
    const events = t.replaceFences([grown], 50);
    expect(events.map((e) => `${e.entityId} ${e.kind} ${e.fenceId} @${e.at}`)).toEqual([
      'b enter cordon @50',
    ]);
    expect(brief(t.replaceFences([], 60))).toEqual(['leave cordon', 'leave cordon']);
  });

  it('refuses unusable fences with a message naming the fence', () => {
    expect(() => new GeofenceTracker([cordon, cordon])).toThrow(/"cordon" appears twice/);
    const open: Fence = {
      id: 'open',
      area: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      },
    };
    expect(() => new GeofenceTracker([open])).toThrow(/Fence "open".*not closed/);
    const tiny: Fence = {
      id: 'tiny',
      area: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      },
    };
    expect(() => new GeofenceTracker([tiny])).toThrow(/fewer than 3 corners/);
    const nan: Fence = { id: 'nan', area: rect(0, 0, Number.NaN, 1) };
    expect(() => new GeofenceTracker([nan])).toThrow(/non-numeric/);
    const t = new GeofenceTracker([cordon]);
    t.update('u', 2, 2, 0);
    expect(() => t.replaceFences([open], 1)).toThrow();
    expect(t.fencesOf('u')).toEqual(['cordon']); // a rejected replacement leaves the old fences in force
  });
});

describe('properties', () => {
  // Integer grid points and integer fence corners, so paths land exactly on edges and corners often.
  const gridPoint = fc.tuple(fc.integer({ min: -2, max: 12 }), fc.integer({ min: -2, max: 12 }));
  const path = fc.array(gridPoint, { minLength: 1, maxLength: 60 });

  it('for each fence, events alternate enter/leave starting with enter, and end in the right state', () => {
    fc.assert(
      fc.property(path, (points) => {
        const t = new GeofenceTracker([cordon]);
        const events = points.flatMap(([x, y], i) => t.update('u', x, y, i));
        for (let i = 0; i < events.length; i++) {
          if (events[i]?.kind !== (i % 2 === 0 ? 'enter' : 'leave')) return false;
        }
        const [lastX, lastY] = points[points.length - 1]!;
        const endsInside = booleanPointInPolygon([lastX, lastY], cordon.area);
        return (events.length % 2 === 1) === endsInside;
      }),
      { numRuns: 500 },
    );
  });

  // Random rectangles, some with a hole, on the same grid.
  const fenceArb = fc
    .tuple(
      fc.integer({ min: -2, max: 10 }),
      fc.integer({ min: -2, max: 10 }),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 1, max: 8 }),
      fc.boolean(),
    )
    .map(([w, s, dx, dy, holed]) =>
      holed && dx >= 3 && dy >= 3
        ? rect(w, s, w + dx, s + dy, [[w + 1, s + 1, w + dx - 1, s + dy - 1]])
        : rect(w, s, w + dx, s + dy),
    );
  const fencesArb = fc
    .array(fenceArb, { minLength: 1, maxLength: 30 })
    .map((areas) => areas.map((area, i) => ({ id: `f${i}`, area })));

  it('the R-tree prefilter finds exactly the fences a brute-force point-in-polygon test finds', () => {
    fc.assert(
      fc.property(fencesArb, fc.array(gridPoint, { maxLength: 40 }), (fences, points) => {
        const index = new FenceIndex(fences);
        return points.every(([x, y]) => {
          const expected = fences
            .filter((f) => booleanPointInPolygon([x, y], f.area))
            .map((f) => f.id)
            .sort();
          return JSON.stringify([...index.fencesAt(x, y)].sort()) === JSON.stringify(expected);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('with many fences, every (entity, fence) pair alternates strictly and entities do not affect each other', () => {
    const entityPath = fc.array(gridPoint, { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fencesArb, entityPath, entityPath, (fences, pathA, pathB) => {
        // Run A and B interleaved on one tracker, then each alone; per-entity events must match.
        const together = new GeofenceTracker(fences);
        const mixed: FenceEvent[] = [];
        const steps = Math.max(pathA.length, pathB.length);
        for (let i = 0; i < steps; i++) {
          const a = pathA[i];
          const b = pathB[i];
          if (a) mixed.push(...together.update('A', a[0], a[1], i));
          if (b) mixed.push(...together.update('B', b[0], b[1], i));
        }
        const alone = (id: string, p: Array<[number, number]>): FenceEvent[] => {
          const t = new GeofenceTracker(fences);
          return p.flatMap(([x, y], i) => t.update(id, x, y, i));
        };
        if (JSON.stringify(mixed.filter((e) => e.entityId === 'A')) !== JSON.stringify(alone('A', pathA)))
          return false;
        if (JSON.stringify(mixed.filter((e) => e.entityId === 'B')) !== JSON.stringify(alone('B', pathB)))
          return false;

        const lastKind = new Map<string, 'enter' | 'leave'>();
        for (const e of mixed) {
          const key = `${e.entityId}/${e.fenceId}`;
          const expected = lastKind.get(key) === 'enter' ? 'leave' : 'enter';
          if (e.kind !== expected) return false;
          lastKind.set(key, e.kind);
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
