import { describe, expect, it } from 'vitest';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { MAX_FRAME_BYTES } from '../../contract';
import { makeHost, sampleIncident } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import { attachPort } from './portTransport';

const tmp = useTempDirs();

function nodePort(port: MessagePort) {
  return {
    send: (f: unknown) => port.postMessage(f),
    onMessage: (cb: (d: unknown) => void) => port.on('message', cb),
    onClose: (cb: () => void) => port.on('close', cb),
  };
}

describe('MessagePort transport (Electron)', () => {
  it('routes structured-clone frames through the same router and pushes events', async () => {
    const host = makeHost(tmp());
    const { port1, port2 } = new MessageChannel();
    attachPort(host, nodePort(port1));
    const frames: Record<string, unknown>[] = [];
    const got = (pred: (f: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const check = () => {
          const f = frames.find(pred);
          if (f) resolve(f);
          else setTimeout(check, 5);
        };
        check();
      });
    port2.on('message', (f) => frames.push(f));
    port2.postMessage({ t: 'req', id: 1, method: 'incident.create', params: sampleIncident });
    expect(await got((f) => f.id === 1)).toMatchObject({ ok: true });
    expect(await got((f) => f.t === 'evt')).toMatchObject({ event: 'incident.changed' });
    port2.postMessage({ t: 'req', id: 2, method: 'no.such' });
    expect(await got((f) => f.id === 2)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    port2.postMessage({
      t: 'req',
      id: 3,
      method: 'category.list',
      params: { pad: 'x'.repeat(MAX_FRAME_BYTES + 1) },
    });
    expect(await got((f) => (f.error as { code?: string })?.code === 'payload_too_large')).toBeTruthy();
    port1.close();
    host.close();
  });

  it('in signed mode a window hears nothing until it signs in (the same rule as the WebSocket)', async () => {
    const host = makeHost(tmp());
    await host.users.users.create(
      { transport: 'ipc', clientId: 'setup' },
      { username: 'admin', displayName: 'A', role: 'admin', password: 'long enough password' },
    );
    const { port1, port2 } = new MessageChannel();
    attachPort(host, nodePort(port1));
    const frames: Record<string, unknown>[] = [];
    port2.on('message', (f) => frames.push(f));
    const response = (id: number) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const check = () => {
          const f = frames.find((x) => x.id === id);
          if (f) resolve(f);
          else setTimeout(check, 5);
        };
        check();
      });
    // Published by someone else (a bridge, another window) while this window is at the sign-in screen.
    host.incidents.create({ ...sampleIncident, reporter: '', isDrill: false });
    port2.postMessage({ t: 'req', id: 1, method: 'system.hello' });
    await response(1);
    expect(frames.filter((f) => f.t === 'evt')).toEqual([]);
    port2.postMessage({
      t: 'req',
      id: 2,
      method: 'auth.signIn',
      params: { username: 'admin', password: 'long enough password' },
    });
    expect(await response(2)).toMatchObject({ ok: true });
    host.incidents.create({ ...sampleIncident, reporter: '', isDrill: false });
    port2.postMessage({ t: 'req', id: 3, method: 'system.hello' });
    await response(3);
    expect(frames.filter((f) => f.t === 'evt').map((f) => f.event)).toContain('incident.changed');
    port1.close();
    await host.close();
  });
});
