import type { EventName, EventPayload, SyncEntity, Change } from '../contract';
import type { HostContext, PendingEvent } from './context';

export interface ChangeRecord {
  entity: SyncEntity;
  entityId: string;
  op: Change['op'];
  /** The fields as they are now (insert) or the fields that changed (update). */
  fields: Record<string, unknown>;
  /** Audit action name, e.g. `incident.create`. */
  action: string;
  auditData?: Record<string, unknown>;
  /** Demo records stay on this console: audited, never queued for the central server. */
  localOnly?: boolean;
}

export interface Mutation {
  readonly at: number;
  readonly actor: string;
  /** Audit record + outbox record for a change, inside the current transaction. */
  record(change: ChangeRecord): void;
  /** Queue an event; it is published only after the transaction commits. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/**
 * The one path every change to the store takes: the caller's rows, the audit record and the outbox record
 * commit together in one transaction, or none of them do. Events go out only after the commit, so a client
 * never hears of a change that was rolled back.
 */
export function mutate<T>(ctx: HostContext, work: (m: Mutation) => T): T {
  const pending: PendingEvent[] = [];
  const at = ctx.now();
  const actor = ctx.operator();
  const result = ctx.store.transaction(() => {
    const m: Mutation = {
      at,
      actor,
      record(change) {
        ctx.store.audit.append({
          at,
          actor,
          consoleId: ctx.consoleId,
          action: change.action,
          entity: change.entity,
          entityId: change.entityId,
          data: change.auditData ?? {},
        });
        if (!change.localOnly) {
          ctx.store.outbox.append(
            {
              entity: change.entity,
              entityId: change.entityId,
              op: change.op,
              fields: change.fields,
              hlc: ctx.clock.tick(),
            },
            at,
          );
        }
      },
      emit(event, payload) {
        pending.push({ event, payload } as PendingEvent);
      },
    };
    return work(m);
  });
  for (const e of pending) ctx.events.publish(e.event, e.payload as never);
  return result;
}
