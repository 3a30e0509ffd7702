/**
 * Reading and writing the change stream.
 *
 * Ordering guarantee: a console pulls "everything after server_seq N". With concurrent pushes, sequence numbers
 * are handed out in one order and commits land in another, so a reader could see 11 before 10 commits and skip
 * 10 forever. Every writer therefore takes one transaction-scoped advisory lock before drawing numbers: writes
 * commit in server_seq order and every snapshot sees a gap-free prefix. Pushes are small; the serialisation
 * costs far less than a lost change.
 */
import type pg from 'pg';
import type { Change, ServerChange } from '../../contract/sync';
import { toNumber, type Queryable } from '../db/pool';

const WRITE_LOCK = 0x46_53_57_31; // "FSW1"
export const NOTIFY_CHANNEL = 'fengsui_changes';

export async function lockWrites(q: Queryable): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
}

export interface StoredChange extends ServerChange {
  held: boolean;
}

interface Row {
  server_seq: string;
  console_id: string;
  seq: string;
  entity: string;
  entity_id: string;
  op: string;
  fields: Record<string, unknown>;
  hlc: string;
  schema_version: number;
  held: boolean;
}

const fromRow = (r: Row): StoredChange => ({
  serverSeq: toNumber(r.server_seq),
  consoleId: r.console_id,
  seq: toNumber(r.seq),
  entity: r.entity as Change['entity'],
  entityId: r.entity_id,
  op: r.op as Change['op'],
  fields: r.fields,
  hlc: r.hlc,
  schemaVersion: r.schema_version,
  held: r.held,
});

const COLUMNS = 'server_seq, console_id, seq, entity, entity_id, op, fields, hlc, schema_version, held';

/**
 * Insert a batch; (console_id, seq) already present are skipped (a resend). Returns only the rows added,
 * in server_seq order. Call inside a transaction after `lockWrites`.
 *
 * One statement for the whole batch, prepared once per connection. The rows travel as one JSON document
 * (`JSON.stringify` is native; pg's JS escaping of `unnest()` array parameters cost more than it saved, as
 * measured), and only the key and server_seq come back: the rest of each stored row is what we sent.
 */
export async function insertChanges(
  q: Queryable,
  changes: readonly Change[],
  held: (c: Change) => boolean,
): Promise<StoredChange[]> {
  if (changes.length === 0) return [];
  const n = changes.length;
  const helds = new Array<boolean>(n);
  const payload = changes.map((c, i) => ({
    console_id: c.consoleId,
    seq: c.seq,
    entity: c.entity,
    entity_id: c.entityId,
    op: c.op,
    fields: c.fields,
    hlc: c.hlc,
    schema_version: c.schemaVersion,
    held: (helds[i] = held(c)),
  }));
  // WITH ORDINALITY keeps the console's order for server_seq; of two copies of one (console_id, seq) in the
  // same batch the first is stored.
  const { rows } = await q.query<{ server_seq: string; console_id: string; seq: string }>({
    name: 'fengsui_insert_changes',
    text: `INSERT INTO changes (console_id, seq, entity, entity_id, op, fields, hlc, schema_version, held)
     SELECT x.console_id, x.seq, x.entity, x.entity_id, x.op, x.fields, x.hlc, x.schema_version, x.held
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (console_id uuid, seq bigint, entity text, entity_id text,
            op text, fields jsonb, hlc text, schema_version int, held boolean)) WITH ORDINALITY
            AS x(console_id, seq, entity, entity_id, op, fields, hlc, schema_version, held, n)
      ORDER BY x.n
     ON CONFLICT (console_id, seq) DO NOTHING
     RETURNING server_seq, console_id, seq`,
    values: [JSON.stringify(payload)],
  });
  return storedFrom(changes, helds, rows);
}

/** Who pushed a batch, for push_operators: the operator, or why the session named none. */
export interface PushedBy {
  operatorId: string | null;
  username: string | null;
  problem: string | null;
}

export type PushOutcome =
  | { outcome: 'stored'; epoch: string; added: number; held: number; highestSeq: number }
  | { outcome: 'epoch_changed'; epoch: string; highestSeq: number }
  /** The storage changed under the stored epoch: issue a new one (db/epoch.ts) and push again. */
  | { outcome: 'stale' };

/** One prepared statement per epoch expression (it changes only if the fingerprint falls back). */
const pushStatements = new Map<string, string>();

/**
 * Store a push in one round trip (migration 0005, `fengsui_push`): epoch check, write lock, insert,
 * notification, who pushed and the console's highest seq, as one statement and so one transaction. It used to
 * be eight; on a busy machine every round trip waits for the CPU twice.
 *
 * PostgreSQL reads the rows straight out of the request body, so nothing is serialised again. `body` must be
 * the text whose parsed and validated `changes` the caller checked, and `helds` their held flags in order: the
 * stored rows are the same values, because JSON and jsonb both keep the last of duplicate keys and everything
 * else was checked on the parsed copy. `validEpochSql` is `EpochKeeper.validEpochSql()`: evaluated as the
 * function's argument, so the epoch is checked before anything is written.
 */
