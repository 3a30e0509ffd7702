import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import RBush from 'rbush';

/** A named area on the dispatch map (cordon, jurisdiction, hazard zone), in WGS-84 lon/lat. */
export interface Fence {
  readonly id: string;
  /** GeoJSON; holes (inner rings) are areas that do not belong to the fence, e.g. a safe building in a cordon. */
  readonly area: Polygon | MultiPolygon;
}

interface IndexedFence {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly fence: Fence;
}

/**
 * Answers "which fences contain this point" for many fences: an R-tree over bounding boxes discards almost all
 * fences cheaply, and only the few whose box contains the point get the exact polygon test.
 *
 * Edge rule: fences are closed sets. A point exactly on any ring — outer edge, vertex, or the edge of a hole —
 * is inside. A unit standing on a cordon line is at the cordon, and a closed rule cannot flap between two
 * readings of the same coordinates. (This is turf's default, `ignoreBoundary: false`.)
 */
export class FenceIndex {
  private readonly tree = new RBush<IndexedFence>();
  readonly size: number;

  constructor(fences: readonly Fence[]) {
    const seen = new Set<string>();
    const items: IndexedFence[] = [];
    for (const fence of fences) {
      const problem = fenceProblem(fence);
      if (problem)
        throw new RangeError(`Fence "${fence.id}" cannot be used: ${problem}. Redraw it on the map.`);
      if (seen.has(fence.id))
        throw new RangeError(`Fence id "${fence.id}" appears twice; each fence needs its own id.`);
      seen.add(fence.id);
      items.push({ ...boundingBox(fence.area), fence });
    }
    this.tree.load(items);
    this.size = items.length;
  }

  /** Ids of the fences containing (lon, lat), boundary included. */
  fencesAt(lon: number, lat: number): Set<string> {
    const inside = new Set<string>();
    for (const candidate of this.tree.search({ minX: lon, minY: lat, maxX: lon, maxY: lat })) {
      if (booleanPointInPolygon([lon, lat], candidate.fence.area)) inside.add(candidate.fence.id);
    }
    return inside;
  }
}

function polygonsOf(area: Polygon | MultiPolygon): Position[][][] {
  return area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
}

function boundingBox(area: Polygon | MultiPolygon): {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
} {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygonsOf(area)) {
    // Holes lie within the outer ring, so the outer ring alone bounds the polygon.
    for (const [x, y] of polygon[0] ?? []) {
      if (x === undefined || y === undefined) continue;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return { minX, minY, maxX, maxY };
}

/** Why a fence shape cannot be tested reliably, or undefined if it can. */
export function fenceProblem(fence: Fence): string | undefined {
  if (fence.id.trim() === '') return 'it has no id';
  if (fence.area.type !== 'Polygon' && fence.area.type !== 'MultiPolygon')
    return `its shape is a ${String((fence.area as { type: unknown }).type)}, not an area`;
  const polygons = polygonsOf(fence.area);
  if (polygons.length === 0) return 'it has no polygon';
  for (const polygon of polygons) {
    if (polygon.length === 0) return 'a polygon has no outline';
    for (const ring of polygon) {
      if (ring.length < 4) return 'a ring has fewer than 3 corners';
      for (const position of ring) {
        const [lon, lat] = position;
        if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat))
          return 'a corner has a missing or non-numeric coordinate';
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
          return `a corner (${lon}, ${lat}) is outside the range of longitude/latitude`;
      }
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (!first || !last || first[0] !== last[0] || first[1] !== last[1])
        return 'a ring is not closed (its last corner must repeat the first)';
    }
  }
  return undefined;
}
