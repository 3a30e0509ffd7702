import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';

/**
 * The offline base style: no tiles, no glyphs, no sprites — nothing to fetch, so the map works with the WAN
 * unplugged. Basemap files (PMTiles/MBTiles) are layered under it when configured. Text is drawn as HTML
 * labels, which need no glyph server.
 */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0d1524' } }],
  };
}

// The same palette as the queue's priority chips (styles.css --p1 … --p4).
export const PRIORITY_COLOURS = { P1: '#ff3b3b', P2: '#ff8c1a', P3: '#ffd43b', P4: '#8d99a8' } as const;
export const UNIT_COLOURS = {
  available: '#22c55e',
  dispatched: '#3b82f6',
  busy: '#f59e0b',
  off_duty: '#64748b',
} as const;

/** Zoom at which each grid level starts to be drawn: street → compound as you zoom in. */
export const LEVEL_MIN_ZOOM = { street: 0, community: 10, grid: 12.5, compound: 14 } as const;

export const SOURCES = { grid: 'grid', incidents: 'incidents', units: 'units' } as const;

export const LAYER_GROUPS = {
  grid: ['grid-fill', 'grid-line-street', 'grid-line-community', 'grid-line-grid', 'grid-line-compound'],
  incidents: ['incident-clusters', 'incident-points', 'incident-selected'],
  units: ['unit-points'],
} as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;

const line = (level: keyof typeof LEVEL_MIN_ZOOM, color: string, width: number): LayerSpecification => ({
  id: `grid-line-${level}`,
  type: 'line',
  source: SOURCES.grid,
  minzoom: LEVEL_MIN_ZOOM[level],
  filter: ['==', ['get', 'level'], level],
  paint: { 'line-color': color, 'line-width': width },
});

const byPriority = [
  'match',
  ['get', 'priority'],
  'P1',
  PRIORITY_COLOURS.P1,
  'P2',
  PRIORITY_COLOURS.P2,
  'P3',
  PRIORITY_COLOURS.P3,
  PRIORITY_COLOURS.P4,
];

export function dispatchLayers(): LayerSpecification[] {
  return [
    {
      id: 'grid-fill',
      type: 'fill',
      source: SOURCES.grid,
      filter: ['==', ['get', 'level'], 'compound'],
      minzoom: LEVEL_MIN_ZOOM.compound,
      paint: { 'fill-color': '#38bdf8', 'fill-opacity': 0.08 },
    },
    line('street', '#e2e8f0', 2.5),
    line('community', '#7dd3fc', 1.8),
    line('grid', '#3b82f6', 1),
    line('compound', '#a78bfa', 1),
    {
      id: 'incident-clusters',
      type: 'circle',
      source: SOURCES.incidents,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#f97316',
        'circle-opacity': 0.85,
        'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 100, 24, 1000, 30],
        'circle-stroke-color': '#fff7ed',
        'circle-stroke-width': 2,
      },
    },
    {
      id: 'incident-points',
      type: 'circle',
      source: SOURCES.incidents,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': byPriority as never,
        'circle-radius': ['match', ['get', 'priority'], 'P1', 9, 'P2', 8, 7],
        'circle-stroke-color': ['case', ['get', 'drill'], '#f97316', '#0b1220'],
        'circle-stroke-width': ['case', ['get', 'drill'], 3, 1.5],
      },
    },
    {
      id: 'incident-selected',
      type: 'circle',
      source: SOURCES.incidents,
      filter: ['==', ['get', 'id'], ''],
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': 16,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 3,
      },
    },
    {
      id: 'unit-points',
      type: 'circle',
      source: SOURCES.units,
      paint: {
        'circle-color': [
          'match',
          ['get', 'status'],
          'available',
          UNIT_COLOURS.available,
          'dispatched',
          UNIT_COLOURS.dispatched,
          'busy',
          UNIT_COLOURS.busy,
          UNIT_COLOURS.off_duty,
        ] as never,
        'circle-radius': 6,
        'circle-opacity': ['case', ['get', 'stale'], 0.35, 1],
        'circle-stroke-color': ['case', ['get', 'stale'], '#64748b', '#f8fafc'],
        'circle-stroke-width': 2,
      },
    },
  ];
}
