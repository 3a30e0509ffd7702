import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_VAD,
  FLOOR_DB,
  VAD_IDLE,
  meterFraction,
  meterStep,
  rms,
  toDb,
  vadProblems,
  vadStep,
  type VadEvent,
  type VadOptions,
  type VadState,
} from './vad';

/** Runs a level sequence (one frame every `dt` ms) through the VAD and returns the events. */
function run(levels: number[], o: VadOptions = DEFAULT_VAD, dt = 20): { events: VadEvent[]; last: VadState } {
  let s = VAD_IDLE;
  const events: VadEvent[] = [];
  levels.forEach((db, i) => {
    const r = vadStep(s, db, i * dt, o);
    s = r.state;
    if (r.event) events.push(r.event);
  });
  return { events, last: s };
}
const repeat = (db: number, n: number) => Array.from({ length: n }, () => db);

describe('rms and dB', () => {
  it('a full-scale sine has RMS 1/√2 (−3 dBFS)', () => {
    const s = Float32Array.from({ length: 4800 }, (_, i) => Math.sin((2 * Math.PI * 800 * i) / 48000));
    expect(rms(s)).toBeCloseTo(Math.SQRT1_2, 3);
    expect(toDb(rms(s))).toBeCloseTo(-3.01, 1);
  });
  it('silence is the floor, never -Infinity or NaN', () => {
    expect(toDb(rms(new Float32Array(128)))).toBe(FLOOR_DB);
    expect(toDb(rms([]))).toBe(FLOOR_DB);
    expect(toDb(NaN)).toBe(FLOOR_DB);
  });
});

describe('vadStep', () => {
  it('opens after the attack time, closes after the hang time, reports the onset and the end', () => {
    // 200 ms quiet, 1 s tone, 2 s quiet.
    const { events } = run([...repeat(-80, 10), ...repeat(-10, 50), ...repeat(-80, 100)]);
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({ type: 'open', at: 200 });
    const close = events[1] as Extract<VadEvent, { type: 'close' }>;
    expect(close.type).toBe('close');
    expect(close.startedAt).toBe(200);
    // Last loud frame at 1180 ms; hang 800 ms.
    expect(close.at).toBe(1180 + 800);
  });

  it('a click shorter than the attack does not open the channel', () => {
    expect(run([...repeat(-80, 5), -5, -5, ...repeat(-80, 20)]).events).toEqual([]);
  });

  it('pauses shorter than the hang time do not split a transmission', () => {
    const speech = [...repeat(-20, 20), ...repeat(-80, 20), ...repeat(-20, 20), ...repeat(-80, 60)];
    const { events } = run(speech);
    expect(events.map((e) => e.type)).toEqual(['open', 'close']);
  });

  it('hysteresis: a level between close and open keeps it busy but never opens it', () => {
    const mid = (DEFAULT_VAD.openDb + DEFAULT_VAD.closeDb) / 2;
    expect(run(repeat(mid, 200)).events).toEqual([]);
    const { events, last } = run([...repeat(-10, 10), ...repeat(mid, 200)]);
    expect(events.map((e) => e.type)).toEqual(['open']);
    expect(last.busy).toBe(true);
  });

  it('property: events alternate open/close, and every close follows its open', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 0 }), { maxLength: 400 }), (levels) => {
        const { events } = run(levels);
        events.forEach((e, i) => {
          expect(e.type).toBe(i % 2 === 0 ? 'open' : 'close');
          if (e.type === 'close') expect(e.at).toBeGreaterThanOrEqual(e.startedAt);
        });
      }),
    );
  });
});

describe('options and meter', () => {
  it('rejects nonsense settings', () => {
    expect(vadProblems(DEFAULT_VAD)).toEqual([]);
    expect(vadProblems({ ...DEFAULT_VAD, openDb: 5 })).toContain('radio.audio.badThreshold');
    expect(vadProblems({ ...DEFAULT_VAD, closeDb: -10 })).toContain('radio.audio.badHysteresis');
    expect(vadProblems({ ...DEFAULT_VAD, hangMs: -1 })).toContain('radio.audio.badHang');
  });
  it('the meter rises at once and falls slowly', () => {
    expect(meterStep(-60, -10, 50)).toBe(-10);
    expect(meterStep(-10, -80, 100)).toBeCloseTo(-13);
    expect(meterStep(-10, -11, 1000)).toBe(-11);
    expect(meterFraction(0)).toBe(1);
    expect(meterFraction(-60)).toBe(0);
    expect(meterFraction(-30)).toBeCloseTo(0.5);
  });
});
