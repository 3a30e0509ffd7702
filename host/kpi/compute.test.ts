import { describe, expect, it } from 'vitest';
import { computeKpis, p90, stageStat, type KpiIncident, type KpiStatusEntry } from './compute';

const MIN = 60_000;

describe('KPI arithmetic on a known data set', () => {
  // Four incidents, created at t=0 (minutes). Grid G1 holds compounds K1/K2; G2 has no worker.
  const incidents: KpiIncident[] = [
    {
      id: 'a',
      category: 'fire_safety',
      source: 'drone_patrol',
      status: 'closed',
      gridCode: 'K1',
      createdAt: 0,
    },
    { id: 'b', category: 'fire_safety', source: 'hotline', status: 'on_scene', gridCode: 'K2', createdAt: 0 },
    { id: 'c', category: 'other', source: 'grid_worker', status: 'reported', gridCode: 'G2', createdAt: 0 },
    {
      id: 'd',
      category: 'other',
      source: 'drone_patrol',
      status: 'resolved',
      gridCode: null,
      createdAt: 10 * MIN,
    },
  ];
  const e = (incidentId: string, min: number, to: string): KpiStatusEntry => ({
    incidentId,
    at: min * MIN,
    to,
  });
  const entries: KpiStatusEntry[] = [
    e('a', 2, 'accepted'),
    e('a', 5, 'dispatched'),
    e('a', 20, 'on_scene'),
    e('a', 60, 'resolved'),
    e('a', 61, 'closed'),
    e('a', 90, 'resolved'), // resolved again after a reopen: the first resolution counts
    e('b', 4, 'accepted'),
    e('b', 9, 'dispatched'),
    e('b', 30, 'on_scene'),
    e('d', 11, 'accepted'),
    e('d', 13, 'dispatched'),
    e('d', 25, 'on_scene'),
    e('d', 40, 'resolved'),
  ];
  const gridOf = (code: string | null) => (code === null ? '' : code.startsWith('K') ? 'G1' : code);
  const r = computeKpis({
    from: 0,
    to: 100 * MIN,
    incidents,
    statusEntries: entries,
    overdueIds: new Set(['b', 'c']),
    gridOf,
    workers: [{ homeGrid: 'K1' }, { homeGrid: 'G1' }, { homeGrid: null }],
  });

  it('drone share', () => {
    expect(r.total).toBe(4);
    expect(r.droneFound).toBe(2);
    expect(r.droneShare).toBe(0.5);
  });

  it('mean and p90 per stage, overall', () => {
    // accept: a 2, b 4, d 1 → mean 7/3, p90 = ceil(2.7)=3rd of [1,2,4] = 4
    expect(r.overall.stages.accept).toEqual({ n: 3, meanMs: (7 / 3) * MIN, p90Ms: 4 * MIN });
    // dispatch: 5, 9, 3 → mean 17/3, p90 9
    expect(r.overall.stages.dispatch).toEqual({ n: 3, meanMs: (17 / 3) * MIN, p90Ms: 9 * MIN });
    // on scene: 20, 30, 15 → mean 65/3, p90 30
    expect(r.overall.stages.on_scene.meanMs).toBeCloseTo((65 / 3) * MIN);
    expect(r.overall.stages.on_scene.p90Ms).toBe(30 * MIN);
    // resolve: a 60 (first), d 30 → mean 45, p90 60
    expect(r.overall.stages.resolve).toEqual({ n: 2, meanMs: 45 * MIN, p90Ms: 60 * MIN });
  });

  it('per category and per grid', () => {
    const fire = r.byCategory.find((x) => x.key === 'fire_safety')!;
    expect(fire.incidents).toBe(2);
    expect(fire.stages.accept).toEqual({ n: 2, meanMs: 3 * MIN, p90Ms: 4 * MIN });
    expect(fire.stages.resolve).toEqual({ n: 1, meanMs: 60 * MIN, p90Ms: 60 * MIN });
    const other = r.byCategory.find((x) => x.key === 'other')!;
    expect(other.stages.accept).toEqual({ n: 1, meanMs: 1 * MIN, p90Ms: 1 * MIN });
    expect(r.byGrid.map((g) => [g.key, g.incidents])).toEqual([
      ['', 1],
      ['G1', 2],
      ['G2', 1],
    ]);
  });

  it('open and overdue by grid, incidents per grid worker', () => {
    const g1 = r.gridLoad.find((g) => g.grid === 'G1')!;
    expect(g1).toEqual({ grid: 'G1', open: 1, overdue: 1, incidents: 2, workers: 2, perWorker: 1 });
    const g2 = r.gridLoad.find((g) => g.grid === 'G2')!;
    expect(g2).toEqual({ grid: 'G2', open: 1, overdue: 1, incidents: 1, workers: 0, perWorker: null });
    const none = r.gridLoad.find((g) => g.grid === '')!;
    expect(none.perWorker).toBeNull();
  });

  it('p90 by nearest rank; empty stages are null', () => {
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10);
    expect(p90([])).toBeNull();
    expect(stageStat([])).toEqual({ n: 0, meanMs: null, p90Ms: null });
    const empty = computeKpis({
      from: 0,
      to: 1,
      incidents: [],
      statusEntries: [],
      overdueIds: new Set(),
      gridOf: () => '',
      workers: [],
    });
    expect(empty.droneShare).toBe(0);
  });

  it('ignores an entry from before creation (clock skew)', () => {
    const skew = computeKpis({
      from: 0,
      to: 1,
      incidents: [{ ...incidents[0]!, createdAt: 10 * MIN }],
      statusEntries: [e('a', 5, 'accepted')],
      overdueIds: new Set(),
      gridOf,
      workers: [],
    });
    expect(skew.overall.stages.accept.n).toBe(0);
  });
});
