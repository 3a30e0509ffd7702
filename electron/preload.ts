/**
 * The only bridge between the sandboxed renderer and the rest: `call(method, params)`, `subscribe(event, cb)`,
 * and `printToPdf(request)` for the shift report (one fixed channel; the main process checks the sender and
 * validates the request). The renderer never sees ipcRenderer or the MessagePort itself.
 */
import { contextBridge, ipcRenderer } from 'electron';

type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Frame =
  | { t: 'res'; id: number | null; ok: true; result: unknown }
  | { t: 'res'; id: number | null; ok: false; error: unknown }
  | { t: 'evt'; event: string; payload: unknown };

let nextId = 1;
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();

/** The DOM MessagePort the main process hands over (typed locally: this file compiles without DOM libs). */
interface RendererPort {
  onmessage: ((e: { data: Frame }) => void) | null;
  postMessage(message: unknown): void;
  start(): void;
}

const portReady = new Promise<RendererPort>((resolve) => {
  ipcRenderer.once('fengsui:port', (event) => {
    const port = event.ports[0] as unknown as RendererPort;
    port.onmessage = (e) => {
      const frame = e.data;
      if (frame.t === 'evt') {
        for (const cb of listeners.get(frame.event) ?? []) cb(frame.payload);
      } else if (frame.id !== null) {
        const p = pending.get(frame.id);
        pending.delete(frame.id);
        if (frame.ok) p?.resolve(frame.result);
        else p?.reject(frame.error);
      }
    };
    port.start();
    resolve(port);
  });
});
ipcRenderer.send('fengsui:connect');

contextBridge.exposeInMainWorld('fengsui', {
  call(method: unknown, params?: unknown): Promise<unknown> {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
    return portReady.then(
      (port) =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          port.postMessage({ t: 'req', id, method, params });
        }),
    );
  },
  subscribe(event: unknown, cb: unknown): () => void {
    if (typeof event !== 'string' || typeof cb !== 'function')
      throw new TypeError('subscribe(event: string, cb: function)');
    const set = listeners.get(event) ?? new Set();
    set.add(cb as (payload: unknown) => void);
    listeners.set(event, set);
    return () => set.delete(cb as (payload: unknown) => void);
  },
  printToPdf(request: unknown): Promise<unknown> {
    // Channel literal, not imported: the sandboxed preload bundles nothing it does not need.
    return ipcRenderer.invoke('fengsui:printToPdf', request);
  },
});
