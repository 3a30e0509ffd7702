/**
 * The push-to-talk state machine for one radio. Whatever keys it, a transmit time-out timer always unkeys; an
 * unkey that fails is retried until it succeeds, because a stuck transmitter blocks the channel for everyone.
 */
export interface PttBackend {
  readonly method: 'rigctld' | 'rts' | 'dtr' | 'vox';
  set(on: boolean): Promise<void>;
}

export type PttEndReason = 'released' | 'tot' | 'disconnect' | 'host_closed' | 'error' | 'link_lost';

export interface PttKeyInfo {
  operator: string;
  source: 'button' | 'spacebar' | 'test' | 'api';
  clientId: string | null;
}

export interface PttSnapshot {
  keyed: boolean;
  operator: string | null;
  source: PttKeyInfo['source'] | null;
  clientId: string | null;
  keyedAt: number | null;
  deadlineAt: number | null;
  totMs: number;
  lastEnd: PttEndReason | null;
  error: string | null;
}

export interface PttTransmission {
  operator: string;
  source: PttKeyInfo['source'];
  keyedAt: number;
  unkeyedAt: number;
  reason: PttEndReason;
}

export interface PttLineOptions {
  totMs: number;
  now?: () => number;
  onChange: (s: PttSnapshot) => void;
  /** Called once per completed transmission (key-down → key-up), for the PTT log. */
  onTransmission: (t: PttTransmission) => void;
  unkeyRetryMs?: number;
}

export class PttLine {
  private state: PttSnapshot;
  private totTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private op: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  constructor(
    private readonly backend: PttBackend,
    private readonly options: PttLineOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.state = {
      keyed: false,
      operator: null,
      source: null,
      clientId: null,
      keyedAt: null,
      deadlineAt: null,
      totMs: options.totMs,
      lastEnd: null,
      error: null,
    };
  }

  get snapshot(): PttSnapshot {
    return { ...this.state };
  }

  get method(): PttBackend['method'] {
    return this.backend.method;
  }

  /** Serialises key/unkey so a quick press-release cannot reorder on the wire. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.op.then(fn, fn);
    this.op = next.catch(() => undefined);
    return next;
  }

  private changed(patch: Partial<PttSnapshot>): void {
    this.state = { ...this.state, ...patch };
    try {
      this.options.onChange(this.snapshot);
    } catch {
      // listeners must not break PTT
    }
  }

  key(info: PttKeyInfo): Promise<PttSnapshot> {
    return this.serial(async () => {
      if (this.state.keyed) return this.snapshot;
      try {
        await this.backend.set(true);
      } catch (e) {
        this.changed({ error: (e as Error).message });
        // The line may be half-set: make sure it is released.
        void this.backend.set(false).catch(() => undefined);
        throw e;
      }
      const at = this.now();
      this.changed({
        keyed: true,
        operator: info.operator,
        source: info.source,
        clientId: info.clientId,
        keyedAt: at,
        deadlineAt: at + this.options.totMs,
        error: null,
      });
      this.totTimer = setTimeout(() => void this.unkey('tot').catch(() => undefined), this.options.totMs);
      return this.snapshot;
    });
  }

  unkey(reason: PttEndReason): Promise<PttSnapshot> {
    return this.serial(async () => {
      if (this.totTimer) clearTimeout(this.totTimer);
      this.totTimer = null;
      if (!this.state.keyed) return this.snapshot;
      const s = this.state;
      let error: string | null = null;
      try {
        await this.backend.set(false);
      } catch (e) {
        error = `unkey failed (${(e as Error).message}); retrying`;
        this.scheduleRetry();
      }
      const at = this.now();
      this.options.onTransmission({
        operator: s.operator ?? '',
        source: s.source ?? 'api',
        keyedAt: s.keyedAt ?? at,
        unkeyedAt: at,
        reason,
      });
      this.changed({
        keyed: false,
        operator: null,
        source: null,
        clientId: null,
        keyedAt: null,
        deadlineAt: null,
        lastEnd: reason,
        error,
      });
      return this.snapshot;
    });
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.backend.set(false).then(
        () => this.changed({ error: null }),
        () => this.scheduleRetry(),
      );
    }, this.options.unkeyRetryMs ?? 1000);
    this.retryTimer.unref?.();
  }

  /** Unkeys (if keyed) and stops timers; used when the radio profile goes away or the host closes. */
  async dispose(reason: PttEndReason): Promise<void> {
    await this.unkey(reason).catch(() => undefined);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}
