import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Db } from './open';
import fc from 'fast-check';
import { IncidentQueryRepository, buildQueueSql, rebuildSearchIndex, searchTerms } from './incidentQuery';
import { IncidentQuerySchema, type IncidentQuery } from '../contract/queue';
import {
  INCIDENT_STATUSES,
  OPEN_STATUSES,
  PRIORITIES,
  type IncidentStatus,
} from '../contract/domain/incident';

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
    // The same through the open-only index (open filter): notes reach it too.
    const open = [...OPEN_STATUSES];
    expect(ids({ statuses: open, search: '燃气泄漏' })).toEqual([3]);
    expect(ids({ statuses: open, search: '燃气' })).toEqual([3]);
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
    // Open-only searches (the whole open set or part of it) use the open-only index; others the whole store.
    for (const statuses of [[...OPEN_STATUSES], ['accepted' as const]]) {
      for (const search of ['积水严重', '积水', '东湖路 积水']) {
        const o = buildQueueSql(parse({ statuses, search }));
        expect(plan(o.pageSql, [...o.args, 10, 0])).toMatch(/incidents_open_fts/);
        expect(o.pageSql).not.toMatch(/incident_timeline/);
      }
    }
    const c = buildQueueSql(parse({ statuses: ['accepted', 'closed'], search: '积水严重' }));
    expect(plan(c.pageSql, [...c.args, 10, 0])).not.toMatch(/incidents_open_fts/);
  });
});

/**
 * The open-only search index is a second copy of the text kept by triggers; a wrong trigger shows up as a
 * query that answers differently from the whole-store path. Random stores are pushed through the writes the
 * triggers see (status moves in and out of the open set, edits, notes, deletes), then random queries must give
 * the same page and total on both paths, and the same rows as a plain in-memory filter.
 */
