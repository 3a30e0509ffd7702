import {
  OPEN_STATUSES,
  isPositionStale,
  type EventPayload,
  type Incident,
  type MapIncidentRow,
  type MapUnitRow,
  type Unit,
} from '../../../contract';
import { IncrementalSource, type PointFeature } from './incrementalSource';
import { DroneTracks } from './droneTracks';

export type FeedIncidentProps = {
  id: string;
  priority: Incident['priority'];
  status: Incident['status'];
  drill: boolean;
  /** Past an SLA deadline, by the host's SLA sweep (the same set the top bar counts): the map pulses it. */
  overdue: boolean;
};
export type FeedUnitProps = {
  id: string;
  kind: Unit['kind'];
  status: Unit['status'];
  stale: boolean;
  /** Course over ground in degrees from north, present only when the last fix reported one. */
  heading?: number;
};

/** What the feed keeps per incident: enough to rebuild the feature and to judge the SLA later. */
interface IncidentState {
  lon: number;
  lat: number;
  priority: Incident['priority'];
  status: Incident['status'];
  drill: boolean;
  version: number;
  createdAt: number;
}
interface UnitState {
  lon: number;
  lat: number;
  kind: Unit['kind'];
  status: Unit['status'];
  positionAt: number | null;
  heading: number | null;
}

/** A reported course as the map's icon rotation (0 ≤ h < 360), or null when there is none to trust. */
export function headingOf(courseDeg: number | null | undefined): number | null {
  if (typeof courseDeg !== 'number' || !Number.isFinite(courseDeg)) return null;
  return ((courseDeg % 360) + 360) % 360;
}

/** Display coordinates from stored WGS-84 (identity; a GCJ-02 basemap swaps in its conversion). */
export type ToDisplay = (lon: number, lat: number) => [number, number];
const identity: ToDisplay = (lon, lat) => [lon, lat];

const OPEN = new Set<string>(OPEN_STATUSES);

/**
 * Everything the dispatch map draws: every open incident and every unit with a position, kept current from
 * `map.snapshot` pages and host events, outside Redux (50,000 frozen objects in the store would cost more than
 * the map). Each change marks one feature dirty in an IncrementalSource; the map flushes the diffs once per
 * frame with `updateData`.
 */
export class MapFeed {
  readonly incidents = new IncrementalSource<FeedIncidentProps>();
  readonly units = new IncrementalSource<FeedUnitProps>();
  readonly droneTracks = new DroneTracks();
  private readonly incidentState = new Map<string, IncidentState>();
  /** Highest version seen per incident, closed ones included, so a late page row cannot bring one back. */
  private readonly versions = new Map<string, number>();
  private readonly unitState = new Map<string, UnitState>();
  /** Incidents the host's SLA sweep reports overdue (`sla.overdue`); may name incidents not loaded yet. */
  private overdueIds: ReadonlySet<string> = new Set();
  private readonly listeners = new Set<() => void>();
  private toDisplay: ToDisplay = identity;

  constructor(private readonly now: () => number = Date.now) {}

  /** Called after every change (coalesce: the map flushes once per frame). */
  onChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  private changed(): void {
    for (const cb of this.listeners) cb();
  }

  /** Swap the display projection (a GCJ-02 basemap): every feature's geometry is updated at the next flush. */
  setDisplayTransform(fn: ToDisplay | null): void {
    this.toDisplay = fn ?? identity;
    const t = this.now();
    for (const [id, s] of this.incidentState) this.incidents.set(this.incidentFeature(id, s));
    for (const [id, s] of this.unitState) this.units.set(this.unitFeature(id, s, t));
    this.droneTracks.touchAll();
    this.changed();
  }

  /** Loaded open incidents that are overdue. */
  get overdueCount(): number {
    let n = 0;
    for (const id of this.overdueIds) if (this.incidentState.has(id)) n++;
    return n;
  }

  /** The drone tracks' diff since the last call, in display coordinates. */
  flushDroneTracks(): ReturnType<DroneTracks['flush']> {
    return this.droneTracks.flush(this.toDisplay);
  }

  /**
   * The host's overdue set (the `sla.overdue` event, or the `sla.overdue` call after a snapshot). Only
   * incidents whose flag flipped are marked, so a repeated set costs no map work.
   */
  setOverdue(ids: Iterable<string>): void {
    const prev = this.overdueIds;
    const next = new Set(ids);
    this.overdueIds = next;
    let any = false;
    for (const id of new Set([...prev, ...next])) {
      const s = prev.has(id) !== next.has(id) ? this.incidentState.get(id) : undefined;
      if (!s) continue;
      this.incidents.set(this.incidentFeature(id, s));
      any = true;
    }
    if (any) this.changed();
  }

  // ------------------------------------------------------------------------------------------- incidents

  /** A full snapshot (first load or after a reconnect): open incidents not in it are gone. */
  replaceIncidents(rows: readonly MapIncidentRow[]): void {
    this.incidentState.clear();
    const features: PointFeature<FeedIncidentProps>[] = [];
    for (const r of rows) {
      const s = incidentFromRow(r);
      this.versions.set(r[0], s.version);
      this.incidentState.set(r[0], s);
      features.push(this.incidentFeature(r[0], s));
    }
    this.incidents.replaceAll(features);
    this.changed();
  }

