import { useCallback } from 'react';
import type { HostError } from '../../../contract/errors';
import { toHostError } from '../../app/hostClient';
import { upsertIncident } from '../../app/hostEvents';
import { useAppDispatch, useAppStore } from '../../app/store';
import { pushToast } from '../toasts/toastsSlice';
import {
  useDispatchAcknowledgeMutation,
  useDispatchRecallMutation,
  useDispatchReassignMutation,
  useDispatchSendMutation,
} from './dispatchApi';

/**
 * Dispatch errors name a state and a step as codes; they are shown in the operator's language
 * (`dispatchState.*`, `dispatchStep.*`, `unitStatus.*`).
 */
export function dispatchErrorToast(e: HostError) {
  const p = e.params ?? {};
  const keyParams: Record<string, string> = {};
  if (e.code === 'dispatch_state') {
    keyParams.state = `dispatchState.${String(p.state)}`;
    keyParams.step = `dispatchStep.${String(p.step)}`;
  }
  if (e.code === 'unit_unavailable') keyParams.status = `unitStatus.${String(p.status)}`;
  if (e.code === 'illegal_transition') {
    keyParams.from = `status.${String(p.from)}`;
    keyParams.to = `status.${String(p.to)}`;
  }
  return pushToast({ kind: 'error', key: e.key, params: p, keyParams });
}

/** The dispatch steps as calls that toast their outcome and put results into the cache at once. */
export function useDispatchActions() {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const [send, sendState] = useDispatchSendMutation();
  const [ack, ackState] = useDispatchAcknowledgeMutation();
  const [recall, recallState] = useDispatchRecallMutation();
  const [reassign, reassignState] = useDispatchReassignMutation();

  const outcome = useCallback(
    <T>(r: { data?: T; error?: unknown }, onData: (d: T) => void): boolean => {
      if (r.error !== undefined || r.data === undefined) {
        dispatch(dispatchErrorToast(toHostError(r.error)));
        return false;
      }
      onData(r.data);
      return true;
    },
    [dispatch],
  );

  return {
    busy: sendState.isLoading || ackState.isLoading || recallState.isLoading || reassignState.isLoading,
    send: async (incidentId: string, unitIds: string[]) =>
      outcome(await send({ incidentId, unitIds }), (d) => {
        upsertIncident(store, d.incident, null);
        dispatch(
          pushToast({
            kind: 'success',
            key: 'dispatch.sent',
            params: { units: d.dispatches.map((x) => x.unitName).join('、') },
          }),
        );
      }),
    acknowledge: async (dispatchId: string) =>
      outcome(await ack({ dispatchId, source: 'operator' }), (d) =>
        dispatch(pushToast({ kind: 'success', key: 'dispatch.acked', params: { unit: d.unitName } })),
      ),
    recall: async (dispatchId: string) =>
      outcome(await recall({ dispatchId }), (d) => {
        upsertIncident(store, d.incident, null);
        dispatch(
          pushToast({
            kind: 'success',
            key: 'dispatch.recalled',
            params: { unit: d.dispatches[0]?.unitName ?? '' },
          }),
        );
      }),
    reassign: async (dispatchId: string, toUnitId: string) =>
      outcome(await reassign({ dispatchId, toUnitId }), (d) => {
        upsertIncident(store, d.incident, null);
        dispatch(
          pushToast({
            kind: 'success',
            key: 'dispatch.reassigned',
            params: { from: d.dispatches[0]?.unitName ?? '', to: d.dispatches[1]?.unitName ?? '' },
          }),
        );
      }),
  };
}
