import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

export type QueueFilter = 'open' | 'all';

export interface IncidentsUiState {
  selectedId: string | null;
  filter: QueueFilter;
  search: string;
  newFormOpen: boolean;
}

const initialState: IncidentsUiState = { selectedId: null, filter: 'open', search: '', newFormOpen: false };

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
    openNewForm(state) {
      state.newFormOpen = true;
    },
    closeNewForm(state) {
      state.newFormOpen = false;
    },
  },
});

export const { select, setFilter, setSearch, openNewForm, closeNewForm } = incidentsSlice.actions;
