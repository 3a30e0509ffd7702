import type { FastifyInstance } from 'fastify';
import { SYNC_SCHEMA_VERSION, type HealthResponse } from '../../contract/sync';
import type { ServerContext } from '../context';
import { maxServerSeq } from '../sync/store';

/** GET /health — unauthenticated liveness for load balancers and monitoring; 503 when the database is unreachable. */
export function registerHealth(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/health', async (request, reply): Promise<HealthResponse> => {
    try {
      const [{ epoch }, serverSeq] = await Promise.all([
        ctx.epochs.current(ctx.pool),
        maxServerSeq(ctx.pool),
      ]);
      return { status: 'ok', epoch, serverSeq, schemaVersion: SYNC_SCHEMA_VERSION };
    } catch (err) {
      request.log.error({ err }, 'health check: database unreachable');
      void reply.code(503);
      return { status: 'degraded', epoch: null, serverSeq: null, schemaVersion: SYNC_SCHEMA_VERSION };
    }
  });
}
