/**
 * Applies changes pulled from the central server. Each change goes through the domain service
 * (IncidentService.applyRemote: the same write path as a local action); this file only decides what is new,
 * what must wait and what is kept for a newer version, and keeps the pull cursor in the same transaction as
 * the changes it covers, so a crash can neither skip nor half-apply a page.
 */
import { SYNC_SCHEMA_VERSION, type Change } from '../../contract';
import { SyncInbox } from '../../db/syncInbox';
import type { HostContext } from '../context';
import type { IncidentService } from '../incidents/service';

export interface ApplyCounts {
  applied: number;
  duplicate: number;
  kept: number;
}

export class RemoteApplier {
  readonly inbox: SyncInbox;

  constructor(
    private readonly ctx: HostContext,
    private readonly incidents: IncidentService,
  ) {
    this.inbox = new SyncInbox(ctx.store.db);
  }

  /** Applies `changes` (any order, duplicates allowed) and runs `alsoInTx` (the cursor) in one transaction. */
  applyAll(changes: readonly Change[], alsoInTx?: () => void): ApplyCounts {
    const counts: ApplyCounts = { applied: 0, duplicate: 0, kept: 0 };
    this.ctx.store.transaction(() => {
      for (const c of changes) this.applyOne(c, counts);
      alsoInTx?.();
    });
    return counts;
  }

  /** After an upgrade: changes held for a newer schema that this version now understands. */
  releaseHeld(): number {
    const ready = this.inbox.held().filter((c) => c.schemaVersion <= SYNC_SCHEMA_VERSION);
    if (ready.length === 0) return 0;
    const counts: ApplyCounts = { applied: 0, duplicate: 0, kept: 0 };
    this.ctx.store.transaction(() => {
      for (const c of ready) {
        this.inbox.release(c);
        this.dispatch(c, counts);
      }
    });
    return counts.applied;
  }

  private applyOne(c: Change, counts: ApplyCounts): void {
    // The server never sends a console its own changes, but a test harness or a restored server might.
    if (c.consoleId === this.ctx.consoleId) return void counts.duplicate++;
    // Accepted once (applied or kept): a redelivery after a lost response or an epoch reset adds nothing.
    if (!this.inbox.markApplied(c)) return void counts.duplicate++;
    try {
      this.ctx.clock.receive(c.hlc);
    } catch (e) {
      // Far-future clocks are refused by the server; if one slips through, merging still works.
      this.ctx.log.warn({ consoleId: c.consoleId, err: (e as Error).message }, 'remote clock not followed');
    }
    if (c.schemaVersion > SYNC_SCHEMA_VERSION) {
      this.inbox.keep(c, 'held', this.ctx.now());
      return void counts.kept++;
    }
    this.dispatch(c, counts);
  }

  private dispatch(c: Change, counts: ApplyCounts): void {
    const outcome = this.incidents.applyRemote(c);
    if (outcome.kind === 'waiting') {
      this.inbox.keep(c, 'waiting', this.ctx.now(), outcome.for);
      return void counts.kept++;
    }
    if (outcome.kind === 'unsupported') {
      this.ctx.log.warn(
        { consoleId: c.consoleId, seq: c.seq, entity: c.entity, reason: outcome.reason },
        'remote change kept but not applied',
      );
      this.inbox.keep(c, 'unsupported', this.ctx.now());
      return void counts.kept++;
    }
    counts.applied++;
    // Whatever overtook this change (timeline entries, later updates) can go in now.
    if (c.entity === 'incident') {
      for (const waiting of this.inbox.takeWaitingFor(c.entityId)) this.dispatch(waiting, counts);
    }
  }
}
