import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, WebSocket as NodeWebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { makeHostError } from '../../contract/errorMessages';
import {
  createIpcHostClient,
  createWsHostClient,
  probeByHealth,
  takeToken,
  toHostError,
  wsUrl,
  type ConnectionState,
  type WebSocketCtor,
  type WsHostClient,
} from './hostClient';

const Ctor = NodeWebSocket as unknown as WebSocketCtor;

interface TestHost {
  http: Server;
  wss: WebSocketServer;
  port: number;
  sockets: Set<import('ws').WebSocket>;
  close(): Promise<void>;
}

/** A tiny host: answers `system.hello`, fails `incident.get`, echoes, and can refuse the upgrade with 401. */
async function startHost(port = 0, token = 'good'): Promise<TestHost> {
  const http = createServer((req, res) => {
    res.statusCode = req.url?.includes(`token=${token}`) ? 426 : 401;
    res.end();
  });
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<import('ws').WebSocket>();
  http.on('upgrade', (req, socket, head) => {
    if (!req.url?.includes(`token=${token}`)) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (raw) => {
      const req = JSON.parse(String(raw)) as { id: number; method: string; params: unknown };
      if (req.method === 'system.hello') {
        ws.send(JSON.stringify({ t: 'res', id: req.id, ok: true, result: { operator: 'Zhang' } }));
      } else if (req.method === 'incident.get') {
        const error = makeHostError('not_found', { entity: 'incident', id: 'x' });
        ws.send(JSON.stringify({ t: 'res', id: req.id, ok: false, error }));
      } else if (req.method === 'never') {
        // no answer
      } else {
        ws.send(JSON.stringify({ t: 'res', id: req.id, ok: true, result: req.params }));
      }
    });
  });
  await new Promise<void>((r) => http.listen(port, '127.0.0.1', () => r()));
  return {
    http,
    wss,
    sockets,
    port: (http.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.terminate();
        wss.close();
        http.close(() => r());
        http.closeAllConnections();
      }),
  };
}

