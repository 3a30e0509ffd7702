/**
 * `npm run bench -- queue-ui [--incidents 100000] [--seconds 12] [--warmup 3] [--rounds 3] [--speed 3000]
 *   [--map] [--static DIR]`
 *
 * In one Chromium run (Debian's, the e2e flags): the console with N incidents (3 % open) and its queue on
 * "all" (N rows), scrolled
 * continuously (`speed` px/s, bouncing at the ends, and a jump to a far row every 2 s as a scrollbar drag does),
 * while a priority filter is applied, a search is typed and both are cleared again — versus a baseline in the
 * same page: a static list laid over the queue with the same box, the same scroll height and clones of the
 * queue's own rendered rows, kept in view by one transform per scroll (the least a virtual list can do: no
 * React, no data). Both are driven by the same in-page scroll loop. Frame time = the interval between
 * requestAnimationFrame callbacks. Prints each round and, last,
 * `queue-ui frame_ratio=<queue p95 / baseline p95> p95_ms=<queue p95>` (medians over the rounds).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../playwright.config';
import { OPEN_STATUSES } from '../contract/domain/incident';
import { Host } from '../host/host';
import { startWsServer } from '../host/transports/wsServer';
import { ensureRendererBuilt, rng } from './_support';

/** The little of the DOM the in-page checks read (this file compiles with Node's lib, not DOM's). */
interface PageDocument {
  querySelector(sel: string): { dataset: Record<string, string | undefined> } | null;
}
const VIEWPORT = { width: 1600, height: 900 };
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const ROADS = ['东湖路', '解放路', '人民大道', '滨河路', '建设街', '光明巷', '和平里', '长江路'];
const PLACES = ['小区门口', '菜市场', '学校旁', '公交站', '地下车库', '河堤', '广场', '商铺前'];
const ISSUES = [
  '积水严重',
  '占道经营',
  '违章停车',
  '垃圾堆放',
  '流动摊贩',
  '消防通道堵塞',
  '井盖缺失',
  '噪音扰民',
];
const CLOSED = ['closed', 'closed', 'closed', 'resolved', 'cancelled'] as const;
/** What the operator types while the queue scrolls: a common phrase (one incident in eight has it). */
const SEARCH = '积水严重';

/**
 * N incidents with varied text over 30 days, 3 % still open as in bench/queue.ts, straight into the store
 * (seeding is setup, not what is measured). Marked demo, which the SLA highlights but never escalates: a few
 * thousand escalations in the first sweep would be a different benchmark.
 */
function seed(host: Host, n: number): void {
  const db = host.ctx.store.db;
  const categories = db.prepare('SELECT code FROM categories ORDER BY sort').pluck().all() as string[];
  const ins = db.prepare(
    `INSERT INTO incidents (id, category, priority, status, source, lon, lat, address, description, created_at,
       updated_at, created_by, version, is_demo) VALUES (?, ?, ?, ?, 'resident_call', ?, ?, ?, ?, ?, ?, 'bench', 1, 1)`,
  );
  const r = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const at = now - Math.floor(r() * 30 * 86_400_000);
      ins.run(
        uuidv7(),
        pick(categories),
        pick(PRIORITIES),
        r() < 0.03 ? pick(OPEN_STATUSES) : pick(CLOSED),
        103.66 + r() * 0.04,
        36.49 + r() * 0.02,
        `${pick(ROADS)}${1 + Math.floor(r() * 300)}号`,
        `${pick(PLACES)}${pick(ISSUES)}，请尽快处理`,
        at,
        at,
      );
    }
  })();
}

/**
 * Scrolls `selector` for `ms` and returns the rAF-to-rAF intervals. A string, not a function: tsx would wrap a
 * function in helpers (`__name`) that do not exist in the page. Time-based steps, so a slow frame scrolls
 * further (as a fling does) instead of slowing the scroll down.
 */
