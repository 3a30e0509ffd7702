/**
 * `npm run bench -- queue [--n 1000000] [--rounds 30]`
 * The queue's query (filters + search + priority-then-age sort + first page + total) through the host's path
 * — request frame → router (frame + contract validation) → QueueFeature → IncidentQueryRepository → Incident
 * objects — versus the very same SQL (buildQueueSql) run raw with prepared statements, same file, same run.
 * Prints `queue ratio=<host/raw time> p95_ms=<host p95>`. Goal: ratio ≤ 1.5, p95 < 20 ms.
 *
 * The seeded file is cached under node_modules/.cache/fengsui-bench/ (seeding 1M rows with a trigram index takes
 * a while); delete it to reseed.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { openStore, type Db } from '../db/open';
import { buildQueueSql } from '../db/incidentQuery';
import { Router } from '../host/router';
import { QueueFeature } from '../host/queue/feature';
import type { HostContext } from '../host/context';
import { IncidentQuerySchema, type IncidentQuery } from '../contract/queue';
import { OPEN_STATUSES, SEED_CATEGORIES } from '../contract/domain/incident';
import { rng } from './_support';

const SEED_VERSION = 4;
const CACHE_DIR = join(process.cwd(), 'node_modules', '.cache', 'fengsui-bench');

const ROADS = [
  '东湖路',
  '解放路',
  '人民大道',
  '滨河路',
  '建设街',
  '光明巷',
  '和平里',
  '长江路',
  '黄河路',
  '中山路',
];
const PLACES = [
  '小区门口',
  '菜市场',
  '学校旁',
  '公交站',
  '地下车库',
  '河堤',
  '广场',
  '商铺前',
  '路口',
  '楼道',
];
const ISSUES = [
  '积水严重',
  '占道经营',
  '违章停车',
  '垃圾堆放',
  '流动摊贩',
  '消防通道堵塞',
  '井盖缺失',
  '噪音扰民',
  '路灯损坏',
  '可疑人员',
];
const SOURCES = [
  'drone_patrol',
  'grid_worker',
  'resident_call',
  'radio',
  'video',
  'sensor',
  'hotline',
  'other',
];
const SOURCE_W = [0.28, 0.25, 0.2, 0.05, 0.08, 0.04, 0.08, 0.02];

function pick<T>(r: () => number, list: readonly T[], weights?: readonly number[]): T {
  if (!weights) return list[Math.floor(r() * list.length)]!;
  let x = r();
  for (let i = 0; i < list.length; i++) if ((x -= weights[i]!) < 0) return list[i]!;
  return list[list.length - 1]!;
}

/** 5 streets × 8 communities × 10 grids × 5 compounds: incidents carry a compound (the deepest cell). */
function gridCodes(): { code: string; level: string; parent: string | null }[] {
  const out: { code: string; level: string; parent: string | null }[] = [];
  for (let s = 1; s <= 5; s++) {
    const sc = `S${s}`;
    out.push({ code: sc, level: 'street', parent: null });
    for (let c = 1; c <= 8; c++) {
      const cc = `${sc}C${c}`;
      out.push({ code: cc, level: 'community', parent: sc });
      for (let g = 1; g <= 10; g++) {
        const gc = `${cc}G${g}`;
        out.push({ code: gc, level: 'grid', parent: cc });
        for (let k = 1; k <= 5; k++) out.push({ code: `${gc}K${k}`, level: 'compound', parent: gc });
      }
    }
  }
  return out;
}

function seed(db: Db, n: number): void {
  const r = rng(42);
  const cells = gridCodes();
  const compounds = cells.filter((c) => c.level === 'compound').map((c) => c.code);
  const now = Date.UTC(2026, 0, 1);
  const insCell = db.prepare(
    `INSERT INTO grid_cells (code, level, name, parent_code, geometry) VALUES (?, ?, ?, ?, '{"type":"Polygon","coordinates":[]}')`,
  );
  const ins = db.prepare(
    `INSERT INTO incidents (id, category, priority, status, source, lon, lat, address, description, reporter,
       grid_code, is_drill, is_demo, created_at, updated_at, created_by, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, 0, ?, ?, 'bench', 1)`,
  );
  const closed = ['closed', 'closed', 'closed', 'resolved', 'cancelled'];
  db.transaction(() => {
    for (const c of cells) insCell.run(c.code, c.level, c.code, c.parent);
    for (let i = 0; i < n; i++) {
      // Time-ordered ids, like UUIDv7: the table grows at its end as it does in production.
      const createdAt = now - Math.floor((1 - i / n) * 365 * 86_400_000);
      const id = `${createdAt
        .toString(16)
        .padStart(12, '0')
        .replace(/^(.{8})(.{4})$/, '$1-$2')}-7000-8000-${i.toString(16).padStart(12, '0')}`;
      const status = r() < 0.03 ? pick(r, OPEN_STATUSES) : pick(r, closed);
      const priority = pick(r, ['P1', 'P2', 'P3', 'P4'], [0.05, 0.2, 0.45, 0.3]);
      ins.run(
        id,
        pick(r, SEED_CATEGORIES),
        priority,
        status,
        pick(r, SOURCES, SOURCE_W),
        103.6 + r() * 0.2,
        36.0 + r() * 0.2,
        `${pick(r, ROADS)}${1 + Math.floor(r() * 300)}号`,
        `${pick(r, PLACES)}${pick(r, ISSUES)}，请尽快处理`,
        pick(r, compounds),
        r() < 0.02 ? 1 : 0,
        createdAt,
        createdAt,
      );
    }
  })();
  db.exec('ANALYZE');
}

