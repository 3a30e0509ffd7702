import type { EventName, EventPayload, HybridClock } from '../contract';
import type { EventBus } from './eventBus';
import type { Logger } from './logger';
import type { Store } from './store';

/** What every domain service needs: the store, the clock, who is acting, and where events go. */
export interface HostContext {
  store: Store;
  clock: HybridClock;
  events: EventBus;
  log: Logger;
  consoleId: string;
  /** The operator signed in at this console (sign-in arrives with the Incidents work). */
  operator: () => string;
  now: () => number;
}

/** Per-call facts the router passes to handlers. */
export interface CallContext {
  transport: 'ipc' | 'ws';
  /**
   * Which connected window made the call (one per WebSocket / MessagePort). Features that hold something on a
   * client's behalf (a keyed transmitter) release it when {@link Host.clientDisconnected} names this id.
   */
  clientId?: string;
}

export type PendingEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];
