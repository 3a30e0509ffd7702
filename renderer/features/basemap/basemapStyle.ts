import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { Basemap } from '../../../contract/basemap';
import { tileUrl } from './protocol';

/** The basemap's source id and its layers' id prefix; dispatch layers (grid, incidents, units) stay on top. */
export const BASEMAP_SOURCE = 'basemap';
export const BASEMAP_LAYER_PREFIX = 'basemap-';

export function basemapSource(b: Basemap): SourceSpecification {
  const common = {
    tiles: [tileUrl(b.id)],
    minzoom: b.minzoom,
    maxzoom: b.maxzoom,
    bounds: b.bounds as [number, number, number, number],
  };
  return b.format === 'pbf' ? { type: 'vector', ...common } : { type: 'raster', tileSize: 256, ...common };
}

/** The demo district basemap (host/basemap/demoBasemap.ts): dark duty-room palette under the dispatch layers. */
function demoLayers(): LayerSpecification[] {
  const src = { source: BASEMAP_SOURCE };
  return [
    {
      id: 'basemap-land',
      type: 'fill',
      ...src,
      'source-layer': 'area',
      filter: ['==', ['get', 'kind'], 'land'],
      paint: { 'fill-color': '#111c2e' },
    },
    {
      id: 'basemap-district',
      type: 'fill',
      ...src,
      'source-layer': 'area',
      filter: ['==', ['get', 'kind'], 'street'],
      paint: { 'fill-color': '#15233a' },
    },
    {
      id: 'basemap-water',
      type: 'fill',
      ...src,
      'source-layer': 'water',
      paint: { 'fill-color': '#12406a' },
    },
    {
      id: 'basemap-blocks',
      type: 'fill',
      ...src,
      'source-layer': 'blocks',
      minzoom: 13,
      paint: { 'fill-color': '#1d2b42', 'fill-outline-color': '#26385a' },
    },
    {
      id: 'basemap-roads-minor',
      type: 'line',
      ...src,
      'source-layer': 'roads',
      minzoom: 13,
      filter: ['==', ['get', 'kind'], 'lane'],
      paint: { 'line-color': '#2a3a55', 'line-width': 1 },
    },
    {
      id: 'basemap-roads',
      type: 'line',
      ...src,
      'source-layer': 'roads',
      filter: ['!=', ['get', 'kind'], 'lane'],
      paint: {
        'line-color': ['match', ['get', 'kind'], 'primary', '#5b6b85', '#3a4a66'],
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          11,
          1,
          16,
          ['match', ['get', 'kind'], 'primary', 8, 4],
        ],
      },
    },
  ];
}

const PALETTE = ['#3a4a66', '#12406a', '#4b5a3a', '#5a3a4b', '#3a5a58', '#5a4d3a'];

/** Any other vector file: each layer drawn plainly by geometry type (we cannot know its schema). */
function genericVectorLayers(b: Basemap): LayerSpecification[] {
  return b.vectorLayers.flatMap((layer, i): LayerSpecification[] => {
    const color = PALETTE[i % PALETTE.length]!;
    const src = { source: BASEMAP_SOURCE, 'source-layer': layer };
    return [
      {
        id: `basemap-${i}-fill`,
        type: 'fill',
        ...src,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': color, 'fill-opacity': 0.6 },
      },
      {
        id: `basemap-${i}-line`,
        type: 'line',
        ...src,
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': color, 'line-width': 1.2 },
      },
      {
        id: `basemap-${i}-point`,
        type: 'circle',
        ...src,
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-color': '#94a3b8',
          'circle-radius': 3,
          'circle-stroke-color': '#0d1524',
          'circle-stroke-width': 1,
        },
      },
    ];
  });
}

export function basemapLayers(b: Basemap): LayerSpecification[] {
  if (b.format !== 'pbf')
    return [
      { id: 'basemap-raster', type: 'raster', source: BASEMAP_SOURCE, paint: { 'raster-opacity': 0.9 } },
    ];
  if (b.builtIn && b.vectorLayers.includes('roads')) return demoLayers();
  return genericVectorLayers(b);
}
