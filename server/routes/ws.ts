import type { FastifyInstance } from 'fastify';
import type { SyncNotification } from '../../contract/sync';
import { deviceOf } from '../auth/hook';
import type { ServerContext } from '../context';
import { maxServerSeq } from '../sync/store';

/**
 * GET /v1/ws — a WebSocket that tells a console "there are changes up to serverSeq N; pull". It carries no
 * data, so a console that misses a message loses nothing: it also pulls on a timer and on reconnect.
 */
export function registerWs(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/v1/ws', { websocket: true, onRequest: ctx.auth(['console']) }, async (socket, request) => {
    const device = deviceOf(request);
    const send = (m: SyncNotification): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
    };
    // Subscribe before reading the hello state so nothing between the two is missed.
    const unsubscribe = ctx.hub.subscribe((e) => {
      // A console's own push needs no wake-up call.
      if (e.consoleId !== device.id) send({ type: 'changes', serverSeq: e.serverSeq });
    });
    socket.on('close', unsubscribe);
    socket.on('error', (err) => request.log.warn({ err }, 'websocket error'));
    // Consoles only listen; anything they send is ignored (and a flood just closes the socket).
    socket.on('message', () => undefined);
    try {
      const [{ epoch }, serverSeq] = await Promise.all([
        ctx.epochs.current(ctx.pool),
        maxServerSeq(ctx.pool),
      ]);
      send({ type: 'hello', epoch, serverSeq });
      request.log.info('websocket connected');
    } catch (err) {
      request.log.error({ err }, 'websocket hello failed');
      socket.close(1011, 'server error');
    }
  });
}
