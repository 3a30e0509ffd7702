import { describe, expect, it } from 'vitest';
import { IncrementalSource, featureDiff, type PointFeature } from './incrementalSource';

type P = { id: string; status: string; stale: boolean };
const f = (id: string, lon: number, lat: number, status = 'available', stale = false): PointFeature<P> => ({
  type: 'Feature',
  id,
  properties: { id, status, stale },
  geometry: { type: 'Point', coordinates: [lon, lat] },
});

describe('IncrementalSource', () => {
  it('sends new features as add, once', () => {
    const s = new IncrementalSource<P>();
    s.set(f('a', 1, 1));
    s.set(f('b', 2, 2));
    expect(s.flush()).toEqual({ add: [f('a', 1, 1), f('b', 2, 2)], update: [], remove: [] });
    expect(s.flush()).toBeNull();
    expect(s.size).toBe(2);
  });

  it('sends a move as a geometry-only update, and a status change as that property only', () => {
    const s = new IncrementalSource<P>();
    s.set(f('a', 1, 1));
    s.set(f('b', 2, 2));
    s.flush();
    s.set(f('a', 1.5, 1));
    s.set(f('b', 2, 2, 'busy'));
    expect(s.flush()).toEqual({
      add: [],
      update: [
        { id: 'a', newGeometry: { type: 'Point', coordinates: [1.5, 1] } },
        { id: 'b', addOrUpdateProperties: [{ key: 'status', value: 'busy' }] },
      ],
      remove: [],
    });
  });

  it('sends nothing for a feature set again unchanged', () => {
    const s = new IncrementalSource<P>();
    s.set(f('a', 1, 1));
    s.flush();
    s.set(f('a', 1, 1));
    expect(s.flush()).toBeNull();
  });

  it('removes deleted features, and forgets ones added and deleted between two flushes', () => {
    const s = new IncrementalSource<P>();
    s.set(f('a', 1, 1));
    s.flush();
    s.delete('a');
    s.set(f('tmp', 3, 3));
    s.delete('tmp');
    expect(s.flush()).toEqual({ add: [], update: [], remove: ['a'] });
    expect(s.size).toBe(0);
  });

  it('keeps only the latest of many changes to one feature between flushes', () => {
    const s = new IncrementalSource<P>();
    s.set(f('a', 1, 1));
    s.flush();
    for (let i = 0; i < 10; i++) s.set(f('a', 1 + i, 1));
    expect(s.flush()!.update).toEqual([{ id: 'a', newGeometry: { type: 'Point', coordinates: [10, 1] } }]);
  });

  it('replaceAll sends only the difference from what the map holds', () => {
    const s = new IncrementalSource<P>();
    s.set(f('keep', 1, 1));
    s.set(f('gone', 2, 2));
    s.set(f('moved', 3, 3));
    s.flush();
    s.replaceAll([f('keep', 1, 1), f('moved', 3.5, 3), f('new', 4, 4)]);
    expect(s.flush()).toEqual({
      add: [f('new', 4, 4)],
      update: [{ id: 'moved', newGeometry: { type: 'Point', coordinates: [3.5, 3] } }],
      remove: ['gone'],
    });
  });

  it('featureDiff names removed properties', () => {
    const had = f('a', 1, 1);
    const want = { ...had, properties: { id: 'a', status: 'available' } } as unknown as PointFeature<P>;
    expect(featureDiff(had, want)).toEqual({ id: 'a', removeProperties: ['stale'] });
  });
});
