import { combineReducers, configureStore } from '@reduxjs/toolkit';
import { useDispatch, useSelector, useStore } from 'react-redux';
import { api } from './api';
import type { HostClient } from './hostClient';
import { incidentsSlice } from '../features/incidents/incidentsSlice';
import { queueSlice } from '../features/incidents/queueSlice';
import { helpSlice } from '../features/help/helpSlice';
import { settingsSlice } from '../features/settings/settingsSlice';
import { connectionSlice } from '../features/connection/connectionSlice';
import { toastsSlice } from '../features/toasts/toastsSlice';
import { radioSlice } from '../features/radio/radioSlice';
import { dispatchSlice } from '../features/dispatch/dispatchSlice';

const rootReducer = combineReducers({
  [api.reducerPath]: api.reducer,
  [incidentsSlice.name]: incidentsSlice.reducer,
  [queueSlice.name]: queueSlice.reducer,
  [helpSlice.name]: helpSlice.reducer,
  [settingsSlice.name]: settingsSlice.reducer,
  [connectionSlice.name]: connectionSlice.reducer,
  [toastsSlice.name]: toastsSlice.reducer,
  [radioSlice.name]: radioSlice.reducer,
  [dispatchSlice.name]: dispatchSlice.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export function makeStore(host: HostClient, preloadedState?: Partial<RootState>) {
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (gDM) =>
      gDM({ thunk: { extraArgument: { host } }, serializableCheck: false, immutableCheck: false }).concat(
        api.middleware,
      ),
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type AppDispatch = AppStore['dispatch'];

export const useAppDispatch = useDispatch.withTypes<AppDispatch>();
export const useAppSelector = useSelector.withTypes<RootState>();
export const useAppStore = useStore.withTypes<AppStore>();
