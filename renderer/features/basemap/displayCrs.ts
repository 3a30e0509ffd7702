import { useSyncExternalStore } from 'react';
import { gcj02ToWgs84, wgs84ToGcj02 } from '../../../contract/geo/chinaCoords';
import type { BasemapCrs } from '../../../contract/basemap';

/**
 * The coordinate system the map currently draws in. Everything is stored WGS-84; on a GCJ-02 basemap (AMap,
 * Tianditu's Chinese mirrors) positions are shifted for display only, and clicks/cursor are shifted back, so what
 * reaches the host is always WGS-84. A tiny external store, so maplibre event handlers (outside React) read the
 * current value and components re-render when it changes.
 */
let current: BasemapCrs = 'wgs84';
const listeners = new Set<() => void>();

export function getDisplayCrs(): BasemapCrs {
  return current;
}
export function setDisplayCrs(crs: BasemapCrs): void {
  if (crs === current) return;
  current = crs;
  for (const l of [...listeners]) l();
}
export function subscribeDisplayCrs(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

type Pos = number[];

/** WGS-84 lon/lat → what the map draws, for the given (default: current) display CRS. */
export function toDisplay(lon: number, lat: number, crs: BasemapCrs = current): [number, number] {
  if (crs === 'wgs84') return [lon, lat];
  const p = wgs84ToGcj02({ lon, lat });
  return [p.lon, p.lat];
}

/** A map position (click, cursor) → WGS-84. */
export function fromDisplay(
  p: { lng: number; lat: number },
  crs: BasemapCrs = current,
): { lon: number; lat: number } {
  if (crs === 'wgs84') return { lon: p.lng, lat: p.lat };
  return gcj02ToWgs84({ lon: p.lng, lat: p.lat });
}

function mapCoords(c: unknown, crs: BasemapCrs): unknown {
  if (Array.isArray(c) && typeof c[0] === 'number') {
    const [lon, lat, ...rest] = c as Pos;
    return [...toDisplay(lon!, lat!, crs), ...rest];
  }
  return Array.isArray(c) ? c.map((x) => mapCoords(x, crs)) : c;
}

/** A GeoJSON FeatureCollection in WGS-84 → display coordinates (the same object when nothing shifts). */
export function featuresToDisplay<T extends GeoJSON.FeatureCollection>(fc: T, crs: BasemapCrs = current): T {
  if (crs === 'wgs84') return fc;
  return {
    ...fc,
    features: fc.features.map((f) =>
      f.geometry && 'coordinates' in f.geometry
        ? { ...f, geometry: { ...f.geometry, coordinates: mapCoords(f.geometry.coordinates, crs) } }
        : f,
    ),
  } as T;
}

/** The current display CRS for React components (re-renders when the basemap's CRS changes). */
export function useDisplayCrs(): BasemapCrs {
  return useSyncExternalStore(subscribeDisplayCrs, getDisplayCrs, getDisplayCrs);
}