describe('open-only search index (property)', () => {
  const WORDS = [
    '积水严重',
    '东湖路',
    '占道经营',
    '积水',
    '火',
    'Gas leak',
    'gas',
    '18号',
    '湖边',
    '违章停车',
  ];
  const STATUSES = [...INCIDENT_STATUSES];
  const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }).map((w) => w.join(''));
  const row = fc.record({
    status: fc.constantFrom(...STATUSES),
    priority: fc.constantFrom('P1', 'P2', 'P3', 'P4'),
    category: fc.constantFrom('other', 'fire_safety'),
    created_at: fc.integer({ min: 1, max: 6 }),
    description: text,
    address: text,
  });
  const write = fc.oneof(
    fc.record({ kind: fc.constant('status' as const), at: fc.nat(), status: fc.constantFrom(...STATUSES) }),
    fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), description: text, address: text }),
    fc.record({ kind: fc.constant('note' as const), at: fc.nat(), text }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  );
  const statusFilter = fc.oneof(
    fc.constant([...OPEN_STATUSES]),
    fc.subarray([...OPEN_STATUSES], { minLength: 1 }),
    fc.subarray(STATUSES, { minLength: 1 }),
    fc.constant(undefined),
  );
  const query: fc.Arbitrary<IncidentQuery> = fc.record({
    statuses: statusFilter.map((s) => (s ? [...s] : undefined)),
    search: fc
      .array(fc.constantFrom(...WORDS, '东湖', 'leak'), { minLength: 1, maxLength: 2 })
      .map((w) => w.join(' ')),
    priorities: fc.option(fc.subarray([...PRIORITIES], { minLength: 1 }), { nil: undefined }),
    limit: fc.integer({ min: 1, max: 8 }),
    offset: fc.integer({ min: 0, max: 6 }),
  });

  interface Model {
    id: string;
    status: IncidentStatus;
    priority: string;
    category: string;
    created_at: number;
    description: string;
    address: string;
    notes: string[];
  }

  /** What the queue must answer, computed without SQL: every term a substring of one of the texts. */
  function expected(rows: Model[], q: IncidentQuery): string[] {
    const terms = (q.search ?? '')
      .split(/\s+/u)
      .filter(Boolean)
      .map((t) => t.toLowerCase());
    const has = (r: Model, t: string) =>
      [r.description, r.address, ...r.notes].some((x) => x.toLowerCase().includes(t));
    return rows
      .filter((r) => !q.statuses || q.statuses.includes(r.status))
      .filter((r) => !q.priorities || (q.priorities as readonly string[]).includes(r.priority))
      .filter((r) => terms.every((t) => has(r, t)))
      .sort(
        (a, b) =>
          a.priority.localeCompare(b.priority) || a.created_at - b.created_at || a.id.localeCompare(b.id),
      )
      .map((r) => r.id);
  }

  it('answers exactly like the whole-store index, after any sequence of writes', () => {
    const plain = new IncidentQueryRepository(db, { openSearchIndex: false });
    const note = db.prepare(
      `INSERT INTO incident_timeline (id, incident_id, at, kind, actor, console_id, data)
       VALUES (?, ?, 5, 'note', 't', 'c', json_object('text', ?))`,
    );
    let noteSeq = 0;
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 25 }),
        fc.array(write, { maxLength: 30 }),
        fc.array(query, { minLength: 1, maxLength: 6 }),
        (rows, writes, queries) => {
          db.exec('DELETE FROM incident_timeline; DELETE FROM incidents;');
          const live: Model[] = rows.map((r, i) => {
            const id = add(i + 1, r);
            return { ...r, id, notes: [] };
          });
          for (const w of writes) {
            if (!live.length) break;
            const target = live[w.at % live.length]!;
            if (w.kind === 'status') {
              db.prepare('UPDATE incidents SET status = ? WHERE id = ?').run(w.status, target.id);
              target.status = w.status;
            } else if (w.kind === 'edit') {
              db.prepare('UPDATE incidents SET description = ?, address = ? WHERE id = ?').run(
                w.description,
                w.address,
                target.id,
              );
              Object.assign(target, { description: w.description, address: w.address });
            } else if (w.kind === 'note') {
              note.run(`00000000-0000-7000-9000-${String(++noteSeq).padStart(12, '0')}`, target.id, w.text);
              target.notes.push(w.text);
            } else {
              db.prepare('DELETE FROM incident_timeline WHERE incident_id = ?').run(target.id);
              db.prepare('DELETE FROM incidents WHERE id = ?').run(target.id);
              live.splice(live.indexOf(target), 1);
            }
          }
          // The index holds exactly the open incidents.
          const indexed = db.prepare('SELECT rowid FROM incidents_open_fts ORDER BY rowid').pluck().all();
          const open = db
            .prepare(
              `SELECT rowid FROM incidents WHERE status IN (${OPEN_STATUSES.map(() => '?').join(', ')}) ORDER BY rowid`,
            )
            .pluck()
            .all(...OPEN_STATUSES);
          expect(indexed).toEqual(open);
          for (const q of queries) {
            const p = parse(q);
            const fast = repo.run(p, {});
            const slow = plain.run(p, {});
            const want = expected(live, q);
            expect(fast.items.map((i) => i.id)).toEqual(slow.items.map((i) => i.id));
            expect(fast.total).toBe(slow.total);
            expect(fast.total).toBe(want.length);
            expect(fast.items.map((i) => i.id)).toEqual(want.slice(q.offset, q.offset! + q.limit!));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is rebuilt with the whole-store index', () => {
    add(1, { description: '积水严重', status: 'accepted' });
    add(2, { description: '积水严重', status: 'closed' });
    db.exec('DELETE FROM incidents_open_fts');
    const q = parse({ statuses: [...OPEN_STATUSES], search: '积水严重' });
    expect(repo.run(q, {}).total).toBe(0);
    rebuildSearchIndex(db);
    expect(ids(q)).toEqual([1]);
    expect(ids({ search: '积水严重' })).toEqual([1, 2]);
  });
});
