export interface Bounds {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

/** Bounds around the points, padded, never degenerate. */
export function boundsOf(points: readonly [number, number][]): Bounds | null {
  if (!points.length) return null;
  let minLon = Infinity,
    maxLon = -Infinity,
    minLat = Infinity,
    maxLat = -Infinity;
  for (const [lon, lat] of points) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  const spanLon = Math.max(maxLon - minLon, 0.002);
  const spanLat = Math.max(maxLat - minLat, 0.002);
  const padLon = spanLon * 0.08;
  const padLat = spanLat * 0.08;
  const cx = (minLon + maxLon) / 2;
  const cy = (minLat + maxLat) / 2;
  return {
    minLon: cx - spanLon / 2 - padLon,
    maxLon: cx + spanLon / 2 + padLon,
    minLat: cy - spanLat / 2 - padLat,
    maxLat: cy + spanLat / 2 + padLat,
  };
}

/**
 * Equirectangular projection into a width×height box, keeping the aspect ratio (longitude scaled by
 * cos(latitude)) and centring the data. North is up.
 */
export function makeProjector(b: Bounds, width: number, height: number) {
  const k = Math.cos((((b.minLat + b.maxLat) / 2) * Math.PI) / 180) || 1;
  const spanX = (b.maxLon - b.minLon) * k;
  const spanY = b.maxLat - b.minLat;
  const scale = Math.min(width / spanX, height / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  return (lon: number, lat: number): [number, number] => [
    offX + (lon - b.minLon) * k * scale,
    offY + (b.maxLat - lat) * scale,
  ];
}
