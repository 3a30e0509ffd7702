import { describe, expect, it } from 'vitest';
import { MAP_FONT, SPRITE_ICONS } from './mapAssets';
import { LAYER_GROUPS, dispatchLayers, overduePulse } from './mapStyle';

describe('dispatch layers', () => {
  const layers = dispatchLayers();
  const byId = new Map(layers.map((l) => [l.id, l]));

  it('every layer the switcher toggles exists, once', () => {
    const grouped = Object.values(LAYER_GROUPS).flat();
    expect(new Set(grouped).size).toBe(grouped.length);
    for (const id of grouped) expect(byId.has(id), id).toBe(true);
    expect(new Set(layers.map((l) => l.id)).size).toBe(layers.length);
  });

  it('the pulse writes constants only: a data-driven value would re-lay-out the whole incident source', () => {
    for (let p = 0; p <= 1; p += 0.05) {
      const { width, opacity } = overduePulse(p);
      expect(width).toBeGreaterThanOrEqual(2);
      expect(width).toBeLessThanOrEqual(11);
      expect(opacity).toBeGreaterThan(0.1);
      expect(opacity).toBeLessThanOrEqual(0.9);
    }
    const paint = (byId.get('incident-overdue') as { paint: Record<string, unknown> }).paint;
    expect(typeof paint['circle-stroke-width']).toBe('number');
    expect(typeof paint['circle-stroke-opacity']).toBe('number');
  });

  it('symbol layers use only the shipped font stack and sprite icons, and sit under every mark', () => {
    const symbols = layers.filter((l) => l.type === 'symbol') as {
      id: string;
      layout: Record<string, unknown>;
    }[];
    for (const l of symbols) {
      if (l.layout['text-font']) expect(l.layout['text-font']).toEqual([MAP_FONT]);
      if (l.layout['icon-image'])
        expect(SPRITE_ICONS as readonly unknown[]).toContain(l.layout['icon-image']);
    }
    const index = (id: string) => layers.findIndex((l) => l.id === id);
    for (const label of LAYER_GROUPS.grid.filter((id) => id.startsWith('grid-label-')))
      for (const mark of ['incident-points', 'incident-clusters', 'unit-points'])
        expect(index(label), `${label} under ${mark}`).toBeLessThan(index(mark));
  });
});
