/**
 * The console's sync client. Local work never waits for it: mutations commit to SQLite and the outbox, and
 * this loop drains the outbox to the server in batches, pulls other consoles' changes (on the server's
 * WebSocket hint, on reconnect and on a timer) and applies them through the domain services. Failures back
 * off with jitter and retry by themselves; a change the server refuses is parked so it cannot wedge the queue.
 */
import type { SyncStatus } from '../../contract';
import type { WireChange } from '../../db/outbox';
import { SyncState } from '../../db/syncState';
import type { HostContext } from '../context';
import type { RemoteApplier } from './applier';
import { backoffDelay } from './backoff';
import { SyncError, SyncHttp } from './http';
import { SyncNotifier } from './notifier';

export interface SyncClientOptions {
  serverUrl: string;
  credential: string;
  /** Changes per push (the server takes up to 1000). */
  batchSize?: number;
  pullPageSize?: number;
  /** Pull this often even without a hint from the server. */
  pullIntervalMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  requestTimeoutMs?: number;
  /** Listen on the server's WebSocket for "new changes" (default true). */
  notifications?: boolean;
  /**
   * Least time between the starts of two rounds while work keeps arriving, so a busy room stays under the
   * server's per-device rate limit (600 requests/min); a round after a quiet spell starts at once.
   */
  minRoundGapMs?: number;
  /** Batches in flight at once while catching up (the server overlaps parsing one with storing another). */
  pushConcurrency?: number;
  /** Headers for each push, read per request: the signed-in operator's server session (operatorSession.ts). */
  pushHeaders?: () => Record<string, string>;
}

const MAX_EPOCH_RESETS_PER_CYCLE = 3;

export class SyncClient {
  private readonly http: SyncHttp;
  private readonly state: SyncState;
  private readonly notifier: SyncNotifier | null;
  private readonly o: Required<Omit<SyncClientOptions, 'serverUrl' | 'credential' | 'pushHeaders'>>;
  private running: Promise<void> | null = null;
  private again = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pullTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private current: SyncStatus;
  private refusal: string | null = null;
  private lastRoundAt = 0;

  constructor(
    private readonly ctx: HostContext,
    private readonly applier: RemoteApplier,
    options: SyncClientOptions,
  ) {
    this.o = {
      batchSize: options.batchSize ?? 1000,
      pullPageSize: options.pullPageSize ?? 1000,
      pullIntervalMs: options.pullIntervalMs ?? 15_000,
      retryBaseMs: options.retryBaseMs ?? 500,
      retryMaxMs: options.retryMaxMs ?? 15_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
      notifications: options.notifications ?? true,
      minRoundGapMs: options.minRoundGapMs ?? 250,
      pushConcurrency: options.pushConcurrency ?? 2,
    };
    this.http = new SyncHttp(
      options.serverUrl,
      options.credential,
      this.o.requestTimeoutMs,
      options.pushHeaders,
    );
    this.state = new SyncState(ctx.store.db);
    // Offline from the first second: until the server has answered, nothing is known to be synced.
    this.current = { state: 'offline', pending: this.pendingCount(), lastSuccessAt: null, lastError: null };
    this.notifier = this.o.notifications
      ? new SyncNotifier({
          url: this.http.wsUrl,
          authorization: this.http.authorization,
          onConnected: (up) => {
            if (up) this.kick(true);
          },
          onMessage: (m) => {
            if (m.type === 'changes' || m.epoch !== this.state.epoch) this.kick(true);
          },
          baseDelayMs: this.o.retryBaseMs,
          maxDelayMs: this.o.retryMaxMs,
        })
      : null;
  }

  start(): void {
    this.notifier?.start();
    this.pullTimer = setInterval(() => this.kick(false), this.o.pullIntervalMs);
    this.pullTimer.unref();
    this.kick(true);
  }

  status(): SyncStatus {
    return this.current;
  }

  get epoch(): string | null {
    return this.state.epoch;
  }
  get cursor(): number {
    return this.state.cursor;
  }

