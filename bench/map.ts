/**
 * `npm run bench -- map [--incidents 50000] [--units 5000] [--seconds 20] [--warmup 4] [--rounds 3]`
 *
 * In one Chromium run (Debian's, SwiftShader WebGL, the e2e flags): the console's map page with N open
 * incidents and M units moving at 1 Hz, versus a bare maplibre page with the same features as plain GeoJSON
 * circles (no clustering, no app) whose units move at 1 Hz the naive way (setData of the whole unit collection).
 * The units move through the host's real path (`moveUnits`: rows + audit in one transaction, `units.moved` to
 * the console over the WebSocket) during BOTH measurements, so the two pages share the same machine load.
 * Frame time = the interval between requestAnimationFrame callbacks, same viewport size, at two views that
 * both pages reach the same way:
 * - `district`: fitted to the district, the whole dataset in view — the console clusters incidents here;
 * - `street`: one keyboard zoom step in from there (maplibre's `=`: the next whole zoom), past the console's
 *   cluster limit, so both pages draw every incident in view as a circle.
 * The scale bars of both pages are compared to prove the views match. 1% of the incidents are past their SLA
 * from the start, so the console's overdue pulse runs as it would in a duty room. Prints every p95 and ratio,
 * and last `map frame_ratio=<the worse view's console / bare>`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../playwright.config';
import type { UnitMove } from '../contract';
import { Host } from '../host/host';
import { startWsServer } from '../host/transports/wsServer';
import { moveUnits } from '../host/mapFeed/moveUnits';
import { demoGridCells } from '../host/demo/demoDistrict';
import { ensureRendererBuilt, rng } from './_support';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The little of the DOM the in-page checks read (this file compiles with Node's lib, not DOM's). */
interface PageDocument {
  body: { dataset: Record<string, string | undefined> };
  querySelector(sel: string): { dataset: Record<string, string | undefined> } | null;
}
const VIEWPORT = { width: 1600, height: 900 };
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const OPEN = ['reported', 'accepted', 'dispatched', 'en_route', 'on_scene'] as const;
const UNIT_STATUS = ['available', 'dispatched', 'busy', 'off_duty'] as const;
const WEEK_MS = 7 * 24 * 3600_000;
/** One incident in this many is overdue for the whole run (the console pulses it). */
const OVERDUE_EVERY = 100;
const VIEWS = ['district', 'street'] as const;
type View = (typeof VIEWS)[number];

