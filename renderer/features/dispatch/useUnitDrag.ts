import { useEffect, useRef, type RefObject } from 'react';
import type { GeoJSONSource, Map as MapLibre, MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

const SOURCE = 'dispatch-drag';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * Drag a unit's circle onto an incident to dispatch it. While dragging, the map does not pan and a dashed line
 * runs from the unit to the pointer with a ghost circle at its end; releasing over an incident calls `onDrop`,
 * anywhere else (or Esc) cancels. The layers are added here so the map style stays the basemap's business.
 */
export function useUnitDrag(
  mapRef: RefObject<MapLibre | null>,
  ready: boolean,
  onDrop: (unitId: string, incidentId: string) => void,
): void {
  const dropRef = useRef(onDrop);
  useEffect(() => {
    dropRef.current = onDrop;
  }, [onDrop]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.addSource(SOURCE, { type: 'geojson', data: EMPTY });
    map.addLayer({
      id: 'dispatch-drag-line',
      type: 'line',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': '#facc15', 'line-width': 3, 'line-dasharray': [2, 1] },
    });
    map.addLayer({
      id: 'dispatch-drag-ghost',
      type: 'circle',
      source: SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-radius': 9,
        'circle-color': '#facc15',
        'circle-opacity': 0.55,
        'circle-stroke-color': '#fefce8',
        'circle-stroke-width': 2,
      },
    });
    const source = () => map.getSource<GeoJSONSource>(SOURCE);
    let drag: { unitId: string; from: [number, number] } | null = null;

    const stop = () => {
      drag = null;
      source()?.setData(EMPTY);
      map.dragPan.enable();
      map.getCanvas().style.cursor = '';
      map.getCanvasContainer().classList.remove('dragging-unit');
    };
    const onDown = (e: MapLayerMouseEvent) => {
      const f = e.features?.[0];
      if (!f || e.originalEvent.button !== 0) return;
      e.preventDefault();
      map.dragPan.disable();
      const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
      drag = { unitId: String(f.properties.id), from: [lon, lat] };
      map.getCanvas().style.cursor = 'grabbing';
      map.getCanvasContainer().classList.add('dragging-unit');
    };
    const onMove = (e: MapMouseEvent) => {
      if (!drag) return;
      const to: [number, number] = [e.lngLat.lng, e.lngLat.lat];
      source()?.setData({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [drag.from, to] } },
          { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: to } },
        ],
      });
      const over = map.queryRenderedFeatures(e.point, { layers: ['incident-points'] }).length > 0;
      map.getCanvas().style.cursor = over ? 'copy' : 'grabbing';
    };
    const onUp = (e: MapMouseEvent) => {
      if (!drag) return;
      const unitId = drag.unitId;
      const hit = map.queryRenderedFeatures(e.point, { layers: ['incident-points'] })[0];
      stop();
      if (hit) dropRef.current(unitId, String(hit.properties.id));
    };
    const onKey = (e: KeyboardEvent) => {
      if (drag && e.key === 'Escape') {
        e.preventDefault();
        stop();
      }
    };
    // Released outside the map: nothing to drop onto.
    const onWindowUp = () => {
      if (drag) setTimeout(() => drag && stop(), 0);
    };
    map.on('mousedown', 'unit-points', onDown);
    map.on('mousemove', onMove);
    map.on('mouseup', onUp);
    document.addEventListener('keydown', onKey, true);
    window.addEventListener('mouseup', onWindowUp);
    return () => {
      map.off('mousedown', 'unit-points', onDown);
      map.off('mousemove', onMove);
      map.off('mouseup', onUp);
      document.removeEventListener('keydown', onKey, true);
      window.removeEventListener('mouseup', onWindowUp);
      // The map may already be gone (component unmount removes it first).
      try {
        if (map.getLayer('dispatch-drag-ghost')) map.removeLayer('dispatch-drag-ghost');
        if (map.getLayer('dispatch-drag-line')) map.removeLayer('dispatch-drag-line');
        if (map.getSource(SOURCE)) map.removeSource(SOURCE);
      } catch {
        // style already torn down
      }
    };
  }, [mapRef, ready]);
}
