import type { Map as MapLibre } from 'maplibre-gl';
import { GRID_LABEL_LAYERS } from './mapStyle';

/**
 * Past this many units the list is not made: querying thousands of rendered features takes a long main-thread
 * task every second (a dropped frame in bench/map.ts) and tells nobody anything.
 */
const DRAWN_UNITS_LIMIT = 300;
/** At most one report per this long: the overdue pulse repaints several times a second, units move at 1 Hz. */
const REPORT_EVERY_MS = 1000;

/**
 * What the map actually drew, on the canvas element's dataset, refreshed at most once a second after renders:
 * - `drawnUnits`: `id@lon,lat@x,y` per unit (x, y: CSS pixels in the canvas), to find a moved unit on the
 *   map, not just in the data;
 * - `headings`: `id@degrees` per heading pointer drawn;
 * - `gridLabels`: the grid names the symbol layers placed (colliding ones are dropped), `|`-separated.
 * For tests and for a technician in devtools. Returns the cleanup.
 */
export function reportDrawn(map: MapLibre, unitCount: () => number): () => void {
  let last = 0;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    trailing = undefined;
    last = performance.now();
    if (!map.getLayer('unit-points')) return;
    const el = map.getContainer();
    const labels = map.queryRenderedFeatures({ layers: GRID_LABEL_LAYERS });
    el.dataset.gridLabels = [...new Set(labels.map((f) => String(f.properties.name)))].sort().join('|');
    const headings = map.queryRenderedFeatures({ layers: ['unit-heading'] }).slice(0, DRAWN_UNITS_LIMIT);
    el.dataset.headings = headings
      .map((f) => `${String(f.properties.id ?? f.id)}@${Math.round(Number(f.properties.heading))}`)
      .sort()
      .join(' ');
    const rendered =
      unitCount() > DRAWN_UNITS_LIMIT ? [] : map.queryRenderedFeatures({ layers: ['unit-points'] });
    if (unitCount() > DRAWN_UNITS_LIMIT || rendered.length > DRAWN_UNITS_LIMIT) {
      delete el.dataset.drawnUnits;
      return;
    }
    const drawn = rendered.map((f) => {
      const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
      const { x, y } = map.project([lon, lat]);
      return `${String(f.properties.id ?? f.id)}@${lon.toFixed(5)},${lat.toFixed(5)}@${Math.round(x)},${Math.round(y)}`;
    });
    el.dataset.drawnUnits = drawn.sort().join(' ');
  };
  // After renders, not only on `idle`: while the overdue pulse runs, the map may never settle.
  const schedule = () => {
    trailing ??= setTimeout(report, Math.max(0, last + REPORT_EVERY_MS - performance.now()));
  };
  map.on('render', schedule);
  map.on('idle', schedule);
  return () => {
    map.off('render', schedule);
    map.off('idle', schedule);
    clearTimeout(trailing);
  };
}
