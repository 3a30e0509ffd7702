import { useEffect, useMemo, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeoJSONSource, Map as MapLibre, MapMouseEvent } from 'maplibre-gl';
import { useAppDispatch } from '../../app/store';
import { errorToast } from '../toasts/toastsSlice';
import { toHostError } from '../../app/hostClient';
import { useGeofenceCreateMutation, useGeofenceDeleteMutation, useGeofenceListQuery } from './basemapApi';
import { featuresToDisplay, fromDisplay, toDisplay } from './displayCrs';
import { setMapTool, type MapTool } from './mapTool';
import { formatDistance, pathLengthM } from './measure';
import { useBasemap } from './useBasemap';
import './basemap.css';

type LonLat = { lon: number; lat: number };
const TOOLS_SOURCE = 'basemap-tools';
const FENCES_SOURCE = 'geofences';

function toolFeatures(points: LonLat[], tool: MapTool): GeoJSON.FeatureCollection {
  const coords = points.map((p) => toDisplay(p.lon, p.lat));
  const features: GeoJSON.Feature[] = coords.map((c) => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'Point', coordinates: c },
  }));
  if (coords.length >= 2)
    features.push({
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'LineString',
        coordinates: tool === 'fence' && coords.length >= 3 ? [...coords, coords[0]!] : coords,
      },
    });
  return { type: 'FeatureCollection', features };
}

/**
 * Everything the basemap work adds on the map: the active basemap (with its attribution and CRS), its failure
 * banner, measure distance and geofence drawing, and geofence alerts. Mounted inside MapArea's map body.
 */
