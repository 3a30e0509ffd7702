/**
 * The live serial monitor's memory: a bounded ring of monitor records fed by `radio.monitor` events, kept out
 * of Redux (hundreds of records a second would churn the store) and read with useSyncExternalStore. Pausing
 * freezes what is shown; records keep arriving and counting, and appear when resumed.
 */
import type { InputCounters, MonitorRecord } from '../../../contract/radio';

export const MONITOR_MAX = 20_000;

export interface MonitorSnapshot {
  /** Oldest first. */
  records: readonly MonitorRecord[];
  /** Latest counters per source (from the records and from port status events). */
  counters: Readonly<Record<string, InputCounters>>;
  paused: boolean;
  /** Records that arrived while paused (not shown yet). */
  held: number;
  /** Records dropped off the front of the ring since the last clear. */
  dropped: number;
}

export class MonitorBuffer {
  private live: MonitorRecord[] = [];
  private snap: MonitorSnapshot = { records: [], counters: {}, paused: false, held: 0, dropped: 0 };
  private listeners = new Set<() => void>();
  private scheduled = false;
  constructor(
    private readonly max = MONITOR_MAX,
    private readonly schedule: (fn: () => void) => void = (fn) => queueMicrotask(fn),
  ) {}

  subscribe = (cb: () => void) => {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  };
  getSnapshot = (): MonitorSnapshot => this.snap;

  push(r: MonitorRecord): void {
    this.live.push(r);
    let dropped = this.snap.dropped;
    if (this.live.length > this.max) {
      const n = this.live.length - this.max;
      this.live.splice(0, n);
      dropped += n;
    }
    const counters = { ...this.snap.counters, [r.source]: r.counters };
    if (this.snap.paused) this.emit({ ...this.snap, counters, held: this.snap.held + 1, dropped });
    else this.emitBatched({ counters, dropped });
  }

  setCounters(source: string, c: InputCounters): void {
    this.emit({ ...this.snap, counters: { ...this.snap.counters, [source]: c } });
  }

  setPaused(paused: boolean): void {
    if (paused === this.snap.paused) return;
    this.emit({ ...this.snap, paused, held: 0, records: paused ? this.snap.records : [...this.live] });
  }

  clear(): void {
    this.live = [];
    this.emit({ ...this.snap, records: [], held: 0, dropped: 0 });
  }

  /** Many events in one tick become one render. */
  private pending: Partial<MonitorSnapshot> = {};
  private emitBatched(patch: Partial<MonitorSnapshot>) {
    this.pending = { ...this.pending, ...patch };
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      const p = this.pending;
      this.pending = {};
      this.emit({ ...this.snap, ...p, records: this.snap.paused ? this.snap.records : [...this.live] });
    });
  }

  private emit(next: MonitorSnapshot) {
    this.snap = next;
    for (const l of [...this.listeners]) l();
  }
}

export interface MonitorFilter {
  source: string; // '' = all
  direction: '' | 'rx' | 'tx';
  /** Case-insensitive text matched against hex, ASCII and decoded summaries/problems. */
  text: string;
  problemsOnly: boolean;
}

export const NO_FILTER: MonitorFilter = { source: '', direction: '', text: '', problemsOnly: false };

export function hasProblem(r: MonitorRecord): boolean {
  return r.decoded.some((d) => d.problem !== null || d.kind === 'garbage');
}

export function filterRecords(records: readonly MonitorRecord[], f: MonitorFilter): MonitorRecord[] {
  const needle = f.text.trim().toLowerCase();
  const hexNeedle = needle.replace(/\s+/g, '');
  return records.filter((r) => {
    if (f.source && r.source !== f.source) return false;
    if (f.direction && r.direction !== f.direction) return false;
    if (f.problemsOnly && !hasProblem(r)) return false;
    if (!needle) return true;
    if (r.ascii.toLowerCase().includes(needle)) return true;
    if (
      hexNeedle &&
      /^[0-9a-f]+$/.test(hexNeedle) &&
      r.hex.replace(/\s+/g, '').toLowerCase().includes(hexNeedle)
    )
      return true;
    return r.decoded.some(
      (d) => d.summary.toLowerCase().includes(needle) || (d.problem ?? '').toLowerCase().includes(needle),
    );
  });
}

/**
 * A capture file: one JSON object per line (the same records the host sent), so a technician can grep it,
 * and `npx fengsui decode` users can pull the hex back out. The first line says what the file is.
 */
export function captureFile(records: readonly MonitorRecord[], savedAt: number): string {
  const head = JSON.stringify({
    fengsuiCapture: 1,
    savedAt: new Date(savedAt).toISOString(),
    count: records.length,
  });
  return [head, ...records.map((r) => JSON.stringify(r))].join('\n') + '\n';
}

export function captureFileName(savedAt: number): string {
  const d = new Date(savedAt);
  const p = (n: number) => String(n).padStart(2, '0');
  return `fengsui-capture-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}.jsonl`;
}

/** The shared buffer the app's event wiring feeds. */
export const monitorBuffer = new MonitorBuffer();
