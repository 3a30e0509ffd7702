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
  if (rows.length === 0) return [];
  // Which input each returned row came from; of duplicate copies the first, as stored.
  const index = new Map<string, number>();
  for (let i = n - 1; i >= 0; i--) index.set(`${changes[i]!.consoleId.toLowerCase()}|${changes[i]!.seq}`, i);
  return rows
    .map((r): StoredChange => {
      const i = index.get(`${r.console_id}|${toNumber(r.seq)}`)!;
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
    .sort((a, b) => a.serverSeq - b.serverSeq);
}

/**
 * Up to `limit` stored changes after `after`, in server_seq order, for the projector. Everything before the
 * returned rows is committed too (writers commit in server_seq order), so nothing is skipped.
 */
export async function readForProjection(q: Queryable, after: number, limit: number): Promise<StoredChange[]> {
  const { rows } = await q.query<Row>(
    `SELECT ${COLUMNS} FROM changes WHERE server_seq > $1 ORDER BY server_seq LIMIT $2`,
    [after, limit],
  );
  return rows.map(fromRow);
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
