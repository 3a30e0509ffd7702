import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/store';
import { getWalkie, setRecordingSink } from './walkieHub';
import { uploadRecording } from './recordings';
import {
  AUDIO_PREFS_KEY,
  PROFILE_KEY,
  audioPrefsChanged,
  channelBusyChanged,
  loadAudioPrefs,
  radioProfileChosen,
  radioViewClosed,
  radioViewToggled,
} from './radioSlice';
import { releasePtt } from './ptt';
import { RadioPanel } from './RadioPanel';
import { TechnicianScreen } from '../technician/TechnicianScreen';
import { useRadioProfileListQuery } from './radioApi';
import { DEFAULT_VAD } from './audio/vad';

function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Always mounted: connects the walkie-talkie engine to the store (recordings → host, channel busy → log, prefs →
 * engine) and makes sure a blur or the page going away never leaves the radio keyed.
 */
function RadioRuntime() {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const audio = useAppSelector((s) => s.radio.audio);
  const profileId = useAppSelector((s) => s.radio.profileId);
  const { data: profiles } = useRadioProfileListQuery();
  const profile = profiles?.find((p) => p.id === profileId) ?? null;

  useEffect(() => {
    const storage = safeStorage();
    dispatch(audioPrefsChanged(loadAudioPrefs(storage)));
    const pid = storage?.getItem(PROFILE_KEY);
    if (pid) dispatch(radioProfileChosen(pid));
  }, [dispatch]);

  useEffect(() => {
    try {
      safeStorage()?.setItem(AUDIO_PREFS_KEY, JSON.stringify(audio));
    } catch {
      // storage full or unavailable: the choice lasts this session
    }
    getWalkie()?.configure({
      inputId: audio.inputId,
      outputId: audio.outputId,
      micId: audio.micId,
      vad: {
        ...DEFAULT_VAD,
        openDb: audio.openDb,
        closeDb: Math.min(audio.openDb, audio.openDb - 6),
        hangMs: audio.hangMs,
      },
    });
  }, [audio]);

  useEffect(() => {
    getWalkie()?.configure({ channel: profile?.name ?? '' });
    try {
      if (profileId) safeStorage()?.setItem(PROFILE_KEY, profileId);
    } catch {
      // ignore
    }
  }, [profile?.name, profileId]);

  useEffect(() => {
    const w = getWalkie();
    setRecordingSink((r) => {
      void dispatch(uploadRecording(r, store.getState().radio.profileId));
    });
    const offBusy = w?.onBusy((busy, at) => dispatch(channelBusyChanged({ busy, at })));
    const unkey = () => void dispatch(releasePtt());
    window.addEventListener('blur', unkey);
    window.addEventListener('pagehide', unkey);
    window.addEventListener('beforeunload', unkey);
    const onVis = () => {
      if (document.visibilityState === 'hidden') unkey();
    };
    document.addEventListener('visibilitychange', onVis);
    return () => {
      setRecordingSink(null);
      offBusy?.();
      window.removeEventListener('blur', unkey);
      window.removeEventListener('pagehide', unkey);
      window.removeEventListener('beforeunload', unkey);
      document.removeEventListener('visibilitychange', onVis);
    };
  }, [dispatch, store]);
  return null;
}

/** The top-bar entries: the operator's radio panel and the technician's screens. */
export function RadioNav() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const view = useAppSelector((s) => s.radio.view);
  const busy = useAppSelector((s) => s.radio.busyLog[0]?.busy ?? false);
  const keyed = useAppSelector((s) => s.radio.ptt.keyed);
  return (
    <nav className="radio-nav" aria-label={t('radio.nav')}>
      <button
        type="button"
        className={`btn radio-nav-btn${view === 'radio' ? ' on' : ''}`}
        aria-pressed={view === 'radio'}
        data-testid="nav-radio"
        onClick={() => dispatch(radioViewToggled('radio'))}
      >
        <span
          className={`nav-light${keyed ? ' tx' : busy ? ' busy' : ''}`}
          aria-hidden="true"
          data-testid="nav-radio-light"
        />
        {t('radio.title')}
      </button>
      <button
        type="button"
        className={`btn radio-nav-btn${view === 'technician' ? ' on' : ''}`}
        aria-pressed={view === 'technician'}
        data-testid="nav-technician"
        onClick={() => dispatch(radioViewToggled('technician'))}
      >
        {t('tech.title')}
      </button>
    </nav>
  );
}

/** The radio drawer (over the detail column) or the technician screen (over the workspace), plus the runtime. */
export function RadioDrawers() {
  const view = useAppSelector((s) => s.radio.view);
  const dispatch = useAppDispatch();
  const close = () => dispatch(radioViewClosed());
  return (
    <>
      <RadioRuntime />
      {view === 'radio' && <RadioPanel onClose={close} />}
      {view === 'technician' && <TechnicianScreen onClose={close} />}
    </>
  );
}
