import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Map as MapLibre,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
  type MapMouseEvent,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// maplibre derives its worker's address from its own module URL, which bundling (and Electron's app://
// scheme) breaks; ship the worker as our own asset and point maplibre at it.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { LIST_ALL, LIST_OPEN, useGridListQuery, useIncidentListQuery } from '../../app/api';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { openNewForm, select } from '../incidents/incidentsSlice';
import { MapDispatchPanel } from '../dispatch/MapDispatchPanel';
import { useUnitDrag } from '../dispatch/useUnitDrag';
import { useDispatchActions } from '../dispatch/useDispatchActions';
import { unitsToggled } from '../dispatch/dispatchSlice';
import { boundsOf, gridFeatures, gridLabelFeatures, incidentFeatures, unitFeatures } from './mapData';
import { useMapFeed } from './useMapFeed';
import { useOverduePulse } from './useOverduePulse';
import { LOCAL_IDEOGRAPH_FONTS } from './mapAssets';
import { MapLegend } from './MapLegend';
import './map.css';
import { BasemapOverlay } from '../basemap/BasemapOverlay';
import { BASEMAP_SOURCE } from '../basemap/basemapStyle';
import { featuresToDisplay, fromDisplay, toDisplay, useDisplayCrs } from '../basemap/displayCrs';
import { isMapToolActive } from '../basemap/mapTool';
import { reportDrawn } from './drawnReport';
import { LAYER_GROUPS, SOURCES, dispatchLayers, offlineStyle, type LayerGroup } from './mapStyle';

setWorkerUrl(workerUrl);

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
const ALL_SHOWN = Object.fromEntries(Object.keys(LAYER_GROUPS).map((g) => [g, true])) as Record<
  LayerGroup,
  boolean
>;

type Picked = { lon: number; lat: number; x: number; y: number };

/**
 * The dispatch map: grid polygons by level with their names, incidents by priority (clustered when zoomed out,
 * overdue ones pulsing), units by status with heading and a stale look, drone tracks, and the intercom and
 * camera layers. Works with no network at all: glyphs and icons ship with the app. Clicking an empty spot
 * offers a new incident there.
 */