function waitFor(pred: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (pred()) resolve();
      else if (Date.now() - start > ms) reject(new Error('timed out waiting'));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

let host: TestHost | null = null;
let client: WsHostClient | null = null;
afterEach(async () => {
  client?.close();
  client = null;
  await host?.close();
  host = null;
});

describe('WebSocket host client', () => {
  it('sends requests and resolves with results', async () => {
    host = await startHost();
    client = createWsHostClient({ url: `ws://127.0.0.1:${host.port}/ws?token=good`, WebSocket: Ctor });
    const hello = await client.call('system.hello', undefined);
    expect(hello).toEqual({ operator: 'Zhang' });
    const echoed = await client.call('incident.list', { limit: 5 });
    expect(echoed).toEqual({ limit: 5 });
    expect(client.state).toBe('open');
  });

  it('rejects with the HostError from the host', async () => {
    host = await startHost();
    client = createWsHostClient({ url: `ws://127.0.0.1:${host.port}/ws?token=good`, WebSocket: Ctor });
    await expect(client.call('incident.get', { id: 'x' })).rejects.toMatchObject({
      code: 'not_found',
      key: 'errors.not_found',
    });
  });

  it('delivers events to subscribers and stops after unsubscribe', async () => {
    host = await startHost();
    client = createWsHostClient({ url: `ws://127.0.0.1:${host.port}/ws?token=good`, WebSocket: Ctor });
    await client.call('system.hello', undefined);
    const got: unknown[] = [];
    const off = client.subscribe('incidents.reset', (p) => got.push(p));
    for (const s of host.sockets)
      s.send(JSON.stringify({ t: 'evt', event: 'incidents.reset', payload: { reason: 'a' } }));
    await waitFor(() => got.length === 1);
    off();
    for (const s of host.sockets)
      s.send(JSON.stringify({ t: 'evt', event: 'incidents.reset', payload: { reason: 'b' } }));
    await client.call('system.hello', undefined); // a round trip after the event
    expect(got).toEqual([{ reason: 'a' }]);
  });

  it('reconnects with backoff after the host restarts; calls made meanwhile wait and then succeed', async () => {
    host = await startHost();
    const port = host.port;
    const states: ConnectionState[] = [];
    client = createWsHostClient({
      url: `ws://127.0.0.1:${port}/ws?token=good`,
      WebSocket: Ctor,
      minBackoffMs: 20,
      maxBackoffMs: 100,
    });
    client.onConnection((s) => states.push(s));
    await client.call('system.hello', undefined);
    await host.close();
    host = null;
    await waitFor(() => client!.state !== 'open');
    const pending = client.call('echo' as 'system.hello', { x: 1 } as never);
    host = await startHost(port);
    await expect(pending).resolves.toEqual({ x: 1 });
    expect(states.filter((s) => s === 'open').length).toBeGreaterThanOrEqual(2);
    expect(states).toContain('closed');
  });

  it('fails a call with `unavailable` when the link does not come back in time', async () => {
    host = await startHost();
    const port = host.port;
    await host.close();
    host = null;
    client = createWsHostClient({
      url: `ws://127.0.0.1:${port}/ws?token=good`,
      WebSocket: Ctor,
      callTimeoutMs: 150,
      minBackoffMs: 20,
    });
    await expect(client.call('system.hello', undefined)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('fails in-flight calls with `unavailable` when the link drops', async () => {
    host = await startHost();
    client = createWsHostClient({ url: `ws://127.0.0.1:${host.port}/ws?token=good`, WebSocket: Ctor });
    await client.call('system.hello', undefined);
    const p = client.call('never' as 'system.hello', undefined);
    await new Promise((r) => setTimeout(r, 30));
    for (const s of host.sockets) s.terminate();
    await expect(p).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('reports `unauthorized` and stops reconnecting when the upgrade is answered with 401', async () => {
    host = await startHost();
    const states: ConnectionState[] = [];
    client = createWsHostClient({
      url: `ws://127.0.0.1:${host.port}/ws?token=bad`,
      WebSocket: Ctor,
      minBackoffMs: 10,
    });
    client.onConnection((s) => states.push(s));
    await waitFor(() => client!.state === 'unauthorized');
    await expect(client.call('system.hello', undefined)).rejects.toMatchObject({ code: 'unauthorized' });
    const n = states.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(states.length).toBe(n);
  });

  it('uses the probe when the failure reason is not visible (browser behaviour)', async () => {
    host = await startHost();
    const port = host.port;
    // A constructor that hides the error detail, as browsers do.
    class Opaque {
      private inner: NodeWebSocket;
      constructor(url: string) {
        this.inner = new NodeWebSocket(url);
      }
      get readyState() {
        return this.inner.readyState;
      }
      send(d: string) {
        this.inner.send(d);
      }
      close() {
        this.inner.close();
      }
      addEventListener(type: string, cb: (ev: unknown) => void) {
        if (type === 'error') this.inner.on('error', () => cb({}));
        else if (type === 'close')
          this.inner.on('close', (code: number) => cb({ code: code === 1005 ? 1006 : code, reason: '' }));
        else this.inner.addEventListener(type as 'open', cb as () => void);
      }
    }
    client = createWsHostClient({
      url: `ws://127.0.0.1:${port}/ws?token=bad`,
      WebSocket: Opaque as unknown as WebSocketCtor,
      minBackoffMs: 10,
      probeUnauthorized: async () => (await fetch(`http://127.0.0.1:${port}/ws?token=bad`)).status === 401,
    });
    await waitFor(() => client!.state === 'unauthorized');
  });
});

describe('probeByHealth', () => {
  it('reports refusal only after repeated failures while the host answers HTTP', async () => {
    let up = true;
    const f = (async () => {
      if (!up) throw new Error('ECONNREFUSED');
      return { ok: true } as Response;
    }) as typeof fetch;
    const probe = probeByHealth('http://x/healthz', f);
    expect(await probe()).toBe(false);
    expect(await probe()).toBe(true);
    const probe2 = probeByHealth('http://x/healthz', f);
    expect(await probe2()).toBe(false);
    up = false;
    expect(await probe2()).toBe(false);
    up = true;
    expect(await probe2()).toBe(false);
  });
});

describe('IPC host client', () => {
  it('passes calls through and normalises rejections to HostError', async () => {
    const bridge = {
      call: async (method: string, params: unknown) => {
        if (method === 'incident.get') throw makeHostError('not_found', { entity: 'incident', id: '1' });
        if (method === 'boom') throw new Error('kaput');
        return { method, params };
      },
      subscribe: () => () => {},
    };
    const c = createIpcHostClient(bridge);
    await expect(c.call('unit.list', undefined)).resolves.toEqual({ method: 'unit.list', params: undefined });
    await expect(c.call('incident.get', { id: '1' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(c.call('boom' as 'unit.list', undefined)).rejects.toMatchObject({ code: 'internal' });
    const states: string[] = [];
    c.onConnection((s) => states.push(s));
    expect(states).toEqual(['open']);
  });
});

describe('token handling', () => {
  function fakes(href: string) {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    } as unknown as Storage;
    const replaced: string[] = [];
    const history = {
      state: null,
      replaceState: (_s: unknown, _t: string, u: string) => replaced.push(u),
    } as unknown as History;
    return { loc: { href } as Location, storage, history, replaced, store };
  }

  it('moves the token from the URL into sessionStorage and strips it from the address bar', () => {
    const f = fakes('http://127.0.0.1:4000/?token=abc123&x=1#h');
    expect(takeToken(f.loc, f.storage, f.history)).toBe('abc123');
    expect(f.store.get('fengsui.token')).toBe('abc123');
    expect(f.replaced).toEqual(['/?x=1#h']);
  });

  it('reads the token back from sessionStorage on reload', () => {
    const f = fakes('http://127.0.0.1:4000/');
    f.store.set('fengsui.token', 'saved');
    expect(takeToken(f.loc, f.storage, f.history)).toBe('saved');
    expect(f.replaced).toEqual([]);
  });

  it('returns null without a token', () => {
    const f = fakes('http://127.0.0.1:4000/');
    expect(takeToken(f.loc, f.storage, f.history)).toBeNull();
  });

  it('builds ws/wss URLs', () => {
    expect(wsUrl({ protocol: 'http:', host: 'a:1' }, 't t')).toBe('ws://a:1/ws?token=t%20t');
    expect(wsUrl({ protocol: 'https:', host: 'a' }, 't')).toBe('wss://a/ws?token=t');
  });

  it('toHostError keeps HostErrors and wraps anything else', () => {
    const e = makeHostError('conflict', { entity: 'incident', actual: 2, expected: 1 });
    expect(toHostError(e)).toBe(e);
    expect(toHostError('x').code).toBe('internal');
  });
});
