import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ConnectionState } from '../../app/hostClient';

export interface ConnectionSliceState {
  state: ConnectionState;
  /** How many times the link came back after dropping (for the UI and tests). */
  reconnects: number;
  /** The link was up at least once. */
  everOpen: boolean;
}

export const connectionSlice = createSlice({
  name: 'connection',
  initialState: { state: 'connecting', reconnects: 0, everOpen: false } as ConnectionSliceState,
  reducers: {
    connectionChanged(state, action: PayloadAction<ConnectionState>) {
      state.state = action.payload;
      if (action.payload === 'open') state.everOpen = true;
    },
    reconnected(state) {
      state.reconnects += 1;
    },
  },
});

export const { connectionChanged, reconnected } = connectionSlice.actions;

/** Show the "link lost" band: down after having been up (also while retrying), or never reached. */
export function isLinkLost(s: ConnectionSliceState): boolean {
  if (s.state === 'open' || s.state === 'unauthorized') return false;
  return s.state === 'closed' || s.everOpen;
}