function scrollScript(selector: string, ms: number, speed: number): string {
  return `new Promise((resolve) => {
    const el = document.querySelector(${JSON.stringify(selector)});
    const out = [];
    // Main-thread tasks over 50 ms while scrolling: the page's own share of the jank (less tied to the
    // compositor and machine load than frame times are).
    let longMs = 0;
    const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) longMs += e.duration; });
    obs.observe({ type: 'longtask' });
    let last = 0, end = 0, dir = 1, nextJump = 0, seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const tick = (t) => {
      if (last) {
        out.push(t - last);
        const max = el.scrollHeight - el.clientHeight;
        if (t >= nextJump) {
          el.scrollTop = Math.floor(rand() * max);
          nextJump = t + 2000;
        } else {
          let top = el.scrollTop + dir * ${Number(speed)} * (t - last) / 1000;
          if (top >= max) { top = max; dir = -1; }
          if (top <= 0) { top = 0; dir = 1; }
          el.scrollTop = top;
        }
      } else {
        end = t + ${Number(ms)};
        nextJump = t + 2000;
      }
      last = t;
      if (t < end) requestAnimationFrame(tick);
      else { obs.disconnect(); resolve({ frames: out, longMs }); }
    };
    requestAnimationFrame(tick);
  })`;
}

interface Scrolled {
  frames: number[];
  longMs: number;
}

/**
 * The baseline: a static list over the queue (same box, same scroll height, the queue's own row markup
 * cloned), its block of rows moved by one transform per scroll event. Built once while the queue shows its
 * first rows; hidden (`display: none`) except while the baseline is measured.
 */
const STATIC_LIST = `(() => {
  const list = document.querySelector('[data-testid="incident-queue"]');
  const box = list.getBoundingClientRect();
  const rows = [...list.querySelectorAll('[data-testid="incident-row"]')];
  const rowH = rows[0].getBoundingClientRect().height;
  const ov = document.createElement('div');
  ov.id = 'bench-static';
  ov.className = list.className;
  Object.assign(ov.style, { position: 'fixed', left: box.left + 'px', top: box.top + 'px', width: box.width + 'px',
    height: box.height + 'px', zIndex: '10000', overflowY: 'auto', display: 'none', background: getComputedStyle(document.body).backgroundColor });
  const inner = document.createElement('div');
  Object.assign(inner.style, { position: 'relative', width: '100%', height: list.scrollHeight + 'px' });
  const block = document.createElement('div');
  Object.assign(block.style, { position: 'absolute', top: '0', left: '0', width: '100%' });
  const need = Math.ceil(box.height / rowH) + 2;
  for (let i = 0; i < need; i++) {
    const c = rows[i % rows.length].cloneNode(true);
    c.removeAttribute('id');
    Object.assign(c.style, { position: 'relative', transform: 'none' });
    block.appendChild(c);
  }
  inner.appendChild(block);
  ov.appendChild(inner);
  document.body.appendChild(ov);
  ov.addEventListener('scroll', () => {
    block.style.transform = 'translateY(' + (ov.scrollTop - (ov.scrollTop % rowH)) + 'px)';
  }, { passive: true });
  return need;
})()`;

function stats({ frames, longMs }: Scrolled) {
  const s = [...frames].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1] ?? 0, longMs };
}
const fmt = (x: ReturnType<typeof stats>) =>
  `frames=${x.n} p50=${x.p50.toFixed(1)}ms p95=${x.p95.toFixed(1)}ms p99=${x.p99.toFixed(1)}ms max=${x.max.toFixed(1)}ms long_tasks=${x.longMs.toFixed(0)}ms`;

/** The queue phase: scroll, and meanwhile filter by P1, type a search, clear both (what an operator does). */
async function scrollQueue(page: Page, ms: number, speed: number): Promise<Scrolled> {
  const frames = page.evaluate(
    scrollScript('[data-testid="incident-queue"]', ms, speed),
  ) as Promise<Scrolled>;
  await page.waitForTimeout(ms * 0.2);
  // DOM clicks: Playwright's actionability checks wait for two equal frames, which a busy page may not give.
  await page.getByTestId('filter-priority-P1').dispatchEvent('click');
  await page.waitForTimeout(ms * 0.2);
  await page.getByTestId('queue-search').pressSequentially(SEARCH, { delay: 90 });
  await page.waitForTimeout(ms * 0.2);
  await page.getByTestId('queue-search').fill('');
  await page.getByTestId('filter-clear').dispatchEvent('click');
  return frames;
}