export function BasemapOverlay({ mapRef, ready }: { mapRef: RefObject<MapLibre | null>; ready: boolean }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { shown, drawn, failure, dismissFailure, alerts } = useBasemap(mapRef, ready);
  const { data: fences } = useGeofenceListQuery();
  const [createFence] = useGeofenceCreateMutation();
  const [deleteFence] = useGeofenceDeleteMutation();
  const [tool, setTool] = useState<MapTool>('none');
  const [points, setPoints] = useState<LonLat[]>([]);
  const [fenceName, setFenceName] = useState('');
  const crs = shown?.crs ?? 'wgs84';

  useEffect(() => setMapTool(tool), [tool]);

  // Our own sources and layers, on top of the dispatch layers.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || map.getSource(TOOLS_SOURCE)) return;
    map.addSource(FENCES_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addSource(TOOLS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({
      id: 'geofence-fill',
      type: 'fill',
      source: FENCES_SOURCE,
      paint: { 'fill-color': '#f43f5e', 'fill-opacity': 0.12 },
    });
    map.addLayer({
      id: 'geofence-line',
      type: 'line',
      source: FENCES_SOURCE,
      paint: { 'line-color': '#f43f5e', 'line-width': 2, 'line-dasharray': [3, 2] },
    });
    map.addLayer({
      id: 'tool-line',
      type: 'line',
      source: TOOLS_SOURCE,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': '#facc15', 'line-width': 2.5 },
    });
    map.addLayer({
      id: 'tool-points',
      type: 'circle',
      source: TOOLS_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': '#facc15',
        'circle-radius': 4,
        'circle-stroke-color': '#0b1220',
        'circle-stroke-width': 1.5,
      },
    });
  }, [mapRef, ready]);

  const fenceFc = useMemo<GeoJSON.FeatureCollection>(
    () => ({
      type: 'FeatureCollection',
      features: (fences ?? []).map((f) => ({
        type: 'Feature',
        properties: { id: f.id, name: f.name },
        geometry: { type: 'Polygon', coordinates: [[...f.ring, f.ring[0]!]] },
      })),
    }),
    [fences],
  );
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.getSource<GeoJSONSource>(FENCES_SOURCE)?.setData(featuresToDisplay(fenceFc, crs));
    map.getSource<GeoJSONSource>(TOOLS_SOURCE)?.setData(toolFeatures(points, tool));
  }, [mapRef, ready, fenceFc, points, tool, crs]);

  // Clicks add points while a tool is active; Esc clears.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || tool === 'none') return;
    const onClick = (e: MapMouseEvent) => setPoints((ps) => [...ps, fromDisplay(e.lngLat)]);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setPoints([]);
        setTool('none');
      }
    };
    map.on('click', onClick);
    map.getCanvas().style.cursor = 'crosshair';
    window.addEventListener('keydown', onKey);
    return () => {
      map.off('click', onClick);
      map.getCanvas().style.cursor = '';
      window.removeEventListener('keydown', onKey);
    };
  }, [mapRef, tool]);

  const choose = (next: MapTool) => {
    setPoints([]);
    setTool((cur) => (cur === next ? 'none' : next));
  };
  const distance = pathLengthM(points);

  return (
    <>
      <div className="basemap-tools" role="toolbar" aria-label={t('basemap.tools')}>
        <button
          type="button"
          className={`btn${tool === 'measure' ? ' on' : ''}`}
          aria-pressed={tool === 'measure'}
          data-testid="tool-measure"
          onClick={() => choose('measure')}
        >
          {t('basemap.measure.button')}
        </button>
        <button
          type="button"
          className={`btn${tool === 'fence' ? ' on' : ''}`}
          aria-pressed={tool === 'fence'}
          data-testid="tool-fence"
          onClick={() => choose('fence')}
        >
          {t('basemap.fence.button')}
        </button>
      </div>
      {tool === 'measure' && (
        <div className="basemap-panel" data-testid="measure-panel" aria-live="polite">
          <strong data-testid="measure-distance" data-metres={Math.round(distance)}>
            {points.length >= 2 ? formatDistance(distance) : t('basemap.measure.hint')}
          </strong>
          <span className="basemap-hint">{t('basemap.measure.esc')}</span>
        </div>
      )}
      {tool === 'fence' && (
        <form
          className="basemap-panel"
          data-testid="fence-panel"
          onSubmit={(e) => {
            e.preventDefault();
            createFence({
              name: fenceName.trim(),
              ring: points.map((p) => [p.lon, p.lat] as [number, number]),
            })
              .unwrap()
              .then(() => {
                setPoints([]);
                setFenceName('');
                setTool('none');
              })
              .catch((err: unknown) => dispatch(errorToast(toHostError(err))));
          }}
        >
          <span className="basemap-hint">{t('basemap.fence.hint', { count: points.length })}</span>
          <input
            value={fenceName}
            onChange={(e) => setFenceName(e.target.value)}
            placeholder={t('basemap.fence.name')}
            aria-label={t('basemap.fence.name')}
            data-testid="fence-name"
            maxLength={80}
          />
          <button
            type="submit"
            className="btn btn-primary"
            disabled={points.length < 3 || !fenceName.trim()}
            data-testid="fence-save"
          >
            {t('basemap.fence.save')}
          </button>
        </form>
      )}
      {(fences?.length ?? 0) > 0 && tool === 'none' && (
        <ul className="basemap-fences" aria-label={t('basemap.fence.list')} data-testid="fence-list">
          {fences!.map((f) => (
            <li key={f.id}>
              <span className="fence-swatch" aria-hidden="true" />
              {f.name}
              <button
                type="button"
                className="btn btn-icon"
                aria-label={t('basemap.fence.delete', { name: f.name })}
                onClick={() => void deleteFence({ id: f.id })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {alerts.length > 0 && (
        <ol className="basemap-alerts" aria-label={t('basemap.fence.alerts')} data-testid="fence-alerts">
          {alerts.slice(0, 3).map((a) => (
            <li key={`${a.fenceId}-${a.unitId}-${a.at}-${a.kind}`} className={`fence-alert fence-${a.kind}`}>
              {t(a.kind === 'enter' ? 'basemap.fence.alertEnter' : 'basemap.fence.alertLeave', {
                unit: a.unitName,
                fence: a.fenceName,
              })}
            </li>
          ))}
        </ol>
      )}
      {failure && (
        <div className="basemap-error" role="alert" data-testid="basemap-error">
          <span>
            {t('basemap.failed', { name: failure.name, detail: failure.detail })}{' '}
            {failure.fallback
              ? t('basemap.fellBack', { name: failure.fallback })
              : t('basemap.fellBackPlain')}
          </span>
          <button
            type="button"
            className="btn btn-icon"
            aria-label={t('map.cancel')}
            onClick={dismissFailure}
          >
            ×
          </button>
        </div>
      )}
      <div
        className="basemap-attribution"
        data-testid="basemap-attribution"
        data-basemap={shown?.id ?? ''}
        data-drawn={drawn ? 'true' : 'false'}
        data-crs={crs}
      >
        {shown
          ? `${shown.name}${shown.attribution ? ` · ${shown.attribution}` : ''}${crs === 'gcj02' ? ' · GCJ-02' : ''}`
          : t('basemap.none')}
      </div>
    </>
  );
}