/** The district's street outline: the console fits its view to it, and so does the bare page. */
function districtBounds(): [number, number, number, number] {
  const street = demoGridCells().filter((c) => c.level === 'street');
  const pts = street.flatMap((c) => c.geometry.coordinates[0] ?? []);
  const xs = pts.map((p) => p[0]!);
  const ys = pts.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

interface Dataset {
  incidents: { id: string; lon: number; lat: number; priority: string }[];
  units: { id: string; lon: number; lat: number; status: string }[];
}

/** Inside the street outline with a margin, so the console's fit (street + queue items) is the street's. */
function seed(host: Host, nIncidents: number, nUnits: number): Dataset {
  const [w, s, e, n] = districtBounds();
  const rand = rng(42);
  const at = () => [w + (e - w) * (0.05 + 0.9 * rand()), s + (n - s) * (0.05 + 0.9 * rand())] as const;
  const db = host.ctx.store.db;
  const category =
    (db.prepare('SELECT code FROM categories ORDER BY sort LIMIT 1').pluck().get() as string) ?? '';
  // Demo rows: the SLA sweep lists them overdue but does not escalate them — escalation writes would load the
  // host at a random moment of one page's measurement.
  const insInc = db.prepare(
    `INSERT INTO incidents (id, category, priority, status, source, lon, lat, description, created_at, updated_at,
       created_by, version, is_demo) VALUES (?, ?, ?, ?, 'resident_call', ?, ?, ?, ?, ?, 'bench', 1, 1)`,
  );
  const insUnit = db.prepare(
    `INSERT INTO units (id, kind, name, status, lon, lat, position_at, position_source)
     VALUES (?, 'vehicle', ?, ?, ?, ?, ?, 'bench')`,
  );
  const data: Dataset = { incidents: [], units: [] };
  // No deadline may pass mid-run (a crossing would change the picture during one page only): limits of a week,
  // with the overdue share created long before. Set through the SLA service, not SQL: it caches its rules, and a
  // table edit behind its back let the demo limits (minutes) put 12k incidents overdue during the second round.
  for (const rule of host.extras.sla.rules())
    if (rule.limitMs < WEEK_MS) host.extras.sla.setRule({ ...rule, limitMs: WEEK_MS });
  const now = Date.now();
  // Seeding is setup, not what is measured: direct SQL in one transaction.
  db.transaction(() => {
    for (let i = 0; i < nIncidents; i++) {
      const [lon, lat] = at();
      const id = uuidv7();
      const priority = PRIORITIES[i % 4]!;
      const created = i % OVERDUE_EVERY === 0 ? now - 2 * WEEK_MS - i : now - i;
      insInc.run(id, category, priority, OPEN[i % OPEN.length], lon, lat, `bench ${i}`, created, created);
      data.incidents.push({ id, lon, lat, priority });
    }
    for (let i = 0; i < nUnits; i++) {
      const [lon, lat] = at();
      const id = uuidv7();
      const status = UNIT_STATUS[i % 4]!;
      insUnit.run(id, `bench unit ${i}`, status, lon, lat, now);
      data.units.push({ id, lon, lat, status });
    }
  })();
  return data;
}

/** A small random walk for every unit; the same function drives the host and the bare page. */
function step(units: Dataset['units'], rand: () => number): UnitMove[] {
  return units.map((u) => {
    u.lon += (rand() - 0.5) * 2e-4;
    u.lat += (rand() - 0.5) * 2e-4;
    return [u.id, u.lon, u.lat];
  });
}

/** The bare page: maplibre from node_modules, the same points as plain circles, units re-set whole each second. */
function barePage(bounds: [number, number, number, number], size: { width: number; height: number }): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/maplibre/maplibre-gl.css">
<style>html,body{margin:0;background:#0d1524}#map{width:${size.width}px;height:${size.height}px}</style></head>
<body><div id="map"></div><script type="module">
import * as maplibregl from '/maplibre/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/maplibre/maplibre-gl-worker.mjs');
const data = await (await fetch('/data.json')).json();
const fc = (rows, props) => ({ type: 'FeatureCollection', features: rows.map((r) => ({ type: 'Feature', id: r.id,
  properties: props(r), geometry: { type: 'Point', coordinates: [r.lon, r.lat] } })) });
const map = new maplibregl.Map({ container: 'map', attributionControl: false,
  style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#0d1524' } }] } });
map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
map.fitBounds(${JSON.stringify(bounds)}, { padding: 40, animate: false, maxZoom: 16 });
map.on('load', () => {
  map.addSource('incidents', { type: 'geojson', data: fc(data.incidents, (r) => ({ priority: r.priority })) });
  map.addSource('units', { type: 'geojson', data: fc(data.units, (r) => ({ status: r.status })) });
  map.addLayer({ id: 'incidents', type: 'circle', source: 'incidents', paint: {
    'circle-color': ['match', ['get', 'priority'], 'P1', '#ff3b3b', 'P2', '#ff8c1a', 'P3', '#ffd43b', '#8d99a8'],
    'circle-radius': 7, 'circle-stroke-color': '#0b1220', 'circle-stroke-width': 1.5 } });
  map.addLayer({ id: 'units', type: 'circle', source: 'units', paint: {
    'circle-color': ['match', ['get', 'status'], 'available', '#22c55e', 'dispatched', '#3b82f6', 'busy', '#f59e0b', '#64748b'],
    'circle-radius': 6, 'circle-stroke-color': '#f8fafc', 'circle-stroke-width': 2 } });
  // The naive 1 Hz update: move every unit and hand maplibre the whole collection again.
  let s = 7;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  setInterval(() => {
    for (const u of data.units) { u.lon += (rand() - 0.5) * 2e-4; u.lat += (rand() - 0.5) * 2e-4; }
    map.getSource('units').setData(fc(data.units, (r) => ({ status: r.status })));
  }, 1000);
  map.once('idle', () => { document.body.dataset.ready = 'true'; });
});
</script></body></html>`;
}

const MAPLIBRE_DIR = join(root, 'node_modules/maplibre-gl/dist');
const TYPES: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

function serveBare(html: string, data: Dataset): Promise<{ server: Server; url: string }> {
  const json = JSON.stringify(data);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
    if (path === '/data.json')
      return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(json);
    const name = path.startsWith('/maplibre/') ? path.slice('/maplibre/'.length) : '';
    if (!/^[\w.-]+$/.test(name) || !existsSync(join(MAPLIBRE_DIR, name)))
      return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(name)] ?? 'application/octet-stream' });
    createReadStream(join(MAPLIBRE_DIR, name)).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    }),
  );
}

/**
 * rAF-to-rAF intervals for `ms`, measured inside the page. A string, not a function: tsx would wrap a function
 * in helpers (`__name`) that do not exist in the page.
 */
async function frameTimes(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = 0;
    let end = 0;
    const tick = (t) => {
      if (last) out.push(t - last);
      else end = t + ${Number(ms)};
      last = t;
      if (t < end || !end) requestAnimationFrame(tick);
      else resolve(out);
    };
    requestAnimationFrame(tick);
  })`);
}

/**
 * One keyboard zoom step in (maplibre's `=` goes to the next whole zoom), the same gesture on both pages; then
 * waits for the 300 ms ease. The canvas is focused, not clicked: a click would open the console's picker.
 */
async function zoomStep(page: Page): Promise<void> {
  await page.locator('.maplibregl-canvas').focus();
  await page.keyboard.press('Equal');
  await page.waitForTimeout(800);
}

/** The scale bar's label and width: equal on both pages means the same zoom at the same latitude. */
async function scaleOf(page: Page): Promise<string> {
  const bar = page.locator('.maplibregl-ctrl-scale');
  const width = /width:\s*([\d.]+)px/.exec((await bar.getAttribute('style')) ?? '')?.[1] ?? '?';
  return `${(await bar.innerText()).trim()}/${Math.round(Number(width))}px`;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1] ?? 0 };
}
const fmt = (x: ReturnType<typeof stats>) =>
  `frames=${x.n} p50=${x.p50.toFixed(1)}ms p95=${x.p95.toFixed(1)}ms p99=${x.p99.toFixed(1)}ms max=${x.max.toFixed(1)}ms`;

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      incidents: { type: 'string', default: '50000' },
      units: { type: 'string', default: '5000' },
      seconds: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '4' },
      rounds: { type: 'string', default: '3' },
    },
  });
  const nIncidents = Number(values.incidents);
  const nUnits = Number(values.units);
  const measureMs = Number(values.seconds) * 1000;
  const warmupMs = Number(values.warmup) * 1000;
  const rounds = Number(values.rounds);

  const staticDir = ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'fengsui-bench-map-'));
  const host = new Host({
    dataDir,
    demo: true,
    backupIntervalMs: 0,
    log: pino({ level: 'silent' }),
    operator: 'bench',
  });
  const data = seed(host, nIncidents, nUnits);
  const openTotal = host.ctx.store.db
    .prepare(
      `SELECT count(*) FROM incidents WHERE status IN ('reported','accepted','dispatched','en_route','on_scene','reopened')`,
    )
    .pluck()
    .get() as number;
  const positioned = host.ctx.store.db
    .prepare('SELECT count(*) FROM units WHERE lon IS NOT NULL')
    .pluck()
    .get() as number;
  const ws = await startWsServer(host, { staticDir });
  const hostUnits = data.units.map((u) => ({ ...u }));
  const rand = rng(7);
  let moveMs = 0;
  let moves = 0;
  // 1 Hz through the real path, for the whole run (both pages see the same host load).
  const mover = setInterval(() => {
    const t0 = performance.now();
    moveUnits(host.ctx, step(hostUnits, rand), 'bench:avl');
    moveMs += performance.now() - t0;
    moves++;
  }, 1000);

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  let bare: { server: Server; url: string } | null = null;
  const consoleP95: Record<View, number[]> = { district: [], street: [] };
  const bareP95: Record<View, number[]> = { district: [], street: [] };
  const consoleScale: Partial<Record<View, string>> = {};
  const bareScale: Partial<Record<View, string>> = {};
  try {
    const ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    const errors: string[] = [];
    /** The console, loaded until every incident and unit is on the map. */
    const openConsole = async (): Promise<Page> => {
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      const t0 = performance.now();
      await page.goto(ws.url, { timeout: 120_000 });
      // Functions, not strings: the console's CSP forbids eval. No inner functions either (tsx would name them).
      await page.waitForFunction(
        ([i, u]) => {
          const doc = (globalThis as unknown as { document: PageDocument }).document;
          const el = doc.querySelector('[data-testid="map-canvas"]');
          return (
            el?.dataset.ready === 'true' && Number(el.dataset.incidents) >= i && Number(el.dataset.units) >= u
          );
        },
        [openTotal, positioned] as const,
        { timeout: 120_000 },
      );
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      console.log(`console: ${openTotal} open incidents and ${positioned} units on the map after ${s}s`);
      return page;
    };
    const openBare = async (url: string): Promise<Page> => {
      const page = await ctx.newPage();
      page.on('pageerror', (e) => errors.push(`bare: ${e.message}`));
      await page.goto(url, { timeout: 120_000 });
      await page.waitForFunction(
        () => (globalThis as unknown as { document: PageDocument }).document.body.dataset.ready === 'true',
        null,
        { timeout: 120_000 },
      );
      return page;
    };
    // One page open at a time: headless pages are never hidden, so a second one would steal the CPU.
    let size = { width: 0, height: 0 };
    /** Both views of one page: warm up, measure, then step in and do it again. */
    const measureViews = async (page: Page, who: 'console' | 'bare'): Promise<void> => {
      for (const view of VIEWS) {
        if (view === 'street') await zoomStep(page);
        await page.waitForTimeout(warmupMs);
        const x = stats(await frameTimes(page, measureMs));
        const scale = await scaleOf(page);
        (who === 'console' ? consoleScale : bareScale)[view] = scale;
        console.log(`round ${round + 1} ${view.padEnd(8)} ${who.padEnd(7)} ${fmt(x)} scale=${scale}`);
        (who === 'console' ? consoleP95 : bareP95)[view].push(x.p95);
      }
    };
    let round = 0;
    for (; round < rounds; round++) {
      const page = await openConsole();
      if (!bare) {
        const box = (await page.locator('.maplibregl-canvas').boundingBox())!;
        size = { width: Math.round(box.width), height: Math.round(box.height) };
        bare = await serveBare(barePage(districtBounds(), size), data);
      }
      const overdue = await page.getByTestId('map-canvas').getAttribute('data-overdue');
      console.log(`round ${round + 1}: ${overdue} overdue incidents pulsing`);
      await measureViews(page, 'console');
      await page.close();
      const barePg = await openBare(bare.url);
      await measureViews(barePg, 'bare');
      await barePg.close();
    }
    for (const view of VIEWS) {
      if (consoleScale[view] !== bareScale[view])
        console.log(
          `warning: the ${view} views differ (console ${consoleScale[view]}, bare ${bareScale[view]})`,
        );
    }
    console.log(
      `map canvas ${size.width}x${size.height}; host moved ${nUnits} units ${moves}x, ${(moveMs / Math.max(1, moves)).toFixed(0)} ms per batch`,
    );
    if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);
    await ctx.close();
  } finally {
    clearInterval(mover);
    await browser.close();
    bare?.server.close();
    await ws.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  let worst = 0;
  for (const view of VIEWS) {
    const c = median(consoleP95[view]);
    const b = median(bareP95[view]);
    worst = Math.max(worst, c / b);
    console.log(
      `${view} view p95 frame time: console ${c.toFixed(1)} ms, bare ${b.toFixed(1)} ms (median of ${rounds}), ratio ${(c / b).toFixed(3)}`,
    );
  }
  console.log(`map frame_ratio=${worst.toFixed(3)}`);
}
