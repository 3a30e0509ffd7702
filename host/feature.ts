import type { HandlerMap } from './router';

/**
 * A feature beyond the foundation (radio bridges, sync, …): its RPC handlers, and its lifecycle. `close` must
 * leave hardware safe (unkey transmitters, close ports) before the store closes.
 */
export interface HostFeature {
  name: string;
  handlers: HandlerMap[];
  start?(): void;
  /** A client (window) went away: release anything held on its behalf, e.g. unkey its transmitter. */
  clientDisconnected?(clientId: string): void;
  close?(): void | Promise<void>;
}
