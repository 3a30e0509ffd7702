import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LonLat } from '../domain/geo';
import {
  bd09ToGcj02,
  bd09ToWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  isInChinaShiftArea,
  wgs84ToBd09,
  wgs84ToGcj02,
} from './chinaCoords';

function expectNear(actual: LonLat, expected: LonLat, tolerance: number): void {
  expect(Math.abs(actual.lon - expected.lon)).toBeLessThan(tolerance);
  expect(Math.abs(actual.lat - expected.lat)).toBeLessThan(tolerance);
}

describe('published reference pairs', () => {
  // wandergis/coordtransform, test/app.js ("//result" block), input (116.404, 39.915) for every function.
  const input = { lon: 116.404, lat: 39.915 };

  it('WGS-84 → GCJ-02 matches coordtransform wgs84togcj02 to the last digit', () => {
    expectNear(wgs84ToGcj02(input), { lon: 116.41024449916938, lat: 39.91640428150164 }, 1e-12);
  });

  it('GCJ-02 → BD-09 matches coordtransform gcj02tobd09', () => {
    expectNear(gcj02ToBd09(input), { lon: 116.41036949371029, lat: 39.92133699351021 }, 1e-12);
  });

  it('BD-09 → GCJ-02 matches coordtransform bd09togcj02', () => {
    expectNear(bd09ToGcj02(input), { lon: 116.39762729119315, lat: 39.90865673957631 }, 1e-12);
  });

  it('GCJ-02 → WGS-84 agrees with coordtransform gcj02towgs84 to its one-step accuracy, and is exact on re-forward', () => {
    // coordtransform uses the one-step shortcut (≈1e-6° error); ours iterates, so agree only to 1e-6 ...
    const wgs = gcj02ToWgs84(input);
    expectNear(wgs, { lon: 116.39775550083061, lat: 39.91359571849836 }, 1e-6);
    // ... but ours maps back onto the input exactly, which the shortcut does not.
    expectNear(wgs84ToGcj02(wgs), input, 1e-9);
  });

  // googollee/eviltransform test vectors (shanghai, shenzhen, beijing), as carried in its ports' test suites,
  // e.g. larryli/eviltransform tests/EvilTransformTest.php. Given there as (wgsLat, wgsLng, gcjLat, gcjLng).
  const evilTransformVectors: Array<[string, number, number, number, number]> = [
    ['shanghai', 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
    ['shenzhen', 22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
    ['beijing', 39.911954, 116.377817, 39.91334545536069, 116.38404722455657],
  ];

  for (const [city, wgsLat, wgsLon, gcjLat, gcjLon] of evilTransformVectors) {
    it(`eviltransform ${city}: forward matches and inverse recovers the WGS-84 point`, () => {
      expectNear(wgs84ToGcj02({ lon: wgsLon, lat: wgsLat }), { lon: gcjLon, lat: gcjLat }, 1e-9);
      expectNear(gcj02ToWgs84({ lon: gcjLon, lat: gcjLat }), { lon: wgsLon, lat: wgsLat }, 1e-7);
    });
  }
});

describe('where the shift applies', () => {
  const shifted: Array<[string, LonLat]> = [
    ['Beijing', { lon: 116.4074, lat: 39.9042 }],
    ['Urumqi', { lon: 87.6168, lat: 43.8256 }],
    ['Lhasa', { lon: 91.1172, lat: 29.6469 }],
    ['Harbin', { lon: 126.5349, lat: 45.8038 }],
    ['Sanya (Hainan)', { lon: 109.5119, lat: 18.2528 }],
    ['Hong Kong (AMap draws it in GCJ-02)', { lon: 114.1694, lat: 22.3193 }],
    ['Macau', { lon: 113.5439, lat: 22.1987 }],
  ];
  for (const [place, p] of shifted) {
    it(`shifts ${place}`, () => {
      expect(isInChinaShiftArea(p)).toBe(true);
      const g = wgs84ToGcj02(p);
      expect(Math.hypot(g.lon - p.lon, g.lat - p.lat)).toBeGreaterThan(1e-4);
    });
  }

  const unshifted: Array<[string, LonLat]> = [
    ['Taipei', { lon: 121.5654, lat: 25.033 }],
    ['Kaohsiung', { lon: 120.3014, lat: 22.6273 }],
    ['Seoul', { lon: 126.978, lat: 37.5665 }],
    ['Pyongyang', { lon: 125.7625, lat: 39.0392 }],
    ['Ulaanbaatar', { lon: 106.9057, lat: 47.8864 }],
    ['Hanoi', { lon: 105.8342, lat: 21.0278 }],
    ['Vladivostok', { lon: 131.8869, lat: 43.1155 }],
    ['Tokyo', { lon: 139.6917, lat: 35.6895 }],
    ['London', { lon: -0.1276, lat: 51.5072 }],
    ['beyond the antimeridian (gcoord test)', { lon: 183, lat: 45 }],
  ];
  for (const [place, p] of unshifted) {
    it(`leaves ${place} unchanged both ways`, () => {
      expect(isInChinaShiftArea(p)).toBe(false);
      expect(wgs84ToGcj02(p)).toEqual(p);
      expect(gcj02ToWgs84(p)).toEqual(p);
    });
  }

  it('treats non-finite input as outside rather than producing NaN offsets', () => {
    expect(isInChinaShiftArea({ lon: Number.NaN, lat: 30 })).toBe(false);
    expect(wgs84ToGcj02({ lon: Number.NaN, lat: 30 }).lat).toBe(30);
  });
});

describe('properties', () => {
  // Points in the mainland's bounding box whose WGS-84 and GCJ-02 positions are both inside the shift area
  // (within ~700 m of a region edge one can be in and the other out; there the identity rule wins by design).
  const insideChina = fc
    .record({
      lon: fc.double({ min: 73, max: 135.1, noNaN: true }),
      lat: fc.double({ min: 17.8, max: 54.2, noNaN: true }),
    })
    .filter((p) => isInChinaShiftArea(p) && isInChinaShiftArea(wgs84ToGcj02(p)));

  it('gcj02ToWgs84(wgs84ToGcj02(p)) ≈ p within 1e-7°', () => {
    fc.assert(
      fc.property(insideChina, (p) => {
        const back = gcj02ToWgs84(wgs84ToGcj02(p));
        return Math.abs(back.lon - p.lon) < 1e-7 && Math.abs(back.lat - p.lat) < 1e-7;
      }),
      { numRuns: 2000 },
    );
  });

  it('the GCJ-02 shift is under 0.01° (about a kilometre) everywhere it applies', () => {
    fc.assert(
      fc.property(insideChina, (p) => {
        const g = wgs84ToGcj02(p);
        return Math.abs(g.lon - p.lon) < 0.01 && Math.abs(g.lat - p.lat) < 0.01;
      }),
    );
  });

  it('wgs84 → bd09 → wgs84 stays within the BD-09 approximation (3e-6°)', () => {
    fc.assert(
      fc.property(insideChina, (p) => {
        const back = bd09ToWgs84(wgs84ToBd09(p));
        return Math.abs(back.lon - p.lon) < 3e-6 && Math.abs(back.lat - p.lat) < 3e-6;
      }),
    );
  });

  it('is the identity everywhere outside the mainland bounding box', () => {
    const outside = fc
      .record({
        lon: fc.double({ min: -180, max: 180, noNaN: true }),
        lat: fc.double({ min: -90, max: 90, noNaN: true }),
      })
      .filter((p) => p.lon < 73 || p.lon > 135.1 || p.lat < 17.8 || p.lat > 54.2);
    fc.assert(
      fc.property(outside, (p) => {
        const g = wgs84ToGcj02(p);
        const w = gcj02ToWgs84(p);
        return g.lon === p.lon && g.lat === p.lat && w.lon === p.lon && w.lat === p.lat;
      }),
    );
  });
});
