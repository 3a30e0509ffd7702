import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** An unacknowledged dispatch past its limit, shown until someone on duty dismisses it. */
export interface EscalationAlert {
  dispatchId: string;
  incidentId: string;
  unitName: string;
  at: number;
}

export interface DispatchUiState {
  /** The incident whose dispatch list is open (keyboard `d`, the map panel, the detail button). */
  pickerFor: string | null;
  alerts: EscalationAlert[];
  unitsOpen: boolean;
}

const initialState: DispatchUiState = { pickerFor: null, alerts: [], unitsOpen: false };

export const dispatchSlice = createSlice({
  name: 'dispatch',
  initialState,
  reducers: {
    pickerOpened(state, action: PayloadAction<string>) {
      state.pickerFor = action.payload;
    },
    pickerClosed(state) {
      state.pickerFor = null;
    },
    escalated(state, action: PayloadAction<EscalationAlert>) {
      if (state.alerts.some((a) => a.dispatchId === action.payload.dispatchId)) return;
      state.alerts.push(action.payload);
    },
    /** The dispatch was acknowledged or ended: its alert is moot. */
    alertCleared(state, action: PayloadAction<string>) {
      state.alerts = state.alerts.filter((a) => a.dispatchId !== action.payload);
    },
    unitsToggled(state, action: PayloadAction<boolean | undefined>) {
      state.unitsOpen = action.payload ?? !state.unitsOpen;
    },
  },
});

export const { pickerOpened, pickerClosed, escalated, alertCleared, unitsToggled } = dispatchSlice.actions;
