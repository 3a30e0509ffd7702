import type { EventName, EventPayload } from '../../contract/events';
import type { MethodName, MethodParams, MethodResult } from '../../contract/methods';
import type { HostError } from '../../contract/errors';
import { HostErrorSchema } from '../../contract/errors';
import { makeHostError } from '../../contract/errorMessages';

/**
 * `unauthorized` is reported (in addition to the three ordinary states) when the host refused the
 * connection because the token is missing or wrong; reconnecting would not help.
 */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface HostClient {
  call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
  subscribe<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  onConnection(cb: (state: ConnectionState) => void): () => void;
}

/** What the Electron preload exposes as `window.fengsui`. */
export interface PreloadBridge {
  call(method: string, params: unknown): Promise<unknown>;
  subscribe(event: string, cb: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    fengsui?: PreloadBridge;
  }
}

export function isHostError(value: unknown): value is HostError {
  return HostErrorSchema.safeParse(value).success;
}

/** Whatever a rejected call produced, as a HostError (so the UI always has a key to translate). */
export function toHostError(value: unknown): HostError {
  if (isHostError(value)) return value;
  // Electron wraps errors thrown across contextBridge; the HostError may sit on a property.
  if (value && typeof value === 'object') {
    for (const k of ['error', 'cause', 'hostError']) {
      const inner = (value as Record<string, unknown>)[k];
      if (isHostError(inner)) return inner;
    }
  }
  const detail = value instanceof Error ? value.message : String(value);
  return makeHostError('internal', { detail: detail.slice(0, 300) });
}

// ---------------------------------------------------------------------------------------------------------
// Electron: the preload bridge.

