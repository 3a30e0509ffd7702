import type { onRequestAsyncHookHandler } from 'fastify';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { DeviceRole } from '../contract/sync';
import type { EpochKeeper } from './db/epoch';
import type { ChangeHub } from './notify/hub';

/** What routes share: one per server instance. */
export interface ServerContext {
  pool: pg.Pool;
  epochs: EpochKeeper;
  hub: ChangeHub;
  log: Logger;
  auth: (roles: readonly DeviceRole[]) => onRequestAsyncHookHandler;
}