export function MapArea() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const filter = useAppSelector((s) => s.incidents.filter);
  const selectedId = useAppSelector((s) => s.incidents.selectedId);
  const { data } = useIncidentListQuery(filter === 'open' ? LIST_OPEN : LIST_ALL);
  const { data: grid } = useGridListQuery();
  const items = useMemo(() => data?.items ?? [], [data]);

  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const fittedRef = useRef(false);
  const unitCountRef = useRef(0);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cursor, setCursor] = useState<{ lon: number; lat: number } | null>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const crs = useDisplayCrs();
  const [shown, setShown] = useState<Record<LayerGroup, boolean>>(ALL_SHOWN);

  useEffect(() => {
    if (!containerRef.current) return;
    let map: MapLibre;
    try {
      map = new MapLibre({
        container: containerRef.current,
        style: offlineStyle(document.baseURI),
        // Only for a style on the spec's default font stack; ours draws CJK in its own stack's name (mapAssets).
        localIdeographFontFamily: LOCAL_IDEOGRAPH_FONTS,
        center: [103.68, 36.5],
        zoom: 12,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        // No label/icon fade: with units moving every second a fade keeps the map repainting without pause,
        // and in software WebGL each repaint of 50k incidents costs a frame of 100+ ms (bench/map.ts).
        fadeDuration: 0,
      });
    } catch (e) {
      // No WebGL (or a broken driver): say so on the map; the queue and detail keep working.
      const message = (e as Error).message;
      queueMicrotask(() => setError(message));
      return;
    }
    mapRef.current = map;
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.on('load', () => {
      map.addSource(SOURCES.grid, { type: 'geojson', data: gridFeatures([]) });
      map.addSource(SOURCES.gridLabels, { type: 'geojson', data: EMPTY });
      map.addSource(SOURCES.incidents, {
        type: 'geojson',
        data: incidentFeatures([]),
        cluster: true,
        clusterMaxZoom: 13,
        clusterRadius: 36,
        // A cluster holding an overdue incident pulses too.
        clusterProperties: { overdue: ['any', ['==', ['get', 'overdue'], true]] },
        promoteId: 'id',
      });
      map.addSource(SOURCES.units, { type: 'geojson', data: unitFeatures([], Date.now()), promoteId: 'id' });
      map.addSource(SOURCES.droneTracks, { type: 'geojson', data: EMPTY, promoteId: 'id' });
      // Filled by the intercom and camera work; empty sources keep their layers in the switcher and legend.
      map.addSource(SOURCES.intercoms, { type: 'geojson', data: EMPTY });
      map.addSource(SOURCES.cameras, { type: 'geojson', data: EMPTY });
      for (const layer of dispatchLayers()) map.addLayer(layer);
      setReady(true);
    });
    const stopReporting = reportDrawn(map, () => unitCountRef.current);
    map.on('error', (e) => {
      // A failing basemap is reported (and fallen back from) by BasemapOverlay.
      if ((e as { sourceId?: string }).sourceId === BASEMAP_SOURCE) return;
      setError(e.error?.message ?? 'map error');
    });
    // On a GCJ-02 basemap the map draws shifted positions; what we show and keep is WGS-84.
    map.on('mousemove', (e: MapMouseEvent) => setCursor(fromDisplay(e.lngLat)));
    map.getCanvasContainer().addEventListener('mouseleave', () => setCursor(null));
    map.on('click', (e: MapMouseEvent) => {
      if (isMapToolActive()) return; // measuring or drawing a geofence owns the click
      const hit = map.queryRenderedFeatures(e.point, {
        layers: ['incident-points', 'incident-clusters', 'unit-points'],
      })[0];
      if (hit?.layer.id === 'incident-points') {
        dispatch(select(String(hit.properties.id)));
        setPicked(null);
      } else if (hit?.layer.id === 'incident-clusters') {
        map.easeTo({ center: e.lngLat, zoom: map.getZoom() + 2 });
      } else {
        setPicked({ ...fromDisplay(e.lngLat), x: e.point.x, y: e.point.y });
      }
    });
    for (const layer of ['incident-points', 'incident-clusters', 'unit-points']) {
      map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
    }
    return () => {
      mapRef.current = null;
      setReady(false);
      stopReporting();
      map.remove();
    };
  }, [dispatch]);

  // The grid is small and rarely changes: replaced whole.
  useEffect(() => {
    const map = ready ? mapRef.current : null;
    map?.getSource<GeoJSONSource>(SOURCES.grid)?.setData(featuresToDisplay(gridFeatures(grid ?? []), crs));
    map
      ?.getSource<GeoJSONSource>(SOURCES.gridLabels)
      ?.setData(featuresToDisplay(gridLabelFeatures(grid ?? []), crs));
  }, [ready, grid, crs]);
  // Every open incident and every positioned unit, kept current incrementally (useMapFeed.ts).
  const feedCounts = useMapFeed(mapRef, ready);
  useEffect(() => {
    unitCountRef.current = feedCounts.units;
  }, [feedCounts.units]);
  useOverduePulse(mapRef, ready && shown.incidents && feedCounts.overdue > 0);

  // Drag a unit onto an incident: dispatch it and show that incident.
  const dispatchActions = useDispatchActions();
  useUnitDrag(mapRef, ready, (unitId, incidentId) => {
    dispatch(select(incidentId));
    void dispatchActions.send(incidentId, [unitId]);
  });
  const selectedIncident = items.find((i) => i.id === selectedId) ?? null;

  // Fit the district once: the grid when there is one, else the incidents. Waiting for the grid list keeps the
  // view from depending on which of the two answers first.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || fittedRef.current || grid === undefined) return;
    const b = grid.length ? boundsOf(grid, []) : boundsOf([], items);
    if (!b) return;
    fittedRef.current = true;
    map.fitBounds(b, { padding: 40, animate: false, maxZoom: 16 });
  }, [ready, grid, items]);

  // The map follows the selected incident.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.setFilter('incident-selected', ['==', ['get', 'id'], selectedId ?? '']);
    const inc = items.find((i) => i.id === selectedId);
    if (inc) map.easeTo({ center: toDisplay(inc.location.lon, inc.location.lat, crs), duration: 400 });
  }, [ready, selectedId, items, crs]);

  // Layer switcher.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    for (const group of Object.keys(LAYER_GROUPS) as LayerGroup[]) {
      for (const id of LAYER_GROUPS[group])
        map.setLayoutProperty(id, 'visibility', shown[group] ? 'visible' : 'none');
    }
  }, [ready, shown]);

  return (
    <section className="panel map" data-testid="map-area" aria-labelledby="map-title">
      <div className="panel-head">
        <h2 id="map-title">{t('map.title')}</h2>
        <div className="map-layers" role="group" aria-label={t('map.layers')}>
          {(Object.keys(LAYER_GROUPS) as LayerGroup[]).map((g) => (
            <label key={g}>
              <input
                type="checkbox"
                checked={shown[g]}
                data-testid={`map-layer-${g}`}
                onChange={(e) => setShown((s) => ({ ...s, [g]: e.target.checked }))}
              />
              {t(`map.layer.${g}`)}
            </label>
          ))}
        </div>
        <button
          type="button"
          className="btn btn-small"
          data-testid="units-open"
          onClick={() => dispatch(unitsToggled())}
        >
          {t('units.title')} <kbd>U</kbd>
        </button>
      </div>
      <div className="map-body">
        <div
          className="map-canvas"
          ref={containerRef}
          data-testid="map-canvas"
          data-ready={ready ? 'true' : 'false'}
          data-incidents={feedCounts.incidents}
          data-units={feedCounts.units}
          data-overdue={feedCounts.overdue}
        />
        <MapDispatchPanel incident={selectedIncident} />
        {error && (
          <div className="map-error" role="alert" data-testid="map-error">
            {t('map.error', { detail: error })}
          </div>
        )}
        {picked && (
          <div className="map-pick" style={{ left: picked.x, top: picked.y }} data-testid="map-pick">
            <div className="map-pick-coords">
              {picked.lon.toFixed(5)}, {picked.lat.toFixed(5)}
            </div>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="map-new-incident"
              autoFocus
              onClick={() => {
                dispatch(openNewForm({ lon: picked.lon, lat: picked.lat }));
                setPicked(null);
              }}
            >
              {t('map.newHere')}
            </button>
            <button type="button" className="btn" onClick={() => setPicked(null)}>
              {t('map.cancel')}
            </button>
          </div>
        )}
        <MapLegend />
        <div className="map-cursor" data-testid="map-cursor" aria-live="off">
          {cursor ? `${cursor.lon.toFixed(5)}, ${cursor.lat.toFixed(5)}` : t('map.cursorHint')}
        </div>
        <BasemapOverlay mapRef={mapRef} ready={ready} />
      </div>
    </section>
  );
}
