import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, makeHost, sampleIncident, tableCounts } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import type { HostError, MethodParams } from '../../contract';
import type { Host } from '../host';

const tmp = useTempDirs();
const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);

/** A host on a hand-moved clock with no timers: tests drive the escalation sweep. */
function hostAt(start = T0): { host: Host; clock: { t: number } } {
  const clock = { t: start };
  const host = makeHost(tmp(), { now: () => clock.t, dispatch: { ackLimitMs: 180_000, sweepEveryMs: 0 } });
  return { host, clock };
}

async function failure(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    return (e as { hostError: HostError }).hostError;
  }
  throw new Error('expected the call to fail');
}

const unit = (
  name: string,
  lon: number,
  lat: number,
  kind: MethodParams<'unit.create'>['kind'] = 'patrol_team',
) => ({ kind, name, position: { lon, lat } }) as MethodParams<'unit.create'>;

// sampleIncident is at 103.665, 36.495. 0.001° lat ≈ 111 m.
async function scene(host: Host) {
  const inc = await call(host, 'incident.create', sampleIncident);
  const near = await call(host, 'unit.create', unit('近 Near', 103.665, 36.496));
  const far = await call(host, 'unit.create', unit('远 Far', 103.665, 36.5));
  const mid = await call(host, 'unit.create', unit('中 Mid', 103.665, 36.498, 'vehicle'));
  return { inc, near, far, mid };
}

