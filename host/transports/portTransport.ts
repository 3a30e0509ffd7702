import { randomUUID } from 'node:crypto';
import { MAX_FRAME_BYTES, makeHostError, type ResponseFrame } from '../../contract';
import type { Host } from '../host';
import { eventAudience } from './audience';

/** The minimum of a message port the host needs; adapters wrap Electron's MessagePortMain or Node's MessagePort. */
export interface PortLike {
  send(frame: unknown): void;
  onMessage(cb: (data: unknown) => void): void;
  onClose(cb: () => void): void;
}

/**
 * Electron transport: one MessagePort per renderer window. Frames are structured-cloned objects rather than
 * JSON text, but go through the same router checks (including the size limit) as the WebSocket's.
 */
export function attachPort(host: Host, port: PortLike): () => void {
  const clientId = randomUUID();
  const hears = eventAudience(host.users.users);
  const unsubscribe = host.events.subscribe((event, payload) => {
    if (hears(clientId, event)) port.send({ t: 'evt', event, payload });
  });
  port.onMessage((data) => {
    let size: number;
    try {
      size = JSON.stringify(data ?? null).length;
    } catch {
      size = Infinity;
    }
    if (size > MAX_FRAME_BYTES) {
      const res: ResponseFrame = {
        t: 'res',
        id: null,
        ok: false,
        error: makeHostError('payload_too_large', {
          size: Number.isFinite(size) ? size : -1,
          limit: MAX_FRAME_BYTES,
        }),
      };
      port.send(res);
      return;
    }
    void host.router.handleFrame(data, { transport: 'ipc', clientId }).then((res) => port.send(res));
  });
  port.onClose(() => {
    unsubscribe();
    host.clientDisconnected(clientId);
  });
  return unsubscribe;
}
