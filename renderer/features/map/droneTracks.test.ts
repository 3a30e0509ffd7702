import fc from 'fast-check';
import type { LineString } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DroneTracks } from './droneTracks';

const identity = (lon: number, lat: number): [number, number] => [lon, lat];

/** What a map source holding the flushed diffs would contain: id → line coordinates. */
function applyDiff(
  held: Map<string, number[][]>,
  diff: ReturnType<DroneTracks['flush']>,
): Map<string, number[][]> {
  if (!diff) return held;
  for (const id of diff.remove ?? []) {
    expect(held.has(String(id)), `remove of unknown ${String(id)}`).toBe(true);
    held.delete(String(id));
  }
  for (const f of diff.add ?? []) {
    expect(held.has(String(f.id)), `add of existing ${String(f.id)}`).toBe(false);
    held.set(String(f.id), (f.geometry as LineString).coordinates);
  }
  for (const u of diff.update ?? []) {
    expect(held.has(String(u.id)), `update of unknown ${String(u.id)}`).toBe(true);
    held.set(String(u.id), (u.newGeometry as LineString).coordinates);
  }
  return held;
}

const op = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    id: fc.constantFrom('a', 'b', 'c'),
    lon: fc.integer({ min: 0, max: 5 }),
    lat: fc.integer({ min: 0, max: 5 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom('a', 'b', 'c') }),
  fc.record({ kind: fc.constant('flush' as const) }),
);

describe('DroneTracks', () => {
  it('the source built from its diffs always equals its tracks: bounded, in order, lines of 2+ fixes only', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), fc.integer({ min: 2, max: 6 }), (ops, max) => {
        const tracks = new DroneTracks(max);
        const model = new Map<string, [number, number][]>();
        let held = new Map<string, number[][]>();
        for (const o of ops) {
          if (o.kind === 'add') {
            tracks.add(o.id, o.lon, o.lat);
            const t = model.get(o.id) ?? [];
            const last = t[t.length - 1];
            if (!last || last[0] !== o.lon || last[1] !== o.lat) t.push([o.lon, o.lat]);
            model.set(o.id, t.slice(-max));
          } else if (o.kind === 'delete') {
            tracks.delete(o.id);
            model.delete(o.id);
          } else held = applyDiff(held, tracks.flush(identity));
        }
        held = applyDiff(held, tracks.flush(identity));
        const drawable = new Map([...model].filter(([, t]) => t.length >= 2));
        expect(held).toEqual(drawable);
        for (const [id, t] of model) expect(tracks.points(id)).toEqual(t);
        // Nothing left to send.
        expect(tracks.flush(identity)).toBeNull();
      }),
    );
  });

  it('re-sends every line in the new projection when the display changes', () => {
    const tracks = new DroneTracks();
    tracks.add('a', 1, 1);
    tracks.add('a', 2, 2);
    tracks.flush(identity);
    tracks.touchAll();
    const diff = tracks.flush((lon, lat) => [lon + 10, lat]);
    expect(diff!.update).toEqual([
      {
        id: 'a',
        newGeometry: {
          type: 'LineString',
          coordinates: [
            [11, 1],
            [12, 2],
          ],
        },
      },
    ]);
  });

  it('ignores fixes without numbers (maplibre cannot bound them)', () => {
    const tracks = new DroneTracks();
    tracks.add('a', Number.NaN, 1);
    expect(tracks.size).toBe(0);
  });
});
