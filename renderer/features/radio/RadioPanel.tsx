import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { useNow } from '../../app/useNow';
import { useLocale } from '../../app/useLocale';
import { formatTime } from '../../i18n/format';
import { meterFraction } from './audio/vad';
import { getWalkie } from './walkieHub';
import { useAudioDevices, useWalkieSnapshot } from './useWalkie';
import { audioPrefsChanged, pttErrorShown, radioProfileChosen } from './radioSlice';
import { pressPtt, releasePtt } from './ptt';
import {
  MESSAGES_ALL,
  useRadioMessageListQuery,
  useRadioPttStateQuery,
  useRadioProfileListQuery,
  useRadioRigStatusQuery,
} from './radioApi';
import { RecordingList } from './RecordingList';
import { MessagesTab, HeardTab } from './MessagesTab';

/** Text fields keep the space bar; everything else in the panel uses it as push-to-talk. */
export function isTypingTarget(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(el.type);
  return false;
}

function formatMHz(hz: number | null | undefined): string {
  if (hz === null || hz === undefined) return '—';
  return `${(hz / 1e6).toFixed(4)} MHz`;
}

function RadioChooser() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const profileId = useAppSelector((s) => s.radio.profileId);
  const { data: profiles } = useRadioProfileListQuery();
  const { data: rigs } = useRadioRigStatusQuery();
  const reading = useAppSelector((s) => (profileId ? s.radio.readings[profileId] : undefined));
  const rig = rigs?.find((r) => r.profileId === profileId);
  useEffect(() => {
    // A remembered radio that was deleted: forget it; a single radio: take it.
    if (!profiles) return;
    if (profileId && !profiles.some((p) => p.id === profileId)) dispatch(radioProfileChosen(null));
    else if (!profileId && profiles.length === 1) dispatch(radioProfileChosen(profiles[0]!.id));
  }, [profiles, profileId, dispatch]);
  return (
    <div className="radio-chooser">
      <label className="field">
        <span>{t('radio.radio')}</span>
        <select
          data-testid="radio-profile"
          value={profileId ?? ''}
          onChange={(e) => dispatch(radioProfileChosen(e.target.value || null))}
        >
          <option value="">{t('radio.chooseRadio')}</option>
          {profiles?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.callsign ? ` (${p.callsign})` : ''}
            </option>
          ))}
        </select>
      </label>
      <div className="radio-readout">
        <span className="pill-label">{t('radio.frequency')}</span>
        <span className="mono" data-testid="radio-frequency">
          {formatMHz(reading?.frequencyHz)}
        </span>
        {rig && (
          <span className={`rig-state rig-${rig.state}`} title={rig.lastError ?? undefined}>
            {t(`radio.rigState.${rig.state}`)}
          </span>
        )}
      </div>
    </div>
  );
}

function LevelMeter({ db }: { db: number }) {
  const { t } = useTranslation();
  const f = meterFraction(db);
  return (
    <div
      className="meter"
      role="meter"
      aria-label={t('radio.audio.level')}
      aria-valuemin={-60}
      aria-valuemax={0}
      aria-valuenow={Math.round(Math.max(-60, db))}
      data-testid="rx-meter"
      data-db={Math.round(db)}
    >
      <div className="meter-fill" style={{ width: `${(f * 100).toFixed(1)}%` }} />
      <span className="meter-text mono">{db <= -99 ? '−∞' : `${Math.round(db)} dB`}</span>
    </div>
  );
}

