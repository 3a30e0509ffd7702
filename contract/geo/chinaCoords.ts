import type { LonLat } from '../domain/geo';

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
const KRASOVSKY_EE = 0.00669342162296594323;
/** BD-09 uses this scaled π in its extra rotation; the constant comes from Baidu's published transform. */
const BD_X_PI = (Math.PI * 3000.0) / 180.0;

/** Iteration stops when the forward image of the estimate is this close to the GCJ-02 input (degrees). */
const INVERSE_TOLERANCE_DEG = 1e-10;
const INVERSE_MAX_STEPS = 30;

/** A box in degrees: west/south/east/north. */
interface Box {
  readonly w: number;
  readonly s: number;
  readonly e: number;
  readonly n: number;
}

/*
 * Where is the GCJ-02 shift applied?
 *
 * Choice: the "region minus exclusions" rectangles first published by Aimeast (cnblogs, 2012-08-09, "ChinaMapShift")
 * and reused by many ports (e.g. presscad/eagle-util Utils/geo/geo_utils_in_china.cpp). Reasons:
 *  - The plain bounding box used by eviltransform / coordtransform (lon 72.004–137.8347, lat 0.8293–55.8271) shifts
 *    Seoul, Pyongyang, Ulaanbaatar, Hanoi, Vladivostok and all of Taiwan, where GCJ-02 basemaps show unshifted
 *    (WGS-84) data; a unit crossing those borders would jump ~500 m on the map.
 *  - A real border polygon (e.g. Natural Earth 1:110m) is too tight at the coast: ships, islands and shoreline
 *    points would fall "outside" and lose the shift while the basemap around them is shifted.
 *  - The rectangles are generous at the coast, exclude Taiwan, Korea, Mongolia, Vietnam/Laos and the Russian Far
 *    East, and keep Hong Kong and Macau inside — matching AMap/Tencent, which draw HK and Macau in GCJ-02 too.
 * The trade-off: within a few tens of km of the land borders the rectangles are coarse. That is acceptable for a
 * dispatch console whose units operate inside one district.
 */
function box(lat1: number, lon1: number, lat2: number, lon2: number): Box {
  return {
    w: Math.min(lon1, lon2),
    e: Math.max(lon1, lon2),
    s: Math.min(lat1, lat2),
    n: Math.max(lat1, lat2),
  };
}

const SHIFT_REGION: readonly Box[] = [
  box(49.2204, 79.4462, 42.8899, 96.33),
  box(54.1415, 109.6872, 39.3742, 135.0002),
  box(42.8899, 73.1246, 29.5297, 124.143255),
  box(29.5297, 82.9684, 26.7186, 97.0352),
  box(29.5297, 97.0253, 20.414096, 124.367395),
  box(20.414096, 107.975793, 17.871542, 111.744104),
];

const SHIFT_EXCLUSIONS: readonly Box[] = [
  box(25.398623, 119.921265, 21.785006, 122.497559), // Taiwan
  box(22.284, 101.8652, 20.0988, 106.665), // northern Laos / Vietnam
  box(21.5422, 106.4525, 20.4878, 108.051), // northern Vietnam coast
  box(55.8175, 109.0323, 50.3257, 119.127), // Russia / Mongolia north of Inner Mongolia
  box(55.8175, 127.4568, 49.5574, 137.0227), // Russian Far East north of Heilongjiang
  box(44.8922, 131.2662, 42.5692, 137.0227), // Primorsky Krai, Vladivostok
];

function inBox(b: Box, lon: number, lat: number): boolean {
  return lon >= b.w && lon <= b.e && lat >= b.s && lat <= b.n;
}

/** True where GCJ-02 basemaps are shifted: mainland China, Hong Kong and Macau; not Taiwan or neighbours. */
export function isInChinaShiftArea(p: LonLat): boolean {
  if (!Number.isFinite(p.lon) || !Number.isFinite(p.lat)) return false;
  return (
    SHIFT_REGION.some((b) => inBox(b, p.lon, p.lat)) && !SHIFT_EXCLUSIONS.some((b) => inBox(b, p.lon, p.lat))
  );
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
 * GCJ-02 → WGS-84 by iteration: find w with forward(w) = g. The offset changes by ~1e-5 per degree, so each step
 * gains about five digits; three or four steps reach 1e-10°. The common one-step "g − offset(g)" shortcut
 * (coordtransform's gcj02towgs84) leaves ~1e-6° (several cm) of error, so a WGS-84 → GCJ-02 → WGS-84 round trip
 * would drift each time a position is edited on the map; iterating makes the round trip exact to 1e-10°.
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
