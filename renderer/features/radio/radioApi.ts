/**
 * The radio endpoints, injected into the one RTK Query api (names follow the host methods). Host events keep
 * these caches current (radioEvents.ts); nothing here polls.
 */
import type { MethodParams, MethodResult } from '../../../contract/methods';
import { api, type HostQueryArgs } from '../../app/api';
import type { MethodName } from '../../../contract/methods';

function req<M extends MethodName>(method: M, params: MethodParams<M>): HostQueryArgs {
  return { method, params };
}

export const RADIO_TAGS = [
  'SerialPort',
  'RadioProfile',
  'RadioLink',
  'RadioMessage',
  'RadioHeard',
  'RadioPtt',
  'RadioRig',
  'Recording',
] as const;

export const MESSAGES_ALL = { limit: 200 } as const;
export const RECORDINGS_RECENT = { limit: 100 } as const;

type R<M extends MethodName> = MethodResult<M>;
type P<M extends MethodName> = MethodParams<M>;

export const radioApi = api.enhanceEndpoints({ addTagTypes: RADIO_TAGS }).injectEndpoints({
  endpoints: (build) => ({
    serialList: build.query<R<'serial.list'>, void>({
      query: () => req('serial.list', undefined),
    }),
    serialStatus: build.query<R<'serial.status'>, void>({
      query: () => req('serial.status', undefined),
      providesTags: ['SerialPort'],
    }),
    serialOpen: build.mutation<R<'serial.open'>, P<'serial.open'>>({
      query: (p) => req('serial.open', p),
    }),
    serialClose: build.mutation<R<'serial.close'>, P<'serial.close'>>({
      query: (p) => req('serial.close', p),
    }),
    radioProfileList: build.query<R<'radio.profile.list'>, void>({
      query: () => req('radio.profile.list', undefined),
      providesTags: ['RadioProfile'],
    }),
    radioProfileSave: build.mutation<R<'radio.profile.save'>, P<'radio.profile.save'>>({
      query: (p) => req('radio.profile.save', p),
    }),
    radioProfileDelete: build.mutation<R<'radio.profile.delete'>, P<'radio.profile.delete'>>({
      query: (p) => req('radio.profile.delete', p),
    }),
    radioLinkList: build.query<R<'radio.link.list'>, void>({
      query: () => req('radio.link.list', undefined),
      providesTags: ['RadioLink'],
    }),
    radioLinkSave: build.mutation<R<'radio.link.save'>, P<'radio.link.save'>>({
      query: (p) => req('radio.link.save', p),
      invalidatesTags: ['RadioLink'],
    }),
    radioLinkDelete: build.mutation<R<'radio.link.delete'>, P<'radio.link.delete'>>({
      query: (p) => req('radio.link.delete', p),
      invalidatesTags: ['RadioLink'],
    }),
    radioMonitorSet: build.mutation<R<'radio.monitor.set'>, P<'radio.monitor.set'>>({
      query: (p) => req('radio.monitor.set', p),
    }),
    radioMessageList: build.query<R<'radio.message.list'>, P<'radio.message.list'>>({
      query: (p) => req('radio.message.list', p),
      providesTags: ['RadioMessage'],
    }),
    radioMessageSend: build.mutation<R<'radio.message.send'>, P<'radio.message.send'>>({
      query: (p) => req('radio.message.send', p),
    }),
    radioMessageMarkRead: build.mutation<R<'radio.message.markRead'>, P<'radio.message.markRead'>>({
      query: (p) => req('radio.message.markRead', p),
    }),
    radioHeardList: build.query<R<'radio.heard.list'>, void>({
      query: () => req('radio.heard.list', undefined),
      providesTags: ['RadioHeard'],
    }),
    radioUnitSetCallsign: build.mutation<R<'radio.unit.setCallsign'>, P<'radio.unit.setCallsign'>>({
      query: (p) => req('radio.unit.setCallsign', p),
      // The map and every list of units read the one unit cache: put the bound unit there.
      async onQueryStarted(_p, { dispatch, queryFulfilled }) {
        try {
          const { data: unit } = await queryFulfilled;
          dispatch(
            api.util.updateQueryData('unitList', undefined, (draft) => {
              const i = draft.findIndex((u) => u.id === unit.id);
              if (i >= 0) draft[i] = unit;
            }),
          );
        } catch {
          // refused: the form shows why
        }
      },
    }),
    radioPttKey: build.mutation<R<'radio.ptt.key'>, P<'radio.ptt.key'>>({
      query: (p) => req('radio.ptt.key', p),
    }),
    radioPttUnkey: build.mutation<R<'radio.ptt.unkey'>, P<'radio.ptt.unkey'>>({
      query: (p) => req('radio.ptt.unkey', p),
    }),
    radioPttState: build.query<R<'radio.ptt.state'>, void>({
      query: () => req('radio.ptt.state', undefined),
      providesTags: ['RadioPtt'],
    }),
    radioRigStatus: build.query<R<'radio.rig.status'>, void>({
      query: () => req('radio.rig.status', undefined),
      providesTags: ['RadioRig'],
    }),
    radioRigApplyPreset: build.mutation<R<'radio.rig.applyPreset'>, P<'radio.rig.applyPreset'>>({
      query: (p) => req('radio.rig.applyPreset', p),
    }),
    radioTestKeyPtt: build.mutation<R<'radio.test.keyPtt'>, P<'radio.test.keyPtt'>>({
      query: (p) => req('radio.test.keyPtt', p),
    }),
    radioTestBeacon: build.mutation<R<'radio.test.beacon'>, P<'radio.test.beacon'>>({
      query: (p) => req('radio.test.beacon', p),
    }),
    radioTestReadFrequency: build.mutation<R<'radio.test.readFrequency'>, P<'radio.test.readFrequency'>>({
      query: (p) => req('radio.test.readFrequency', p),
    }),
    radioRecordingList: build.query<R<'radio.recording.list'>, P<'radio.recording.list'>>({
      query: (p) => req('radio.recording.list', p),
      providesTags: ['Recording'],
    }),
    radioRecordingAttach: build.mutation<R<'radio.recording.attach'>, P<'radio.recording.attach'>>({
      query: (p) => req('radio.recording.attach', p),
    }),
  }),
});

export const {
  useSerialListQuery,
  useSerialStatusQuery,
  useSerialOpenMutation,
  useSerialCloseMutation,
  useRadioProfileListQuery,
  useRadioProfileSaveMutation,
  useRadioProfileDeleteMutation,
  useRadioLinkListQuery,
  useRadioLinkSaveMutation,
  useRadioLinkDeleteMutation,
  useRadioMonitorSetMutation,
  useRadioMessageListQuery,
  useRadioMessageSendMutation,
  useRadioMessageMarkReadMutation,
  useRadioHeardListQuery,
  useRadioUnitSetCallsignMutation,
  useRadioPttKeyMutation,
  useRadioPttUnkeyMutation,
  useRadioPttStateQuery,
  useRadioRigStatusQuery,
  useRadioRigApplyPresetMutation,
  useRadioTestKeyPttMutation,
  useRadioTestBeaconMutation,
  useRadioTestReadFrequencyMutation,
  useRadioRecordingListQuery,
  useRadioRecordingAttachMutation,
} = radioApi;