  /** `incident.changed`: opened, changed or closed. Older versions never overwrite newer ones. */
  applyIncident(i: Incident): void {
    const known = this.versions.get(i.id);
    if (known !== undefined && known > i.version) return;
    this.versions.set(i.id, i.version);
    if (!OPEN.has(i.status)) {
      this.incidentState.delete(i.id);
      this.incidents.delete(i.id);
    } else {
      const s: IncidentState = {
        lon: i.location.lon,
        lat: i.location.lat,
        priority: i.priority,
        status: i.status,
        drill: i.isDrill,
        version: i.version,
        createdAt: i.createdAt,
      };
      this.incidentState.set(i.id, s);
      this.incidents.set(this.incidentFeature(i.id, s));
    }
    this.changed();
  }

  private incidentFeature(id: string, s: IncidentState): PointFeature<FeedIncidentProps> {
    return {
      type: 'Feature',
      id,
      properties: {
        id,
        priority: s.priority,
        status: s.status,
        drill: s.drill,
        overdue: this.overdueIds.has(id),
      },
      geometry: { type: 'Point', coordinates: this.toDisplay(s.lon, s.lat) },
    };
  }

  // ----------------------------------------------------------------------------------------------- units

  replaceUnits(rows: readonly MapUnitRow[]): void {
    const before = new Map(this.unitState);
    this.unitState.clear();
    const t = this.now();
    const features: PointFeature<FeedUnitProps>[] = [];
    const drones = new Set<string>();
    for (const [id, lon, lat, kind, status, positionAt] of rows) {
      // A snapshot row carries no course: a heading survives only if the fix is the one that reported it.
      const had = before.get(id);
      const heading = had && had.positionAt === positionAt ? had.heading : null;
      const s: UnitState = { lon, lat, kind, status, positionAt, heading };
      this.unitState.set(id, s);
      features.push(this.unitFeature(id, s, t));
      if (kind === 'drone') {
        drones.add(id);
        this.droneTracks.add(id, lon, lat);
      }
    }
    this.droneTracks.retain(drones);
    this.units.replaceAll(features);
    this.changed();
  }

  /**
   * A full Unit from `unit.moved` (with the fix's course, when the source reports one), `unit.changed` or
   * `dispatch.changed`. A new fix without a course drops the old heading: an arrow must not outlive its fix.
   */
  applyUnit(u: Unit, courseDeg?: number | null): void {
    const prev = this.unitState.get(u.id);
    // A batch move may already have placed it later than this event's position.
    if (prev && u.positionAt !== null && prev.positionAt !== null && prev.positionAt > u.positionAt) {
      prev.kind = u.kind;
      prev.status = u.status;
      this.units.set(this.unitFeature(u.id, prev, this.now()));
    } else if (!u.position) {
      this.unitState.delete(u.id);
      this.units.delete(u.id);
      this.droneTracks.delete(u.id);
    } else {
      const newFix =
        !prev ||
        prev.positionAt !== u.positionAt ||
        prev.lon !== u.position.lon ||
        prev.lat !== u.position.lat;
      const s: UnitState = {
        lon: u.position.lon,
        lat: u.position.lat,
        kind: u.kind,
        status: u.status,
        positionAt: u.positionAt,
        heading: headingOf(courseDeg) ?? (newFix ? null : (prev?.heading ?? null)),
      };
      this.unitState.set(u.id, s);
      this.units.set(this.unitFeature(u.id, s, this.now()));
      if (u.kind === 'drone') this.droneTracks.add(u.id, s.lon, s.lat);
      else this.droneTracks.delete(u.id);
    }
    this.changed();
  }

  /** `units.moved`: a committed batch; units we do not know yet (no position before) wait for a snapshot. */
  applyUnitsMoved(p: EventPayload<'units.moved'>): void {
    const t = this.now();
    for (const [id, lon, lat] of p.moves) {
      const prev = this.unitState.get(id);
      if (!prev || (prev.positionAt !== null && prev.positionAt > p.at)) continue;
      // maplibre cannot bound a point without numbers (it throws while deciding which tiles to reload).
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
      // A fleet batch carries no course.
      const s: UnitState = { ...prev, lon, lat, positionAt: p.at, heading: null };
      this.unitState.set(id, s);
      this.units.set(this.unitFeature(id, s, t));
      if (s.kind === 'drone') this.droneTracks.add(id, lon, lat);
    }
    this.changed();
  }

  private unitFeature(id: string, s: UnitState, now: number): PointFeature<FeedUnitProps> {
    return {
      type: 'Feature',
      id,
      properties: {
        id,
        kind: s.kind,
        status: s.status,
        stale: isPositionStale(s, now),
        ...(s.heading === null ? {} : { heading: s.heading }),
      },
      geometry: { type: 'Point', coordinates: this.toDisplay(s.lon, s.lat) },
    };
  }

  /**
   * Time passes without events: positions go stale. Only features whose flag flipped are marked, so a periodic
   * call costs a loop and no map work when nothing crossed a limit. (Overdue comes from the host: setOverdue.)
   */
  refreshClock(): void {
    const t = this.now();
    let any = false;
    for (const [id, s] of this.unitState) {
      if (this.units.get(id)?.properties.stale !== isPositionStale(s, t)) {
        this.units.set(this.unitFeature(id, s, t));
        any = true;
      }
    }
    if (any) this.changed();
  }

  /** Position of an open incident (the map follows a selection beyond the queue's first page). */
  incidentAt(id: string): [number, number] | null {
    const s = this.incidentState.get(id);
    return s ? [s.lon, s.lat] : null;
  }
}

function incidentFromRow(r: MapIncidentRow): IncidentState {
  const [, lon, lat, priority, status, drill, version, createdAt] = r;
  return { lon, lat, priority, status, drill, version, createdAt };
}
