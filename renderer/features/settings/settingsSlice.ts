import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Locale } from '../../../contract/errorMessages';

export interface SettingsState {
  locale: Locale;
}

export const settingsSlice = createSlice({
  name: 'settings',
  initialState: { locale: 'zh-CN' } as SettingsState,
  reducers: {
    setLocale(state, action: PayloadAction<Locale>) {
      state.locale = action.payload;
    },
  },
});

export const { setLocale } = settingsSlice.actions;
