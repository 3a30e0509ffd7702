import type { HostContext } from '../context';
import type { Decoded, InputCounters } from '../../native/radio/bridges/counters';

const SHOW_BYTES = 1024;

function hexOf(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (i ? ' ' : '') + b[i]!.toString(16).padStart(2, '0');
  return s;
}
function asciiOf(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
  return s;
}

/**
 * The live serial monitor. Records are built and published only for sources a technician switched on (a busy
 * GPS at 10 Hz would otherwise flood every window), and at most `maxPerSecond` per source.
 */
export class SerialMonitor {
  private readonly enabled = new Set<string>();
  private readonly window = new Map<string, { second: number; count: number }>();

  constructor(
    private readonly ctx: HostContext,
    private readonly maxPerSecond = 50,
  ) {}

  set(source: string, on: boolean): string[] {
    if (on) this.enabled.add(source);
    else this.enabled.delete(source);
    return [...this.enabled];
  }

  wants(source: string, linkId: string | null): boolean {
    return this.enabled.has(source) || (linkId !== null && this.enabled.has(linkId));
  }

  record(
    source: string,
    linkId: string | null,
    direction: 'rx' | 'tx',
    bytes: Uint8Array,
    decoded: Decoded[],
    counters: InputCounters,
  ): void {
    if (!this.wants(source, linkId)) return;
    const now = this.ctx.now();
    const second = Math.floor(now / 1000);
    const w = this.window.get(source);
    if (w && w.second === second) {
      if (++w.count > this.maxPerSecond) return;
    } else this.window.set(source, { second, count: 1 });
    const shown = bytes.subarray(0, SHOW_BYTES);
    this.ctx.events.publish('radio.monitor', {
      source,
      linkId,
      at: now,
      direction,
      hex: hexOf(shown),
      ascii: asciiOf(shown),
      bytes: bytes.length,
      truncated: bytes.length > SHOW_BYTES,
      decoded: decoded.slice(0, 50).map((d) => ({ ...d, summary: d.summary.slice(0, 400) })),
      counters: { ...counters },
    });
  }
}
