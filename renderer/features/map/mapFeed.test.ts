import { describe, expect, it } from 'vitest';
import type { Incident, MapIncidentRow, MapUnitRow, Unit } from '../../../contract';
import { MapFeed, headingOf } from './mapFeed';
import { DRONE_TRACK_POINTS } from './droneTracks';
import { unitsAfterMoves } from './mapEvents';

const ID = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const T0 = 1_700_000_000_000;

const incidentRow = (n: number, version = 1): MapIncidentRow => [
  ID(n),
  103.6 + n * 1e-4,
  36.5,
  'P2',
  'reported',
  false,
  version,
  T0,
];
const incident = (n: number, patch: Partial<Incident>): Incident => ({
  id: ID(n),
  category: 'fire_safety',
  priority: 'P2',
  status: 'reported',
  source: 'resident_call',
  location: { lon: 103.6 + n * 1e-4, lat: 36.5 },
  address: '',
  description: '',
  reporter: '',
  gridCode: null,
  isDrill: false,
  isDemo: false,
  createdAt: T0,
  updatedAt: T0,
  createdBy: 'x',
  version: 1,
  ...patch,
});
const unitRow = (n: number, at = T0): MapUnitRow => [
  ID(1000 + n),
  103.7,
  36.5 + n * 1e-4,
  'vehicle',
  'available',
  at,
];

