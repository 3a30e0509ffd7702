import { HostFailure, type Dispatch, type Unit } from '../../contract';

/** Steps named in errors; the renderer translates them (dispatchStep.*). */
export type DispatchStep = 'acknowledged' | 'recalled' | 'reassigned';

export function dispatchStateFailure(d: Dispatch, step: DispatchStep): HostFailure {
  return new HostFailure('dispatch_state', { unit: d.unitName, state: d.state, step });
}

export function unitUnavailable(u: Unit): HostFailure {
  return new HostFailure('unit_unavailable', { unit: u.name, status: u.status });
}
