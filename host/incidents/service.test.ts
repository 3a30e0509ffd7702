import { describe, expect, it } from 'vitest';
import { call, makeHost, sampleIncident, tableCounts } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import type { EventName } from '../../contract';

const tmp = useTempDirs();

describe('incident service', () => {
  it('create writes incident, timeline, audit and outbox together and publishes after commit', async () => {
    const host = makeHost(tmp());
    const heard: EventName[] = [];
    host.events.subscribe((e) => heard.push(e));
    const before = tableCounts(host);
    const inc = await call(host, 'incident.create', sampleIncident);
    const after = tableCounts(host);
    expect(inc.status).toBe('reported');
    expect(inc.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/); // UUIDv7
    expect(inc.createdBy).toBe('tester');
    expect(after.incidents - before.incidents).toBe(1);
    expect(after.incident_timeline - before.incident_timeline).toBe(1);
    expect(after.audit_log - before.audit_log).toBe(1);
    expect(after.outbox - before.outbox).toBe(2); // the incident and its timeline entry
    expect(heard).toEqual(['incident.changed']);
    const pending = host.ctx.store.outbox.pending(10);
    expect(pending.map((c) => [c.entity, c.op])).toEqual([
      ['timeline', 'append'],
      ['incident', 'insert'],
    ]);
    expect(pending[1]!.hlc > pending[0]!.hlc).toBe(true);
    host.close();
  });

  it('rolls everything back when any part of the transaction fails', async () => {
    const host = makeHost(tmp());
    const before = tableCounts(host);
    host.ctx.store.db.exec(
      "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END",
    );
    const heard: string[] = [];
    host.events.subscribe((e) => heard.push(e));
    await expect(call(host, 'incident.create', sampleIncident)).rejects.toMatchObject({
      hostError: { code: 'storage' },
    });
    expect(tableCounts(host)).toEqual(before);
    expect(heard).toEqual([]);
    host.close();
  });

  it('moves through the lifecycle and refuses illegal transitions naming the allowed ones', async () => {
    const host = makeHost(tmp());
    const inc = await call(host, 'incident.create', sampleIncident);
    await expect(call(host, 'incident.setStatus', { id: inc.id, status: 'closed' })).rejects.toMatchObject({
      hostError: {
        code: 'illegal_transition',
        params: { from: 'reported', to: 'closed', allowed: 'accepted, cancelled' },
      },
    });
    for (const status of ['accepted', 'dispatched', 'en_route', 'on_scene', 'resolved', 'closed'] as const) {
      await call(host, 'incident.setStatus', { id: inc.id, status, note: `to ${status}` });
    }
    const { incident, timeline } = await call(host, 'incident.get', { id: inc.id });
    expect(incident.status).toBe('closed');
    expect(incident.version).toBe(7);
    expect(timeline.map((e) => e.kind)).toEqual([
      'created',
      'status',
      'status',
      'status',
      'status',
      'status',
      'status',
    ]);
    expect(timeline[6]!.data).toEqual({ from: 'resolved', to: 'closed', note: 'to closed' });
    host.close();
  });

  it('refuses a stale expectedVersion with conflict', async () => {
    const host = makeHost(tmp());
    const inc = await call(host, 'incident.create', sampleIncident);
    await call(host, 'incident.setStatus', { id: inc.id, status: 'accepted', expectedVersion: 1 });
    await expect(
      call(host, 'incident.setStatus', { id: inc.id, status: 'dispatched', expectedVersion: 1 }),
    ).rejects.toMatchObject({
      hostError: { code: 'conflict' },
    });
    host.close();
  });

  it('refuses an unknown category and a missing incident clearly', async () => {
    const host = makeHost(tmp());
    await expect(
      call(host, 'incident.create', { ...sampleIncident, category: 'dragons' }),
    ).rejects.toMatchObject({
      hostError: { code: 'bad_request', issues: [{ path: 'category' }] },
    });
    await expect(
      call(host, 'incident.get', { id: '0198c2b0-0000-7000-8000-000000000000' }),
    ).rejects.toMatchObject({
      hostError: { code: 'not_found' },
    });
    host.close();
  });

  it('lists in queue order: priority, then oldest first; filters by status', async () => {
    const host = makeHost(tmp());
    const a = await call(host, 'incident.create', { ...sampleIncident, priority: 'P3' });
    const b = await call(host, 'incident.create', { ...sampleIncident, priority: 'P1' });
    const c = await call(host, 'incident.create', { ...sampleIncident, priority: 'P1' });
    await call(host, 'incident.setStatus', { id: a.id, status: 'cancelled' });
    const all = await call(host, 'incident.list', {});
    expect(all.items.map((i) => i.id)).toEqual([b.id, c.id, a.id]);
    const open = await call(host, 'incident.list', { statuses: ['reported'] });
    expect(open.total).toBe(2);
    host.close();
  });

  it('keeps incidents across a restart', async () => {
    const dir = tmp();
    const host = makeHost(dir);
    const inc = await call(host, 'incident.create', sampleIncident);
    const consoleId = host.ctx.consoleId;
    host.close();
    const again = makeHost(dir);
    expect(again.ctx.consoleId).toBe(consoleId);
    expect((await call(again, 'incident.get', { id: inc.id })).incident).toEqual(inc);
    again.close();
  });
});
