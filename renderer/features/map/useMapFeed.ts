import { useEffect, useState, type RefObject } from 'react';
import type { GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import type { MapIncidentRow, MapUnitRow } from '../../../contract';
import type { HostClient } from '../../app/hostClient';
import type { ThunkExtra } from '../../app/api';
import { useAppDispatch } from '../../app/store';
import { getDisplayCrs, subscribeDisplayCrs, toDisplay } from '../basemap/displayCrs';
import { MapFeed, type ToDisplay } from './mapFeed';
import { SOURCES } from './mapStyle';

/** How often stale flags are re-judged without any event (overdue comes from the host's SLA sweep). */
const CLOCK_MS = 15_000;

/** Stored WGS-84 → what the map draws on the current basemap (GCJ-02 shift on a GCJ-02 basemap). */
function displayTransform(): ToDisplay | null {
  const crs = getDisplayCrs();
  return crs === 'wgs84' ? null : (lon, lat) => toDisplay(lon, lat, crs);
}

/** Every page of one layer of `map.snapshot`. */
export async function loadLayer(host: HostClient, layer: 'incidents'): Promise<MapIncidentRow[]>;
export async function loadLayer(host: HostClient, layer: 'units'): Promise<MapUnitRow[]>;
export async function loadLayer(
  host: HostClient,
  layer: 'incidents' | 'units',
): Promise<MapIncidentRow[] | MapUnitRow[]> {
  const rows: (MapIncidentRow | MapUnitRow)[] = [];
  let after: string | null = null;
  do {
    const page: { incidents: MapIncidentRow[]; units: MapUnitRow[]; next: string | null } = await host.call(
      'map.snapshot',
      { layer, after },
    );
    for (const r of layer === 'incidents' ? page.incidents : page.units) rows.push(r);
    after = page.next;
  } while (after);
  return rows as MapIncidentRow[] | MapUnitRow[];
}

export interface FeedCounts {
  incidents: number;
  units: number;
  /** Loaded incidents the host reports overdue: the pulse runs only while there are some. */
  overdue: number;
  feed: MapFeed | null;
}

/**
 * Connects a MapFeed to the host and to the map's incident and unit sources: loads the snapshot, applies
 * events as they come (from the moment the map's sources exist: `ready`), and pushes the accumulated diff to maplibre at most once per animation frame with
 * `updateData`. Reloads the snapshot after a reconnect (events were missed). Returns the drawn counts.
 */
export function useMapFeed(mapRef: RefObject<MapLibre | null>, ready: boolean): FeedCounts {
  const dispatch = useAppDispatch();
  const [state, setState] = useState<FeedCounts>({ incidents: 0, units: 0, overdue: 0, feed: null });

  useEffect(() => {
    const map = ready ? mapRef.current : null;
    if (!map) return;
    const host = dispatch((_d, _g, extra: ThunkExtra) => extra.host);
    const feed = new MapFeed();
    feed.setDisplayTransform(displayTransform());
    let stopped = false;
    let frame = 0;
    let loading = true;
    let sawClosed = false;
    const held: (() => void)[] = [];
    // Counters on the map's element, for tests and devtools: a moved unit must bump `feedUpdates`, never
    // `feedLoads` (a snapshot reload).
    const el = map.getContainer();
    let updates = 0;
    let loads = 0;
    /** Events that arrive while a snapshot loads wait for it; the version checks make replaying them safe. */
    const apply = (fn: () => void) => (loading ? held.push(fn) : fn());

    const flush = () => {
      frame = 0;
      if (stopped) return;
      const inc = feed.incidents.flush();
      const uni = feed.units.flush();
      const tracks = feed.flushDroneTracks();
      if (inc) map.getSource<GeoJSONSource>(SOURCES.incidents)?.updateData(inc);
      if (uni) map.getSource<GeoJSONSource>(SOURCES.units)?.updateData(uni);
      if (tracks) map.getSource<GeoJSONSource>(SOURCES.droneTracks)?.updateData(tracks);
      if (inc || uni || tracks) el.dataset.feedUpdates = String(++updates);
      if (inc || uni) {
        const next = {
          incidents: feed.incidents.size,
          units: feed.units.size,
          overdue: feed.overdueCount,
          feed,
        };
        setState((s) =>
          s.incidents === next.incidents &&
          s.units === next.units &&
          s.overdue === next.overdue &&
          s.feed === feed
            ? s
            : next,
        );
      }
    };
    const offChange = feed.onChange(() => {
      if (!frame && !loading) frame = requestAnimationFrame(flush);
    });

    const reload = async () => {
      loading = true;
      try {
        const [incidents, units, overdue] = await Promise.all([
          loadLayer(host, 'incidents'),
          loadLayer(host, 'units'),
          // The SLA feature may be absent (an older host): no pulse, the map still works.
          host.call('sla.overdue', {}).catch(() => []),
        ]);
        if (stopped) return;
        feed.replaceIncidents(incidents);
        feed.replaceUnits(units);
        feed.setOverdue(overdue.map((o) => o.incidentId));
        el.dataset.feedLoads = String(++loads);
      } catch {
        // The link dropped mid-load; the reconnect below loads again. What we had stays drawn.
      } finally {
        loading = false;
        for (const fn of held.splice(0)) fn();
        if (!stopped && !frame) frame = requestAnimationFrame(flush);
      }
    };

    const offs = [
      host.subscribe('incident.changed', (p) => apply(() => feed.applyIncident(p.incident))),
      host.subscribe('incidents.reset', () => void reload()),
      host.subscribe('unit.moved', (p) => apply(() => feed.applyUnit(p.unit, p.courseDeg))),
      host.subscribe('sla.overdue', (p) => apply(() => feed.setOverdue(p.items.map((o) => o.incidentId)))),
      host.subscribe('units.moved', (p) => apply(() => feed.applyUnitsMoved(p))),
      host.subscribe('unit.changed', (p) => apply(() => feed.applyUnit(p.unit))),
      host.subscribe('dispatch.changed', (p) => {
        if (p.unit) apply(() => feed.applyUnit(p.unit!));
      }),
      // A basemap in another CRS: every geometry is re-sent once, as updates.
      subscribeDisplayCrs(() => feed.setDisplayTransform(displayTransform())),
      host.onConnection((s) => {
        if (s === 'closed') sawClosed = true;
        if (s === 'open' && sawClosed) {
          sawClosed = false;
          void reload();
        }
      }),
    ];
    const clock = setInterval(() => feed.refreshClock(), CLOCK_MS);
    void reload();

    return () => {
      stopped = true;
      clearInterval(clock);
      if (frame) cancelAnimationFrame(frame);
      offChange();
      for (const off of offs) off();
    };
  }, [mapRef, ready, dispatch]);

  return state;
}
