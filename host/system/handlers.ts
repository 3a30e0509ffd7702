import { HostFailure, type Hello, type SyncStatus } from '../../contract';
import { defineHandlers } from '../router';
import type { HostContext, CallContext } from '../context';
import type { SetupService } from './setup';

export const APP_VERSION = '0.1.0';

export function hello(ctx: HostContext, setup: SetupService, call: CallContext): Hello {
  return {
    product: 'fengsui',
    version: APP_VERSION,
    consoleId: ctx.consoleId,
    operator: ctx.operator(),
    schemaVersion: ctx.store.schemaVersion,
    firstRun: setup.isFirstRun(),
    demo: setup.hasDemo(),
    transport: call.transport,
  };
}

/** No central server is configured in the embedded default: the console works locally, queueing changes. */
export function syncStatus(ctx: HostContext): SyncStatus {
  return { state: 'local', pending: ctx.store.outbox.pendingCount(), lastSuccessAt: null, lastError: null };
}

export function systemHandlers(
  ctx: HostContext,
  setup: SetupService,
  // The sync feature's live state when a server is configured; `local` otherwise.
  status: () => SyncStatus = () => syncStatus(ctx),
) {
  return defineHandlers({
    'system.hello': (_p, call) => hello(ctx, setup, call),
    'system.setup': (p, call) => {
      setup.choose(p.mode);
      return hello(ctx, setup, call);
    },
    'system.syncStatus': () => status(),
    'backup.now': async () => {
      try {
        const info = await ctx.store.backups.backupNow('manual');
        ctx.events.publish('backup.completed', info);
        return info;
      } catch (e) {
        const message = (e as Error).message;
        ctx.events.publish('backup.failed', { message });
        throw new HostFailure('storage', { detail: message });
      }
    },
    'backup.list': () => ctx.store.backups.list(),
  });
}
