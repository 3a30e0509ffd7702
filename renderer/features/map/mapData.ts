import type { FeatureCollection, Point, Polygon } from 'geojson';
import type { GridCell, Incident, Unit } from '../../../contract';

/** A unit position older than this is drawn as stale: the dispatcher must not trust where it appears. */
export const UNIT_STALE_MS = 10 * 60 * 1000;

export type IncidentProps = {
  id: string;
  priority: Incident['priority'];
  status: Incident['status'];
  drill: boolean;
};
export type UnitProps = {
  id: string;
  name: string;
  kind: Unit['kind'];
  status: Unit['status'];
  stale: boolean;
};
export type GridProps = { code: string; name: string; level: GridCell['level'] };

export function incidentFeatures(items: readonly Incident[]): FeatureCollection<Point, IncidentProps> {
  return {
    type: 'FeatureCollection',
    features: items.map((i) => ({
      type: 'Feature',
      id: i.id,
      properties: { id: i.id, priority: i.priority, status: i.status, drill: i.isDrill },
      geometry: { type: 'Point', coordinates: [i.location.lon, i.location.lat] },
    })),
  };
}

export function unitFeatures(
  units: readonly Unit[],
  now: number,
  staleMs = UNIT_STALE_MS,
): FeatureCollection<Point, UnitProps> {
  return {
    type: 'FeatureCollection',
    features: units
      .filter((u) => u.position)
      .map((u) => ({
        type: 'Feature',
        id: u.id,
        properties: {
          id: u.id,
          name: u.name,
          kind: u.kind,
          status: u.status,
          stale: u.positionAt === null || now - u.positionAt > staleMs,
        },
        geometry: { type: 'Point', coordinates: [u.position!.lon, u.position!.lat] },
      })),
  };
}

export function gridFeatures(cells: readonly GridCell[]): FeatureCollection<Polygon, GridProps> {
  return {
    type: 'FeatureCollection',
    features: cells.map((c) => ({
      type: 'Feature',
      properties: { code: c.code, name: c.name, level: c.level },
      geometry: c.geometry,
    })),
  };
}

/** [west, south, east, north] around the street (or all cells) and every incident, or null when empty. */
export function boundsOf(
  cells: readonly GridCell[],
  items: readonly Incident[],
): [number, number, number, number] | null {
  const xs: number[] = [];
  const ys: number[] = [];
  const street = cells.filter((c) => c.level === 'street');
  for (const c of street.length ? street : cells) {
    for (const [x, y] of c.geometry.coordinates[0] ?? []) {
      xs.push(x);
      ys.push(y);
    }
  }
  for (const i of items) {
    xs.push(i.location.lon);
    ys.push(i.location.lat);
  }
  if (!xs.length) return null;
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Where a cell's label goes: the centre of its outer ring's bounding box (cells are compact shapes). */
export function labelPoint(c: GridCell): [number, number] {
  const ring = c.geometry.coordinates[0] ?? [];
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

export type GridLabelProps = { code: string; name: string; level: GridCell['level'] };

/** One point per cell at its label position, for the grid-label symbol layers. */
export function gridLabelFeatures(cells: readonly GridCell[]): FeatureCollection<Point, GridLabelProps> {
  return {
    type: 'FeatureCollection',
    features: cells.map((c) => ({
      type: 'Feature',
      properties: { code: c.code, name: c.name, level: c.level },
      geometry: { type: 'Point', coordinates: labelPoint(c) },
    })),
  };
}
