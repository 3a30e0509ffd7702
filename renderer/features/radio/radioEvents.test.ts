import { describe, expect, it } from 'vitest';
import { makeStore } from '../../app/store';
import { createFakeHost, uuid } from '../../app/testing/fakeHost';
import { wireHostEvents } from '../../app/hostEvents';
import { radioApi } from './radioApi';
import { MonitorBuffer } from './monitorBuffer';
import { wireRadioEvents } from './radioEvents';
import type { PttState, RadioMessage, Recording } from '../../../contract/radio';
import { pttPressedLocally, radioProfileChosen } from './radioSlice';

function setup() {
  const host = createFakeHost();
  const store = makeStore(host);
  const monitor = new MonitorBuffer(100, (fn) => fn());
  wireRadioEvents(host, store, monitor);
  const d = store.dispatch as (a: unknown) => unknown;
  return { host, store, monitor, d };
}

const msg = (over: Partial<RadioMessage> = {}): RadioMessage => ({
  id: uuid(),
  direction: 'in',
  linkId: null,
  from: 'BG7ABC-9',
  to: 'BG7XYZ',
  text: 'hello',
  msgNo: '001',
  state: 'received',
  attempts: 0,
  maxAttempts: 0,
  at: 1000,
  updatedAt: 1000,
  readAt: null,
  operator: '',
  ...over,
});

describe('radio host events → cache', () => {
  it('messages are upserted newest first and never overwritten by an older version', async () => {
    const { host, d, store } = setup();
    await d(radioApi.util.upsertQueryData('radioMessageList', { limit: 200 }, []));
    const a = msg({ at: 1000 });
    const b = msg({
      at: 2000,
      direction: 'out',
      state: 'sent',
      attempts: 1,
      maxAttempts: 3,
      updatedAt: 2000,
    });
    host.emit('radio.message', a);
    host.emit('radio.message', b);
    host.emit('radio.message', { ...b, state: 'acked', updatedAt: 3000 });
    host.emit('radio.message', { ...b, state: 'sent', updatedAt: 2500 });
    const sel = radioApi.endpoints.radioMessageList.select({ limit: 200 });
    const data = sel(store.getState() as never).data!;
    expect(data.map((m) => m.id)).toEqual([b.id, a.id]);
    expect(data[0]!.state).toBe('acked');
  });

  it('recordings appear in the recall list as the host stores them', async () => {
    const { host, d, store } = setup();
    await d(radioApi.util.upsertQueryData('radioRecordingList', { limit: 100 }, []));
    const rec: Recording = {
      id: uuid(),
      startedAt: 5,
      endedAt: 9,
      channel: 'Base',
      profileId: null,
      direction: 'rx',
      pttSource: 'vad',
      mimeType: 'audio/webm;codecs=opus',
      bytes: 100,
      sha256: null,
      state: 'complete',
      operator: 'x',
      incidentIds: [],
    };
    host.emit('radio.recording', rec);
    host.emit('radio.recording', { ...rec, incidentIds: [uuid()] });
    const data = radioApi.endpoints.radioRecordingList.select({ limit: 100 })(
      store.getState() as never,
    ).data!;
    expect(data).toHaveLength(1);
    expect(data[0]!.incidentIds).toHaveLength(1);
  });

  it('a host unkey (time-out) of our radio while we hold the key ends our transmission and says why', async () => {
    const { host, d, store } = setup();
    const profileId = uuid();
    await d(radioApi.util.upsertQueryData('radioPttState', undefined, []));
    store.dispatch(radioProfileChosen(profileId));
    store.dispatch(pttPressedLocally({ source: 'button', at: 100 }));
    const s: PttState = {
      profileId,
      keyed: false,
      method: 'vox',
      operator: 'x',
      source: null,
      keyedAt: null,
      deadlineAt: null,
      totSeconds: 30,
      lastEnd: 'tot',
      error: null,
      at: 30_100,
    };
    host.emit('radio.ptt', s);
    expect(store.getState().radio.ptt).toMatchObject({ keyed: false, endedBy: 'tot' });
  });

  it('monitor records go to the monitor buffer with their counters', () => {
    const { host, monitor } = setup();
    const counters = {
      bytesIn: 4,
      bytesOut: 0,
      frames: 0,
      garbage: 1,
      badChecksum: 0,
      oversize: 0,
      unknown: 0,
    };
    host.emit('radio.monitor', {
      source: '/dev/ttyA',
      linkId: null,
      at: 1,
      direction: 'rx',
      hex: '00',
      ascii: '.',
      bytes: 1,
      truncated: false,
      decoded: [],
      counters,
    });
    expect(monitor.getSnapshot().records).toHaveLength(1);
    expect(monitor.getSnapshot().counters['/dev/ttyA']).toEqual(counters);
  });

  it('is part of the app wiring', () => {
    const host = createFakeHost();
    const store = makeStore(host);
    const off = wireHostEvents(host, store);
    expect(typeof off).toBe('function');
    off();
  });
});
