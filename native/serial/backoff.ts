/**
 * Reconnect delays: start short (a USB adapter re-enumerates in well under a second), double each failure,
 * cap so a technician who plugs the device back in waits at most `maxMs`. A little jitter keeps several ports
 * that dropped together (a USB hub) from retrying in lockstep.
 */
export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
}

export class Backoff {
  private attempt = 0;
  readonly initialMs: number;
  readonly maxMs: number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 250;
    this.maxMs = options.maxMs ?? 5000;
  }

  get attempts(): number {
    return this.attempt;
  }

  next(): number {
    const base = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 20));
    this.attempt++;
    return Math.round(base * (0.85 + Math.random() * 0.3));
  }

  reset(): void {
    this.attempt = 0;
  }
}
