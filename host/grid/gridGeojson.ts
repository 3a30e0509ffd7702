import { kinks } from '@turf/kinks';
import { booleanWithin } from '@turf/boolean-within';
import {
  GRID_LEVELS,
  type GridCell,
  type GridFeatureCollection,
  type GridLevel,
  type GridProblem,
  type GridProblemReason,
} from '../../contract';

/** CRS names that mean WGS-84 lon/lat; anything else (EPSG:3857, CGCS2000 projected …) is refused. */
const WGS84_CRS = new Set([
  'urn:ogc:def:crs:OGC:1.3:CRS84',
  'urn:ogc:def:crs:OGC::CRS84',
  'EPSG:4326',
  'urn:ogc:def:crs:EPSG::4326',
]);
const MAX_PROBLEMS = 50;

export type GridParseResult = { ok: true; cells: GridCell[] } | { ok: false; problems: GridProblem[] };
type Params = Record<string, string | number>;

/** The English text of each reason (logs, the HostError's issues, tools that do not translate). */
const ENGLISH: Record<GridProblemReason, (p: Params) => string> = {
  not_collection: () => 'expected a GeoJSON FeatureCollection with a "features" array',
  crs_not_wgs84: (p) =>
    `coordinate system "${p.crs}" is not WGS-84; export the file as EPSG:4326 (RFC 7946 GeoJSON)`,
  no_features: () => 'the file has no features',
  not_feature: () => 'not a GeoJSON Feature',
  bad_code: () => 'properties.code must be 1–64 letters, digits, "_", "." or "-"',
  no_name: () => 'properties.name is missing',
  bad_level: (p) => `properties.level must be one of ${p.levels}`,
  bad_parent_type: () => 'properties.parentCode must be a code or null',
  bad_units: () => 'properties.responsibleUnits must be a list of unit ids',
  duplicate_code: (p) => `code ${p.code} is used again (first at features.${p.first})`,
  not_polygon: (p) => `geometry must be a Polygon, got ${p.type}`,
  no_rings: () => 'Polygon has no rings',
  ring_too_short: (p) => `${ringName(p)} needs at least 4 positions (a closed ring)`,
  ring_bad_position: (p) => `${ringName(p)} has a position that is not [longitude, latitude]`,
  ring_projected: (p) =>
    `${ringName(p)} has ${p.position}, outside longitude/latitude range — the file looks projected (e.g. EPSG:3857); export it as WGS-84 (EPSG:4326)`,
  ring_open: (p) => `${ringName(p)} is not closed (its first and last positions differ)`,
  self_intersection: (p) => `the polygon intersects itself at ${p.at}`,
  street_has_parent: () => 'a street has no parent; set parentCode to null',
  parent_missing: (p) => `a ${p.level} needs the code of its ${p.parentLevel}`,
  parent_unknown: (p) => `parent ${p.parent} is neither in the file nor already imported`,
  parent_refused: (p) => `parent ${p.parent} is in the file but was refused itself (see its own problem)`,
  parent_wrong_level: (p) =>
    `parent ${p.parent} is a ${p.actual}; a ${p.level}'s parent must be a ${p.parentLevel}`,
  not_inside_parent: (p) => `the polygon is not inside its parent ${p.parent}`,
};

function ringName(p: Params): string {
  return p.ring === 0 ? 'the outer ring' : `hole ${p.ring}`;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

type RingProblem = { reason: GridProblemReason; params: Params };

function ringProblem(ring: unknown, r: number): RingProblem | null {
  if (!Array.isArray(ring) || ring.length < 4) return { reason: 'ring_too_short', params: { ring: r } };
  for (const p of ring) {
    if (
      !Array.isArray(p) ||
      p.length < 2 ||
      typeof p[0] !== 'number' ||
      typeof p[1] !== 'number' ||
      !Number.isFinite(p[0]) ||
      !Number.isFinite(p[1])
    ) {
      return { reason: 'ring_bad_position', params: { ring: r } };
    }
    if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
      return { reason: 'ring_projected', params: { ring: r, position: JSON.stringify(p.slice(0, 2)) } };
    }
  }
  const [a, b] = [ring[0] as number[], ring[ring.length - 1] as number[]];
  if (a[0] !== b[0] || a[1] !== b[1]) return { reason: 'ring_open', params: { ring: r } };
  return null;
}

type Where = Pick<GridProblem, 'path' | 'feature' | 'code' | 'name'>;

function problem(at: Where, reason: GridProblemReason, params: Params): GridProblem {
  return { ...at, reason, params, message: ENGLISH[reason](params) };
}

/** Cells per level, for the import summary and the hierarchy screen. */
export function countByLevel(cells: readonly Pick<GridCell, 'level'>[]): Record<GridLevel, number> {
  const counts = Object.fromEntries(GRID_LEVELS.map((l) => [l, 0])) as Record<GridLevel, number>;
  for (const c of cells) counts[c.level]++;
  return counts;
}

/**
 * Reads a four-level grid from GeoJSON and checks everything before anything is stored: feature shape,
 * polygon geometry (closed rings, WGS-84 range, no self-intersections), unique codes, levels, and parents (one
 * level up, present in the file or already stored, containing the child). Each problem names the feature.
 */