  /** A local write (or a timer) wants a sync. During a backoff only a forced kick (server hint) cuts it short. */
  kick(force: boolean): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.retryTimer) {
      if (!force) return;
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.running = this.loop().finally(() => (this.running = null));
  }

  /** Refresh the pending count after a local write and push soon. */
  localChange(): void {
    const pending = this.pendingCount();
    this.update({ pending });
    // Applying pulled changes also announces them; only our own queued work needs a push.
    if (pending > 0) this.kick(false);
  }

  /** Runs cycles until one succeeds or fails; for tests and the bench. */
  async syncNow(): Promise<boolean> {
    while (this.running) await this.running;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    return this.cycle();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pullTimer) clearInterval(this.pullTimer);
    this.notifier?.close();
    // A request in flight ends by its own timeout; the outbox is durable, so nothing is lost by not waiting.
    await Promise.race([this.running, new Promise((r) => setTimeout(r, 2000).unref())]);
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const wait = this.lastRoundAt + this.o.minRoundGapMs - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (this.closed) return;
      this.lastRoundAt = Date.now();
      if (!(await this.cycle())) return;
    } while (this.again && !this.closed);
  }

  /** One push-then-pull round. Returns false (and schedules a retry) when it failed. */
  private async cycle(): Promise<boolean> {
    try {
      for (let resets = 0; ; resets++) {
        try {
          await this.pushAll();
          await this.pullAll();
          break;
        } catch (e) {
          if (!(e instanceof SyncError) || e.kind !== 'epoch' || resets >= MAX_EPOCH_RESETS_PER_CYCLE)
            throw e;
          this.adoptNewEpoch(e.epoch!.epoch, e.epoch!.highestSeq);
        }
      }
      this.attempt = 0;
      this.update({
        state: 'online',
        pending: this.pendingCount(),
        lastSuccessAt: this.ctx.now(),
        lastError: this.refusal,
      });
      return true;
    } catch (e) {
      if (this.closed) return false;
      const err = e as Error;
      if (!(e instanceof SyncError)) this.ctx.log.error({ err: err.message }, 'sync failed unexpectedly');
      else if (e.kind === 'auth') this.ctx.log.error({ status: e.status }, err.message);
      else this.ctx.log.debug({ kind: e.kind }, err.message);
      this.update({ state: 'offline', pending: this.pendingCount(), lastError: err.message });
      // A refused credential will not fix itself quickly: wait the longest.
      const attempt = e instanceof SyncError && e.kind === 'auth' ? 30 : this.attempt++;
      const delay = backoffDelay(attempt, this.o.retryBaseMs, this.o.retryMaxMs);
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.kick(false);
      }, delay);
      this.retryTimer.unref();
      return false;
    }
  }

  /**
   * Drains the outbox, keeping up to `pushConcurrency` batches in flight: each answer is recorded at once and
   * the next batch goes out while the others are still being stored, so neither side waits for a whole round.
   * Each acknowledged batch is marked by its own seq range (answers may come out of order; a resend of an
   * acknowledged batch would add nothing on the server anyway). After the first failure nothing more is sent;
   * the batches in flight are waited for, then the failure decides what happens next.
   */
  private async pushAll(): Promise<void> {
    let size = this.o.batchSize;
    for (;;) {
      if (this.closed) return;
      // After a refusal the batch is cut down until the culprit is found: one small batch at a time.
      const full = size === this.o.batchSize;
      const outcome = await this.pushWindow(size, full ? this.o.pushConcurrency : 1, full ? Infinity : 1);
      if (outcome === 'drained') return;
      if (outcome === 'progress') {
        size = this.o.batchSize;
        continue;
      }
      const { batch, error: e } = outcome;
      if (!(e instanceof SyncError)) throw e;
      if (e.kind === 'refused') size = this.parkRefused(batch, e);
      else if (e.kind === 'too_large' && batch.length > 1) size = Math.ceil(batch.length / 2);
      else if (e.kind === 'too_large') this.park(batch[0]!, 'larger than the server accepts');
      else throw e;
    }
  }

  /** Sends up to `maxBatches` batches of `size`, `depth` at a time; stops at the first failure. */
  private async pushWindow(
    size: number,
    depth: number,
    maxBatches: number,
  ): Promise<'drained' | 'progress' | { batch: WireChange[]; error: unknown }> {
    const { outbox } = this.ctx.store;
    const epoch = this.state.epoch;
    const inFlight = new Set<Promise<void>>();
    let after = 0;
    let sent = 0;
    let drained = false;
    let failure: { batch: WireChange[]; error: unknown } | null = null;
    const sendNext = (): boolean => {
      if (failure || this.closed || sent >= maxBatches) return false;
      const batch = outbox.pendingWire(after, size);
      if (batch.length === 0) {
        drained = true;
        return false;
      }
      if (this.current.state !== 'syncing') this.update({ state: 'syncing' });
      const from = batch[0]!.seq;
      after = batch[batch.length - 1]!.seq;
      const to = after;
      sent++;
      const request: Promise<void> = this.http
        .push(epoch, batch)
        .then((answer) => {
          const marked = this.ctx.store.transaction(() => {
            if (this.state.epoch === null) this.state.epoch = answer.epoch;
            return outbox.markPushedRange(from, to, this.ctx.now());
          });
          // Counting the outbox after every batch cost more than the push; the cycle recounts at its end.
          this.update({ pending: Math.max(0, this.current.pending - marked) });
        })
        .catch((error: unknown) => {
          failure ??= { batch, error };
        })
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
      return true;
    };
    while (inFlight.size < depth && sendNext());
    while (inFlight.size > 0) {
      await Promise.race(inFlight);
      while (inFlight.size < depth && sendNext());
    }
    if (failure) return failure;
    return drained ? 'drained' : 'progress';
  }

  /**
   * A 400 names the refused changes (`changes.<i>.…`): park exactly those and go on. Without a usable path,
   * halve the batch until the culprit is alone.
   */
  private parkRefused(batch: WireChange[], e: SyncError): number {
    const indices = new Set<number>();
    for (const issue of e.issues) {
      const m = /^changes\.(\d+)\./.exec(issue.path);
      if (m && Number(m[1]) < batch.length) indices.add(Number(m[1]));
    }
    if (indices.size === 0 && batch.length > 1) return Math.ceil(batch.length / 2);
    if (indices.size === 0) indices.add(0);
    for (const i of indices) {
      const c = batch[i]!;
      const why = e.issues.find((x) => x.path.startsWith(`changes.${i}.`));
      this.park(c, why ? `${why.path.replace(/^changes\.\d+\./, '')}: ${why.message}` : e.message);
    }
    return this.o.batchSize;
  }

  private park(c: Pick<WireChange, 'seq' | 'entity' | 'entityId'>, reason: string): void {
    this.ctx.store.outbox.park(c.seq, reason, this.ctx.now());
    this.ctx.log.warn(
      { seq: c.seq, entity: c.entity, entityId: c.entityId, reason },
      'the sync server refused a change; parked it and carried on',
    );
    const parked = this.ctx.store.outbox.parkedCount();
    this.refusal = `${parked} change(s) refused by the server and parked (last: ${c.entity} ${c.entityId}: ${reason}); see the log`;
  }

  private async pullAll(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const page = await this.http.pull(this.state.cursor, this.o.pullPageSize, this.state.epoch);
      this.applier.applyAll(page.changes, () => {
        if (this.state.epoch === null) this.state.epoch = page.epoch;
        this.state.cursor = page.cursor;
      });
      if (!page.more) return;
    }
  }

  /**
   * The server was restored from a backup: it no longer holds our changes above `highestSeq` and its sequence
   * numbers start again. Re-pull from the start (duplicates are recognised) and re-push what it lost.
   */
  private adoptNewEpoch(epoch: string, highestSeq: number): void {
    const requeued = this.ctx.store.transaction(() => {
      this.state.epoch = epoch;
      this.state.cursor = 0;
      return this.ctx.store.outbox.requeueAbove(highestSeq);
    });
    this.ctx.log.warn(
      { epoch, highestSeq, requeued },
      'sync server has a new epoch; re-sending what it lost',
    );
  }

  private pendingCount(): number {
    return this.ctx.store.outbox.pendingCount();
  }

  private update(patch: Partial<SyncStatus>): void {
    const next = { ...this.current, ...patch };
    const same =
      next.state === this.current.state &&
      next.pending === this.current.pending &&
      next.lastSuccessAt === this.current.lastSuccessAt &&
      next.lastError === this.current.lastError;
    this.current = next;
    if (!same && !this.closed) this.ctx.events.publish('sync.status', next);
  }
}
