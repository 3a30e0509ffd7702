import { describe, expect, it } from 'vitest';
import { computeSla, limitsFor, type SlaLimits, type SlaRule, type StatusMark } from './sla';

const MIN = 60_000;
const limits: SlaLimits = { accept: 2 * MIN, dispatch: 5 * MIN, on_scene: 15 * MIN, resolve: 120 * MIN };
const T0 = Date.UTC(2026, 0, 1, 8, 0, 0);
const at = (min: number) => T0 + min * MIN;
const mark = (min: number, to: StatusMark['to']): StatusMark => ({ at: at(min), to });

describe('SLA computation (fake clock)', () => {
  it('is pending before any deadline and counts down to the earliest', () => {
    const r = computeSla({ status: 'reported', createdAt: T0, marks: [] }, limits, at(1));
    expect(r.overdue).toEqual([]);
    expect(r.nextDeadline).toBe(at(2));
    expect(r.stages.map((s) => s.state)).toEqual(['pending', 'pending', 'pending', 'pending']);
  });

  it('is overdue on accept one millisecond after its deadline, not at it', () => {
    expect(computeSla({ status: 'reported', createdAt: T0, marks: [] }, limits, at(2)).overdue).toEqual([]);
    expect(computeSla({ status: 'reported', createdAt: T0, marks: [] }, limits, at(2) + 1).overdue).toEqual([
      'accept',
    ]);
  });

  it('judges each stage: met in time, met late, overdue', () => {
    const marks = [mark(1, 'accepted'), mark(7, 'dispatched')];
    const r = computeSla({ status: 'dispatched', createdAt: T0, marks }, limits, at(16));
    expect(r.stages.map((s) => [s.stage, s.state])).toEqual([
      ['accept', 'met'],
      ['dispatch', 'met_late'],
      ['on_scene', 'overdue'],
      ['resolve', 'pending'],
    ]);
    expect(r.overdue).toEqual(['on_scene']);
    expect(r.nextDeadline).toBe(at(120));
  });

  it('counts every stage missed at once after a long gap', () => {
    const r = computeSla({ status: 'reported', createdAt: T0, marks: [] }, limits, at(121));
    expect(r.overdue).toEqual(['accept', 'dispatch', 'on_scene', 'resolve']);
    expect(r.nextDeadline).toBeNull();
  });

  it('treats a later stage as meeting the earlier ones it skipped', () => {
    const r = computeSla({ status: 'on_scene', createdAt: T0, marks: [mark(4, 'on_scene')] }, limits, at(30));
    expect(r.stages.slice(0, 3).map((s) => [s.state, s.metAt])).toEqual([
      ['met_late', at(4)],
      ['met', at(4)],
      ['met', at(4)],
    ]);
    expect(r.overdue).toEqual([]);
  });

  it('pauses: a resolved, closed or cancelled incident is never overdue', () => {
    for (const status of ['resolved', 'closed', 'cancelled'] as const) {
      const r = computeSla(
        { status, createdAt: T0, marks: [mark(1, 'accepted'), mark(3, status)] },
        limits,
        at(500),
      );
      expect(r.overdue, status).toEqual([]);
      expect(r.nextDeadline).toBeNull();
    }
    const cancelled = computeSla(
      { status: 'cancelled', createdAt: T0, marks: [mark(1, 'cancelled')] },
      limits,
      at(9),
    );
    expect(cancelled.stages.map((s) => s.state)).toEqual(['paused', 'paused', 'paused', 'paused']);
  });

  it('starts a new cycle on reopening: old moves no longer count, deadlines run from the reopening', () => {
    const marks = [
      mark(1, 'accepted'),
      mark(3, 'dispatched'),
      mark(5, 'on_scene'),
      mark(9, 'resolved'),
      mark(60, 'reopened'),
    ];
    const r = computeSla({ status: 'reopened', createdAt: T0, marks }, limits, at(61));
    expect(r.cycleStart).toBe(at(60));
    expect(r.overdue).toEqual([]);
    expect(r.nextDeadline).toBe(at(62));
    expect(computeSla({ status: 'reopened', createdAt: T0, marks }, limits, at(63)).overdue).toEqual([
      'accept',
    ]);
  });

  it('takes the category rule over the default', () => {
    const rules: SlaRule[] = [
      { category: '*', priority: 'P1', stage: 'accept', limitMs: 2 * MIN },
      { category: 'fire_safety', priority: 'P1', stage: 'accept', limitMs: 1 * MIN },
    ];
    expect(limitsFor(rules, 'fire_safety', 'P1').accept).toBe(MIN);
    expect(limitsFor(rules, 'other', 'P1').accept).toBe(2 * MIN);
    expect(limitsFor(rules, 'other', 'P2').accept).toBe(Number.POSITIVE_INFINITY);
  });
});