function AudioSetup() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const audio = useAppSelector((s) => s.radio.audio);
  const snap = useWalkieSnapshot();
  const { inputs, outputs } = useAudioDevices(snap.running);
  const w = getWalkie();
  const label = (d: MediaDeviceInfo, i: number) => d.label || `${t('radio.audio.device')} ${i + 1}`;
  return (
    <details className="audio-setup" open={!snap.running}>
      <summary>{t('radio.audio.setup')}</summary>
      <div className="audio-grid">
        <label className="field">
          <span>{t('radio.audio.input')}</span>
          <select
            data-testid="audio-input"
            value={audio.inputId}
            onChange={(e) => dispatch(audioPrefsChanged({ inputId: e.target.value }))}
          >
            <option value="">{t('radio.audio.systemDefault')}</option>
            {inputs.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {label(d, i)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('radio.audio.output')}</span>
          <select
            data-testid="audio-output"
            value={audio.outputId}
            disabled={!snap.sinkSelectable}
            onChange={(e) => dispatch(audioPrefsChanged({ outputId: e.target.value }))}
          >
            <option value="">{t('radio.audio.systemDefault')}</option>
            {outputs.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {label(d, i)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('radio.audio.mic')}</span>
          <select
            data-testid="audio-mic"
            value={audio.micId}
            onChange={(e) => dispatch(audioPrefsChanged({ micId: e.target.value }))}
          >
            <option value="">{t('radio.audio.systemDefault')}</option>
            {inputs.map((d, i) => (
              <option key={d.deviceId || i} value={d.deviceId}>
                {label(d, i)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('radio.audio.threshold')}</span>
          <input
            type="number"
            min={-90}
            max={-5}
            step={1}
            data-testid="audio-threshold"
            value={audio.openDb}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isFinite(v) && v <= -5 && v >= -90) dispatch(audioPrefsChanged({ openDb: v }));
            }}
          />
        </label>
        <label className="field">
          <span>{t('radio.audio.hang')}</span>
          <input
            type="number"
            min={0}
            max={5000}
            step={100}
            data-testid="audio-hang"
            value={audio.hangMs}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isFinite(v) && v >= 0 && v <= 5000) dispatch(audioPrefsChanged({ hangMs: v }));
            }}
          />
        </label>
      </div>
      {!snap.sinkSelectable && <p className="muted small">{t('radio.audio.noSinkChoice')}</p>}
      <div className="row-actions">
        {snap.running ? (
          <button type="button" className="btn" data-testid="audio-stop" onClick={() => void w?.stop()}>
            {t('radio.audio.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            data-testid="audio-start"
            disabled={!w || snap.starting}
            onClick={() => void w?.start()}
          >
            {snap.starting ? t('radio.audio.starting') : t('radio.audio.start')}
          </button>
        )}
      </div>
    </details>
  );
}

