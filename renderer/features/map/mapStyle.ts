import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { MAP_FONT, mapAssetUrls } from './mapAssets';

/**
 * The offline base style: no tiles; glyphs and sprite come from the app itself (mapAssets.ts), so the map and
 * its labels work with the WAN unplugged. Basemap files (PMTiles/MBTiles) are layered under it when configured.
 */
export function offlineStyle(baseUri: string): StyleSpecification {
  return {
    version: 8,
    ...mapAssetUrls(baseUri),
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

/** Zoom at which each level's labels give way to the next level's (labels follow the lines' level). */
const LABEL_MAX_ZOOM = {
  street: LEVEL_MIN_ZOOM.community,
  community: LEVEL_MIN_ZOOM.grid,
  grid: LEVEL_MIN_ZOOM.compound,
  compound: 24,
} as const;
const LEVELS = ['street', 'community', 'grid', 'compound'] as const;

export const SOURCES = {
  grid: 'grid',
  gridLabels: 'grid-labels',
  incidents: 'incidents',
  units: 'units',
  droneTracks: 'drone-tracks',
  intercoms: 'intercoms',
  cameras: 'cameras',
} as const;

export const LAYER_GROUPS = {
  grid: [
    'grid-fill',
    'grid-line-street',
    'grid-line-community',
    'grid-line-grid',
    'grid-line-compound',
    ...LEVELS.map((l) => `grid-label-${l}` as const),
  ],
  incidents: ['incident-clusters', 'incident-overdue', 'incident-points', 'incident-selected'],
  units: ['unit-points', 'unit-heading'],
  drones: ['drone-track', 'drone-icons'],
  intercoms: ['intercom-points'],
  cameras: ['camera-points'],
} as const;
export type LayerGroup = keyof typeof LAYER_GROUPS;
export const GRID_LABEL_LAYERS = LEVELS.map((l) => `grid-label-${l}`);

/**
 * The overdue ring's paint at a point of its pulse (phase 0…1): what the animation writes each tick. Both are
 * constants on purpose — setting a data-driven value (one reading feature properties) makes maplibre re-lay-out
 * every tile of the source, 50,000 incidents several times a second; a constant is a uniform, a repaint only.
 */
export function overduePulse(phase: number): { width: number; opacity: number } {
  const wave = (1 - Math.cos(phase * 2 * Math.PI)) / 2;
  return { width: 2 + 9 * wave, opacity: 0.9 - 0.75 * wave };
}

const label = (level: (typeof LEVELS)[number], size: number, color: string): LayerSpecification => ({
  id: `grid-label-${level}`,
  type: 'symbol',
  source: SOURCES.gridLabels,
  minzoom: LEVEL_MIN_ZOOM[level],
  maxzoom: LABEL_MAX_ZOOM[level],
  filter: ['==', ['get', 'level'], level],
  layout: {
    'text-field': ['get', 'name'],
    'text-font': [MAP_FONT],
    'text-size': size,
    'text-max-width': 8,
    'text-padding': 4,
  },
  paint: { 'text-color': color, 'text-halo-color': '#0b1220', 'text-halo-width': 1.6 },
});

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
    // Names under every mark: a label must never hide an incident or a unit.
    label('street', 15, '#e0f2fe'),
    label('community', 14, '#e0f2fe'),
    label('grid', 13, '#cbd5e1'),
    label('compound', 12, '#ddd6fe'),
    {
      id: 'drone-track',
      type: 'line',
      source: SOURCES.droneTracks,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#c084fc', 'line-width': 2, 'line-opacity': 0.8, 'line-dasharray': [2, 1] },
    },
    {
      id: 'incident-overdue',
      type: 'circle',
      source: SOURCES.incidents,
      filter: ['==', ['get', 'overdue'], true],
      // A ring just outside the mark (a point's or a cluster's radius, fixed), whose width and opacity pulse.
      paint: {
        'circle-radius': [
          'step',
          ['coalesce', ['get', 'point_count'], 0],
          ['match', ['get', 'priority'], 'P1', 9, 'P2', 8, 7],
          1,
          14,
          10,
          18,
          100,
          24,
          1000,
          30,
        ],
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#ff3b3b',
        'circle-stroke-width': overduePulse(0.25).width,
        'circle-stroke-opacity': overduePulse(0.25).opacity,
        // The pulse steps these itself; a default 300 ms transition per step would keep the map busy forever.
        'circle-stroke-width-transition': { duration: 0, delay: 0 },
        'circle-stroke-opacity-transition': { duration: 0, delay: 0 },
      },
    },
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
    {
      // Where the position source reports a course (radio APRS/NMEA): a pointer around the status dot.
      id: 'unit-heading',
      type: 'symbol',
      source: SOURCES.units,
      filter: ['has', 'heading'],
      layout: {
        'icon-image': 'unit-heading',
        'icon-size': 1.25,
        'icon-rotate': ['get', 'heading'],
        'icon-rotation-alignment': 'map',
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
      paint: { 'icon-opacity': ['case', ['get', 'stale'], 0.35, 1] },
    },
    {
      id: 'drone-icons',
      type: 'symbol',
      source: SOURCES.units,
      filter: ['==', ['get', 'kind'], 'drone'],
      layout: { 'icon-image': 'drone', 'icon-allow-overlap': true, 'icon-ignore-placement': true },
      paint: { 'icon-opacity': ['case', ['get', 'stale'], 0.35, 1] },
    },
    // Placeholders until the intercom and camera work fills their sources: present in the switcher and legend.
    {
      id: 'intercom-points',
      type: 'symbol',
      source: SOURCES.intercoms,
      layout: { 'icon-image': 'intercom', 'icon-allow-overlap': true },
    },
    {
      id: 'camera-points',
      type: 'symbol',
      source: SOURCES.cameras,
      layout: { 'icon-image': 'camera', 'icon-allow-overlap': true },
    },
  ];
}
