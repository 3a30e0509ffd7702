import { describe, expect, it } from 'vitest';
import type { Dispatch } from '../../../contract/dispatch';
import type { Unit } from '../../../contract/domain/unit';
import { api } from '../../app/api';
import { makeStore } from '../../app/store';
import { wireHostEvents } from '../../app/hostEvents';
import { createFakeHost, makeIncident, uuid } from '../../app/testing/fakeHost';

const unit = (over: Partial<Unit> = {}): Unit => ({
  id: uuid(),
  kind: 'patrol_team',
  name: '巡逻一队',
  callsign: '',
  sipUri: '',
  status: 'available',
  homeGrid: null,
  position: { lon: 103.67, lat: 36.5 },
  positionAt: 1,
  positionSource: 'demo',
  isDemo: false,
  ...over,
});

describe('dispatch events → cache and supervisor alerts', () => {
  it('recolours units at once and raises / clears the escalation alert', async () => {
    const host = createFakeHost();
    const store = makeStore(host);
    wireHostEvents(host, store);
    await store.dispatch(api.endpoints.unitList.initiate());
    const units = () => api.endpoints.unitList.select()(store.getState()).data ?? [];

    const u = unit();
    host.emit('unit.changed', { unit: u });
    expect(units().map((x) => x.status)).toEqual(['available']);

    const incident = makeIncident();
    const d: Dispatch = {
      id: uuid(),
      incidentId: incident.id,
      unitId: u.id,
      unitName: u.name,
      state: 'awaiting_ack',
      distanceM: 420,
      dispatchedAt: 1,
      ackDeadline: 2,
      ackedAt: null,
      ackSource: null,
      escalatedAt: null,
      endedAt: null,
      actor: 'x',
      consoleId: 'c',
    };
    host.emit('dispatch.changed', { dispatch: d, unit: { ...u, status: 'dispatched' } });
    expect(units().map((x) => x.status)).toEqual(['dispatched']);

    const entry = {
      id: uuid(),
      incidentId: incident.id,
      at: 3,
      kind: 'dispatch' as const,
      actor: 'x',
      consoleId: 'c',
      data: {},
    };
    host.emit('dispatch.escalated', { dispatch: { ...d, escalatedAt: 3 }, incident, entry });
    expect(store.getState().dispatch.alerts.map((a) => a.unitName)).toEqual([u.name]);
    expect(store.getState().toasts.items.at(-1)).toMatchObject({
      kind: 'error',
      key: 'dispatch.escalatedToast',
    });

    host.emit('dispatch.changed', { dispatch: { ...d, state: 'acknowledged', ackedAt: 4 }, unit: null });
    expect(store.getState().dispatch.alerts).toEqual([]);
  });
});
