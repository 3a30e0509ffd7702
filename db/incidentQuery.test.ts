import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Db } from './open';
import { IncidentQueryRepository, buildQueueSql, searchTerms } from './incidentQuery';
import { IncidentQuerySchema, type IncidentQuery } from '../contract/queue';
import { OPEN_STATUSES } from '../contract/domain/incident';

let dir: string;
let db: Db;
let repo: IncidentQueryRepository;

const parse = (q: IncidentQuery) => IncidentQuerySchema.parse(q);

function add(id: number, over: Partial<Record<string, unknown>> = {}) {
  const row = {
    id: `00000000-0000-7000-8000-${String(id).padStart(12, '0')}`,
    category: 'other',
    priority: 'P3',
    status: 'reported',
    source: 'hotline',
    address: '',
    description: `incident ${id}`,
    grid_code: null,
    is_drill: 0,
    created_at: 1000 + id,
    ...over,
  };
  db.prepare(
    `INSERT INTO incidents (id, category, priority, status, source, lon, lat, address, description, reporter,
       grid_code, is_drill, is_demo, created_at, updated_at, created_by, version)
     VALUES (@id, @category, @priority, @status, @source, 103.7, 36.5, @address, @description, '', @grid_code,
       @is_drill, 0, @created_at, @created_at, 't', 1)`,
  ).run(row);
  return row.id;
}