/** The seeded file for n rows, built once and reused. */
function seededFile(n: number): string {
  mkdirSync(CACHE_DIR, { recursive: true });
  const path = join(CACHE_DIR, `queue-${n}-v${SEED_VERSION}.sqlite3`);
  if (existsSync(path)) return path;
  const tmp = `${path}.building`;
  rmSync(tmp, { force: true });
  rmSync(`${tmp}-wal`, { force: true });
  const t0 = performance.now();
  const { db } = openStore(tmp);
  db.pragma('synchronous = OFF');
  seed(db, n);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, path);
  console.error(`seeded ${n} incidents in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${path}`);
  return path;
}

/** The mix: what operators actually ask (open work first), plus history, search and grid drill-downs. */
function mix(): IncidentQuery[] {
  const open = [...OPEN_STATUSES];
  return [
    { statuses: open, limit: 100 },
    { statuses: open, categories: ['fire_safety'], limit: 100 },
    { statuses: open, priorities: ['P1', 'P2'], limit: 100 },
    { statuses: open, gridCode: 'S2', limit: 100 },
    { statuses: open, gridCode: 'S3C4', drill: 'exclude', limit: 100 },
    { statuses: open, sources: ['drone_patrol'], limit: 100 },
    { statuses: open, search: '积水严重', limit: 100 },
    { statuses: open, search: '东湖路 积水', limit: 100 },
    { categories: ['lake_water'], gridCode: 'S1C2G3', limit: 100 },
    { gridCode: 'S4C1G7K2', limit: 100 },
    { search: '东湖路123号', limit: 100 },
    { statuses: ['closed'], categories: ['emergency'], gridCode: 'S5C8', priorities: ['P1'], limit: 100 },
    { statuses: open, overdue: true, limit: 100 },
  ];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { n: { type: 'string', default: '1000000' }, rounds: { type: 'string', default: '30' } },
  });
  const n = Number(values.n);
  const rounds = Number(values.rounds);
  const path = seededFile(n);
  const { db } = openStore(path, { skipIntegrityCheck: true });
  try {
    const overdueIds = (
      db
        .prepare(
          `SELECT id FROM incidents WHERE status IN ('reported', 'accepted') ORDER BY created_at LIMIT 300`,
        )
        .pluck()
        .all() as string[]
    ).slice();
    const queue = new QueueFeature({ store: { db } } as unknown as HostContext);
    queue.setOverdueSource(() => overdueIds);
    const router = new Router(queue.handlers, { log: pino({ level: 'silent' }), allowMissing: true });
    const queries = mix();

    // Raw: the same SQL the repository builds, the same resolved inputs, prepared once, rows as they come.
    const rawPrepared = queries.map((q) => {
      const parsed = IncidentQuerySchema.parse(q);
      const sql = buildQueueSql(parsed, {
        gridCodes: parsed.gridCode ? queue.repo.gridSubtree(parsed.gridCode) : undefined,
        overdueIds: parsed.overdue ? overdueIds : undefined,
      });
      return {
        page: db.prepare<unknown[]>(sql.pageSql),
        count: db.prepare<unknown[]>(sql.countSql),
        args: sql.args,
        limit: parsed.limit,
      };
    });
    const runRaw = (i: number) => {
      const s = rawPrepared[i]!;
      const rows = s.page.all(...s.args, s.limit, 0);
      const total = rows.length < s.limit ? rows.length : (s.count.get(...s.args) as { n: number }).n;
      return total;
    };
    let frameId = 0;
    const runHost = async (i: number) => {
      const res = await router.handleFrame(
        { t: 'req', id: ++frameId, method: 'incident.query', params: queries[i] },
        { transport: 'ws' },
      );
      if (!res.ok) throw new Error(res.error.message);
      return (res.result as { total: number }).total;
    };

    // Warm-up (page cache, statement cache) and a check that both paths agree.
    for (let i = 0; i < queries.length; i++) {
      const [h, w] = [await runHost(i), runRaw(i)];
      if (h !== w) throw new Error(`query ${i}: host total ${h} ≠ raw total ${w}`);
    }
    const hostTimes: number[] = [];
    let hostSum = 0;
    let rawSum = 0;
    const perQuery = queries.map(() => ({ host: 0, raw: 0 }));
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < queries.length; i++) {
        // Alternate which path goes first so neither always runs on a cache the other warmed.
        const hostFirst = (round + i) % 2 === 0;
        let tr = 0;
        if (!hostFirst) {
          const t = performance.now();
          runRaw(i);
          tr = performance.now() - t;
        }
        const t0 = performance.now();
        await runHost(i);
        const th = performance.now() - t0;
        if (hostFirst) {
          const t = performance.now();
          runRaw(i);
          tr = performance.now() - t;
        }
        hostTimes.push(th);
        hostSum += th;
        rawSum += tr;
        perQuery[i]!.host += th;
        perQuery[i]!.raw += tr;
      }
    }
    for (let i = 0; i < queries.length; i++) {
      console.error(
        `  ${JSON.stringify(queries[i])}: host ${(perQuery[i]!.host / rounds).toFixed(2)} ms, raw ${(perQuery[i]!.raw / rounds).toFixed(2)} ms`,
      );
    }
    hostTimes.sort((a, b) => a - b);
    console.log(
      `queue ratio=${(hostSum / rawSum).toFixed(2)} p95_ms=${percentile(hostTimes, 0.95).toFixed(2)}`,
    );
  } finally {
    db.close();
  }
}