describe('dispatch service', () => {
  afterEach(() => vi.useRealTimers());

  it('suggests available units nearest first with straight-line distances; stale positions last', async () => {
    const { host, clock } = hostAt();
    const { inc, near, far, mid } = await scene(host);
    await call(host, 'unit.setStatus', { id: far.id, status: 'off_duty' });
    const s = await call(host, 'dispatch.suggest', { incidentId: inc.id });
    expect(s.items.map((i) => i.unit.name)).toEqual([near.name, mid.name]);
    expect(s.items[0]!.distanceM).toBeGreaterThan(105);
    expect(s.items[0]!.distanceM).toBeLessThan(118);
    expect(s.items[1]!.distanceM).toBeGreaterThan(320);
    expect(s.items[1]!.distanceM).toBeLessThan(345);
    expect(s.ackLimitMs).toBe(180_000);
    // A vehicle's position is stale after 5 minutes, a patrol team's after 10: the vehicle drops behind.
    clock.t += 6 * 60_000;
    await call(host, 'unit.update', { id: near.id, position: { lon: 103.665, lat: 36.499 } });
    const later = await call(host, 'dispatch.suggest', { incidentId: inc.id });
    expect(later.items.map((i) => [i.unit.name, i.stale])).toEqual([
      [near.name, false],
      [mid.name, true],
    ]);
    await host.close();
  });

  it('dispatching a reported incident accepts it first; units become dispatched; one transaction', async () => {
    const { host } = hostAt();
    const { inc, near, mid } = await scene(host);
    const heard: string[] = [];
    host.events.subscribe((e) => heard.push(e));
    const before = tableCounts(host);
    const r = await call(host, 'dispatch.send', {
      incidentId: inc.id,
      unitIds: [near.id, mid.id],
      note: '快',
    });
    expect(r.incident.status).toBe('dispatched');
    expect(r.dispatches.map((d) => [d.unitName, d.state])).toEqual([
      [near.name, 'awaiting_ack'],
      [mid.name, 'awaiting_ack'],
    ]);
    expect(r.dispatches[0]!.ackDeadline).toBe(T0 + 180_000);
    const { timeline } = await call(host, 'incident.get', { id: inc.id });
    expect(timeline.map((e) => [e.kind, e.data.to ?? e.data.action])).toEqual([
      ['created', undefined],
      ['status', 'accepted'],
      ['status', 'dispatched'],
      ['dispatch', 'dispatch'],
      ['dispatch', 'dispatch'],
    ]);
    const units = await call(host, 'unit.list');
    expect(
      units
        .filter((u) => u.status === 'dispatched')
        .map((u) => u.name)
        .sort(),
    ).toEqual([near.name, mid.name].sort());
    const after = tableCounts(host);
    expect(after.incident_timeline - before.incident_timeline).toBe(4);
    expect(after.audit_log - before.audit_log).toBe(4); // two status moves, two units sent
    expect(heard).toContain('dispatch.changed');
    expect(heard).toContain('unit.changed');
    // Synced as incident status, timeline entries and unit status (no separate dispatch entity).
    const entities = new Set(host.ctx.store.outbox.pending(100).map((c) => c.entity));
    expect([...entities].sort()).toEqual(['incident', 'timeline', 'unit']);
    await host.close();
  });

  it('refuses illegal cases with errors naming the state, and changes nothing', async () => {
    const { host } = hostAt();
    const { inc, near, far } = await scene(host);
    await call(host, 'unit.setStatus', { id: far.id, status: 'busy' });
    const before = tableCounts(host);
    const busy = await failure(
      call(host, 'dispatch.send', { incidentId: inc.id, unitIds: [near.id, far.id] }),
    );
    expect(busy.code).toBe('unit_unavailable');
    expect(busy.message).toContain('busy');
    expect(busy.message).toContain(far.name);
    expect(tableCounts(host)).toEqual(before);
    expect((await call(host, 'incident.get', { id: inc.id })).incident.status).toBe('reported');

    const [d] = (await call(host, 'dispatch.send', { incidentId: inc.id, unitIds: [near.id] })).dispatches;
    const twice = await failure(call(host, 'dispatch.send', { incidentId: inc.id, unitIds: [near.id] }));
    expect(twice.code).toBe('unit_unavailable');
    expect(twice.message).toContain('dispatched');
    await call(host, 'dispatch.recall', { dispatchId: d!.id });
    const ack = await failure(call(host, 'dispatch.acknowledge', { dispatchId: d!.id }));
    expect(ack.code).toBe('dispatch_state');
    expect(ack.message).toContain('recalled');
    const recall = await failure(call(host, 'dispatch.recall', { dispatchId: d!.id }));
    expect(recall.message).toContain('recalled');
    const unknown = await failure(call(host, 'dispatch.acknowledge', { dispatchId: inc.id }));
    expect(unknown.code).toBe('not_found');

    await call(host, 'incident.setStatus', { id: inc.id, status: 'cancelled' });
    const closed = await failure(call(host, 'dispatch.send', { incidentId: inc.id, unitIds: [near.id] }));
    expect(closed.code).toBe('illegal_transition');
    expect(closed.message).toContain('"cancelled"');
    expect(closed.message).toContain('reopened');
    await host.close();
  });

  it('records the acknowledgement (operator or a bridge) and escalates a missing one after the limit', async () => {
    const { host, clock } = hostAt();
    const { inc, near, mid } = await scene(host);
    const escalations: unknown[] = [];
    host.events.subscribe((e, p) => e === 'dispatch.escalated' && escalations.push(p));
    const r = await call(host, 'dispatch.send', { incidentId: inc.id, unitIds: [near.id, mid.id] });
    clock.t += 60_000;
    const acked = await call(host, 'dispatch.acknowledge', {
      dispatchId: r.dispatches[0]!.id,
      source: 'radio',
    });
    expect(acked).toMatchObject({ state: 'acknowledged', ackedAt: T0 + 60_000, ackSource: 'radio' });
    clock.t = T0 + 179_000;
    expect(host.dispatch.service.escalateOverdue()).toBe(0);
    clock.t = T0 + 181_000;
    expect(host.dispatch.service.escalateOverdue()).toBe(1);
    expect(host.dispatch.service.escalateOverdue()).toBe(0); // once only
    expect(escalations).toHaveLength(1);
    const list = await call(host, 'dispatch.list', { incidentId: inc.id });
    expect(list[1]).toMatchObject({ unitName: mid.name, state: 'awaiting_ack', escalatedAt: T0 + 181_000 });
    const { timeline } = await call(host, 'incident.get', { id: inc.id });
    expect(timeline.filter((e) => e.kind === 'ack')[0]!.data).toMatchObject({
      source: 'radio',
      unitName: near.name,
    });
    expect(timeline.at(-1)!.data).toMatchObject({
      action: 'escalate',
      unitName: mid.name,
      waitedMs: 181_000,
    });
    // A late acknowledgement still counts; here it comes from a bridge.
    expect(host.dispatch.service.acknowledgeDispatch(r.dispatches[1]!.id, 'sip')).toMatchObject({
      state: 'acknowledged',
      ackSource: 'sip',
    });
    await host.close();
  });

  it('the sweep timer escalates on its own (fake time)', async () => {
    vi.useFakeTimers({ now: T0 });
    const host = makeHost(tmp(), { dispatch: { ackLimitMs: 30_000, sweepEveryMs: 5_000 } });
    const { inc, near } = await scene(host);
    await call(host, 'dispatch.send', { incidentId: inc.id, unitIds: [near.id] });
    vi.advanceTimersByTime(29_000);
    expect((await call(host, 'dispatch.list', { incidentId: inc.id }))[0]!.escalatedAt).toBeNull();
    vi.advanceTimersByTime(6_000);
    expect((await call(host, 'dispatch.list', { incidentId: inc.id }))[0]!.escalatedAt).not.toBeNull();
    await host.close();
  });

  it('reassigns and recalls, freeing units; resolving releases the rest with the close-out note', async () => {
    const { host } = hostAt();
    const { inc, near, far, mid } = await scene(host);
    const [d1, d2] = (await call(host, 'dispatch.send', { incidentId: inc.id, unitIds: [near.id, mid.id] }))
      .dispatches;
    const re = await call(host, 'dispatch.reassign', { dispatchId: d1!.id, toUnitId: far.id, note: '换人' });
    expect(re.dispatches.map((d) => [d.unitName, d.state])).toEqual([
      [near.name, 'recalled'],
      [far.name, 'awaiting_ack'],
    ]);
    const self = await failure(call(host, 'dispatch.reassign', { dispatchId: d2!.id, toUnitId: far.id }));
    expect(self.code).toBe('unit_unavailable');
    await call(host, 'dispatch.recall', { dispatchId: d2!.id, note: '不需要' });
    const status = async () =>
      Object.fromEntries((await call(host, 'unit.list')).map((u) => [u.name, u.status]));
    expect(await status()).toEqual({
      [near.name]: 'available',
      [mid.name]: 'available',
      [far.name]: 'dispatched',
    });
    // A unit on a dispatch is freed by the dispatch, not by hand.
    expect((await failure(call(host, 'unit.setStatus', { id: far.id, status: 'available' }))).code).toBe(
      'unit_unavailable',
    );

    await call(host, 'incident.setStatus', { id: inc.id, status: 'on_scene' });
    await call(host, 'incident.setStatus', { id: inc.id, status: 'resolved', note: '已处置完毕' });
    expect((await status())[far.name]).toBe('available');
    const list = await call(host, 'dispatch.list', { incidentId: inc.id });
    expect(list.map((d) => d.state)).toEqual(['recalled', 'recalled', 'released']);
    const { timeline } = await call(host, 'incident.get', { id: inc.id });
    expect(timeline.at(-1)!.data).toMatchObject({
      action: 'release',
      closeOut: '已处置完毕',
      to: 'resolved',
    });
    expect(await call(host, 'dispatch.list', {})).toEqual([]);
    await host.close();
  });

  it('recalling the last unit returns a dispatched incident to accepted', async () => {
    const { host } = hostAt();
    const { inc, near } = await scene(host);
    const [d] = (await call(host, 'dispatch.send', { incidentId: inc.id, unitIds: [near.id] })).dispatches;
    const r = await call(host, 'dispatch.recall', { dispatchId: d!.id });
    expect(r.incident.status).toBe('accepted');
    await host.close();
  });

  it('validates unit input with errors a person can act on', async () => {
    const { host } = hostAt();
    const e = await failure(call(host, 'unit.create', { kind: 'drone', name: 'X', homeGrid: 'NOPE' }));
    expect(e.code).toBe('bad_request');
    expect(e.message).toContain('NOPE');
    const sip = await failure(call(host, 'unit.create', { kind: 'drone', name: 'X', sipUri: '1001' }));
    expect(sip.issues?.[0]?.path).toBe('sipUri');
    const u = await call(host, 'unit.create', {
      kind: 'radio',
      name: '对讲机',
      callsign: 'BH4ABC-7',
      sipUri: 'sip:1@x',
    });
    expect(u).toMatchObject({ status: 'available', position: null, callsign: 'BH4ABC-7' });
    const edited = await call(host, 'unit.update', {
      id: u.id,
      name: '对讲机 2',
      position: { lon: 103.6, lat: 36.5 },
    });
    expect(edited).toMatchObject({ name: '对讲机 2', positionSource: 'operator', positionAt: T0 });
    await host.close();
  });
});
