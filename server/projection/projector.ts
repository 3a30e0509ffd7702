/**
 * The projector: folds committed changes into the server's merged view (`entity_state`, `sync_conflicts`)
 * after the pushes that wrote them have committed, in server_seq order, so pushes hold the write lock only
 * for their own inserts.
 *
 * - **Order and completeness.** Writers commit in server_seq order (store.ts), so every snapshot of `changes`
 *   is a gap-free prefix: reading "server_seq > watermark" never skips a change that commits later.
 * - **Exactly once.** How far the projection got is the row in `projection_watermark`, updated in the same
 *   transaction as the rows a step writes; a crash mid-step rolls both back.
 * - **Several instances.** A step takes that row `FOR UPDATE` first, so only one projector applies a given
 *   range; another instance's step waits, then sees the moved watermark and applies only what is left.
 * - **When.** After each local push/intake commit, on every change notification (pushes on other instances),
 *   at start-up (catch up on whatever was committed while no projector ran), and after a failure (retried with
 *   backoff). Requests that arrive while a pass runs are coalesced into one further pass.
 * - **Without re-reading.** A step's first statement folds the changes that create an entity straight from the
 *   stored rows (sync/store.ts, foldCreations) and returns the heads of the rest; only changes that meet an
 *   existing state are read in full and merged here (projection/apply.ts).
 *
 * Nothing the consoles do waits for the projection. `idle()` resolves once everything committed before the
 * call is projected (tests and anything else that reads `entity_state` right after a write use it).
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import { toNumber, withTransaction } from '../db/pool';
import { foldCreations } from '../sync/store';
import { applyToProjection } from './apply';

export interface ProjectorOptions {
  /** Changes per step (one transaction). */
  pageSize?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export class Projector {
  private current: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private closed = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly pageSize: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    options: ProjectorOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 2000;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
  }

  /** Project soon; returns at once. Failures are logged and retried. */
  kick(): void {
    this.run().catch(() => undefined);
  }

  /**
   * Resolves once everything committed before the call is in the projection (by this instance or another);
   * rejects if the pass fails (it is then retried in the background).
   */
  idle(): Promise<void> {
    return this.run();
  }

  /** Waits for a running pass; no new ones start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    await Promise.allSettled([this.current, this.queued]);
  }

  /** A pass that starts after this call; a pass already running may have read the changes before it. */
  private run(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.current) {
      this.current = this.pass().finally(() => {
        this.current = null;
      });
      return this.current;
    }
    this.queued ??= this.current
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.run();
      });
    return this.queued;
  }

  private async pass(): Promise<void> {
    try {
      let total = 0;
      for (;;) {
        const n = await this.step();
        total += n;
        if (n < this.pageSize || this.closed) break;
      }
      if (this.failures > 0) this.log.info({ projected: total }, 'projection caught up again');
      this.failures = 0;
    } catch (err) {
      this.failures++;
      const wait = Math.min(this.retryBaseMs * 2 ** (this.failures - 1), this.retryMaxMs);
      // Pushes still succeed (the changes are stored); only the server's own merged view lags until this heals.
      this.log.error({ err, failures: this.failures, retryInMs: wait }, 'projection step failed; retrying');
      if (!this.closed && !this.retryTimer) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.kick();
        }, wait);
        this.retryTimer.unref();
      }
      throw err;
    }
  }

  /** One transaction: lock the watermark, fold the next page of changes, move the watermark past them. */
  private step(): Promise<number> {
    return withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ last_server_seq: string }>(
        'SELECT last_server_seq FROM projection_watermark WHERE singleton FOR UPDATE',
      );
      if (!rows[0]) throw new Error('projection_watermark has no row; the database is not migrated');
      const page = await foldCreations(tx, toNumber(rows[0].last_server_seq), this.pageSize);
      if (page.count === 0) return 0;
      await applyToProjection(tx, page.rest);
      await tx.query(
        'UPDATE projection_watermark SET last_server_seq = $1, updated_at = now() WHERE singleton',
        [page.last],
      );
      return page.count;
    });
  }
}
