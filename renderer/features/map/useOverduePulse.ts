import { useEffect, type RefObject } from 'react';
import type { Map as MapLibre } from 'maplibre-gl';
import { overduePulse } from './mapStyle';

/**
 * One pulse every PERIOD_MS, stepped every TICK_MS: smooth enough for a halo at a fraction of the frame rate —
 * each step repaints the whole map, which on a software GPU (SwiftShader, some duty-room PCs) is the cost.
 */
const PERIOD_MS = 1500;
const TICK_MS = 125;

/**
 * Pulses the overdue ring (the `incident-overdue` layer) while `active`: constant paint values only (see
 * overduePulse), so no data is re-sent and nothing is re-laid out. Stops — and leaves the map idle — when nothing is overdue, the incident
 * layers are hidden or the operator's system asks for reduced motion, because every tick repaints the map.
 */
export function useOverduePulse(mapRef: RefObject<MapLibre | null>, active: boolean): void {
  useEffect(() => {
    const map = active ? mapRef.current : null;
    // Reduced motion: the halo stays, still (the layer's own paint), and the map stays idle.
    if (!map || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    const tick = () => {
      if (!map.getLayer('incident-overdue')) return;
      const { width, opacity } = overduePulse((performance.now() % PERIOD_MS) / PERIOD_MS);
      map.setPaintProperty('incident-overdue', 'circle-stroke-width', width);
      map.setPaintProperty('incident-overdue', 'circle-stroke-opacity', opacity);
    };
    const timer = setInterval(tick, TICK_MS);
    return () => clearInterval(timer);
  }, [mapRef, active]);
}
