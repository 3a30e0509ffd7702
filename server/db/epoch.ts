/**
 * The sync epoch: a random id that names "this copy of the server's history". Consoles keep a pull cursor
 * (a server_seq) and assume the server still holds everything they pushed. Both assumptions break when the
 * server database is restored from a backup: server_seq values get reused and recent pushes are gone. A new
 * epoch tells every console to reset its cursor to 0 and re-push what the server no longer has.
 *
 * The hard part is noticing a restore, because a dump carries the epoch row with it. So the row also stores
 * a *storage fingerprint* taken when the epoch was issued, made of things a restore cannot carry over:
 *   - the cluster's system identifier (changes on initdb: a restore into a new cluster),
 *   - the database OID (changes when the database is re-created: `createdb` + `pg_restore`),
 *   - the OID and file node of the `changes` table (change when the table is re-created or truncated:
 *     `pg_restore --clean` into the same database, TRUNCATE + data-only reload),
 *   - the WAL timeline (changes on point-in-time recovery and on promoting a replica — which may also have
 *     lost the last commits).
 * Whenever the current fingerprint differs from the stored one, the server issues a new epoch. Checking is
 * one cheap query, so it is done at start-up and inside every push and pull.
 *
 * A false positive (e.g. VACUUM FULL on `changes` rewrites its file node) only costs a full re-sync; a false
 * negative loses data, so we err on that side. Restores the fingerprint cannot see (a file-system snapshot of
 * the whole data directory) need `server restore-epoch`, which issues a new epoch unconditionally.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Queryable } from './pool';
import { toNumber } from './pool';

/** pg_control_* need superuser or pg_monitor (or an explicit GRANT); without them we fingerprint less. */
const FULL_FINGERPRINT = `concat_ws(':',
  (SELECT system_identifier FROM pg_control_system()),
  (SELECT oid FROM pg_database WHERE datname = current_database()),
  'changes'::regclass::oid, pg_relation_filenode('changes'),
  (SELECT timeline_id FROM pg_control_checkpoint()))`;
const BASIC_FINGERPRINT = `concat_ws(':', '-',
  (SELECT oid FROM pg_database WHERE datname = current_database()),
  'changes'::regclass::oid, pg_relation_filenode('changes'), '-')`;

export interface EpochInfo {
  epoch: string;
  reason: string;
}

export class EpochKeeper {
  private fingerprintSql = FULL_FINGERPRINT;

  constructor(
    private readonly pool: pg.Pool,
    private readonly onRotate: (info: { from: string | null; to: string; reason: string }) => void = () => {},
  ) {}

  /** Pick the fingerprint we are allowed to compute, then make sure the stored epoch matches the storage. */
  async init(): Promise<EpochInfo> {
    try {
      await this.pool.query(`SELECT ${FULL_FINGERPRINT}`);
    } catch (e) {
      if ((e as { code?: string }).code !== '42501') throw e;
      this.fingerprintSql = BASIC_FINGERPRINT;
    }
    return this.current(this.pool);
  }

  /**
   * An SQL expression for the stored epoch as text, NULL when the storage changed under it (then `current`
   * issues a new one). For statements that check the epoch on their way (sync/store.ts, pushChanges); the
   * text changes only when `init` falls back to the basic fingerprint.
   */
  validEpochSql(): string {
    return `(SELECT epoch::text FROM server_epoch WHERE fingerprint = ${this.fingerprintSql})`;
  }

  /**
   * The valid epoch, issuing a new one first if the storage changed under the stored one. `q` may be a
   * client inside the caller's transaction; a rotation happens in its own transaction on the pool so it
   * sticks even if the caller rolls back.
   */
  async current(q: Queryable): Promise<EpochInfo> {
    const { rows } = await q.query<{ epoch: string; reason: string; same: boolean }>(
      `SELECT epoch::text, reason, fingerprint = ${this.fingerprintSql} AS same FROM server_epoch`,
    );
    const row = rows[0];
    if (row?.same) return { epoch: row.epoch, reason: row.reason };
    const reason = row ? 'storage changed (database restored, copied, rewritten or failed over)' : 'created';
    return this.rotate(reason, row ? row.epoch : null, true);
  }

  /**
   * Issue a new epoch. With `onlyIfStale`, a concurrent instance that already rotated wins and we adopt its
   * epoch: the UPDATE re-checks the fingerprint after waiting for the row lock.
   */
  async rotate(reason: string, from: string | null = null, onlyIfStale = false): Promise<EpochInfo> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('LOCK TABLE server_epoch IN SHARE ROW EXCLUSIVE MODE');
      const { rows } = await client.query<{ epoch: string; reason: string; same: boolean }>(
        `SELECT epoch::text, reason, fingerprint = ${this.fingerprintSql} AS same FROM server_epoch`,
      );
      const existing = rows[0];
      if (onlyIfStale && existing?.same) {
        await client.query('COMMIT');
        return { epoch: existing.epoch, reason: existing.reason };
      }
      const epoch = randomUUID();
      const max = await client.query<{ m: string | null }>('SELECT max(server_seq) AS m FROM changes');
      await client.query(
        `INSERT INTO server_epoch (singleton, epoch, fingerprint, reason) VALUES (true, $1, ${this.fingerprintSql}, $2)
         ON CONFLICT (singleton) DO UPDATE SET epoch = EXCLUDED.epoch, fingerprint = EXCLUDED.fingerprint,
           reason = EXCLUDED.reason, created_at = now()`,
        [epoch, reason],
      );
      await client.query('INSERT INTO epoch_history (epoch, reason, max_server_seq) VALUES ($1, $2, $3)', [
        epoch,
        reason,
        toNumber(max.rows[0]?.m),
      ]);
      await client.query('COMMIT');
      this.onRotate({ from: existing?.epoch ?? from, to: epoch, reason });
      return { epoch, reason };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }
}
