/**
 * createServer(config): one server instance (Fastify + a pg pool + a LISTEN connection). Several instances may
 * share one database; they coordinate only through it (advisory locks, NOTIFY).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import type pg from 'pg';
import type { Logger } from 'pino';
import { requireDevice } from './auth/hook';
import { DEFAULTS, type ServerConfig } from './config';
import type { ServerContext } from './context';
import { EpochKeeper } from './db/epoch';
import { migrate } from './db/migrate';
import { createPool } from './db/pool';
import { HttpFailure } from './http/errors';
import { installErrorHandling } from './http/errorHandler';
import { createLogger } from './log';
import { ChangeHub } from './notify/hub';
import { Projector } from './projection/projector';
import { registerHealth } from './routes/health';
import { registerIntake } from './routes/intake';
import { registerOperators } from './routes/operators';
import { registerPull } from './routes/pull';
import { registerPush } from './routes/push';
import { registerWs } from './routes/ws';

export interface SyncServer {
  app: FastifyInstance;
  pool: pg.Pool;
  log: Logger;
  epochs: EpochKeeper;
  /** The merged view's projector: `await server.projector.idle()` before reading entity_state after a write. */
  projector: Projector;
  /** Start listening; resolves to the base URL, e.g. http://127.0.0.1:8787. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

/** Migrates the database, settles the epoch and wires the routes; call `listen()` to serve. */
export async function createServer(config: ServerConfig): Promise<SyncServer> {
  const log = createLogger({ level: config.logLevel, stream: config.logStream });
  const bodyLimit = config.bodyLimit ?? DEFAULTS.bodyLimit;
  const pool = createPool(
    config.databaseUrl,
    (err) => log.warn({ err }, 'idle database connection failed'),
    config.poolSize ?? DEFAULTS.poolSize,
  );
  const hub = new ChangeHub(config.databaseUrl, log);
  const projector = new Projector(pool, log);
  try {
    const applied = await migrate(pool);
    if (applied.length > 0) log.info({ applied }, 'database migrated');
    const epochs = new EpochKeeper(pool, (e) =>
      e.reason === 'created'
        ? log.info(e, 'sync epoch created')
        : log.warn(e, 'issued a new sync epoch; consoles will re-sync from the start'),
    );
    const { epoch } = await epochs.init();
    await hub.start();
    // Catch up on whatever was committed while no projector ran, then follow every push on any instance.
    hub.subscribe(() => projector.kick());
    projector.kick();

    const app = Fastify({
      loggerInstance: log,
      bodyLimit,
      https: config.tls ? { cert: config.tls.cert, key: config.tls.key } : null,
      // Request ids in logs; never trust a client-supplied one blindly for anything but correlation.
      requestIdHeader: 'x-request-id',
    }) as unknown as FastifyInstance;
    app.decorateRequest('device', null);
    app.decorateRequest('operator', null);
    installErrorHandling(app, bodyLimit);
    const ctx: ServerContext = {
      pool,
      epochs,
      hub,
      projector,
      log,
      auth: (roles) => requireDevice(pool, roles),
    };

    const limits = config.rateLimit === undefined ? DEFAULTS.rateLimit : config.rateLimit;
    if (limits) {
      await app.register(rateLimit, {
        max: limits.max,
        timeWindow: limits.timeWindowMs,
        // Runs after the onRequest auth hook, so each device has its own budget; unauthenticated requests
        // (health, refused credentials) are counted per address.
        hook: 'preHandler',
        keyGenerator: (req) => (req.device ? `device:${req.device.id}` : `ip:${req.ip}`),
        errorResponseBuilder: (_req, c) =>
          new HttpFailure(429, 'unavailable', {
            detail: `Sync for this device (limit ${c.max} requests per ${Math.round(limits.timeWindowMs / 1000)} s; retry in ${c.after})`,
          }),
      });
    }
    await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
    await app.register(async (scoped) => {
      registerHealth(scoped, ctx);
      registerPush(scoped, ctx);
      registerPull(scoped, ctx);
      registerIntake(scoped, ctx);
      registerOperators(scoped, ctx);
      registerWs(scoped, ctx);
    });
    log.info({ epoch }, 'sync server ready');

    let closed = false;
    return {
      app,
      pool,
      log,
      epochs,
      projector,
      async listen() {
        return app.listen({ host: config.host ?? DEFAULTS.host, port: config.port ?? DEFAULTS.port });
      },
      async close() {
        if (closed) return;
        closed = true;
        await hub.close();
        await app.close();
        await projector.close();
        await pool.end();
      },
    };
  } catch (e) {
    await hub.close();
    await projector.close();
    await pool.end().catch(() => undefined);
    throw e;
  }
}