function PttBlock() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const ptt = useAppSelector((s) => s.radio.ptt);
  const profileId = useAppSelector((s) => s.radio.profileId);
  const { data: states } = useRadioPttStateQuery();
  const host = states?.find((s) => s.profileId === profileId);
  const now = useNow(ptt.keyed ? 200 : 1000);
  const left = host?.keyed && host.deadlineAt ? Math.max(0, Math.ceil((host.deadlineAt - now) / 1000)) : null;
  const tot = host?.totSeconds ?? null;
  const stateKey = ptt.keyed ? (host?.keyed ? 'keyed' : 'keying') : 'idle';
  return (
    <div className="ptt-block">
      <button
        type="button"
        className={`ptt-btn${ptt.keyed ? ' keyed' : ''}`}
        data-testid="ptt-button"
        data-keyed={ptt.keyed}
        aria-pressed={ptt.keyed}
        disabled={!profileId}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          e.currentTarget.setPointerCapture?.(e.pointerId);
          void dispatch(pressPtt('button'));
        }}
        onPointerUp={() => void dispatch(releasePtt())}
        onPointerCancel={() => void dispatch(releasePtt())}
        onLostPointerCapture={() => void dispatch(releasePtt())}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.repeat) {
            e.preventDefault();
            void dispatch(pressPtt('button'));
          }
        }}
        onKeyUp={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void dispatch(releasePtt());
          }
        }}
      >
        <span className="ptt-main">{ptt.keyed ? t('radio.ptt.talking') : t('radio.ptt.hold')}</span>
        <span className="ptt-hint">{t('radio.ptt.hint')}</span>
      </button>
      <div className="ptt-status" role="status" data-testid="ptt-status" data-state={stateKey}>
        <span className={`tx-light${ptt.keyed ? ' on' : ''}`} aria-hidden="true" />
        <span>{t(`radio.ptt.state.${stateKey}`)}</span>
        {left !== null && (
          <span className={`tot${left <= 10 ? ' low' : ''}`} data-testid="ptt-tot">
            {t('radio.ptt.tot', { seconds: left })}
          </span>
        )}
        {left === null && tot !== null && (
          <span className="muted small">{t('radio.ptt.totLimit', { seconds: tot })}</span>
        )}
      </div>
      {!profileId && <p className="muted small">{t('radio.ptt.chooseFirst')}</p>}
      {ptt.endedBy && (
        <p className="notice small" data-testid="ptt-ended">
          {t(`radio.ptt.ended.${ptt.endedBy}`, { defaultValue: ptt.endedBy })}
        </p>
      )}
      {ptt.error && (
        <div className="inline-error" role="alert" data-testid="ptt-error">
          {ptt.error.code === 'bad_request' && ptt.error.params?.detail === 'no radio chosen'
            ? t('radio.ptt.chooseFirst')
            : t(ptt.error.key, ptt.error.params)}
          <button type="button" className="btn btn-small" onClick={() => dispatch(pttErrorShown(null))}>
            {t('radio.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}

function ChannelActivity() {
  const { t } = useTranslation();
  const locale = useLocale();
  const log = useAppSelector((s) => s.radio.busyLog);
  if (!log.length) return <p className="muted small">{t('radio.activity.none')}</p>;
  return (
    <ol className="busy-log" aria-label={t('radio.activity.title')}>
      {log.slice(0, 6).map((e) => (
        <li key={`${e.at}-${e.busy}`} data-testid="busy-event" data-busy={e.busy}>
          <time className="mono">{formatTime(e.at, locale)}</time>{' '}
          {e.busy ? t('radio.activity.busy') : t('radio.activity.clear')}
        </li>
      ))}
    </ol>
  );
}

type Tab = 'recordings' | 'messages' | 'heard';

export function RadioPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const snap = useWalkieSnapshot();
  const [tab, setTab] = useState<Tab>('recordings');
  const ref = useRef<HTMLElement>(null);
  const spaceHeld = useRef(false);
  const { data: unread } = useUnreadCount();

  useEffect(() => {
    ref.current?.focus();
  }, []);

  // A space bar released anywhere (focus may have moved) ends the transmission.
  useEffect(() => {
    const up = (e: globalThis.KeyboardEvent) => {
      if (e.key === ' ' && spaceHeld.current) {
        spaceHeld.current = false;
        void dispatch(releasePtt());
      }
    };
    window.addEventListener('keyup', up);
    return () => window.removeEventListener('keyup', up);
  }, [dispatch]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== ' ' || isTypingTarget(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    e.preventDefault();
    if (e.repeat || spaceHeld.current) return;
    spaceHeld.current = true;
    void dispatch(pressPtt('spacebar'));
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (e.key !== ' ' || isTypingTarget(e.target)) return;
    e.preventDefault();
    if (spaceHeld.current) {
      spaceHeld.current = false;
      void dispatch(releasePtt());
    }
  };

  return (
    <aside
      ref={ref}
      className="radio-drawer"
      tabIndex={-1}
      aria-labelledby="radio-title"
      data-testid="radio-panel"
      onKeyDown={onKeyDown}
      onKeyUp={onKeyUp}
    >
      <div className="panel-head">
        <h2 id="radio-title">{t('radio.title')}</h2>
        <div
          className={`busy-light${snap.keyed ? ' tx' : snap.busy ? ' on' : ''}`}
          role="status"
          data-testid="busy-light"
          data-busy={snap.busy}
          title={t('radio.busyLight')}
        >
          <span className="dot" aria-hidden="true" />
          {snap.keyed ? t('radio.txOn') : snap.busy ? t('radio.busy') : t('radio.clear')}
        </div>
        <div className="topbar-spacer" />
        <button type="button" className="btn btn-icon" aria-label={t('radio.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="radio-body">
        <RadioChooser />
        <section className="walkie" aria-label={t('radio.audio.title')}>
          <div className="walkie-row">
            <LevelMeter db={snap.levelDb} />
            <span
              className={`audio-state${snap.running ? ' on' : ''}`}
              data-testid="audio-state"
              data-running={snap.running}
            >
              {snap.running ? t('radio.audio.running') : t('radio.audio.off')}
            </span>
          </div>
          {snap.error && (
            <div
              className="inline-error"
              role="alert"
              data-testid="audio-error"
              title={snap.errorDetail ?? undefined}
            >
              {t(snap.error)}
            </div>
          )}
          <PttBlock />
          <AudioSetup />
          <h3>{t('radio.activity.title')}</h3>
          <ChannelActivity />
        </section>
        <div className="tabs" role="tablist" aria-label={t('radio.tabs')}>
          {(['recordings', 'messages', 'heard'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              id={`radio-tab-${k}`}
              aria-selected={tab === k}
              aria-controls={`radio-tabpanel-${k}`}
              className={`tab${tab === k ? ' on' : ''}`}
              data-testid={`radio-tab-${k}`}
              onClick={() => setTab(k)}
            >
              {t(`radio.tab.${k}`)}
              {k === 'messages' && unread ? <span className="count-badge">{unread}</span> : null}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`radio-tabpanel-${tab}`} aria-labelledby={`radio-tab-${tab}`}>
          {tab === 'recordings' && <RecordingList />}
          {tab === 'messages' && <MessagesTab />}
          {tab === 'heard' && <HeardTab />}
        </div>
      </div>
    </aside>
  );
}

function useUnreadCount(): { data: number } {
  const { data } = useRadioMessageListQuery(MESSAGES_ALL);
  return { data: data?.filter((m) => m.direction === 'in' && m.readAt === null).length ?? 0 };
}
