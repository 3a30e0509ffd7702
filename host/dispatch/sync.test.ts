import { describe, expect, it } from 'vitest';
import { call, makeHost, sampleIncident } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import type { Host } from '../host';

const tmp = useTempDirs();

/** Hands everything `from` has queued to `to`, as the sync client would after a pull. */
function deliver(from: Host, to: Host, after = 0): number {
  const changes = from.ctx.store.outbox.pending(10_000).filter((c) => c.seq > after);
  to.sync.applier.applyAll(changes);
  return Math.max(after, ...changes.map((c) => c.seq));
}

describe('dispatch state reaches other consoles through the synced entities', () => {
  it('units, dispatch, ack, escalation, recall and release project the same rows on the other console', async () => {
    const a = makeHost(tmp(), { dispatch: { sweepEveryMs: 0, ackLimitMs: 60_000 } });
    const b = makeHost(tmp(), { dispatch: { sweepEveryMs: 0 } });
    const escalatedOnB: unknown[] = [];
    b.events.subscribe((e, p) => e === 'dispatch.escalated' && escalatedOnB.push(p));
    const inc = await call(a, 'incident.create', sampleIncident);
    const u1 = await call(a, 'unit.create', {
      kind: 'vehicle',
      name: '执法车 1',
      position: { lon: 103.66, lat: 36.49 },
    });
    const u2 = await call(a, 'unit.create', { kind: 'patrol_team', name: '巡逻二队', sipUri: 'sip:2@x' });
    const r = await call(a, 'dispatch.send', { incidentId: inc.id, unitIds: [u1.id, u2.id] });
    let seq = deliver(a, b);

    expect((await call(b, 'unit.list')).map((u) => [u.name, u.status, u.sipUri]).sort()).toEqual([
      ['巡逻二队', 'dispatched', 'sip:2@x'],
      ['执法车 1', 'dispatched', ''],
    ]);
    expect((await call(b, 'incident.get', { id: inc.id })).incident.status).toBe('dispatched');
    const onB = await call(b, 'dispatch.list', { incidentId: inc.id });
    expect(onB).toEqual(await call(a, 'dispatch.list', { incidentId: inc.id }));

    // B records the ack that came in on its radio; A learns of it.
    await call(b, 'dispatch.acknowledge', { dispatchId: r.dispatches[0]!.id, source: 'radio' });
    deliver(b, a);
    expect((await call(a, 'dispatch.list', { incidentId: inc.id }))[0]).toMatchObject({
      state: 'acknowledged',
      ackSource: 'radio',
    });
    // Only the console that sent a dispatch escalates it (no duplicate alerts); the others show its alert.
    const later = Date.now() + 61_000;
    a.ctx.now = () => later;
    b.ctx.now = () => later;
    expect(b.dispatch.service.escalateOverdue()).toBe(0);
    expect(a.dispatch.service.escalateOverdue()).toBe(1);
    seq = deliver(a, b, seq);
    expect(escalatedOnB).toHaveLength(1);

    await call(a, 'dispatch.recall', { dispatchId: r.dispatches[1]!.id });
    await call(a, 'incident.setStatus', { id: inc.id, status: 'on_scene' });
    await call(a, 'incident.setStatus', { id: inc.id, status: 'resolved', note: '完毕' });
    deliver(a, b, seq);
    expect(await call(b, 'dispatch.list', { incidentId: inc.id })).toEqual(
      await call(a, 'dispatch.list', { incidentId: inc.id }),
    );
    expect((await call(b, 'unit.list')).map((u) => u.status)).toEqual(['available', 'available']);
    expect((await call(b, 'incident.get', { id: inc.id })).incident.status).toBe('resolved');
    await a.close();
    await b.close();
  });
});