describe('MapFeed', () => {
  it('holds far more than the queue page: 20,000 incidents from snapshot rows, sent as one add diff', () => {
    const feed = new MapFeed(() => T0);
    feed.replaceIncidents(Array.from({ length: 20_000 }, (_, i) => incidentRow(i)));
    expect(feed.incidents.size).toBe(20_000);
    const diff = feed.incidents.flush()!;
    expect(diff.add).toHaveLength(20_000);
    expect(diff.add[0]!.properties).toEqual({
      id: ID(0),
      priority: 'P2',
      status: 'reported',
      drill: false,
      overdue: false,
    });
  });

  it('applies incident.changed: a status change updates one property, closing removes, old versions are ignored', () => {
    const feed = new MapFeed(() => T0);
    feed.replaceIncidents([incidentRow(1), incidentRow(2)]);
    feed.incidents.flush();
    feed.applyIncident(incident(1, { status: 'dispatched', version: 2 }));
    feed.applyIncident(incident(2, { status: 'closed', version: 3 }));
    feed.applyIncident(incident(2, { status: 'reported', version: 2 })); // late, must not resurrect
    expect(feed.incidents.flush()).toEqual({
      add: [],
      update: [{ id: ID(1), addOrUpdateProperties: [{ key: 'status', value: 'dispatched' }] }],
      remove: [ID(2)],
    });
    feed.applyIncident(incident(3, { version: 1 }));
    expect(feed.incidents.flush()!.add.map((f) => f.id)).toEqual([ID(3)]);
  });

  it('applies units.moved as geometry updates only, skipping unknown units and older positions', () => {
    const feed = new MapFeed(() => T0 + 1000);
    feed.replaceUnits([unitRow(1), unitRow(2, T0 + 5000)]);
    feed.units.flush();
    feed.applyUnitsMoved({
      at: T0 + 1000,
      source: 'avl',
      moves: [
        [ID(1001), 103.71, 36.51],
        [ID(1002), 103.72, 36.52], // its last fix is newer than this batch
        [ID(9999), 103.73, 36.53], // not a positioned unit we know
      ],
    });
    expect(feed.units.flush()).toEqual({
      add: [],
      update: [{ id: ID(1001), newGeometry: { type: 'Point', coordinates: [103.71, 36.51] } }],
      remove: [],
    });
  });

  it('a unit status change (unit.changed) updates its property; the clock turns old positions stale', () => {
    let now = T0;
    const feed = new MapFeed(() => now);
    feed.replaceUnits([unitRow(1)]);
    feed.units.flush();
    const u: Unit = {
      id: ID(1001),
      kind: 'vehicle',
      name: 'v1',
      callsign: '',
      sipUri: '',
      status: 'busy',
      homeGrid: null,
      position: { lon: 103.7, lat: 36.5001 },
      positionAt: T0,
      positionSource: 'x',
      isDemo: false,
    };
    feed.applyUnit(u);
    expect(feed.units.flush()!.update).toEqual([
      { id: ID(1001), addOrUpdateProperties: [{ key: 'status', value: 'busy' }] },
    ]);
    feed.refreshClock();
    expect(feed.units.flush()).toBeNull();
    now = T0 + 60 * 60_000;
    feed.refreshClock();
    expect(feed.units.flush()!.update).toEqual([
      { id: ID(1001), addOrUpdateProperties: [{ key: 'stale', value: true }] },
    ]);
  });

  it('the host SLA set flips `overdue` on exactly the incidents that crossed, both ways', () => {
    const feed = new MapFeed(() => T0);
    feed.replaceIncidents([incidentRow(1), incidentRow(2), incidentRow(3)]);
    feed.incidents.flush();
    // ID(9) is not loaded (another page, or closed): it must not appear or be counted.
    feed.setOverdue([ID(1), ID(9)]);
    expect(feed.overdueCount).toBe(1);
    expect(feed.incidents.flush()).toEqual({
      add: [],
      update: [{ id: ID(1), addOrUpdateProperties: [{ key: 'overdue', value: true }] }],
      remove: [],
    });
    // The same set again: nothing to send.
    feed.setOverdue([ID(1), ID(9)]);
    expect(feed.incidents.flush()).toBeNull();
    // ID(1) accepted in time for the next sweep, ID(2) now late.
    feed.setOverdue([ID(2)]);
    const diff = feed.incidents.flush()!;
    expect(new Map(diff.update.map((u) => [u.id, u.addOrUpdateProperties]))).toEqual(
      new Map([
        [ID(1), [{ key: 'overdue', value: false }]],
        [ID(2), [{ key: 'overdue', value: true }]],
      ]),
    );
    // An incident that opens (or a snapshot row) after the sweep named it comes in already overdue.
    feed.setOverdue([ID(2), ID(4)]);
    feed.applyIncident(incident(4, { version: 1 }));
    expect(feed.incidents.flush()!.add[0]!.properties.overdue).toBe(true);
    feed.replaceIncidents([incidentRow(2)]);
    expect(feed.incidents.get(ID(2))!.properties.overdue).toBe(true);
    expect(feed.overdueCount).toBe(1);
  });

  it('a reported course turns into a heading; a new fix without one, or a batch move, drops it', () => {
    const feed = new MapFeed(() => T0);
    feed.replaceUnits([unitRow(1)]);
    feed.units.flush();
    const moved = (at: number, lon: number, status: Unit['status'] = 'available'): Unit => ({
      id: ID(1001),
      kind: 'vehicle',
      name: 'v1',
      callsign: '',
      sipUri: '',
      status,
      homeGrid: null,
      position: { lon, lat: 36.5001 },
      positionAt: at,
      positionSource: 'aprs:BG0XX',
      isDemo: false,
    });
    feed.applyUnit(moved(T0 + 1, 103.701), 370);
    expect(feed.units.get(ID(1001))!.properties.heading).toBe(10);
    // A status change re-sends the same fix: the heading stays.
    feed.applyUnit(moved(T0 + 1, 103.701, 'busy'));
    expect(feed.units.get(ID(1001))!.properties.heading).toBe(10);
    // A later fix with no course: no arrow pointing where the unit used to go.
    feed.units.flush();
    feed.applyUnit(moved(T0 + 2, 103.702), null);
    const upd = feed.units.flush()!.update[0]!;
    expect(upd.removeProperties).toEqual(['heading']);
    feed.applyUnit(moved(T0 + 3, 103.703), -90);
    expect(feed.units.get(ID(1001))!.properties.heading).toBe(270);
    feed.applyUnitsMoved({ at: T0 + 4, source: 'avl', moves: [[ID(1001), 103.704, 36.5]] });
    expect(feed.units.get(ID(1001))!.properties).not.toHaveProperty('heading');
    expect(headingOf(Number.NaN)).toBeNull();
  });

  it('drones leave a bounded track from every kind of move; other units do not', () => {
    const feed = new MapFeed(() => T0);
    const drone: MapUnitRow = [ID(2001), 103.7, 36.5, 'drone', 'dispatched', T0];
    feed.replaceUnits([drone, unitRow(1)]);
    expect(feed.flushDroneTracks()).toBeNull(); // one fix is not a line yet
    for (let i = 1; i <= DRONE_TRACK_POINTS + 10; i++)
      feed.applyUnitsMoved({
        at: T0 + i,
        source: 'uav',
        moves: [
          [ID(2001), 103.7 + i * 1e-5, 36.5],
          [ID(1001), 103.8, 36.5 + i * 1e-5],
        ],
      });
    const diff = feed.flushDroneTracks()!;
    expect(diff.add).toHaveLength(1);
    const line = diff.add![0]!.geometry as GeoJSON.LineString;
    expect(line.coordinates).toHaveLength(DRONE_TRACK_POINTS);
    expect(line.coordinates[DRONE_TRACK_POINTS - 1]).toEqual([
      103.7 + (DRONE_TRACK_POINTS + 10) * 1e-5,
      36.5,
    ]);
    // A single event fix afterwards is one geometry update of that drone's line, not a reload.
    feed.applyUnit(
      {
        id: ID(2001),
        kind: 'drone',
        name: 'd1',
        callsign: '',
        sipUri: '',
        status: 'dispatched',
        homeGrid: null,
        position: { lon: 103.71, lat: 36.51 },
        positionAt: T0 + 1000,
        positionSource: 'uav',
        isDemo: false,
      },
      45,
    );
    const next = feed.flushDroneTracks()!;
    expect(next.add).toEqual([]);
    expect(next.update!.map((u) => u.id)).toEqual([ID(2001)]);
    // A snapshot without the drone: its track goes.
    feed.replaceUnits([unitRow(1)]);
    expect(feed.flushDroneTracks()!.remove).toEqual([ID(2001)]);
  });

  it('a display transform (GCJ-02 basemap) re-sends every geometry', () => {
    const feed = new MapFeed(() => T0);
    feed.replaceIncidents([incidentRow(1)]);
    feed.incidents.flush();
    feed.setDisplayTransform((lon, lat) => [lon + 1, lat + 1]);
    const [upd] = feed.incidents.flush()!.update;
    expect(upd!.newGeometry).toEqual({ type: 'Point', coordinates: [103.6001 + 1, 37.5] });
  });
});

describe('unitsAfterMoves (the cached unit list)', () => {
  const unit = (n: number): Unit => ({
    id: ID(n),
    kind: 'vehicle',
    name: `v${n}`,
    callsign: '',
    sipUri: '',
    status: 'available',
    homeGrid: null,
    position: { lon: 1, lat: 1 },
    positionAt: T0,
    positionSource: 'gps',
    isDemo: false,
  });

  it('replaces only the moved units, keeping the others by reference', () => {
    const list = [unit(1), unit(2)];
    const next = unitsAfterMoves(list, { at: T0 + 1, source: 'avl', moves: [[ID(2), 2, 3]] })!;
    expect(next[0]).toBe(list[0]);
    expect(next[1]).toMatchObject({
      position: { lon: 2, lat: 3 },
      positionAt: T0 + 1,
      positionSource: 'avl',
    });
    expect(unitsAfterMoves(list, { at: T0 + 1, source: 'avl', moves: [[ID(9), 2, 3]] })).toBeNull();
  });
});
