/** Radio host events → the RTK Query cache, the radio slice and the monitor buffer. */
import type { EventPayload } from '../../../contract/events';
import type { HostClient } from '../../app/hostClient';
import type { AppStore } from '../../app/store';
import { api } from '../../app/api';
import { RADIO_TAGS, radioApi } from './radioApi';
import { rigReadingReceived } from './radioSlice';
import { hostPttChanged } from './ptt';
import { monitorBuffer, type MonitorBuffer } from './monitorBuffer';

type RadioApiState = Parameters<typeof radioApi.util.selectCachedArgsForQuery>[0];

function byTimeDesc<T extends { at: number }>(a: T, b: T) {
  return b.at - a.at;
}

export function wireRadioEvents(host: HostClient, store: AppStore, monitor: MonitorBuffer = monitorBuffer) {
  // The injected endpoints widen the api's state type beyond the store's declared RootState; same reducer.
  const d = store.dispatch as (action: unknown) => void;
  const state = () => store.getState() as unknown as RadioApiState;
  let sawClosed = false;
  const offs = [
    host.subscribe('serial.status', (s: EventPayload<'serial.status'>) => {
      monitor.setCounters(s.path, s.counters);
      d(
        radioApi.util.updateQueryData('serialStatus', undefined, (draft) => {
          const i = draft.findIndex((p) => p.path === s.path);
          if (i >= 0) {
            if (draft[i]!.at <= s.at) draft[i] = s;
          } else draft.push(s);
        }),
      );
    }),
    host.subscribe('radio.link.status', (s: EventPayload<'radio.link.status'>) => {
      // Serial links are counted under their port path (serial.status); only TCP links have no path.
      if (s.kind === 'kiss_tcp') monitor.setCounters(s.linkId, s.counters);
      d(
        radioApi.util.updateQueryData('radioLinkList', undefined, (draft) => {
          const row = draft.find((r) => r.link.id === s.linkId);
          if (row && row.status.at <= s.at) row.status = s;
        }),
      );
    }),
    host.subscribe('radio.link.changed', () => {
      d(radioApi.util.invalidateTags(['RadioLink']));
    }),
    host.subscribe('radio.profile.changed', (c: EventPayload<'radio.profile.changed'>) => {
      d(
        radioApi.util.updateQueryData('radioProfileList', undefined, (draft) => {
          const i = draft.findIndex((p) => p.id === c.id);
          if (!c.profile) {
            if (i >= 0) draft.splice(i, 1);
          } else if (i >= 0) {
            if (draft[i]!.updatedAt <= c.profile.updatedAt) draft[i] = c.profile;
          } else draft.push(c.profile);
        }),
      );
    }),
    host.subscribe('radio.monitor', (r: EventPayload<'radio.monitor'>) => monitor.push(r)),
    host.subscribe('radio.message', (m: EventPayload<'radio.message'>) => {
      for (const args of radioApi.util.selectCachedArgsForQuery(state(), 'radioMessageList')) {
        d(
          radioApi.util.updateQueryData('radioMessageList', args, (draft) => {
            if (args && 'direction' in args && args.direction && args.direction !== m.direction) return;
            const i = draft.findIndex((x) => x.id === m.id);
            if (i >= 0) {
              if (draft[i]!.updatedAt <= m.updatedAt) draft[i] = m;
            } else {
              draft.unshift(m);
              draft.sort(byTimeDesc);
            }
          }),
        );
      }
    }),
    host.subscribe('radio.heard', (h: EventPayload<'radio.heard'>) => {
      d(
        radioApi.util.updateQueryData('radioHeardList', undefined, (draft) => {
          const i = draft.findIndex((x) => x.callsign === h.callsign);
          if (i >= 0) draft[i] = h;
          else draft.push(h);
          draft.sort((a, b) => b.lastHeardAt - a.lastHeardAt);
        }),
      );
    }),
    host.subscribe('unit.moved', (m: EventPayload<'unit.moved'>) => {
      d(
        api.util.updateQueryData('unitList', undefined, (draft) => {
          const i = draft.findIndex((u) => u.id === m.unit.id);
          if (i >= 0) draft[i] = m.unit;
          else draft.push(m.unit);
        }),
      );
    }),
    host.subscribe('radio.ptt', (s: EventPayload<'radio.ptt'>) => {
      d(
        radioApi.util.updateQueryData('radioPttState', undefined, (draft) => {
          const i = draft.findIndex((x) => x.profileId === s.profileId);
          if (i >= 0) {
            if (draft[i]!.at <= s.at) draft[i] = s;
          } else draft.push(s);
        }),
      );
      (store.dispatch as (a: unknown) => void)(hostPttChanged(s));
    }),
    host.subscribe('radio.rig.status', (s: EventPayload<'radio.rig.status'>) => {
      d(
        radioApi.util.updateQueryData('radioRigStatus', undefined, (draft) => {
          const i = draft.findIndex((x) => x.profileId === s.profileId);
          if (i >= 0) draft[i] = s;
          else draft.push(s);
        }),
      );
    }),
    host.subscribe('radio.rig.reading', (r: EventPayload<'radio.rig.reading'>) => d(rigReadingReceived(r))),
    host.subscribe('radio.recording', (rec: EventPayload<'radio.recording'>) => {
      for (const args of radioApi.util.selectCachedArgsForQuery(state(), 'radioRecordingList')) {
        d(
          radioApi.util.updateQueryData('radioRecordingList', args, (draft) => {
            if (args && 'incidentId' in args && args.incidentId && !rec.incidentIds.includes(args.incidentId))
              return;
            const i = draft.findIndex((x) => x.id === rec.id);
            if (i >= 0) draft[i] = rec;
            else {
              draft.push(rec);
              draft.sort((a, b) => b.startedAt - a.startedAt);
            }
          }),
        );
      }
    }),
    host.onConnection((s) => {
      if (s === 'closed') sawClosed = true;
      if (s === 'open' && sawClosed) {
        sawClosed = false;
        d(radioApi.util.invalidateTags([...RADIO_TAGS]));
      }
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
