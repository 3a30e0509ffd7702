import type { Incident } from '../contract';
import { toIncident, type IncidentRow } from './incidents';
import { OPEN_STATUSES } from '../contract/domain/incident';
import type { IncidentQueryParsed } from '../contract/queue';
import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

/**
 * The queue's query at scale (1M incidents): one SQL statement per page plus one count, built from the filters.
 * Pure builder (`buildQueueSql`) so the bench can run the very same SQL raw, and a small runner over it.
 */

/** What the builder needs besides the filters: resolved inputs the host computes (grid subtree, SLA). */
export interface QueueResolved {
  /** The chosen cell and every cell under it, or undefined when there is no grid filter. */
  gridCodes?: readonly string[];
  /** Ids of overdue incidents (from the SLA feature), or undefined when the filter is off. */
  overdueIds?: readonly string[];
}

export interface QueueSql {
  pageSql: string;
  countSql: string;
  /** Arguments of the WHERE clause (both statements); the page statement adds limit and offset. */
  args: unknown[];
  /** Terms shorter than 3 characters: the trigram index cannot look them up, they are matched with LIKE. */
  shortTerms: string[];
}

/** How the builder may shape the SQL; the default is the fast path, the plain one is kept for tests. */
export interface QueueSqlOptions {
  /**
   * Search open-only filters in incidents_open_fts (migration queue_open_search) rather than the whole-store index. Both give
   * the same rows; a property test in incidentQuery.test.ts holds them to it.
   */
  openSearchIndex?: boolean;
}

const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
const ORDER = 'ORDER BY i.priority ASC, i.created_at ASC, i.id ASC';

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** An FTS5 string literal: the term in double quotes, inner quotes doubled (no operators get through). */
function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** LIKE with the term taken literally (% and _ escaped). */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Splits a search into terms. Trigram FTS needs at least three characters per term; shorter terms (common in
 * Chinese: 积水, 火) are matched with LIKE on the candidate rows that the other filters leave.
 */
export function searchTerms(search: string | undefined): { long: string[]; short: string[] } {
  const terms = (search ?? '').trim().split(/\s+/u).filter(Boolean).slice(0, 8);
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  return { long, short };
}

/** The status filter asks for open work only (the whole open set or part of it). */
function openOnly(statuses: readonly string[] | undefined): boolean {
  return !!statuses?.length && statuses.every((s) => (OPEN_STATUSES as readonly string[]).includes(s));
}

