/**
 * Failed sign-ins per user name: the first few are free (a tired operator mistypes), then each further failure
 * locks the name for twice as long as the last, up to a cap. Kept in memory: a restart clears it, which is
 * acceptable on a workstation whose host restarts rarely and only by someone at the keyboard.
 */
export interface ThrottleOptions {
  freeAttempts?: number;
  baseLockMs?: number;
  maxLockMs?: number;
}

export class SignInThrottle {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();
  private readonly free: number;
  private readonly base: number;
  private readonly max: number;

  constructor(
    private readonly now: () => number,
    options: ThrottleOptions = {},
  ) {
    this.free = options.freeAttempts ?? 5;
    this.base = options.baseLockMs ?? 30_000;
    this.max = options.maxLockMs ?? 15 * 60_000;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  waitMs(key: string): number {
    const e = this.entries.get(key.toLowerCase());
    return e ? Math.max(0, e.lockedUntil - this.now()) : 0;
  }

  fail(key: string): void {
    const k = key.toLowerCase();
    const e = this.entries.get(k) ?? { failures: 0, lockedUntil: 0 };
    e.failures += 1;
    if (e.failures >= this.free) {
      e.lockedUntil = this.now() + Math.min(this.max, this.base * 2 ** (e.failures - this.free));
    }
    this.entries.set(k, e);
  }

  succeed(key: string): void {
    this.entries.delete(key.toLowerCase());
  }
}
