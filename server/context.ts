import type { onRequestAsyncHookHandler } from 'fastify';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { DeviceRole } from '../contract/sync';
import type { EpochKeeper } from './db/epoch';
import type { ChangeHub } from './notify/hub';
import type { Projector } from './projection/projector';

/** What routes share: one per server instance. */
export interface ServerContext {
  pool: pg.Pool;
  epochs: EpochKeeper;
  hub: ChangeHub;
  /** Folds committed changes into entity_state; kick it after a write commits. */
  projector: Projector;
  log: Logger;
  auth: (roles: readonly DeviceRole[]) => onRequestAsyncHookHandler;
}