/** Until the queue knows its whole total and shows rows, and the map has drawn the incidents (if it does). */
async function waitReady(page: Page, total: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const doc = (globalThis as unknown as { document: PageDocument }).document;
      return (
        Number(doc.querySelector('[data-testid="incident-queue"]')?.dataset.total) >= n &&
        doc.querySelector('[data-testid="incident-row"]') !== null
      );
    },
    total,
    { timeout: 180_000 },
  );
  await page
    .waitForFunction(
      () =>
        (globalThis as unknown as { document: PageDocument }).document.querySelector(
          '[data-testid="map-canvas"]',
        )?.dataset.ready === 'true',
      null,
      { timeout: 120_000 },
    )
    .catch(() => undefined);
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      incidents: { type: 'string', default: '100000' },
      seconds: { type: 'string', default: '12' },
      warmup: { type: 'string', default: '3' },
      rounds: { type: 'string', default: '3' },
      speed: { type: 'string', default: '3000' },
      map: { type: 'boolean', default: false },
      // Another build of the renderer (e.g. before a change), served instead of dist/renderer.
      static: { type: 'string' },
    },
  });
  const n = Number(values.incidents);
  const ms = Number(values.seconds) * 1000;
  const warmupMs = Number(values.warmup) * 1000;
  const rounds = Number(values.rounds);
  const speed = Number(values.speed);

  const staticDir = values.static ?? ensureRendererBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'fengsui-bench-queue-ui-'));
  const host = new Host({
    dataDir,
    demo: true,
    backupIntervalMs: 0,
    log: pino({ level: 'silent' }),
    operator: 'bench',
  });
  seed(host, n);
  const total = host.ctx.store.db.prepare('SELECT count(*) FROM incidents').pluck().get() as number;
  const ws = await startWsServer(host, { staticDir });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const queueP95: number[] = [];
  const baseP95: number[] = [];
  try {
    const ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const t0 = performance.now();
    await page.goto(ws.url, { timeout: 120_000 });
    // The whole history in the queue ("all"): N rows to scroll, not the few thousand open ones.
    await page.getByTestId('filter-all').click({ timeout: 120_000 });
    await waitReady(page, total);
    console.log(
      `console: ${total} incidents in the queue after ${((performance.now() - t0) / 1000).toFixed(1)}s`,
    );
    if (!values.map) {
      // The map panel's own frame cost (software WebGL here, the overdue pulse) is bench/map.ts's figure and
      // would drown this one: both phases run with it hidden unless --map.
      await page.addStyleTag({ content: '[data-testid="map-area"] { display: none !important; }' });
    }
    await page.evaluate(STATIC_LIST);
    // Warm-up: the same scroll once (JIT, page cache, fonts), not counted.
    await page.evaluate(scrollScript('[data-testid="incident-queue"]', warmupMs, speed));
    const baseline = async () => {
      await page.evaluate(`document.getElementById('bench-static').style.display = 'block'`);
      const b = stats((await page.evaluate(scrollScript('#bench-static', ms, speed))) as Scrolled);
      await page.evaluate(`document.getElementById('bench-static').style.display = 'none'`);
      return b;
    };
    for (let r = 0; r < rounds; r++) {
      // Alternate which goes first, so neither always runs right after the other's work.
      let b = r % 2 ? await baseline() : null;
      const q = stats(await scrollQueue(page, ms, speed));
      b ??= await baseline();
      console.log(`round ${r + 1}: queue    ${fmt(q)}`);
      console.log(`round ${r + 1}: baseline ${fmt(b)}`);
      queueP95.push(q.p95);
      baseP95.push(b.p95);
    }
    if (errors.length) console.log(`page errors: ${errors.join(' | ')}`);
    await ctx.close();
  } finally {
    await browser.close();
    await ws.close();
    await host.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const q = median(queueP95);
  const b = median(baseP95);
  console.log(`p95 frame time: queue ${q.toFixed(1)} ms, baseline ${b.toFixed(1)} ms (median of ${rounds})`);
  console.log(`queue-ui frame_ratio=${(q / b).toFixed(3)} p95_ms=${q.toFixed(1)}`);
}
