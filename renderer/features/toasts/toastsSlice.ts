import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { HostError } from '../../../contract/errors';

export type ToastKind = 'info' | 'success' | 'error';

/** Toasts keep an i18n key and params (not text) so a language switch re-renders them. */
export interface Toast {
  id: number;
  kind: ToastKind;
  key: string;
  params?: Record<string, string | number>;
  /** Secondary line, also a key. */
  detailKey?: string;
  /** Params whose values are themselves i18n keys (e.g. a status label), translated when shown. */
  keyParams?: Record<string, string>;
}

let nextId = 1;

export const toastsSlice = createSlice({
  name: 'toasts',
  initialState: { items: [] as Toast[] },
  reducers: {
    pushToast: {
      reducer(state, action: PayloadAction<Toast>) {
        state.items.push(action.payload);
        if (state.items.length > 5) state.items.shift();
      },
      prepare(t: Omit<Toast, 'id'>) {
        return { payload: { ...t, id: nextId++ } };
      },
    },
    dismissToast(state, action: PayloadAction<number>) {
      state.items = state.items.filter((t) => t.id !== action.payload);
    },
  },
});

export const { pushToast, dismissToast } = toastsSlice.actions;

export function errorToast(error: HostError) {
  return pushToast({ kind: 'error', key: error.key, params: error.params });
}
