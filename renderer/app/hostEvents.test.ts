import { describe, expect, it } from 'vitest';
import { api, LIST_ALL, LIST_OPEN } from './api';
import { makeStore } from './store';
import { wireHostEvents } from './hostEvents';
import { createFakeHost, makeIncident } from './testing/fakeHost';

async function setup(incidents = [makeIncident({ priority: 'P1' }), makeIncident({ status: 'closed' })]) {
  const host = createFakeHost({ incidents });
  const store = makeStore(host);
  const off = wireHostEvents(host, store);
  await store.dispatch(api.endpoints.incidentList.initiate(LIST_OPEN));
  await store.dispatch(api.endpoints.incidentList.initiate(LIST_ALL));
  return { host, store, off, incidents };
}

const listOf = (store: ReturnType<typeof makeStore>, args = LIST_OPEN) =>
  api.endpoints.incidentList.select(args)(store.getState()).data;

describe('host events → cache', () => {
  it('incident.changed upserts into every list, respecting the status filter, and into the detail', async () => {
    const { host, store, incidents } = await setup();
    const first = incidents[0]!;
    expect(listOf(store)!.items.map((i) => i.id)).toEqual([first.id]);
    await store.dispatch(api.endpoints.incidentGet.initiate({ id: first.id }));
    const callsBefore = host.calls.length;

    // A new incident arrives from elsewhere.
    const fresh = makeIncident({ priority: 'P2' });
    host.emit('incident.changed', { incident: fresh, entry: null });
    expect(listOf(store)!.items.map((i) => i.id)).toContain(fresh.id);
    expect(listOf(store, LIST_ALL)!.items.map((i) => i.id)).toContain(fresh.id);

    // The first one is closed: it leaves the open list but stays in "all".
    const closed = { ...first, status: 'closed' as const, version: 2 };
    const entry = {
      id: '00000000-0000-4000-8000-ffffffffffff',
      incidentId: first.id,
      at: 1,
      kind: 'status' as const,
      actor: 'x',
      consoleId: 'c',
      data: { from: 'reported', to: 'closed' },
    };
    host.emit('incident.changed', { incident: closed, entry });
    expect(listOf(store)!.items.map((i) => i.id)).not.toContain(first.id);
    expect(listOf(store, LIST_ALL)!.items.find((i) => i.id === first.id)!.status).toBe('closed');
    const detail = api.endpoints.incidentGet.select({ id: first.id })(store.getState()).data!;
    expect(detail.incident.status).toBe('closed');
    expect(detail.timeline.map((e) => e.id)).toContain(entry.id);

    // An older version arriving late does not overwrite the newer one.
    host.emit('incident.changed', { incident: { ...first, version: 1 }, entry: null });
    expect(listOf(store, LIST_ALL)!.items.find((i) => i.id === first.id)!.status).toBe('closed');
    // No polling, no refetch: only the cache changed.
    expect(host.calls.length).toBe(callsBefore);
  });

  it('incidents.reset refetches the lists', async () => {
    const { host, store } = await setup();
    const before = host.calls.filter((c) => c.method === 'incident.list').length;
    host.emit('incidents.reset', { reason: 'restore' });
    await new Promise((r) => setTimeout(r, 20));
    expect(host.calls.filter((c) => c.method === 'incident.list').length).toBeGreaterThan(before);
    expect(listOf(store)).toBeDefined();
  });

  it('sync.status updates the sync status cache', async () => {
    const { host, store } = await setup();
    host.emit('sync.status', { state: 'offline', pending: 7, lastSuccessAt: null, lastError: 'down' });
    await new Promise((r) => setTimeout(r, 10));
    expect(api.endpoints.systemSyncStatus.select()(store.getState()).data).toMatchObject({
      state: 'offline',
      pending: 7,
    });
  });

  it('refetches after a reconnect (events were missed) and tracks the link state', async () => {
    const { host, store } = await setup();
    const before = host.calls.filter((c) => c.method === 'incident.list').length;
    host.setConnection('closed');
    expect(store.getState().connection.state).toBe('closed');
    host.setConnection('open');
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().connection.reconnects).toBe(1);
    expect(host.calls.filter((c) => c.method === 'incident.list').length).toBeGreaterThan(before);
  });

  it('refetches when the first connection attempt failed and the link then opens', async () => {
    const host = createFakeHost({ incidents: [makeIncident()] });
    host.setConnection('connecting');
    const store = makeStore(host);
    wireHostEvents(host, store);
    await store.dispatch(api.endpoints.systemHello.initiate());
    host.setConnection('closed');
    const before = host.calls.filter((c) => c.method === 'system.hello').length;
    host.setConnection('connecting');
    host.setConnection('open');
    await new Promise((r) => setTimeout(r, 20));
    expect(host.calls.filter((c) => c.method === 'system.hello').length).toBeGreaterThan(before);
  });

  it('backup.failed raises an error toast', async () => {
    const { host, store } = await setup();
    host.emit('backup.failed', { message: 'disk full' });
    expect(store.getState().toasts.items.at(-1)).toMatchObject({
      kind: 'error',
      params: { message: 'disk full' },
    });
  });

  it('mutations surface HostErrors', async () => {
    const { store, incidents } = await setup();
    const r = await store.dispatch(
      api.endpoints.incidentSetStatus.initiate({ id: incidents[0]!.id, status: 'closed' }),
    );
    expect('error' in r && r.error).toMatchObject({
      code: 'illegal_transition',
      key: 'errors.illegal_transition',
    });
  });
});
