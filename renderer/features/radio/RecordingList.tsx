import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recording } from '../../../contract/radio';
import { toHostError } from '../../app/hostClient';
import { addTimelineEntry } from '../../app/hostEvents';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { formatTime } from '../../i18n/format';
import { errorToast, pushToast } from '../toasts/toastsSlice';
import { RECORDINGS_RECENT, useRadioRecordingAttachMutation, useRadioRecordingListQuery } from './radioApi';
import { loadRecordingUrl } from './recordings';
import { uploadDismissed } from './radioSlice';

function seconds(r: Recording): string {
  if (r.endedAt === null) return '…';
  return `${Math.max(0, (r.endedAt - r.startedAt) / 1000).toFixed(1)} s`;
}

function Player({ rec }: { rec: Recording }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  if (url) return <audio className="rec-audio" controls autoPlay src={url} data-testid="recording-audio" />;
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        data-testid="recording-play"
        disabled={loading || rec.state !== 'complete'}
        onClick={async () => {
          setLoading(true);
          setFailed(null);
          try {
            setUrl(await dispatch(loadRecordingUrl(rec)));
          } catch (e) {
            setFailed(toHostError(e).message);
          } finally {
            setLoading(false);
          }
        }}
      >
        {loading ? t('radio.rec.loading') : t('radio.rec.play')}
      </button>
      {failed && (
        <span className="bad small" role="alert">
          {failed}
        </span>
      )}
    </>
  );
}

export function RecordingList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const { data, isLoading, error } = useRadioRecordingListQuery(RECORDINGS_RECENT);
  const uploads = useAppSelector((s) => s.radio.uploads);
  const selectedId = useAppSelector((s) => s.incidents.selectedId);
  const [attach] = useRadioRecordingAttachMutation();
  const err = error ? toHostError(error) : null;
  return (
    <div className="recordings">
      <p className="muted small">{selectedId ? t('radio.rec.attachHint') : t('radio.rec.selectHint')}</p>
      {uploads.map((u) => (
        <div
          key={u.key}
          className={`upload upload-${u.state}`}
          data-testid="recording-upload"
          data-state={u.state}
        >
          {u.state === 'uploading'
            ? t('radio.rec.uploading', { time: formatTime(u.startedAt, locale) })
            : t('radio.rec.uploadFailed', { error: u.error ?? '' })}
          {u.state === 'failed' && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => dispatch(uploadDismissed({ key: u.key }))}
            >
              {t('radio.dismiss')}
            </button>
          )}
        </div>
      ))}
      {err && (
        <div className="inline-error" role="alert">
          {t(err.key, err.params)}
        </div>
      )}
      {isLoading && <p className="muted">{t('detail.loading')}</p>}
      {data && data.length === 0 && <p className="muted">{t('radio.rec.none')}</p>}
      <ul className="rec-list" data-testid="recording-list">
        {data?.map((r) => (
          <li
            key={r.id}
            className={`rec rec-${r.direction}`}
            data-testid="recording-row"
            data-direction={r.direction}
            data-id={r.id}
            data-state={r.state}
          >
            <div className="rec-head">
              <span className={`dir-chip dir-${r.direction}`}>{t(`radio.rec.dir.${r.direction}`)}</span>
              <time className="mono">{formatTime(r.startedAt, locale)}</time>
              <span className="mono">{seconds(r)}</span>
              <span className="rec-channel">{r.channel || t('radio.rec.noChannel')}</span>
              <span className="muted small">
                {t(`radio.rec.source.${r.pttSource}`, { defaultValue: r.pttSource })}
              </span>
            </div>
            <div className="rec-actions">
              <Player rec={r} />
              <button
                type="button"
                className="btn btn-small"
                data-testid="recording-attach"
                disabled={!selectedId || r.state !== 'complete' || r.incidentIds.includes(selectedId)}
                onClick={async () => {
                  if (!selectedId) return;
                  const res = await attach({ id: r.id, incidentId: selectedId });
                  if ('error' in res && res.error) dispatch(errorToast(toHostError(res.error)));
                  else if ('data' in res && res.data) {
                    addTimelineEntry(store, res.data);
                    dispatch(pushToast({ kind: 'success', key: 'radio.rec.attached' }));
                  }
                }}
              >
                {selectedId && r.incidentIds.includes(selectedId)
                  ? t('radio.rec.isAttached')
                  : t('radio.rec.attach')}
              </button>
              {r.incidentIds.length > 0 && (
                <span className="muted small">
                  {t('radio.rec.attachedTo', { count: r.incidentIds.length })}
                </span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
