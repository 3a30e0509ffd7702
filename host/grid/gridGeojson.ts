import { kinks } from '@turf/kinks';
import { booleanWithin } from '@turf/boolean-within';
import {
  GRID_LEVELS,
  type ErrorIssue,
  type GridCell,
  type GridFeatureCollection,
  type GridLevel,
} from '../../contract';

/** CRS names that mean WGS-84 lon/lat; anything else (EPSG:3857, CGCS2000 projected …) is refused. */
const WGS84_CRS = new Set([
  'urn:ogc:def:crs:OGC:1.3:CRS84',
  'urn:ogc:def:crs:OGC::CRS84',
  'EPSG:4326',
  'urn:ogc:def:crs:EPSG::4326',
]);
const MAX_PROBLEMS = 50;

export type GridParseResult = { ok: true; cells: GridCell[] } | { ok: false; problems: ErrorIssue[] };

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function ringProblem(ring: unknown, which: string): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return `${which} needs at least 4 positions (a closed ring)`;
  for (const p of ring) {
    if (
      !Array.isArray(p) ||
      p.length < 2 ||
      typeof p[0] !== 'number' ||
      typeof p[1] !== 'number' ||
      !Number.isFinite(p[0]) ||
      !Number.isFinite(p[1])
    ) {
      return `${which} has a position that is not [longitude, latitude]`;
    }
    if (Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
      return `${which} has ${JSON.stringify(p.slice(0, 2))}, outside longitude/latitude range — the file looks projected (e.g. EPSG:3857); export it as WGS-84 (EPSG:4326)`;
    }
  }
  const [a, b] = [ring[0] as number[], ring[ring.length - 1] as number[]];
  if (a[0] !== b[0] || a[1] !== b[1]) return `${which} is not closed (its first and last positions differ)`;
  return null;
}

/**
 * Reads a four-level grid from GeoJSON and checks everything before anything is stored: feature shape,
 * polygon geometry (closed rings, WGS-84 range, no self-intersections), unique codes, levels, and parents (one
 * level up, present in the file or already stored, containing the child). Each problem names the feature.
 */
export function parseGridGeojson(input: unknown, existing: readonly GridCell[]): GridParseResult {
  const problems: ErrorIssue[] = [];
  const add = (path: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path, message });
  };
  if (!isObj(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    return {
      ok: false,
      problems: [{ path: '(file)', message: 'expected a GeoJSON FeatureCollection with a "features" array' }],
    };
  }
  const crs = isObj(input.crs) && isObj(input.crs.properties) ? input.crs.properties.name : undefined;
  if (crs !== undefined && !WGS84_CRS.has(String(crs))) {
    return {
      ok: false,
      problems: [
        {
          path: 'crs',
          message: `coordinate system "${String(crs)}" is not WGS-84; export the file as EPSG:4326 (RFC 7946 GeoJSON)`,
        },
      ],
    };
  }
  if (input.features.length === 0)
    return { ok: false, problems: [{ path: 'features', message: 'the file has no features' }] };

  const cells: GridCell[] = [];
  const seen = new Map<string, number>();
  input.features.forEach((f, i) => {
    const props = isObj(f) && isObj(f.properties) ? f.properties : {};
    const label = `features.${i}${typeof props.code === 'string' ? ` (${props.code})` : ''}`;
    if (!isObj(f) || f.type !== 'Feature') return add(label, 'not a GeoJSON Feature');
    const code = props.code;
    const name = props.name;
    const level = props.level;
    const parent = props.parentCode ?? props.parent_code ?? null;
    const units = props.responsibleUnits ?? props.responsible_units ?? [];
    if (typeof code !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(code))
      return add(label, 'properties.code must be 1–64 letters, digits, "_", "." or "-"');
    if (typeof name !== 'string' || name.trim() === '') return add(label, 'properties.name is missing');
    if (typeof level !== 'string' || !(GRID_LEVELS as readonly string[]).includes(level)) {
      return add(label, `properties.level must be one of ${GRID_LEVELS.join(', ')}`);
    }
    if (parent !== null && typeof parent !== 'string')
      return add(label, 'properties.parentCode must be a code or null');
    if (!Array.isArray(units) || !units.every((u) => typeof u === 'string'))
      return add(label, 'properties.responsibleUnits must be a list of unit ids');
    if (seen.has(code)) return add(label, `code ${code} is used again (first at features.${seen.get(code)})`);
    seen.set(code, i);

    const g = f.geometry;
    if (!isObj(g) || g.type !== 'Polygon') {
      return add(label, `geometry must be a Polygon, got ${isObj(g) ? String(g.type) : 'none'}`);
    }
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0)
      return add(label, 'Polygon has no rings');
    for (const [r, ring] of (g.coordinates as unknown[]).entries()) {
      const p = ringProblem(ring, r === 0 ? 'the outer ring' : `hole ${r}`);
      if (p) return add(label, p);
    }
    const geometry = { type: 'Polygon' as const, coordinates: g.coordinates as [number, number][][] };
    const k = kinks(geometry);
    if (k.features.length > 0) {
      const at = k.features[0]!.geometry.coordinates.map((v) => v.toFixed(6)).join(', ');
      return add(label, `the polygon intersects itself at ${at}`);
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
    const label = `features.${seen.get(c.code)} (${c.code})`;
    const depth = GRID_LEVELS.indexOf(c.level);
    if (depth === 0) {
      if (c.parentCode !== null) add(label, 'a street has no parent; set parentCode to null');
      return;
    }
    if (c.parentCode === null)
      return add(label, `a ${c.level} needs the code of its ${GRID_LEVELS[depth - 1]}`);
    const parent = byCode.get(c.parentCode);
    if (!parent) return add(label, `parent ${c.parentCode} is neither in the file nor already imported`);
    if (parent.level !== GRID_LEVELS[depth - 1]) {
      return add(
        label,
        `parent ${c.parentCode} is a ${parent.level}; a ${c.level}'s parent must be a ${GRID_LEVELS[depth - 1]}`,
      );
    }
    if (!booleanWithin(c.geometry, parent.geometry))
      add(label, `the polygon is not inside its parent ${c.parentCode}`);
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