export function parseGridGeojson(input: unknown, existing: readonly GridCell[]): GridParseResult {
  const problems: GridProblem[] = [];
  const add = (at: Where, reason: GridProblemReason, params: Params = {}) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem(at, reason, params));
  };
  const fileWide = (path: string, reason: GridProblemReason, params: Params = {}): GridParseResult => ({
    ok: false,
    problems: [problem({ path, feature: null, code: null, name: null }, reason, params)],
  });
  if (!isObj(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    return fileWide('(file)', 'not_collection');
  }
  const crs = isObj(input.crs) && isObj(input.crs.properties) ? input.crs.properties.name : undefined;
  if (crs !== undefined && !WGS84_CRS.has(String(crs))) {
    return fileWide('crs', 'crs_not_wgs84', { crs: String(crs).slice(0, 200) });
  }
  if (input.features.length === 0) return fileWide('features', 'no_features');

  const cells: GridCell[] = [];
  const seen = new Map<string, number>();
  input.features.forEach((f, i) => {
    const props = isObj(f) && isObj(f.properties) ? f.properties : {};
    const label: Where = {
      path: `features.${i}${typeof props.code === 'string' ? ` (${props.code})` : ''}`,
      feature: i,
      code: typeof props.code === 'string' ? props.code.slice(0, 64) : null,
      name: typeof props.name === 'string' ? props.name.slice(0, 100) : null,
    };
    if (!isObj(f) || f.type !== 'Feature') return add(label, 'not_feature');
    const code = props.code;
    const name = props.name;
    const level = props.level;
    const parent = props.parentCode ?? props.parent_code ?? null;
    const units = props.responsibleUnits ?? props.responsible_units ?? [];
    if (typeof code !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(code)) return add(label, 'bad_code');
    if (typeof name !== 'string' || name.trim() === '') return add(label, 'no_name');
    if (typeof level !== 'string' || !(GRID_LEVELS as readonly string[]).includes(level)) {
      return add(label, 'bad_level', { levels: GRID_LEVELS.join(', ') });
    }
    if (parent !== null && typeof parent !== 'string') return add(label, 'bad_parent_type');
    if (!Array.isArray(units) || !units.every((u) => typeof u === 'string')) return add(label, 'bad_units');
    if (seen.has(code)) return add(label, 'duplicate_code', { code, first: seen.get(code)! });
    seen.set(code, i);

    const g = f.geometry;
    if (!isObj(g) || g.type !== 'Polygon') {
      return add(label, 'not_polygon', { type: isObj(g) ? String(g.type).slice(0, 40) : 'none' });
    }
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return add(label, 'no_rings');
    for (const [r, ring] of (g.coordinates as unknown[]).entries()) {
      const p = ringProblem(ring, r);
      if (p) return add(label, p.reason, p.params);
    }
    const geometry = { type: 'Polygon' as const, coordinates: g.coordinates as [number, number][][] };
    const k = kinks(geometry);
    if (k.features.length > 0) {
      const at = k.features[0]!.geometry.coordinates.map((v) => v.toFixed(6)).join(', ');
      return add(label, 'self_intersection', { at });
    }
    cells.push({
      code,
      name: name.trim(),
      level: level as GridLevel,
      parentCode: parent,
      geometry,
      responsibleUnits: units as string[],
      isDemo: false,
    });
  });

  // Parents: present (in the file or stored), exactly one level up, and containing the child.
  const byCode = new Map<string, GridCell>(existing.map((c) => [c.code, c]));
  for (const c of cells) byCode.set(c.code, c);
  cells.forEach((c) => {
    const i = seen.get(c.code)!;
    const label: Where = { path: `features.${i} (${c.code})`, feature: i, code: c.code, name: c.name };
    const depth = GRID_LEVELS.indexOf(c.level);
    if (depth === 0) {
      if (c.parentCode !== null) add(label, 'street_has_parent');
      return;
    }
    const parentLevel = GRID_LEVELS[depth - 1]!;
    if (c.parentCode === null) return add(label, 'parent_missing', { level: c.level, parentLevel });
    const parent = byCode.get(c.parentCode);
    if (!parent) {
      // Named in the file but refused above: say so, rather than claim it is missing.
      const refused = seen.has(c.parentCode);
      return add(label, refused ? 'parent_refused' : 'parent_unknown', { parent: c.parentCode.slice(0, 64) });
    }
    if (parent.level !== parentLevel) {
      return add(label, 'parent_wrong_level', {
        parent: c.parentCode,
        actual: parent.level,
        level: c.level,
        parentLevel,
      });
    }
    if (!booleanWithin(c.geometry, parent.geometry))
      add(label, 'not_inside_parent', { parent: c.parentCode });
  });

  return problems.length > 0 ? { ok: false, problems } : { ok: true, cells };
}

export function gridToGeojson(cells: readonly GridCell[]): GridFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: cells.map((c) => ({
      type: 'Feature',
      properties: {
        level: c.level,
        code: c.code,
        name: c.name,
        parentCode: c.parentCode,
        responsibleUnits: c.responsibleUnits,
      },
      geometry: c.geometry,
    })),
  };
}