export async function pushChanges(
  q: Queryable,
  args: {
    body: string;
    helds: readonly boolean[];
    consoleId: string;
    expectedEpoch: string | null;
    validEpochSql: string;
    pushedBy: PushedBy | null;
  },
): Promise<PushOutcome> {
  let name = pushStatements.get(args.validEpochSql);
  if (!name) pushStatements.set(args.validEpochSql, (name = `fengsui_push_${pushStatements.size}`));
  const by = args.pushedBy;
  const { rows } = await q.query<{ r: Record<string, unknown> }>({
    name,
    text: `SELECT fengsui_push($1::jsonb, $2::boolean[], $3, $4, ${args.validEpochSql}, $5, $6, $7, $8, $9, $10) AS r`,
    values: [
      args.body,
      args.helds,
      args.consoleId,
      args.expectedEpoch,
      WRITE_LOCK,
      NOTIFY_CHANNEL,
      by !== null,
      by?.operatorId ?? null,
      by?.username ?? null,
      by?.problem ?? null,
    ],
  });
  const r = rows[0]!.r;
  switch (r.outcome) {
    case 'stale':
      return { outcome: 'stale' };
    case 'epoch_changed':
      return { outcome: 'epoch_changed', epoch: String(r.epoch), highestSeq: toNumber(r.highestSeq) };
    case 'stored':
      return {
        outcome: 'stored',
        epoch: String(r.epoch),
        added: toNumber(r.added),
        held: toNumber(r.held),
        highestSeq: toNumber(r.highestSeq),
      };
    default:
      throw new Error(`fengsui_push answered ${JSON.stringify(r)}; the database is not migrated`);
  }
}

/** The rows an insert returned, as stored changes; of duplicate copies in one batch the first (as stored). */
function storedFrom(
  changes: readonly Change[],
  helds: readonly boolean[],
  rows: readonly { server_seq: string; console_id: string; seq: string }[],
): StoredChange[] {
  if (rows.length === 0) return [];
  // Input index by console, then seq: a push has one console, and a string key per change showed in profiles.
  const index = new Map<string, Map<number, number>>();
  let lastId: string | undefined;
  let bySeq: Map<number, number> | undefined;
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i]!;
    if (c.consoleId !== lastId) {
      lastId = c.consoleId;
      const id = lastId.toLowerCase();
      bySeq = index.get(id);
      if (!bySeq) index.set(id, (bySeq = new Map()));
    }
    bySeq!.set(c.seq, i);
  }
  return rows
    .map((r): StoredChange => {
      const i = index.get(r.console_id)!.get(toNumber(r.seq))!;
      const c = changes[i]!;
      return {
        serverSeq: toNumber(r.server_seq),
        consoleId: c.consoleId,
        seq: c.seq,
        entity: c.entity,
        entityId: c.entityId,
        op: c.op,
        fields: c.fields,
        hlc: c.hlc,
        schemaVersion: c.schemaVersion,
        held: helds[i]!,
      };
    })
    .sort((x, y) => x.serverSeq - y.serverSeq);
}

/** A stored change without its fields: what the projector needs to decide how to fold it. */
export type ChangeHead = Omit<StoredChange, 'fields'>;

const HEAD_COLUMNS = 'server_seq, console_id, seq, entity, entity_id, op, hlc, schema_version, held';

/** The next page of changes for the projector, after `foldCreations` folded what it could in SQL. */
export interface ProjectionPage {
  /** Changes in the page (0: nothing to project). */
  count: number;
  /** server_seq of the page's last change: the watermark after it. */
  last: number;
  /** The page's changes that still need merging (apply.ts), in server_seq order. */
  rest: ChangeHead[];
}

/**
 * Fold the next page of changes (up to `limit` after `after`) that create an entity into `entity_state` in
 * one statement, and return the heads of the others. A change creates an entity when it is the page's only
 * non-held change of that entity, is no delete, and no state exists yet: mergeChange onto an empty state,
 * i.e. every field at the change's stamp ("*", projection/stamps.ts). That is nearly all of a catch-up (new
 * incidents, timeline entries), which so never travels to the server and back; the rest is what
 * `applyToProjection` merges, and the keys of the two parts are disjoint, so the order of the two is free.
 * Everything before the page is committed too (writers commit in server_seq order), so nothing is skipped.
 */
