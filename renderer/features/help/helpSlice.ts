import { createSlice } from '@reduxjs/toolkit';

export const helpSlice = createSlice({
  name: 'help',
  initialState: { open: false },
  reducers: {
    toggleHelp(state) {
      state.open = !state.open;
    },
    closeHelp(state) {
      state.open = false;
    },
  },
});

export const { toggleHelp, closeHelp } = helpSlice.actions;
