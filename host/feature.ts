import type { HandlerMap } from './router';

/**
 * A feature beyond the foundation (radio bridges, sync, …): its RPC handlers, and its lifecycle. `close` must
 * leave hardware safe (unkey transmitters, close ports) before the store closes.
 */
export interface HostFeature {
  name: string;
  handlers: HandlerMap[];
  start?(): void;
  close?(): void | Promise<void>;
}