export function buildQueueSql(
  q: IncidentQueryParsed,
  r: QueueResolved = {},
  { openSearchIndex = true }: QueueSqlOptions = {},
): QueueSql {
  const where: string[] = [];
  const args: unknown[] = [];
  const in_ = (col: string, values: readonly string[]) => {
    where.push(`${col} IN (${values.map(() => '?').join(', ')})`);
    args.push(...values);
  };

  if (q.statuses?.length) {
    // The open set is written as literals so the planner can use the partial index incidents_open_queue.
    if (sameSet(q.statuses, OPEN_STATUSES)) where.push(`i.status IN (${OPEN_LIST})`);
    else in_('i.status', q.statuses);
  }
  if (q.priorities?.length) in_('i.priority', q.priorities);
  if (q.categories?.length) in_('i.category', q.categories);
  if (q.sources?.length) in_('i.source', q.sources);
  if (q.drill === 'exclude') where.push('i.is_drill = 0');
  if (q.drill === 'only') where.push('i.is_drill = 1');
  if (r.gridCodes) {
    where.push('i.grid_code IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(r.gridCodes));
  }
  if (r.overdueIds) {
    where.push('i.id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(r.overdueIds));
  }
  const { long, short } = searchTerms(q.search);
  if (openSearchIndex && openOnly(q.statuses) && (long.length || short.length)) {
    // Open-only: the whole search runs in the open-only index, which keeps its own text. A common phrase hits
    // ~10 % of the store but only open rows can come back (the whole-store index would decode 30× the
    // postings), and short terms are checked on that compact text (notes joined by newlines, which no term
    // can span) rather than on scattered rows of incidents plus the timeline.
    const cond: string[] = [];
    if (long.length) {
      cond.push('incidents_open_fts MATCH ?');
      args.push(long.map(ftsPhrase).join(' AND '));
    }
    for (const term of short) {
      cond.push(`(description LIKE ? ESCAPE '\\' OR address LIKE ? ESCAPE '\\' OR notes LIKE ? ESCAPE '\\')`);
      const p = likePattern(term);
      args.push(p, p, p);
    }
    where.push(`i.rowid IN (SELECT rowid FROM incidents_open_fts WHERE ${cond.join(' AND ')})`);
  } else {
    if (long.length) {
      where.push('i.rowid IN (SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ?)');
      args.push(long.map(ftsPhrase).join(' AND '));
    }
    for (const term of short) {
      // Notes live in the timeline; a short term is looked up there only for the rows that survive the rest.
      where.push(
        `(i.description LIKE ? ESCAPE '\\' OR i.address LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM incident_timeline t
        WHERE t.incident_id = i.id AND t.kind = 'note' AND json_extract(t.data, '$.text') LIKE ? ESCAPE '\\'))`,
      );
      const p = likePattern(term);
      args.push(p, p, p);
    }
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // Open work (unless an overdue id list drives it): walk the open partial index in queue order, checking the
  // other filters inside it and a search against the FTS rowid set (materialized once, with a Bloom filter).
  // Left to itself the planner takes the status index and sorts every open row, or — with a search — looks up
  // every FTS hit in the whole table: 10× slower at 1M rows (bench/queue.ts).
  const openScan =
    q.statuses?.length && sameSet(q.statuses, OPEN_STATUSES) && !r.overdueIds
      ? ' INDEXED BY incidents_open_queue'
      : '';
  return {
    pageSql: `SELECT i.* FROM incidents i${openScan} ${whereSql} ${ORDER} LIMIT ? OFFSET ?`,
    countSql: `SELECT count(*) AS n FROM incidents i${openScan} ${whereSql}`,
    args,
    shortTerms: short,
  };
}

/** Runs the queue query. Statements are cached by SQL text: the filter combinations in use are few. */
export class IncidentQueryRepository {
  private readonly stmts = new Map<string, Statement<unknown[]>>();
  private readonly gridVersionStmt;
  private readonly gridStmt;
  private gridVersion = -1;
  private descendants = new Map<string, string[]>();

  constructor(
    private readonly db: Db,
    private readonly options: QueueSqlOptions = {},
  ) {
    this.gridVersionStmt = db.prepare('SELECT version FROM grid_version WHERE id = 1').pluck();
    this.gridStmt = db.prepare('SELECT code, parent_code FROM grid_cells');
  }

  private stmt(sql: string) {
    let s = this.stmts.get(sql);
    if (!s) {
      if (this.stmts.size > 200) this.stmts.clear();
      s = this.db.prepare<unknown[]>(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  /**
   * The cell and all cells under it. Precomputed for every cell at once and rebuilt only when the grid changed
   * (grid_version moves with every grid_cells write), so a query pays one row lookup. An unknown code yields
   * just itself: incidents may carry a cell from another console's newer grid.
   */
  gridSubtree(code: string): string[] {
    const version = this.gridVersionStmt.get() as number;
    if (version !== this.gridVersion) {
      const rows = this.gridStmt.all() as { code: string; parent_code: string | null }[];
      const children = new Map<string, string[]>();
      for (const r of rows) {
        if (r.parent_code === null) continue;
        const list = children.get(r.parent_code) ?? [];
        list.push(r.code);
        children.set(r.parent_code, list);
      }
      const memo = new Map<string, string[]>();
      const walk = (c: string, seen: Set<string>): string[] => {
        const done = memo.get(c);
        if (done) return done;
        const out = [c];
        seen.add(c);
        for (const k of children.get(c) ?? []) if (!seen.has(k)) out.push(...walk(k, seen));
        memo.set(c, out);
        return out;
      };
      for (const r of rows) walk(r.code, new Set());
      this.descendants = memo;
      this.gridVersion = version;
    }
    return this.descendants.get(code) ?? [code];
  }

  run(q: IncidentQueryParsed, resolved: QueueResolved): { items: Incident[]; total: number } {
    const sql = buildQueueSql(q, resolved, this.options);
    const rows = this.stmt(sql.pageSql).all(...sql.args, q.limit, q.offset) as IncidentRow[];
    // A short page from offset 0 is the whole result: no count needed.
    const total =
      q.offset === 0 && rows.length < q.limit
        ? rows.length
        : (this.stmt(sql.countSql).get(...sql.args) as { n: number }).n;
    return { items: rows.map(toIncident), total };
  }
}

/** Rebuilds both search indexes from the tables (after a restore from an export, or if rowids ever moved). */
export function rebuildSearchIndex(db: Db): void {
  // 'delete-all' is how the contentless whole-store index is emptied (it has no rows for DELETE to scan).
  const fill = (table: string, where: string) => `${
    table === 'incidents_fts'
      ? `INSERT INTO ${table} (${table}) VALUES ('delete-all')`
      : `DELETE FROM ${table}`
  };
    INSERT INTO ${table} (rowid, description, address, notes)
    SELECT i.rowid, i.description, i.address,
      coalesce((SELECT group_concat(json_extract(t.data, '$.text'), char(10)) FROM incident_timeline t
                WHERE t.incident_id = i.id AND t.kind = 'note'), '')
    FROM incidents i ${where};`;
  db.transaction(() => {
    db.exec(fill('incidents_fts', ''));
    db.exec(fill('incidents_open_fts', `WHERE i.status IN (${OPEN_LIST})`));
  })();
}
