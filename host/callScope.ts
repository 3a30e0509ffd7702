import { AsyncLocalStorage } from 'node:async_hooks';
import type { CallContext } from './context';

/**
 * The call being handled, visible to everything it runs (services, mutate(), audit helpers) without threading a
 * parameter through every signature: the router enters it around each handler, and `ctx.operator()` reads the
 * acting user from it. Work that no call started (bridges, sweeps, sync pulls) sees none and falls back to the
 * console's operator.
 */
interface Scope {
  call: CallContext;
  /** Cleared when the handler finishes: timers or sockets a call started inherit the scope but are not the call. */
  live: boolean;
}
const scope = new AsyncLocalStorage<Scope>();

export function runInCall<T>(call: CallContext, fn: () => T): T {
  const s: Scope = { call, live: true };
  const end = () => {
    s.live = false;
  };
  let result: T;
  try {
    result = scope.run(s, fn);
  } catch (e) {
    end();
    throw e;
  }
  if (result instanceof Promise) {
    result.then(end, end);
  } else {
    end();
  }
  return result;
}

export function currentCall(): CallContext | undefined {
  const s = scope.getStore();
  return s?.live ? s.call : undefined;
}
