import { describe, expect, it } from 'vitest';
import { boundsOf, makeProjector } from './project';

describe('map projection', () => {
  it('keeps points inside the box with north up', () => {
    const pts: [number, number][] = [
      [114.3, 30.5],
      [114.4, 30.6],
    ];
    const b = boundsOf(pts)!;
    const p = makeProjector(b, 1000, 600);
    for (const [lon, lat] of pts) {
      const [x, y] = p(lon, lat);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1000);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(600);
    }
    expect(p(114.3, 30.6)[1]).toBeLessThan(p(114.3, 30.5)[1]);
    expect(p(114.4, 30.5)[0]).toBeGreaterThan(p(114.3, 30.5)[0]);
  });
  it('handles one point and no points', () => {
    expect(boundsOf([])).toBeNull();
    const b = boundsOf([[1, 1]])!;
    expect(b.maxLon).toBeGreaterThan(b.minLon);
    const [x, y] = makeProjector(b, 100, 100)(1, 1);
    expect(x).toBeCloseTo(50);
    expect(y).toBeCloseTo(50);
  });
});
