import {
  APPEND_ONLY_ENTITIES,
  type EventName,
  type EventPayload,
  type SyncEntity,
  type Change,
} from '../contract';
import { fieldClocksFor } from '../db/fieldClocks';
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

/**
 * A change pulled from the central server, applied through the same services as a local action. It is audited
 * under the console that made it and stamps its fields' clocks with its own HLC, but it is never queued again.
 */
export interface RemoteOrigin {
  consoleId: string;
  hlc: string;
  actor: string;
}

export interface Mutation {
  readonly at: number;
  readonly actor: string;
  /** Set when applying a remote change (host/sync); null for a local action. */
  readonly origin: RemoteOrigin | null;
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
export function mutate<T>(ctx: HostContext, work: (m: Mutation) => T, origin: RemoteOrigin | null = null): T {
  const pending: PendingEvent[] = [];
  const at = ctx.now();
  const actor = origin?.actor ?? ctx.operator();
  const clocks = fieldClocksFor(ctx.store.db);
  const result = ctx.store.transaction(() => {
    const m: Mutation = {
      at,
      actor,
      origin,
      record(change) {
        ctx.store.audit.append({
          at,
          actor,
          consoleId: origin?.consoleId ?? ctx.consoleId,
          action: change.action,
          entity: change.entity,
          entityId: change.entityId,
          data: change.auditData ?? {},
        });
        // Field clocks let last-writer-wins compare a later remote write with this one (append-only rows
        // never conflict, so they need none).
        const clocked = !APPEND_ONLY_ENTITIES.includes(change.entity);
        if (origin) {
          if (clocked) clocks.put(change.entity, change.entityId, Object.keys(change.fields), origin);
          return;
        }
        if (!change.localOnly) {
          const hlc = ctx.clock.tick();
          ctx.store.outbox.append(
            { entity: change.entity, entityId: change.entityId, op: change.op, fields: change.fields, hlc },
            at,
          );
          if (clocked) {
            clocks.put(change.entity, change.entityId, Object.keys(change.fields), {
              hlc,
              consoleId: ctx.consoleId,
            });
          }
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
