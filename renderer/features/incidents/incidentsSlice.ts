import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export type QueueFilter = 'open' | 'all';

export interface IncidentsUiState {
  selectedId: string | null;
  filter: QueueFilter;
  search: string;
  newFormOpen: boolean;
  /** Where the new incident is, when the form was opened from a point on the map. */
  newFormAt: { lon: number; lat: number } | null;
}

const initialState: IncidentsUiState = {
  selectedId: null,
  filter: 'open',
  search: '',
  newFormOpen: false,
  newFormAt: null,
};

export const incidentsSlice = createSlice({
  name: 'incidents',
  initialState,
  reducers: {
    select(state, action: PayloadAction<string | null>) {
      state.selectedId = action.payload;
    },
    setFilter(state, action: PayloadAction<QueueFilter>) {
      state.filter = action.payload;
    },
    setSearch(state, action: PayloadAction<string>) {
      state.search = action.payload;
    },
    openNewForm(state, action: PayloadAction<{ lon: number; lat: number } | undefined>) {
      state.newFormOpen = true;
      state.newFormAt = action.payload ?? null;
    },
    closeNewForm(state) {
      state.newFormOpen = false;
      state.newFormAt = null;
    },
  },
});

export const { select, setFilter, setSearch, openNewForm, closeNewForm } = incidentsSlice.actions;
