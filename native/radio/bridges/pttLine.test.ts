import { afterEach, describe, expect, it, vi } from 'vitest';
import { PttLine, type PttTransmission } from './pttLine';

function line(fail: { on?: number; off?: number } = {}) {
  const calls: boolean[] = [];
  const tx: PttTransmission[] = [];
  let failOff = fail.off ?? 0;
  const l = new PttLine(
    {
      method: 'rts',
      set: async (on) => {
        calls.push(on);
        if (on && fail.on) throw new Error('Inappropriate ioctl for device');
        if (!on && failOff > 0) {
          failOff--;
          throw new Error('device busy');
        }
      },
    },
    { totMs: 60_000, onChange: () => undefined, onTransmission: (t) => tx.push(t), unkeyRetryMs: 1000 },
  );
  return { l, calls, tx };
}

describe('PttLine', () => {
  afterEach(() => vi.useRealTimers());

  it('the time-out always unkeys', async () => {
    vi.useFakeTimers();
    const { l, calls, tx } = line();
    await l.key({ operator: 'op', source: 'button', clientId: 'w1' });
    expect(l.snapshot.keyed).toBe(true);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(l.snapshot.keyed).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(l.snapshot).toMatchObject({ keyed: false, lastEnd: 'tot' });
    expect(calls).toEqual([true, false]);
    expect(tx[0]).toMatchObject({ operator: 'op', reason: 'tot' });
    expect(tx[0]!.unkeyedAt - tx[0]!.keyedAt).toBe(60_000);
  });

  it('keying twice is one transmission; a release after the time-out is harmless', async () => {
    vi.useFakeTimers();
    const { l, calls, tx } = line();
    await l.key({ operator: 'op', source: 'button', clientId: null });
    await l.key({ operator: 'op', source: 'button', clientId: null });
    await vi.advanceTimersByTimeAsync(60_000);
    await l.unkey('released');
    expect(calls).toEqual([true, false]);
    expect(tx).toHaveLength(1);
  });

  it('a failed key reports the reason and releases the line', async () => {
    const { l, calls } = line({ on: 1 });
    await expect(l.key({ operator: 'op', source: 'button', clientId: null })).rejects.toThrow(/ioctl/);
    expect(l.snapshot).toMatchObject({ keyed: false, error: expect.stringMatching(/ioctl/) });
    await new Promise((r) => setTimeout(r, 0));
    expect(calls).toEqual([true, false]);
  });

  it('a failed unkey is retried until the line is released', async () => {
    vi.useFakeTimers();
    const { l, calls } = line({ off: 2 });
    await l.key({ operator: 'op', source: 'button', clientId: null });
    await l.unkey('released');
    expect(l.snapshot.error).toMatch(/unkey failed/);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([true, false, false, false]);
    expect(l.snapshot.error).toBeNull();
  });
});