export async function foldCreations(q: Queryable, after: number, limit: number): Promise<ProjectionPage> {
  const { rows } = await q.query<Omit<Row, 'fields'> & { created: boolean; n: string; last: string }>({
    name: 'fengsui_projection_page',
    text: `WITH page AS MATERIALIZED (
       SELECT c.*, count(*) FILTER (WHERE NOT c.held) OVER (PARTITION BY c.entity, c.entity_id) AS touches
         FROM (SELECT server_seq, console_id, seq, entity, entity_id, op, fields, hlc, schema_version, held
                 FROM changes WHERE server_seq > $1 ORDER BY server_seq LIMIT $2) c
     ), created AS (
       INSERT INTO entity_state (entity, entity_id, fields, field_hlcs, deleted_hlc, last_server_seq)
       SELECT p.entity, p.entity_id, p.fields,
              jsonb_build_array(jsonb_build_array(p.hlc || '|' || p.console_id::text, '*')), NULL, p.server_seq
         FROM page p
        WHERE NOT p.held AND p.touches = 1 AND p.op <> 'delete'
          AND NOT EXISTS (SELECT 1 FROM entity_state s WHERE s.entity = p.entity AND s.entity_id = p.entity_id)
       ON CONFLICT (entity, entity_id) DO UPDATE SET fields = EXCLUDED.fields, field_hlcs = EXCLUDED.field_hlcs,
         deleted_hlc = EXCLUDED.deleted_hlc, last_server_seq = EXCLUDED.last_server_seq
       RETURNING last_server_seq AS server_seq
     ), summary AS (SELECT count(*) AS n, max(server_seq) AS last FROM page)
     SELECT ${HEAD_COLUMNS.split(', ')
       .map((c) => `p.${c}`)
       .join(', ')}, c.server_seq IS NOT NULL AS created, s.n, s.last
       FROM page p CROSS JOIN summary s LEFT JOIN created c ON c.server_seq = p.server_seq
      WHERE c.server_seq IS NULL OR p.server_seq = s.last
      ORDER BY p.server_seq`,
    values: [after, limit],
  });
  const first = rows[0];
  if (!first) return { count: 0, last: after, rest: [] };
  return {
    count: toNumber(first.n),
    last: toNumber(first.last),
    rest: rows
      .filter((r) => !r.created)
      .map((r) => ({
        serverSeq: toNumber(r.server_seq),
        consoleId: r.console_id,
        seq: toNumber(r.seq),
        entity: r.entity as Change['entity'],
        entityId: r.entity_id,
        op: r.op as Change['op'],
        hlc: r.hlc,
        schemaVersion: r.schema_version,
        held: r.held,
      })),
  };
}

/** The fields of the stored changes with these server_seqs. */
export async function readFields(
  q: Queryable,
  serverSeqs: readonly number[],
): Promise<Map<number, Record<string, unknown>>> {
  if (serverSeqs.length === 0) return new Map();
  const { rows } = await q.query<{ server_seq: string; fields: Record<string, unknown> }>(
    'SELECT server_seq, fields FROM changes WHERE server_seq = ANY($1::bigint[])',
    [serverSeqs],
  );
  return new Map(rows.map((r) => [toNumber(r.server_seq), r.fields]));
}

/** Highest seq of this console the server holds (0 when none). */
export async function highestSeq(q: Queryable, consoleId: string): Promise<number> {
  const { rows } = await q.query<{ m: string | null }>(
    'SELECT max(seq) AS m FROM changes WHERE console_id = $1',
    [consoleId],
  );
  return toNumber(rows[0]?.m);
}

export async function maxServerSeq(q: Queryable): Promise<number> {
  const { rows } = await q.query<{ m: string | null }>('SELECT max(server_seq) AS m FROM changes');
  return toNumber(rows[0]?.m);
}

export async function notifyChanges(q: Queryable, serverSeq: number, consoleId: string): Promise<void> {
  // Delivered at COMMIT to every LISTENing connection (all server instances), never on rollback.
  await q.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, JSON.stringify({ serverSeq, consoleId })]);
}

export interface Page {
  changes: ServerChange[];
  cursor: number;
  more: boolean;
  /** Highest server_seq in the snapshot, to spot a cursor from the future. */
  maxSeq: number;
}

/**
 * Changes after `cursor` not written by `consoleId`. The returned cursor passes the caller's own changes too,
 * so a console that is the only writer still advances. Read in one REPEATABLE READ snapshot so `maxSeq` and
 * the page agree.
 */
export async function pullPage(
  pool: pg.Pool,
  consoleId: string,
  cursor: number,
  limit: number,
): Promise<Page> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<Row>(
      `SELECT ${COLUMNS} FROM changes WHERE server_seq > $1 AND console_id <> $2 ORDER BY server_seq LIMIT $3`,
      [cursor, consoleId, limit + 1],
    );
    const maxSeq = await maxServerSeq(client);
    await client.query('COMMIT');
    const more = rows.length > limit;
    const page = rows.slice(0, limit).map(fromRow);
    const changes: ServerChange[] = page.map(({ held: _held, ...c }) => c);
    const last = changes[changes.length - 1];
    const next = more && last ? last.serverSeq : Math.max(cursor, maxSeq);
    return { changes, cursor: next, more, maxSeq };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