export function createIpcHostClient(bridge: PreloadBridge): HostClient {
  return {
    async call(method, params) {
      try {
        return (await bridge.call(method, params)) as never;
      } catch (e) {
        throw toHostError(e);
      }
    },
    subscribe(event, cb) {
      return bridge.subscribe(event, cb as (payload: unknown) => void);
    },
    onConnection(cb) {
      // The IPC link is up for the lifetime of the window.
      cb('open');
      return () => {};
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Browser: WebSocket with reconnect.

/** The subset of the WHATWG WebSocket the client uses (satisfied by the browser's and by the `ws` package). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', cb: (ev: unknown) => void): void;
  addEventListener(type: 'message', cb: (ev: { data: unknown }) => void): void;
  addEventListener(type: 'close', cb: (ev: { code: number; reason: string }) => void): void;
  addEventListener(type: 'error', cb: (ev: unknown) => void): void;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

export interface WsHostClientOptions {
  url: string;
  WebSocket: WebSocketCtor;
  /** How long a call made while disconnected waits for the link before failing with `unavailable`. */
  callTimeoutMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Browsers do not expose the HTTP status of a refused upgrade. When the socket fails before opening, this
   * asks the server whether the token is the reason (e.g. a plain GET of the same URL answering 401).
   */
  probeUnauthorized?: () => Promise<boolean>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface WsHostClient extends HostClient {
  /** Stop reconnecting and close the socket (tests, window unload). */
  close(): void;
  readonly state: ConnectionState;
}

const OPEN = 1;
/** Close codes a host may use after accepting the socket to say the token is not valid. */
const AUTH_CLOSE_CODES = new Set([4401, 4403, 1008]);

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: HostError) => void;
  timer?: unknown;
}

function unavailable(detail: string): HostError {
  return makeHostError('unavailable', { detail });
}

export function createWsHostClient(opts: WsHostClientOptions): WsHostClient {
  const callTimeoutMs = opts.callTimeoutMs ?? 15_000;
  const minBackoff = opts.minBackoffMs ?? 500;
  const maxBackoff = opts.maxBackoffMs ?? 10_000;
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));

  let socket: WebSocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let stopped = false;
  let backoff = minBackoff;
  let reconnectTimer: unknown = null;
  let nextId = 1;
  /** Sent, awaiting a response. */
  const inflight = new Map<number, Pending>();
  /** Made while disconnected, waiting for the link. */
  const queued: { frame: { t: 'req'; id: number; method: string; params: unknown }; pending: Pending }[] = [];
  const eventSubs = new Map<string, Set<(payload: unknown) => void>>();
  const connSubs = new Set<(s: ConnectionState) => void>();

  function setState(s: ConnectionState) {
    if (s === state) return;
    state = s;
    for (const cb of [...connSubs]) cb(s);
  }

  function failAllQueued(err: HostError) {
    for (const q of queued.splice(0)) {
      if (q.pending.timer !== undefined) clearTimer(q.pending.timer);
      q.pending.reject(err);
    }
  }

  function flushQueue() {
    while (socket && socket.readyState === OPEN && queued.length) {
      const q = queued.shift()!;
      if (q.pending.timer !== undefined) clearTimer(q.pending.timer);
      q.pending.timer = undefined;
      inflight.set(q.frame.id, q.pending);
      socket.send(JSON.stringify(q.frame));
    }
  }

  function handleMessage(data: unknown) {
    let frame: Record<string, unknown>;
    try {
      frame = JSON.parse(typeof data === 'string' ? data : String(data)) as Record<string, unknown>;
    } catch {
      return;
    }
    if (frame.t === 'res') {
      const id = frame.id as number | null;
      if (id === null || id === undefined) {
        // A response the host could not tie to a request (e.g. an unparseable frame). Nothing to settle.
        return;
      }
      const p = inflight.get(id);
      if (!p) return;
      inflight.delete(id);
      if (frame.ok === true) p.resolve(frame.result);
      else p.reject(toHostError(frame.error));
    } else if (frame.t === 'evt' && typeof frame.event === 'string') {
      const subs = eventSubs.get(frame.event);
      if (subs) for (const cb of [...subs]) cb(frame.payload);
    }
  }

  function scheduleReconnect() {
    if (stopped || reconnectTimer !== null) return;
    const delay = backoff;
    backoff = Math.min(maxBackoff, backoff * 2);
    reconnectTimer = setTimer(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function connect() {
    if (stopped) return;
    setState('connecting');
    let opened = false;
    let authRefused = false;
    let ws: WebSocketLike;
    try {
      ws = new opts.WebSocket(opts.url);
    } catch {
      setState('closed');
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.addEventListener('open', () => {
      if (socket !== ws) return;
      opened = true;
      backoff = minBackoff;
      setState('open');
      flushQueue();
    });
    ws.addEventListener('message', (ev) => {
      if (socket === ws) handleMessage(ev.data);
    });
    ws.addEventListener('error', (ev) => {
      // The `ws` package reports a refused upgrade as an error whose message carries the status.
      const msg = (ev as { message?: unknown; error?: { message?: unknown } } | null) ?? {};
      const text = String(msg.message ?? msg.error?.message ?? '');
      if (/\b(401|403)\b/.test(text)) authRefused = true;
    });
    ws.addEventListener('close', (ev) => {
      if (socket !== ws) return;
      socket = null;
      // Requests on the wire when the link dropped: their outcome is unknown, so they fail rather than resend
      // (resending a create could duplicate it).
      for (const [id, p] of inflight) {
        inflight.delete(id);
        p.reject(unavailable('The console host link'));
      }
      if (stopped) {
        setState('closed');
        return;
      }
      if (authRefused || AUTH_CLOSE_CODES.has(ev.code)) {
        refuse();
        return;
      }
      if (!opened && opts.probeUnauthorized) {
        setState('closed');
        opts.probeUnauthorized().then(
          (refused) => {
            if (refused) refuse();
            else scheduleReconnect();
          },
          () => scheduleReconnect(),
        );
        return;
      }
      setState('closed');
      scheduleReconnect();
    });
  }

  function refuse() {
    stopped = true;
    setState('unauthorized');
    failAllQueued(makeHostError('unauthorized', { detail: 'the access token is missing or not valid' }));
  }

  connect();

  return {
    get state() {
      return state;
    },
    call(method, params) {
      return new Promise((resolve, reject) => {
        if (state === 'unauthorized') {
          reject(makeHostError('unauthorized', { detail: 'the access token is missing or not valid' }));
          return;
        }
        const frame = { t: 'req' as const, id: nextId++, method, params: params as unknown };
        const pending: Pending = { resolve: resolve as (v: unknown) => void, reject };
        if (socket && socket.readyState === OPEN) {
          inflight.set(frame.id, pending);
          socket.send(JSON.stringify(frame));
          return;
        }
        pending.timer = setTimer(() => {
          const i = queued.findIndex((q) => q.pending === pending);
          if (i >= 0) queued.splice(i, 1);
          reject(unavailable('The console host link'));
        }, callTimeoutMs);
        queued.push({ frame, pending });
      });
    },
    subscribe(event, cb) {
      let set = eventSubs.get(event);
      if (!set) eventSubs.set(event, (set = new Set()));
      const fn = cb as (payload: unknown) => void;
      set.add(fn);
      return () => {
        set.delete(fn);
      };
    },
    onConnection(cb) {
      connSubs.add(cb);
      cb(state);
      return () => {
        connSubs.delete(cb);
      };
    },
    close() {
      stopped = true;
      if (reconnectTimer !== null) clearTimer(reconnectTimer);
      reconnectTimer = null;
      failAllQueued(unavailable('The console host link'));
      const s = socket;
      if (s) s.close();
      else setState('closed');
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Token handling (browser mode).

export const TOKEN_STORAGE_KEY = 'fengsui.token';

/**
 * The start-up address carries `?token=…`. Move it into sessionStorage and strip it from the address bar so it
 * does not end up in screenshots or bookmarks; on reload read it back from sessionStorage.
 */
export function takeToken(loc: Location, storage: Storage, history: History): string | null {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // storage unavailable: keep the token only in memory
    }
    url.searchParams.delete('token');
    const search = url.searchParams.toString();
    history.replaceState(history.state, '', `${url.pathname}${search ? `?${search}` : ''}${url.hash}`);
    return fromUrl;
  }
  try {
    return storage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function wsUrl(loc: Pick<Location, 'protocol' | 'host'>, token: string): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ws?token=${encodeURIComponent(token)}`;
}

/**
 * Browsers hide why an upgrade failed. If the socket failed before opening twice in a row while the host's
 * HTTP side answers `/healthz`, the host is up and refusing us (wrong/missing token, e.g. after a restart
 * with a new per-launch token, or a foreign origin): report `unauthorized`. If HTTP fails too, the host is
 * down and we keep reconnecting.
 */
export function probeByHealth(
  healthUrl: string,
  fetchFn: typeof fetch = (...a) => fetch(...a),
  strikesNeeded = 2,
) {
  let strikes = 0;
  return async (): Promise<boolean> => {
    let up = false;
    try {
      up = (await fetchFn(healthUrl, { cache: 'no-store' })).ok;
    } catch {
      up = false;
    }
    strikes = up ? strikes + 1 : 0;
    return strikes >= strikesNeeded;
  };
}

/** Returns the client for this window, or `null` when in browser mode without a token. */
export function createHostClientForWindow(): HostClient | null {
  if (window.fengsui) return createIpcHostClient(window.fengsui);
  const token = takeToken(window.location, window.sessionStorage, window.history);
  if (!token) return null;
  const url = wsUrl(window.location, token);
  return createWsHostClient({
    url,
    WebSocket: window.WebSocket as unknown as WebSocketCtor,
    probeUnauthorized: probeByHealth(`${window.location.protocol}//${window.location.host}/healthz`),
  });
}