function ids(q: IncidentQuery, resolved = {}) {
  return repo.run(parse(q), resolved).items.map((i) => Number(i.id.slice(-4)));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fengsui-query-'));
  db = openStore(join(dir, 'q.sqlite3')).db;
  repo = new IncidentQueryRepository(db);
  const cell = db.prepare(
    `INSERT INTO grid_cells (code, level, name, parent_code, geometry) VALUES (?, ?, ?, ?, '{}')`,
  );
  cell.run('S1', 'street', '东湖街道', null);
  cell.run('S1C1', 'community', '幸福社区', 'S1');
  cell.run('S1C1G1', 'grid', '一网格', 'S1C1');
  cell.run('S1C1G1K1', 'compound', '阳光小区', 'S1C1G1');
  cell.run('S2', 'street', '西湖街道', null);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('queue query', () => {
  it('sorts by priority, then age, then id', () => {
    add(1, { priority: 'P3', created_at: 10 });
    add(2, { priority: 'P1', created_at: 50 });
    add(3, { priority: 'P1', created_at: 20 });
    add(4, { priority: 'P2', created_at: 5 });
    expect(ids({})).toEqual([3, 2, 4, 1]);
  });

  it('filters by status, category, priority, source and drill, and pages with a total', () => {
    for (let i = 1; i <= 30; i++) {
      add(i, {
        status: i % 3 === 0 ? 'closed' : 'accepted',
        category: i % 2 ? 'fire_safety' : 'other',
        priority: i % 5 === 0 ? 'P1' : 'P4',
        source: i % 4 === 0 ? 'drone_patrol' : 'hotline',
        is_drill: i === 7 ? 1 : 0,
      });
    }
    const open = { statuses: [...OPEN_STATUSES] };
    expect(repo.run(parse(open), {}).total).toBe(20);
    expect(ids({ ...open, categories: ['fire_safety'], priorities: ['P1'] })).toEqual([5, 25]);
    expect(ids({ ...open, sources: ['drone_patrol'] })).toEqual([20, 4, 8, 16, 28]);
    expect(ids({ ...open, drill: 'only' })).toEqual([7]);
    expect(repo.run(parse({ ...open, drill: 'exclude' }), {}).total).toBe(19);
    const page = repo.run(parse({ ...open, limit: 5, offset: 15 }), {});
    expect(page.items).toHaveLength(5);
    expect(page.total).toBe(20);
  });

  it('a street or community filter takes every cell under it, and follows grid changes', () => {
    add(1, { grid_code: 'S1C1G1K1' });
    add(2, { grid_code: 'S1C1G1' });
    add(3, { grid_code: 'S2' });
    add(4, { grid_code: null });
    expect(ids({}, { gridCodes: repo.gridSubtree('S1') })).toEqual([1, 2]);
    expect(ids({}, { gridCodes: repo.gridSubtree('S1C1G1K1') })).toEqual([1]);
    expect(repo.gridSubtree('nope')).toEqual(['nope']);
    db.prepare(`UPDATE grid_cells SET parent_code = 'S2' WHERE code = 'S1C1'`).run();
    expect(ids({}, { gridCodes: repo.gridSubtree('S2') })).toEqual([1, 2, 3]);
  });

  it('overdue takes the SLA feature’s id set', () => {
    const a = add(1);
    add(2);
    expect(ids({}, { overdueIds: [a] })).toEqual([1]);
    expect(ids({}, { overdueIds: [] })).toEqual([]);
  });
});

describe('full-text search (FTS5 trigram)', () => {
  it('finds Chinese text in description, address and notes, and keeps up with edits', () => {
    const a = add(1, { description: '东湖路口积水严重，车辆无法通行', address: '东湖路18号' });
    add(2, { description: '占道经营', address: '解放路3号' });
    const b = add(3, { description: '噪音扰民' });
    expect(ids({ search: '积水严重' })).toEqual([1]);
    expect(ids({ search: '东湖路18' })).toEqual([1]);
    expect(ids({ search: '解放路 经营' })).toEqual([2]);
    // Two-character words (most Chinese words) are shorter than a trigram: matched by LIKE instead.
    expect(ids({ search: '积水' })).toEqual([1]);
    expect(ids({ search: '火' })).toEqual([]);
    db.prepare(
      `INSERT INTO incident_timeline (id, incident_id, at, kind, actor, console_id, data)
       VALUES ('00000000-0000-7000-8000-00000000aaaa', ?, 5, 'note', 't', 'c', json_object('text', '现场发现燃气泄漏'))`,
    ).run(b);
    expect(ids({ search: '燃气泄漏' })).toEqual([3]);
    expect(ids({ search: '燃气' })).toEqual([3]);
    db.prepare(`UPDATE incidents SET description = '道路积水已排' WHERE id = ?`).run(b);
    expect(ids({ search: '积水已排' })).toEqual([3]);
    expect(ids({ search: '燃气泄漏' })).toEqual([3]); // the note survives the edit
    expect(ids({ search: 'NO SUCH TEXT' })).toEqual([]);
    db.prepare('DELETE FROM incident_timeline WHERE incident_id = ?').run(a);
    db.prepare('DELETE FROM incidents WHERE id = ?').run(a);
    expect(ids({ search: '积水严重' })).toEqual([]);
  });

  it('takes search text literally (no FTS operators, no LIKE wildcards)', () => {
    add(1, { description: 'a "quoted" 100% thing' });
    add(2, { description: 'other' });
    expect(ids({ search: '"quoted"' })).toEqual([1]);
    expect(ids({ search: '100%' })).toEqual([1]);
    expect(ids({ search: '%' })).toEqual([1]);
    expect(ids({ search: 'x OR y NEAR(' })).toEqual([]);
    expect(searchTerms(' 积水  东湖路 a ')).toEqual({ long: ['东湖路'], short: ['积水', 'a'] });
  });

  it('uses the open partial index for open work and the FTS index for search', () => {
    const open = parse({ statuses: [...OPEN_STATUSES], categories: ['other'] });
    const plan = (sql: string, args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    const s = buildQueueSql(open);
    expect(plan(s.pageSql, [...s.args, 10, 0])).toContain('incidents_open_queue');
    const f = buildQueueSql(parse({ search: '积水严重' }));
    expect(plan(f.countSql, f.args)).toMatch(/incidents_fts/);
  });
});
