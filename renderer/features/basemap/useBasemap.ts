import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { Map as MapLibre, MapSourceDataEvent } from 'maplibre-gl';
import type { Basemap, GeofenceAlert } from '../../../contract/basemap';
import { useAppDispatch } from '../../app/store';
import { pushToast } from '../toasts/toastsSlice';
import { basemapApi, useBasemapListQuery, useHostClient } from './basemapApi';
import { BASEMAP_LAYER_PREFIX, BASEMAP_SOURCE, basemapLayers, basemapSource } from './basemapStyle';
import { setDisplayCrs } from './displayCrs';
import { registerBasemapProtocol } from './protocol';

export interface BasemapFailure {
  name: string;
  detail: string;
  /** What the map fell back to (null: the plain offline background). */
  fallback: string | null;
}

function removeBasemap(map: MapLibre): void {
  for (const l of map.getStyle().layers ?? [])
    if (l.id.startsWith(BASEMAP_LAYER_PREFIX)) map.removeLayer(l.id);
  if (map.getSource(BASEMAP_SOURCE)) map.removeSource(BASEMAP_SOURCE);
}

/** Under everything the console draws: before the first layer that is neither background nor basemap. */
function firstOverlayLayer(map: MapLibre): string | undefined {
  return map.getStyle().layers?.find((l) => l.type !== 'background' && !l.id.startsWith(BASEMAP_LAYER_PREFIX))
    ?.id;
}

/**
 * Shows the active basemap under the dispatch layers and keeps the display CRS in step with it. A basemap whose
 * tiles fail is dropped for this session with a visible, specific error, and the map falls back to the last
 * basemap that drew tiles (or to the plain offline background); the console keeps working either way.
 */
export function useBasemap(mapRef: RefObject<MapLibre | null>, ready: boolean) {
  const host = useHostClient();
  const dispatch = useAppDispatch();
  const { data: basemaps } = useBasemapListQuery();
  // Failures are remembered against the list they happened with: any change to the registry (the technician
  // re-activates or edits a basemap) gives every basemap another chance.
  const [failed, setFailed] = useState<{ list: unknown; ids: Record<string, BasemapFailure> }>({
    list: null,
    ids: {},
  });
  const [failure, setFailure] = useState<BasemapFailure | null>(null);
  const [alerts, setAlerts] = useState<GeofenceAlert[]>([]);
  /** The last basemap that drew tiles: where a failing one falls back to. */
  const [lastWorking, setLastWorking] = useState<string | null>(null);
  const shownRef = useRef<Basemap | null>(null);

  useEffect(() => registerBasemapProtocol(host), [host]);

  // Host events: the registry and fences changed elsewhere (another window, the settings page); fence alerts.
  useEffect(() => {
    const offs = [
      host.subscribe('basemap.changed', () => dispatch(basemapApi.util.invalidateTags(['Basemap']))),
      host.subscribe('geofence.changed', () => dispatch(basemapApi.util.invalidateTags(['Geofence']))),
      host.subscribe('geofence.alert', (a) => {
        setAlerts((xs) => [a, ...xs].slice(0, 20));
        dispatch(
          pushToast({
            kind: 'error',
            key: a.kind === 'enter' ? 'basemap.fence.alertEnter' : 'basemap.fence.alertLeave',
            params: { unit: a.unitName, fence: a.fenceName },
          }),
        );
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [host, dispatch]);

  const failedIds = useMemo(() => (failed.list === basemaps ? failed.ids : {}), [failed, basemaps]);
  const usable = (b: Basemap | null | undefined) => (b && !failedIds[b.id] ? b : null);
  const active = basemaps?.find((b) => b.active) ?? null;
  const shown = usable(active) ?? usable(basemaps?.find((b) => b.id === lastWorking)) ?? null;
  const shownKey = shown ? `${shown.id}:${shown.format}:${shown.crs}` : 'none';

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    shownRef.current = shown;
    removeBasemap(map);
    setDisplayCrs(shown?.crs ?? 'wgs84');
    if (!shown) return;
    map.addSource(BASEMAP_SOURCE, basemapSource(shown));
    const before = firstOverlayLayer(map);
    for (const layer of basemapLayers(shown)) map.addLayer(layer, before);
    // shownKey captures everything of `shown` the style depends on
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mapRef, ready, shownKey]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const onData = (e: MapSourceDataEvent) => {
      if (e.sourceId === BASEMAP_SOURCE && e.tile && shownRef.current) setLastWorking(shownRef.current.id);
    };
    const onError = (e: { error?: { message?: string }; sourceId?: string }) => {
      const b = shownRef.current;
      if (e.sourceId !== BASEMAP_SOURCE || !b) return;
      const fb = basemaps?.find((x) => x.id === lastWorking && x.id !== b.id && !failedIds[x.id]) ?? null;
      const f = { name: b.name, detail: e.error?.message ?? 'tile failed', fallback: fb?.name ?? null };
      if (lastWorking === b.id) setLastWorking(null);
      setFailure(f);
      setFailed({ list: basemaps, ids: { ...failedIds, [b.id]: f } });
    };
    map.on('sourcedata', onData);
    map.on('error', onError);
    return () => {
      map.off('sourcedata', onData);
      map.off('error', onError);
    };
  }, [mapRef, ready, basemaps, failedIds, lastWorking]);

  return {
    basemaps: basemaps ?? [],
    shown,
    drawn: shown !== null && lastWorking === shown.id,
    failure,
    dismissFailure: () => setFailure(null),
    alerts,
  };
}
