import type { LonLat } from '../domain/geo';
import {
  HONG_KONG_RING,
  MACAU_RING,
  MAINLAND_SHIFT_RING,
  MAINLAND_SHIFT_SOUTH_LIMIT,
} from './mainlandShiftArea';

/**
 * The one place that converts between WGS-84 (what GPS, the database and every stored position use) and the
 * Chinese display datums: GCJ-02 (AMap, Tencent and most mainland basemaps) and BD-09 (Baidu).
 *
 * Positions are stored as WGS-84 always; these functions exist only so markers line up with a GCJ-02 or BD-09
 * basemap, and so a click on such a basemap can be turned back into WGS-84 before it is saved.
 *
 * Forward WGS-84 → GCJ-02 is the widely published leaked algorithm (Krasovsky 1940 ellipsoid); the reverse has no
 * closed form, so it is solved by fixed-point iteration to well under 1e-7° (≈1 cm).
 */

/** Krasovsky 1940 semi-major axis, metres, as used by the GCJ-02 algorithm. */
const KRASOVSKY_A = 6378245.0;
/** Krasovsky 1940 first eccentricity squared. */
const KRASOVSKY_EE = 0.006693421622965943; // 0.00669342162296594323 as a double
/** BD-09 uses this scaled π in its extra rotation; the constant comes from Baidu's published transform. */
const BD_X_PI = (Math.PI * 3000.0) / 180.0;

/** Iteration stops when the forward image of the estimate is this close to the GCJ-02 input (degrees). */
const INVERSE_TOLERANCE_DEG = 1e-10;
const INVERSE_MAX_STEPS = 30;

/**
 * True where GCJ-02 basemaps are shifted: mainland China including Hainan and the near-shore islands; not Hong Kong,
 * Macau, Taiwan or neighbouring countries. See mainlandShiftArea.ts for how the outline was made and measured.
 */
export function isInChinaShiftArea(p: LonLat): boolean {
  const { lon, lat } = p;
  if (!Number.isFinite(lon) || !Number.isFinite(lat)) return false;
  if (lat < MAINLAND_SHIFT_SOUTH_LIMIT || lon < AREA_BOX.w || lon > AREA_BOX.e || lat > AREA_BOX.n)
    return false;
  return (
    inRing(MAINLAND_SHIFT_RING, lon, lat) &&
    !inRing(HONG_KONG_RING, lon, lat) &&
    !inRing(MACAU_RING, lon, lat)
  );
}

/** Bounding box of the mainland ring, so most of the world is answered without walking 200 edges. */
const AREA_BOX = ringBox(MAINLAND_SHIFT_RING);

function ringBox(ring: readonly number[]): { w: number; s: number; e: number; n: number } {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (let i = 0; i + 1 < ring.length; i += 2) {
    const x = ring[i] as number;
    const y = ring[i + 1] as number;
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  return { w, s, e, n };
}

/**
 * Even-odd ray casting over a flat [lon, lat, ...] ring (implicitly closed). Exact edge behaviour does not matter
 * here: the outlines are approximations drawn well away from anything they must separate.
 */
function inRing(ring: readonly number[], lon: number, lat: number): boolean {
  let inside = false;
  const count = ring.length / 2;
  for (let i = 0, j = count - 1; i < count; j = i++) {
    const xi = ring[2 * i] as number;
    const yi = ring[2 * i + 1] as number;
    const xj = ring[2 * j] as number;
    const yj = ring[2 * j + 1] as number;
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The published polynomial+sine terms; x, y are offsets from (105°E, 35°N). Returns metres on the ellipsoid. */
function shiftTermLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function shiftTermLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** The GCJ-02 offset (degrees) at a WGS-84 point, ignoring where it applies. */
function gcjOffset(lon: number, lat: number): { dLon: number; dLat: number } {
  const dLatRaw = shiftTermLat(lon - 105.0, lat - 35.0);
  const dLonRaw = shiftTermLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  const sinLat = Math.sin(radLat);
  const magic = 1 - KRASOVSKY_EE * sinLat * sinLat;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (dLatRaw * 180.0) / (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (dLonRaw * 180.0) / ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { dLon, dLat };
}

/** WGS-84 → GCJ-02. Points outside the shift area are returned unchanged (as a copy). */
export function wgs84ToGcj02(p: LonLat): LonLat {
  if (!isInChinaShiftArea(p)) return { lon: p.lon, lat: p.lat };
  const { dLon, dLat } = gcjOffset(p.lon, p.lat);
  return { lon: p.lon + dLon, lat: p.lat + dLat };
}

/**
 * GCJ-02 → WGS-84 by iteration: find w with forward(w) = g. The offset varies slowly (a few thousandths of its
 * size per degree), so each step gains two to three digits; at most five steps reach 1e-10° anywhere in China.
 * The common one-step "g − offset(g)" shortcut (coordtransform's gcj02towgs84) leaves up to ~4e-5° (several
 * metres in the west), and a position edited on the map would drift with each WGS-84 → GCJ-02 → WGS-84 round trip.
 * Points whose GCJ-02 position is outside the shift area are returned unchanged.
 */
export function gcj02ToWgs84(p: LonLat): LonLat {
  if (!isInChinaShiftArea(p)) return { lon: p.lon, lat: p.lat };
  let lon = p.lon;
  let lat = p.lat;
  for (let step = 0; step < INVERSE_MAX_STEPS; step++) {
    const { dLon, dLat } = gcjOffset(lon, lat);
    const errLon = lon + dLon - p.lon;
    const errLat = lat + dLat - p.lat;
    lon -= errLon;
    lat -= errLat;
    if (Math.abs(errLon) < INVERSE_TOLERANCE_DEG && Math.abs(errLat) < INVERSE_TOLERANCE_DEG) break;
  }
  return { lon, lat };
}

/**
 * GCJ-02 → BD-09 (Baidu). Baidu applies its extra rotation everywhere it draws, so there is no area test here;
 * callers convert only positions that are shown on a Baidu basemap.
 */
export function gcj02ToBd09(p: LonLat): LonLat {
  const x = p.lon;
  const y = p.lat;
  const z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * BD_X_PI);
  const theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * BD_X_PI);
  return { lon: z * Math.cos(theta) + 0.0065, lat: z * Math.sin(theta) + 0.006 };
}

/**
 * BD-09 → GCJ-02, the published closed-form approximation. Round-trip error is below 3e-6° (~30 cm); kept because
 * it is what Baidu's own samples and the reference libraries use, so values match theirs exactly.
 */
export function bd09ToGcj02(p: LonLat): LonLat {
  const x = p.lon - 0.0065;
  const y = p.lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * BD_X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * BD_X_PI);
  return { lon: z * Math.cos(theta), lat: z * Math.sin(theta) };
}

export function wgs84ToBd09(p: LonLat): LonLat {
  return gcj02ToBd09(wgs84ToGcj02(p));
}

export function bd09ToWgs84(p: LonLat): LonLat {
  return gcj02ToWgs84(bd09ToGcj02(p));
}
