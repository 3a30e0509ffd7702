import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection } from 'geojson';
import type { GridCell } from '../../contract';

/**
 * The demo district's offline basemap: a small vector MBTiles generated from the demo grid polygons plus synthetic
 * roads, a river and building blocks. Everything in it is made up here (no third-party data), so it carries the
 * project's own licence. It is generated into the data folder when the demo district is loaded, so the repository
 * holds no binary and the demo map works with no network at all.
 */
export const DEMO_BASEMAP_NAME = '示范街道底图 Demo district basemap';
export const DEMO_LAYERS = ['area', 'water', 'blocks', 'roads', 'grid'] as const;
export const DEMO_MINZOOM = 10;
export const DEMO_MAXZOOM = 16;
/** Wider than the district so panning around it still shows land, roads and river. */
export const DEMO_BOUNDS: [number, number, number, number] = [103.6, 36.45, 103.76, 36.55];

const round = (v: number) => Math.round(v * 1e6) / 1e6;
const rect = (w: number, s: number, e: number, n: number) => [
  [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ],
];

function feature(layer: string, geometry: Feature['geometry'], props: Record<string, unknown> = {}): Feature {
  return { type: 'Feature', properties: { layer, ...props }, geometry };
}

/** A river south of the district: a sine-ish centre line, widened into a band. */
function river(): Feature[] {
  const [w, , e] = DEMO_BOUNDS;
  const centre: [number, number][] = [];
  for (let lon = w; lon <= e + 1e-9; lon += 0.004)
    centre.push([round(lon), round(36.478 + 0.004 * Math.sin((lon - w) * 40))]);
  const half = 0.0016;
  const ring = [
    ...centre.map(([x, y]) => [x, y + half]),
    ...[...centre].reverse().map(([x, y]) => [x, y - half]),
  ];
  ring.push(ring[0]!);
  return [
    feature('water', { type: 'Polygon', coordinates: [ring] }, { kind: 'river', name: '示范河' }),
    feature(
      'roads',
      { type: 'LineString', coordinates: centre.map(([x, y]) => [x, round(y + half + 0.0012)]) },
      {
        kind: 'primary',
        name: '滨河路',
      },
    ),
  ];
}

function roads(): Feature[] {
  const [w, s, e, n] = DEMO_BOUNDS;
  const out: Feature[] = [];
  let i = 0;
  for (let lon = 103.62; lon < e; lon += 0.01) {
    const kind = Math.abs(lon - 103.68) < 1e-6 ? 'primary' : 'secondary';
    out.push(
      feature(
        'roads',
        {
          type: 'LineString',
          coordinates: [
            [round(lon), 36.4835],
            [round(lon), n],
          ],
        },
        { kind, name: `南北${++i}路` },
      ),
    );
  }
  i = 0;
  for (let lat = 36.49; lat < n; lat += 0.005) {
    const kind = Math.abs(lat - 36.5) < 1e-6 ? 'primary' : 'secondary';
    out.push(
      feature(
        'roads',
        {
          type: 'LineString',
          coordinates: [
            [w, round(lat)],
            [e, round(lat)],
          ],
        },
        { kind, name: `东西${++i}街` },
      ),
    );
  }
  // Lanes inside the district, where the compounds are.
  for (let lon = 103.665; lon < 103.7; lon += 0.0025)
    out.push(
      feature(
        'roads',
        {
          type: 'LineString',
          coordinates: [
            [round(lon), 36.49],
            [round(lon), 36.51],
          ],
        },
        { kind: 'lane' },
      ),
    );
  void s;
  return out;
}

/** Building blocks between the roads: small rectangles, deterministic. */
function blocks(): Feature[] {
  const out: Feature[] = [];
  for (let lon = 103.6; lon < 103.76; lon += 0.0025)
    for (let lat = 36.4855; lat < 36.55; lat += 0.0025) {
      const k = Math.round(lon * 4000 + lat * 7000) % 5;
      if (k === 0) continue; // parks and yards
      const w = lon + 0.0004;
      const s = lat + 0.0004;
      out.push(
        feature('blocks', {
          type: 'Polygon',
          coordinates: rect(round(w), round(s), round(w + 0.0016), round(s + 0.0016)),
        }),
      );
    }
  return out;
}

export function demoBasemapFeatures(cells: readonly GridCell[]): FeatureCollection {
  const [w, s, e, n] = DEMO_BOUNDS;
  return {
    type: 'FeatureCollection',
    features: [
      feature('area', { type: 'Polygon', coordinates: rect(w, s, e, n) }, { kind: 'land' }),
      ...cells
        .filter((c) => c.level === 'street' || c.level === 'community')
        .map((c) => feature('area', c.geometry, { kind: c.level, name: c.name })),
      ...river(),
      ...blocks(),
      ...roads(),
      ...cells.map((c) => feature('grid', c.geometry, { level: c.level, code: c.code, name: c.name })),
    ],
  };
}

function tileRange(z: number): { x0: number; x1: number; y0: number; y1: number } {
  const [w, s, e, n] = DEMO_BOUNDS;
  const toX = (lon: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
  const toY = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
  };
  return { x0: toX(w), x1: toX(e), y0: toY(n), y1: toY(s) };
}

/** Writes the MBTiles file (gzipped MVT, TMS rows as the spec says). Returns the number of tiles written. */
export function writeDemoBasemap(path: string, cells: readonly GridCell[]): number {
  const all = demoBasemapFeatures(cells);
  const indexes = Object.fromEntries(
    DEMO_LAYERS.map((layer) => [
      layer,
      new GeoJSONVT(
        { type: 'FeatureCollection', features: all.features.filter((f) => f.properties?.layer === layer) },
        { maxZoom: DEMO_MAXZOOM, indexMaxZoom: DEMO_MAXZOOM, tolerance: 2, extent: 4096, buffer: 64 },
      ),
    ]),
  );
  const db = new Database(path);
  let count = 0;
  try {
    db.exec(`CREATE TABLE metadata (name TEXT, value TEXT);
      CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
      CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
    const meta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
    const put = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      const entries: Record<string, string> = {
        name: DEMO_BASEMAP_NAME,
        format: 'pbf',
        bounds: DEMO_BOUNDS.join(','),
        center: '103.68,36.5,13',
        minzoom: String(DEMO_MINZOOM),
        maxzoom: String(DEMO_MAXZOOM),
        type: 'baselayer',
        attribution: 'Fengsui demo data (synthetic)',
        json: JSON.stringify({ vector_layers: DEMO_LAYERS.map((id) => ({ id, fields: {} })) }),
      };
      for (const [k, v] of Object.entries(entries)) meta.run(k, v);
      for (let z = DEMO_MINZOOM; z <= DEMO_MAXZOOM; z++) {
        const r = tileRange(z);
        for (let x = r.x0; x <= r.x1; x++)
          for (let y = r.y0; y <= r.y1; y++) {
            const layers: Record<string, NonNullable<ReturnType<GeoJSONVT['getTile']>>> = {};
            for (const layer of DEMO_LAYERS) {
              const t = indexes[layer]!.getTile(z, x, y);
              if (t && t.features.length) layers[layer] = t;
            }
            if (!Object.keys(layers).length) continue;
            put.run(z, x, 2 ** z - 1 - y, gzipSync(fromGeojsonVt(layers, { version: 2, extent: 4096 })));
            count++;
          }
      }
    })();
  } finally {
    db.close();
  }
  return count;
}
