/**
 * Hybrid logical clock (Kulkarni et al.): wall time in ms plus a counter, so causally later events always
 * compare later even when a console's clock is behind. Encoded as a fixed-width string that sorts
 * lexicographically: `wallMs(15 digits)-counter(4 hex)-node`. Ties between equal (wall, counter) are
 * broken by node id, which makes last-writer-wins deterministic on every console.
 */
export interface HlcTimestamp {
  wall: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 0xffff;
/** A remote clock further ahead than this is refused rather than dragging ours into the future. */
export const MAX_DRIFT_MS = 24 * 60 * 60 * 1000;

export function encodeHlc(t: HlcTimestamp): string {
  return `${String(t.wall).padStart(15, '0')}-${t.counter.toString(16).padStart(4, '0')}-${t.node}`;
}

export function decodeHlc(s: string): HlcTimestamp {
  const m = /^(\d{15})-([0-9a-f]{4})-(.+)$/.exec(s);
  if (!m) throw new Error(`not a hybrid logical clock value: ${JSON.stringify(s).slice(0, 80)}`);
  return { wall: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! };
}

export const HLC_PATTERN = /^\d{15}-[0-9a-f]{4}-.+$/;

export class HybridClock {
  private last: HlcTimestamp;
  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
  ) {
    this.last = { wall: 0, counter: 0, node };
  }

  /** A timestamp for a local event. */
  tick(): string {
    const wall = Math.max(this.now(), this.last.wall);
    const counter = wall === this.last.wall ? this.last.counter + 1 : 0;
    if (counter > MAX_COUNTER) {
      // Counter overflow within one millisecond: borrow the next millisecond.
      this.last = { wall: wall + 1, counter: 0, node: this.node };
    } else {
      this.last = { wall, counter, node: this.node };
    }
    return encodeHlc(this.last);
  }

  /** Merge a timestamp received from elsewhere, so our next tick is later than it. */
  receive(remote: string): void {
    const r = decodeHlc(remote);
    const now = this.now();
    if (r.wall - now > MAX_DRIFT_MS) {
      throw new Error(`remote clock is ${Math.round((r.wall - now) / 1000)} s ahead; refusing to follow it`);
    }
    const wall = Math.max(now, this.last.wall, r.wall);
    let counter: number;
    if (wall === this.last.wall && wall === r.wall) counter = Math.max(this.last.counter, r.counter) + 1;
    else if (wall === this.last.wall) counter = this.last.counter + 1;
    else if (wall === r.wall) counter = r.counter + 1;
    else counter = 0;
    this.last =
      counter > MAX_COUNTER
        ? { wall: wall + 1, counter: 0, node: this.node }
        : { wall, counter, node: this.node };
  }

  /** Restore after a restart so time never runs backwards across restarts. */
  seed(lastIssued: string | null): void {
    if (lastIssued) {
      const t = decodeHlc(lastIssued);
      this.last = { wall: t.wall, counter: t.counter, node: this.node };
    }
  }
}
