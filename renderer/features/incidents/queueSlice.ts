import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { DrillFilter } from '../../../contract/queue';
import type { IncidentSource, Priority } from '../../../contract/domain/incident';

/** The queue's filters beyond open/all and search (those stay in incidentsSlice), and the scroll window. */
export interface QueueFilterState {
  category: string | null;
  priorities: Priority[];
  source: IncidentSource | null;
  gridCode: string | null;
  overdue: boolean;
  drill: DrillFilter;
  /** The page the viewport starts in: the queue keeps that page and its neighbours loaded. */
  page: number;
  kpiOpen: boolean;
}

const initialState: QueueFilterState = {
  category: null,
  priorities: [],
  source: null,
  gridCode: null,
  overdue: false,
  drill: 'include',
  page: 0,
  kpiOpen: false,
};

export const queueSlice = createSlice({
  name: 'queue',
  initialState,
  reducers: {
    setQueueFilter(state, action: PayloadAction<Partial<Omit<QueueFilterState, 'page' | 'kpiOpen'>>>) {
      Object.assign(state, action.payload);
      state.page = 0;
    },
    togglePriority(state, action: PayloadAction<Priority>) {
      const p = action.payload;
      state.priorities = state.priorities.includes(p)
        ? state.priorities.filter((x) => x !== p)
        : [...state.priorities, p].sort();
      state.page = 0;
    },
    clearQueueFilters(state) {
      Object.assign(state, { ...initialState, kpiOpen: state.kpiOpen });
    },
    setQueuePage(state, action: PayloadAction<number>) {
      state.page = Math.max(0, action.payload);
    },
    setKpiOpen(state, action: PayloadAction<boolean>) {
      state.kpiOpen = action.payload;
    },
  },
});

export const { setQueueFilter, togglePriority, clearQueueFilters, setQueuePage, setKpiOpen } =
  queueSlice.actions;
