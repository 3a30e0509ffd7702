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
    // coordtransform uses the one-step shortcut (≈5e-7° off here); ours iterates, so agree only to 1e-6 ...
    const wgs = gcj02ToWgs84(input);
    expectNear(wgs, { lon: 116.39775550083061, lat: 39.91359571849836 }, 1e-6);
    // ... but ours maps back onto the input exactly, which the shortcut does not.
    expectNear(wgs84ToGcj02(wgs), input, 1e-9);
  });

  // googollee/eviltransform test vectors (shanghai, shenzhen, beijing), as carried in its ports' test suites,
  // e.g. the PHPUnit EvilTransformTest of larryli/eviltransform (PHP port). Given there as (wgsLat, wgsLng, gcjLat, gcjLng).
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
  // Place coordinates are approximate town centres (to ~0.01°); what matters is which side of the outline they fall.
  const shifted: Array<[string, LonLat]> = [
    ['Beijing', { lon: 116.4074, lat: 39.9042 }],
    ['Shanghai', { lon: 121.47, lat: 31.23 }],
    ['Urumqi', { lon: 87.6168, lat: 43.8256 }],
    ['Lhasa', { lon: 91.1172, lat: 29.6469 }],
    ['Kashgar', { lon: 75.99, lat: 39.47 }],
    ['Altay', { lon: 88.13, lat: 47.85 }],
    ['Mohe (northernmost county)', { lon: 122.53, lat: 52.97 }],
    ['Fuyuan (easternmost county)', { lon: 134.29, lat: 48.36 }],
    ['Sanya (Hainan)', { lon: 109.5119, lat: 18.2528 }],
    ['Shengsi islands (offshore Zhejiang)', { lon: 122.45, lat: 30.72 }],
    ['Changshan islands (offshore Liaoning)', { lon: 122.6, lat: 39.25 }],
    ['Weizhou island (Beibu Gulf)', { lon: 109.1, lat: 21.03 }],
    // Border towns a coarse outline easily loses; each has an emergency service of its own.
    ['Heihe', { lon: 127.49, lat: 50.25 }],
    ['Suifenhe', { lon: 131.15, lat: 44.4 }],
    ['Dongning', { lon: 131.12, lat: 44.06 }],
    ['Hunchun', { lon: 130.37, lat: 42.87 }],
    ['Dandong', { lon: 124.38, lat: 40.13 }],
    ['Manzhouli', { lon: 117.38, lat: 49.6 }],
    ['Erenhot', { lon: 111.98, lat: 43.65 }],
    ['Khorgos', { lon: 80.42, lat: 44.21 }],
    ['Tashkurgan', { lon: 75.23, lat: 37.77 }],
    ['Zhangmu port', { lon: 85.98, lat: 27.99 }],
    ['Gyirong port', { lon: 85.3, lat: 28.28 }],
    ['Yadong', { lon: 88.9, lat: 27.48 }],
    ['Ruili', { lon: 97.85, lat: 24.01 }],
    ['Menglian', { lon: 99.59, lat: 22.33 }],
    ['Mohan port', { lon: 101.7, lat: 21.18 }],
    ['Hekou', { lon: 103.94, lat: 22.51 }],
    ['Pingxiang (Guangxi)', { lon: 106.75, lat: 22.1 }],
    ['Dongxing', { lon: 107.97, lat: 21.55 }],
    // The Hong Kong and Macau cut-outs must not take Shenzhen or Zhuhai streets with them.
    ['Shenzhen, Shekou', { lon: 113.92, lat: 22.48 }],
    ['Shenzhen, Futian port', { lon: 114.07, lat: 22.515 }],
    ['Shenzhen, Luohu', { lon: 114.12, lat: 22.54 }],
    ['Shenzhen, Shatoujiao', { lon: 114.23, lat: 22.55 }],
    ["Shenzhen, Nan'ao (Dapeng)", { lon: 114.47, lat: 22.53 }],
    ['Shenzhen, Neilingding island', { lon: 113.8, lat: 22.42 }],
    ['Zhuhai, Gongbei', { lon: 113.55, lat: 22.22 }],
    ['Zhuhai, Hengqin', { lon: 113.53, lat: 22.13 }],
    ['Zhuhai, Guishan island', { lon: 113.82, lat: 22.13 }],
  ];
  for (const [place, p] of shifted) {
    it(`shifts ${place}`, () => {
      expect(isInChinaShiftArea(p)).toBe(true);
      const g = wgs84ToGcj02(p);
      expect(Math.hypot(g.lon - p.lon, g.lat - p.lat)).toBeGreaterThan(1e-4);
    });
  }

  const unshifted: Array<[string, LonLat]> = [
    // AMap, Tencent and Google draw Hong Kong and Macau unshifted; only Baidu shifts them.
    ['Hong Kong, Central', { lon: 114.16, lat: 22.28 }],
    ['Hong Kong, Sheung Shui', { lon: 114.13, lat: 22.5 }],
    ['Hong Kong, Tuen Mun', { lon: 113.97, lat: 22.39 }],
    ['Hong Kong airport', { lon: 113.92, lat: 22.31 }],
    ['Macau peninsula', { lon: 113.54, lat: 22.19 }],
    ['Macau, Taipa', { lon: 113.56, lat: 22.16 }],
    ['Macau, Coloane', { lon: 113.57, lat: 22.12 }],
    ['Taipei', { lon: 121.5654, lat: 25.033 }],
    ['Kaohsiung', { lon: 120.3014, lat: 22.6273 }],
    ['Seoul', { lon: 126.978, lat: 37.5665 }],
    ['Pyongyang', { lon: 125.7625, lat: 39.0392 }],
    ['Chongjin', { lon: 129.78, lat: 41.8 }],
    ['Ulaanbaatar', { lon: 106.9057, lat: 47.8864 }],
    ['Vladivostok', { lon: 131.8869, lat: 43.1155 }],
    ['Hanoi', { lon: 105.8342, lat: 21.0278 }],
    ['Luang Prabang', { lon: 102.13, lat: 19.89 }],
    ['Lashio', { lon: 97.75, lat: 22.93 }],
    ['Myitkyina', { lon: 97.4, lat: 25.38 }],
    ['Kathmandu', { lon: 85.32, lat: 27.7 }],
    ['Thimphu', { lon: 89.64, lat: 27.47 }],
    ['Leh', { lon: 77.58, lat: 34.16 }],
    ['Islamabad', { lon: 73.05, lat: 33.68 }],
    ['Bishkek', { lon: 74.6, lat: 42.87 }],
    ['Almaty', { lon: 76.95, lat: 43.24 }],
    ['Tokyo', { lon: 139.6917, lat: 35.6895 }],
    ['London', { lon: -0.1276, lat: 51.5072 }],
    ['Woody Island (south of the 17.75°N cut, as in PRCoords)', { lon: 112.34, lat: 16.84 }],
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
      .filter((p) => p.lon < 73 || p.lon > 135.4 || p.lat < 17.7 || p.lat > 54);
    fc.assert(
      fc.property(outside, (p) => {
        const g = wgs84ToGcj02(p);
        const w = gcj02ToWgs84(p);
        return g.lon === p.lon && g.lat === p.lat && w.lon === p.lon && w.lat === p.lat;
      }),
    );
  });
});
