import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { RigReading } from '../../../contract/radio';
import type { HostError } from '../../../contract/errors';
import { DEFAULT_VAD } from './audio/vad';

export type RadioView = 'none' | 'radio' | 'technician';

export interface AudioPrefs {
  inputId: string;
  outputId: string;
  micId: string;
  openDb: number;
  hangMs: number;
}

export interface BusyEvent {
  busy: boolean;
  at: number;
}

export interface UploadState {
  key: string;
  direction: 'rx' | 'tx';
  startedAt: number;
  state: 'uploading' | 'failed';
  error: string | null;
}

export interface LocalPtt {
  /** What this window believes: keyed from the moment the operator presses until release or a host unkey. */
  keyed: boolean;
  source: 'button' | 'spacebar' | null;
  since: number | null;
  error: HostError | null;
  /** Why the host ended our last transmission when it was not our release (`tot`, `disconnect`…). */
  endedBy: string | null;
}

export interface RadioState {
  ptt: LocalPtt;
  view: RadioView;
  /** The radio the operator keys and whose channel recordings are labelled with. */
  profileId: string | null;
  audio: AudioPrefs;
  readings: Record<string, RigReading>;
  /** The last channel-busy transitions from the receive VAD (newest first). */
  busyLog: BusyEvent[];
  uploads: UploadState[];
  /** Monitor sources this window switched on (the host keeps the set; it has no getter). */
  monitored: string[];
}

export const BUSY_LOG_MAX = 20;

export const DEFAULT_AUDIO: AudioPrefs = {
  inputId: '',
  outputId: '',
  micId: '',
  openDb: DEFAULT_VAD.openDb,
  hangMs: DEFAULT_VAD.hangMs,
};

export const initialRadioState: RadioState = {
  ptt: { keyed: false, source: null, since: null, error: null, endedBy: null },
  view: 'none',
  profileId: null,
  audio: DEFAULT_AUDIO,
  readings: {},
  busyLog: [],
  uploads: [],
  monitored: [],
};

export const radioSlice = createSlice({
  name: 'radio',
  initialState: initialRadioState,
  reducers: {
    radioViewToggled(state, action: PayloadAction<Exclude<RadioView, 'none'>>) {
      state.view = state.view === action.payload ? 'none' : action.payload;
    },
    radioViewClosed(state) {
      state.view = 'none';
    },
    pttPressedLocally(state, action: PayloadAction<{ source: 'button' | 'spacebar'; at: number }>) {
      state.ptt = {
        keyed: true,
        source: action.payload.source,
        since: action.payload.at,
        error: null,
        endedBy: null,
      };
    },
    pttReleasedLocally(state, action: PayloadAction<{ error?: HostError | null; endedBy?: string | null }>) {
      state.ptt = {
        keyed: false,
        source: null,
        since: null,
        error: action.payload.error ?? state.ptt.error,
        endedBy: action.payload.endedBy ?? null,
      };
    },
    pttErrorShown(state, action: PayloadAction<HostError | null>) {
      state.ptt.error = action.payload;
    },
    monitorSourcesSet(state, action: PayloadAction<string[]>) {
      state.monitored = action.payload;
    },
    radioProfileChosen(state, action: PayloadAction<string | null>) {
      state.profileId = action.payload;
    },
    audioPrefsChanged(state, action: PayloadAction<Partial<AudioPrefs>>) {
      state.audio = { ...state.audio, ...action.payload };
    },
    rigReadingReceived(state, action: PayloadAction<RigReading>) {
      const prev = state.readings[action.payload.profileId];
      if (!prev || prev.at <= action.payload.at) state.readings[action.payload.profileId] = action.payload;
    },
    channelBusyChanged(state, action: PayloadAction<BusyEvent>) {
      const last = state.busyLog[0];
      if (last && last.busy === action.payload.busy) return;
      state.busyLog.unshift(action.payload);
      if (state.busyLog.length > BUSY_LOG_MAX) state.busyLog.length = BUSY_LOG_MAX;
    },
    uploadStarted(state, action: PayloadAction<Omit<UploadState, 'state' | 'error'>>) {
      state.uploads.push({ ...action.payload, state: 'uploading', error: null });
    },
    uploadFinished(state, action: PayloadAction<{ key: string }>) {
      state.uploads = state.uploads.filter((u) => u.key !== action.payload.key);
    },
    uploadFailed(state, action: PayloadAction<{ key: string; error: string }>) {
      const u = state.uploads.find((x) => x.key === action.payload.key);
      if (u) {
        u.state = 'failed';
        u.error = action.payload.error;
      }
    },
    uploadDismissed(state, action: PayloadAction<{ key: string }>) {
      state.uploads = state.uploads.filter((u) => u.key !== action.payload.key);
    },
  },
});

export const {
  monitorSourcesSet,
  pttPressedLocally,
  pttReleasedLocally,
  pttErrorShown,
  radioViewToggled,
  radioViewClosed,
  radioProfileChosen,
  audioPrefsChanged,
  rigReadingReceived,
  channelBusyChanged,
  uploadStarted,
  uploadFinished,
  uploadFailed,
  uploadDismissed,
} = radioSlice.actions;

export const AUDIO_PREFS_KEY = 'fengsui.radio.audio';
export const PROFILE_KEY = 'fengsui.radio.profile';

/** Reads the remembered sound-card choice; device ids are per browser profile, so they live in localStorage. */
export function loadAudioPrefs(storage: Pick<Storage, 'getItem'> | null): AudioPrefs {
  try {
    const raw = storage?.getItem(AUDIO_PREFS_KEY);
    if (!raw) return DEFAULT_AUDIO;
    const v = JSON.parse(raw) as Partial<AudioPrefs>;
    return {
      inputId: typeof v.inputId === 'string' ? v.inputId : '',
      outputId: typeof v.outputId === 'string' ? v.outputId : '',
      micId: typeof v.micId === 'string' ? v.micId : '',
      openDb:
        typeof v.openDb === 'number' && v.openDb <= 0 && v.openDb >= -100 ? v.openDb : DEFAULT_AUDIO.openDb,
      hangMs:
        typeof v.hangMs === 'number' && v.hangMs >= 0 && v.hangMs <= 10_000 ? v.hangMs : DEFAULT_AUDIO.hangMs,
    };
  } catch {
    return DEFAULT_AUDIO;
  }
}
