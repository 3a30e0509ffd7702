import { useEffect, type RefObject } from 'react';
import type { Map as MapLibre, MapSourceDataEvent } from 'maplibre-gl';
import { overduePulse } from './mapStyle';

/**
 * The halo steps through four widths (thin, half, wide, half). Each step repaints the whole map, and on a software
 * GPU (SwiftShader, some duty-room PCs) a repaint with 50k incidents in view costs 100–300 ms — bench/map.ts
 * measured a timer-driven pulse as the map's main cost. So a step rides on a repaint the map does anyway (a tile
 * of moved units or changed incidents arriving), at most every MIN_STEP_MS; a quiet map gets its own step every
 * QUIET_STEP_MS so the halo still moves.
 */
const WAVE = [0, 0.25, 0.5, 0.75];
const MIN_STEP_MS = 500;
const QUIET_STEP_MS = 1000;

/**
 * Pulses the overdue ring (the `incident-overdue` layer) while `active`: constant paint values only (see
 * overduePulse), so no data is re-sent and nothing is re-laid out. Stops — and leaves the map idle — when nothing
 * is overdue, the incident layers are hidden or the operator's system asks for reduced motion.
 */
export function useOverduePulse(mapRef: RefObject<MapLibre | null>, active: boolean): void {
  useEffect(() => {
    const map = active ? mapRef.current : null;
    // Reduced motion: the halo stays, still (the layer's own paint), and the map stays idle.
    if (!map || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    let n = 0;
    let last = performance.now();
    const step = () => {
      last = performance.now();
      if (!map.getLayer('incident-overdue')) return;
      const { width, opacity } = overduePulse(WAVE[n++ % WAVE.length]!);
      map.setPaintProperty('incident-overdue', 'circle-stroke-width', width);
      map.setPaintProperty('incident-overdue', 'circle-stroke-opacity', opacity);
    };
    const onTile = (e: MapSourceDataEvent) => {
      if (e.tile && performance.now() - last >= MIN_STEP_MS) step();
    };
    map.on('sourcedata', onTile);
    const timer = setInterval(() => {
      if (performance.now() - last >= QUIET_STEP_MS) step();
    }, QUIET_STEP_MS / 4);
    return () => {
      clearInterval(timer);
      map.off('sourcedata', onTile);
    };
  }, [mapRef, active]);
}
