/**
 * The sync feature: the client when a server is configured (`--server` + FENGSUI_SYNC_CREDENTIAL), and the
 * `sync.*` methods either way. Without a server the console is `local`: it works alone and queues its changes.
 */
import type { SyncStatus } from '../../contract';
import { fieldClocksFor } from '../../db/fieldClocks';
import { SyncConflicts } from '../../db/syncConflicts';
import type { HostContext } from '../context';
import type { HostFeature } from '../feature';
import type { IncidentService } from '../incidents/service';
import { defineHandlers } from '../router';
import { RemoteApplier } from './applier';
import { SyncClient, type SyncClientOptions } from './client';
import { ConflictReview } from './conflictReview';
import { OperatorSessions } from './operatorSession';
import type { SignInHook } from '../users/service';
import { SyncState } from '../../db/syncState';

export type SyncOptions = SyncClientOptions;

export class SyncFeature implements HostFeature {
  readonly name = 'sync';
  readonly handlers;
  readonly applier: RemoteApplier;
  readonly client: SyncClient | null;
  /** Operators' sessions at the server; null without a server. */
  readonly operators: OperatorSessions | null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly ctx: HostContext,
    incidents: IncidentService,
    private readonly options: SyncOptions | undefined,
    /** Where console sign-ins are announced (host/users), so they are repeated at the server. */
    signIns?: { addSignInHook(hook: SignInHook): void },
  ) {
    this.applier = new RemoteApplier(ctx, incidents);
    // The host seeds its clock from its own last change; remote writes it merged may be later still.
    const latest = fieldClocksFor(ctx.store.db).latest();
    if (latest) {
      try {
        ctx.clock.receive(latest);
      } catch {
        /* a far-future stamp is not followed (see HybridClock.receive) */
      }
    }
    this.operators = options
      ? new OperatorSessions({ serverUrl: options.serverUrl, credential: options.credential, log: ctx.log })
      : null;
    const operators = this.operators;
    if (operators) {
      signIns?.addSignInHook({
        signedIn: (username, password) => operators.signedIn(username, password),
        signedOut: (username) => operators.signedOut(username),
      });
    }
    this.client = options
      ? new SyncClient(ctx, this.applier, { pushHeaders: () => operators?.headers() ?? {}, ...options })
      : null;
    const review = new ConflictReview(ctx, incidents, this.applier.inbox);
    const conflicts = new SyncConflicts(ctx.store.db);
    const state = new SyncState(ctx.store.db);
    this.handlers = [
      defineHandlers({
        'sync.details': () => ({
          status: this.status(),
          serverUrl: options?.serverUrl ?? null,
          epoch: state.epoch,
          cursor: state.cursor,
          parked: ctx.store.outbox.parkedCount(),
          inbox: this.applier.inbox.counts(),
          conflicts: conflicts.open(),
          operators: this.operators?.status() ?? [],
        }),
        'sync.review': () => review.review(),
        'sync.conflict.review': (p) => review.markReviewed(p.id, p.note),
        'sync.now': async () => {
          await this.client?.syncNow();
          return this.status();
        },
      }),
    ];
  }

  status(): SyncStatus {
    if (this.client) return this.client.status();
    return {
      state: 'local',
      pending: this.ctx.store.outbox.pendingCount(),
      lastSuccessAt: null,
      lastError: null,
    };
  }

  start(): void {
    const released = this.applier.releaseHeld();
    if (released > 0) this.ctx.log.info({ released }, 'applied remote changes held for this schema version');
    if (!this.client) return;
    const client = this.client;
    // A local write queues a change: push it soon. Deferred so we never run inside another listener.
    this.unsubscribe = this.ctx.events.subscribe((event, payload) => {
      if (event === 'incident.changed') setImmediate(() => client.localChange());
      // Back online: operator sign-ins made while offline are tried now rather than at their next backoff.
      if (event === 'sync.status' && (payload as SyncStatus).state === 'online') this.operators?.retryNow();
    });
    client.start();
    this.ctx.log.info({ server: this.options?.serverUrl }, 'sync client started');
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.operators?.close();
    await this.client?.close();
  }
}
