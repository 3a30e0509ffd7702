/**
 * Push-to-talk from this window. Pressing opens the microphone gate at once (no round trip before the first
 * syllable) and asks the host to key the radio; if the host refuses, the gate closes and the reason is shown.
 * Releasing, a window blur, or the page going away unkeys; the host's transmit time-out unkeys on its own and
 * tells us through `radio.ptt`.
 */
import { makeHostError } from '../../../contract/errorMessages';
import type { PttState } from '../../../contract/radio';
import type { ThunkExtra } from '../../app/api';
import { toHostError } from '../../app/hostClient';
import type { AppDispatch, RootState } from '../../app/store';
import { radioApi } from './radioApi';
import { pttPressedLocally, pttReleasedLocally } from './radioSlice';
import { getWalkie } from './walkieHub';

export function putPttState(dispatch: AppDispatch, s: PttState): void {
  (dispatch as (a: unknown) => void)(
    radioApi.util.updateQueryData('radioPttState', undefined, (draft) => {
      const i = draft.findIndex((x) => x.profileId === s.profileId);
      if (i >= 0) {
        if (draft[i]!.at <= s.at) draft[i] = s;
      } else draft.push(s);
    }),
  );
}

export function pressPtt(source: 'button' | 'spacebar') {
  return async (dispatch: AppDispatch, getState: () => RootState, extra: ThunkExtra) => {
    const st = getState().radio;
    if (st.ptt.keyed) return;
    const profileId = st.profileId;
    if (!profileId) {
      dispatch(
        pttReleasedLocally({
          error: makeHostError('bad_request', { method: 'radio.ptt.key', detail: 'no radio chosen' }),
        }),
      );
      return;
    }
    const since = Date.now();
    dispatch(pttPressedLocally({ source, at: since }));
    getWalkie()?.key(source);
    try {
      const s = await extra.host.call('radio.ptt.key', { profileId, source });
      putPttState(dispatch, s);
      // Released while the key request was on its way: unkey now.
      const now = getState().radio.ptt;
      if (!now.keyed || now.since !== since) {
        await extra.host.call('radio.ptt.unkey', { profileId }).then((u) => putPttState(dispatch, u));
      }
    } catch (e) {
      getWalkie()?.unkey();
      if (getState().radio.ptt.since === since) dispatch(pttReleasedLocally({ error: toHostError(e) }));
    }
  };
}

export function releasePtt() {
  return async (dispatch: AppDispatch, getState: () => RootState, extra: ThunkExtra) => {
    const st = getState().radio;
    if (!st.ptt.keyed) return;
    getWalkie()?.unkey();
    dispatch(pttReleasedLocally({ error: null }));
    if (!st.profileId) return;
    try {
      putPttState(dispatch, await extra.host.call('radio.ptt.unkey', { profileId: st.profileId }));
    } catch (e) {
      dispatch(pttReleasedLocally({ error: toHostError(e) }));
    }
  };
}

/** The host unkeyed our radio by itself (time-out, lost link…): close the gate and say why. */
export function hostPttChanged(s: PttState) {
  return (dispatch: AppDispatch, getState: () => RootState) => {
    const st = getState().radio;
    if (s.profileId !== st.profileId || s.keyed || !st.ptt.keyed) return;
    if (st.ptt.since !== null && s.at < st.ptt.since) return;
    getWalkie()?.unkey();
    dispatch(
      pttReleasedLocally({
        endedBy: s.lastEnd && s.lastEnd !== 'released' ? s.lastEnd : null,
        error: s.error ? makeHostError('unavailable', { detail: s.error }) : null,
      }),
    );
  };
}
