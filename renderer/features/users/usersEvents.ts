import type { HostClient } from '../../app/hostClient';
import type { AppStore } from '../../app/store';
import { api } from '../../app/api';
import { usersApi } from './usersApi';

/**
 * Account and handover events refresh the admin screens. A session belongs to the connection, so after a
 * reconnect the window asks again who (if anyone) is signed in.
 */
export function wireUsersEvents(host: HostClient, store: AppStore): () => void {
  const offs = [
    host.subscribe('user.changed', () => {
      store.dispatch(usersApi.util.invalidateTags(['User', 'Auth', 'Audit']));
    }),
    host.subscribe('handover.signed', () => {
      store.dispatch(usersApi.util.invalidateTags(['Handover', 'Audit']));
    }),
    host.onConnection((s) => {
      if (s === 'open') store.dispatch(usersApi.util.invalidateTags(['Auth']));
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}

/** After the acting user changes, everything cached was fetched as someone else (or refused): start afresh. */
export function resetForNewUser(store: { dispatch: AppStore['dispatch'] }): void {
  store.dispatch(api.util.resetApiState());
}
