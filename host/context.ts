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
  /** Who acts: the signed-in user of the current call (host/callScope.ts), else the console's operator. */
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
  /**
   * Who acts in this call: set by the router's gate from the window's signed-in session (host/users/); absent in
   * open mode (no accounts yet), where the console's operator acts.
   */
  operator?: string;
}

export type PendingEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];
