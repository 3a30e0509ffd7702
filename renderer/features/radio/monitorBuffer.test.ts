import { describe, expect, it } from 'vitest';
import type { MonitorRecord } from '../../../contract/radio';
import { MonitorBuffer, NO_FILTER, captureFile, captureFileName, filterRecords } from './monitorBuffer';

const counters = { bytesIn: 0, bytesOut: 0, frames: 0, garbage: 0, badChecksum: 0, oversize: 0, unknown: 0 };
function rec(over: Partial<MonitorRecord> = {}): MonitorRecord {
  return {
    source: '/dev/ttyA',
    linkId: null,
    at: 1_700_000_000_000,
    direction: 'rx',
    hex: 'c0 00 82 a0',
    ascii: '....',
    bytes: 4,
    truncated: false,
    decoded: [{ kind: 'aprs', summary: 'N0CALL-9>APRS:!3630.00N/10340.00E>test 1', problem: null }],
    counters,
    ...over,
  };
}
const sync = (fn: () => void) => fn();

describe('MonitorBuffer', () => {
  it('keeps at most `max` records and counts what it dropped', () => {
    const b = new MonitorBuffer(3, sync);
    for (let i = 0; i < 5; i++) b.push(rec({ at: i }));
    expect(b.getSnapshot().records.map((r) => r.at)).toEqual([2, 3, 4]);
    expect(b.getSnapshot().dropped).toBe(2);
  });

  it('pause freezes the view and holds new records; resume shows them', () => {
    const b = new MonitorBuffer(100, sync);
    b.push(rec({ at: 1 }));
    b.setPaused(true);
    b.push(rec({ at: 2, counters: { ...counters, frames: 2 } }));
    expect(b.getSnapshot().records).toHaveLength(1);
    expect(b.getSnapshot().held).toBe(1);
    // Counters stay live while paused.
    expect(b.getSnapshot().counters['/dev/ttyA']!.frames).toBe(2);
    b.setPaused(false);
    expect(b.getSnapshot().records.map((r) => r.at)).toEqual([1, 2]);
    expect(b.getSnapshot().held).toBe(0);
  });

  it('batches a burst into one notification', () => {
    const queued: (() => void)[] = [];
    const b = new MonitorBuffer(100, (fn) => queued.push(fn));
    let n = 0;
    b.subscribe(() => n++);
    for (let i = 0; i < 50; i++) b.push(rec({ at: i }));
    expect(queued).toHaveLength(1);
    queued[0]!();
    expect(n).toBe(1);
    expect(b.getSnapshot().records).toHaveLength(50);
  });
});

describe('filterRecords', () => {
  const rs = [
    rec({ at: 1 }),
    rec({ at: 2, direction: 'tx', source: 'link-1', ascii: 'hello', hex: '68 65 6c 6c 6f', decoded: [] }),
    rec({ at: 3, decoded: [{ kind: 'garbage', summary: '', problem: '13 byte(s) outside any KISS frame' }] }),
  ];
  it('by source, direction, problems, and text in ASCII, hex (spaces ignored) or decoded', () => {
    expect(filterRecords(rs, { ...NO_FILTER, source: 'link-1' }).map((r) => r.at)).toEqual([2]);
    expect(filterRecords(rs, { ...NO_FILTER, direction: 'rx' }).map((r) => r.at)).toEqual([1, 3]);
    expect(filterRecords(rs, { ...NO_FILTER, problemsOnly: true }).map((r) => r.at)).toEqual([3]);
    expect(filterRecords(rs, { ...NO_FILTER, text: 'HELLO' }).map((r) => r.at)).toEqual([2]);
    expect(filterRecords(rs, { ...NO_FILTER, text: '6c6c' }).map((r) => r.at)).toEqual([2]);
    expect(filterRecords(rs, { ...NO_FILTER, text: 'n0call' }).map((r) => r.at)).toEqual([1]);
    expect(filterRecords(rs, { ...NO_FILTER, text: 'outside any' }).map((r) => r.at)).toEqual([3]);
  });
});

describe('capture file', () => {
  it('is JSON lines with a header line', () => {
    const text = captureFile([rec(), rec({ at: 2 })], Date.UTC(2026, 0, 2, 3, 4, 5));
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ fengsuiCapture: 1, savedAt: '2026-01-02T03:04:05.000Z', count: 2 });
    expect(lines[2]!.at).toBe(2);
    expect(captureFileName(Date.UTC(2026, 0, 2, 3, 4, 5))).toMatch(/^fengsui-capture-\d{8}-\d{6}\.jsonl$/);
  });
});
