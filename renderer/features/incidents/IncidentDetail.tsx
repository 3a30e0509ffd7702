import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  allowedNextStatuses,
  INCIDENT_STATUSES,
  type IncidentStatus,
  type TimelineEntry,
} from '../../../contract/domain/incident';
import type { HostError } from '../../../contract/errors';
import {
  api,
  useCategoryListQuery,
  useIncidentAddNoteMutation,
  useIncidentGetQuery,
  useIncidentSetStatusMutation,
} from '../../app/api';
import { toHostError } from '../../app/hostClient';
import { upsertIncident, addTimelineEntry } from '../../app/hostEvents';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { categoryName, formatDateTime, formatLonLat } from '../../i18n/format';
import { errorToast, pushToast } from '../toasts/toastsSlice';
import { Markers, PriorityChip } from './PriorityChip';
import type { Locale } from '../../../contract/errorMessages';
import { ExtraTimelineBody, handlesEntry } from '../incidentExtras/TimelineExtras';
import { IncidentExtrasPanel } from '../incidentExtras/IncidentExtrasPanel';
import { DispatchSection } from '../dispatch/DispatchSection';
import { DispatchTimelineBody } from '../dispatch/DispatchTimelineBody';

function isStatus(v: unknown): v is IncidentStatus {
  return typeof v === 'string' && (INCIDENT_STATUSES as readonly string[]).includes(v);
}

function TimelineItem({ e, t, locale }: { e: TimelineEntry; t: TFunction; locale: Locale }) {
  const d = e.data;
  let body: ReactNode = null;
  if (handlesEntry(e)) {
    body = <ExtraTimelineBody e={e} />;
  } else if (e.kind === 'status') {
    const from = isStatus(d.from) ? t(`status.${d.from}`) : String(d.from ?? '?');
    const to = isStatus(d.to) ? t(`status.${d.to}`) : String(d.to ?? '?');
    body = (
      <>
        <span className="tl-transition">
          {from} → <strong>{to}</strong>
        </span>
        {typeof d.note === 'string' && d.note && <div className="tl-text">{d.note}</div>}
      </>
    );
  } else if (e.kind === 'note') {
    body = <div className="tl-text">{String(d.text ?? d.note ?? '')}</div>;
  } else if (e.kind === 'created') {
    body = (
      <div className="tl-text">
        {isStatus(d.status) && <span>→ {t(`status.${d.status}`)}</span>}
        {typeof d.gridCode === 'string' && d.gridCode && (
          <span> · {t('timeline.gridCell', { code: d.gridCode })}</span>
        )}
        {d.outsideGrid === true && <span> · {t('timeline.outsideGrid')}</span>}
      </div>
    );
  } else if (e.kind === 'dispatch' || e.kind === 'ack') {
    body = <DispatchTimelineBody e={e} />;
  } else {
    const text = typeof d.text === 'string' ? d.text : typeof d.note === 'string' ? d.note : '';
    body = text ? <div className="tl-text">{text}</div> : null;
  }
  return (
    <li className={`tl-entry tl-${e.kind}`} data-testid="timeline-entry" data-kind={e.kind}>
      <div className="tl-head">
        <span className="tl-kind">{t(`timeline.${e.kind}`, { defaultValue: e.kind })}</span>
        <time className="tl-time" dateTime={new Date(e.at).toISOString()}>
          {formatDateTime(e.at, locale)}
        </time>
      </div>
      {body}
      <div className="tl-actor">{t('timeline.by', { actor: e.actor })}</div>
    </li>
  );
}

function ErrorLine({ error }: { error: HostError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="inline-error" role="alert" data-testid="detail-error">
      {t(error.key, error.params)}
    </div>
  );
}

export function IncidentDetail() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const selectedId = useAppSelector((s) => s.incidents.selectedId);
  const { data, isFetching, error } = useIncidentGetQuery({ id: selectedId ?? '' }, { skip: !selectedId });
  const { data: categories } = useCategoryListQuery();
  const [setStatus, setStatusState] = useIncidentSetStatusMutation();
  const [addNote, addNoteState] = useIncidentAddNoteMutation();
  const [statusNote, setStatusNote] = useState('');
  const [note, setNote] = useState('');
  const [actionError, setActionError] = useState<HostError | null>(null);

  if (!selectedId) {
    return (
      <section className="panel detail" data-testid="detail-panel" aria-labelledby="detail-title">
        <div className="panel-head">
          <h2 id="detail-title">{t('detail.title')}</h2>
        </div>
        <p className="detail-empty">{t('detail.empty')}</p>
      </section>
    );
  }
  const inc = data?.incident.id === selectedId ? data.incident : null;
  const loadError = error ? toHostError(error) : null;

  const changeStatus = async (to: IncidentStatus) => {
    if (!inc) return;
    setActionError(null);
    const n = statusNote.trim();
    const r = await setStatus({
      id: inc.id,
      status: to,
      ...(n ? { note: n } : {}),
      expectedVersion: inc.version,
    });
    if ('error' in r && r.error) {
      const e = toHostError(r.error);
      setActionError(e);
      dispatch(errorToast(e));
      // Someone else changed it first: reload so the status and its buttons are current.
      if (e.code === 'conflict' || e.code === 'illegal_transition') {
        dispatch(api.util.invalidateTags([{ type: 'Incident', id: inc.id }]));
      }
    } else if ('data' in r && r.data) {
      upsertIncident(store, r.data, null);
      setStatusNote('');
      dispatch(
        pushToast({ kind: 'success', key: 'detail.statusChanged', keyParams: { to: `status.${to}` } }),
      );
    }
  };
  const saveNote = async () => {
    if (!inc || !note.trim()) return;
    setActionError(null);
    const r = await addNote({ id: inc.id, text: note.trim() });
    if ('error' in r && r.error) {
      const e = toHostError(r.error);
      setActionError(e);
      dispatch(errorToast(e));
    } else if ('data' in r && r.data) {
      addTimelineEntry(store, r.data);
      setNote('');
      dispatch(pushToast({ kind: 'success', key: 'detail.noteAdded' }));
    }
  };

  const timeline =
    data && inc ? [...data.timeline].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)) : [];
  const next = inc ? allowedNextStatuses(inc.status) : [];
  const busy = setStatusState.isLoading || addNoteState.isLoading;

  return (
    <section
      className="panel detail"
      data-testid="detail-panel"
      data-id={selectedId}
      aria-labelledby="detail-title"
    >
      <div className="panel-head">
        <h2 id="detail-title">{t('detail.title')}</h2>
        {isFetching && <span className="muted">{t('detail.loading')}</span>}
      </div>
      {loadError && <ErrorLine error={loadError} />}
      {!inc && !loadError && <p className="detail-empty">{t('detail.loading')}</p>}
      {inc && (
        <div className="detail-body">
          <div className="detail-title">
            <PriorityChip priority={inc.priority} long />
            <span className="detail-category">{categoryName(inc.category, categories, locale, t)}</span>
            <span
              className={`status-chip st-${inc.status}`}
              data-testid="detail-status"
              data-status={inc.status}
            >
              {t(`status.${inc.status}`)}
            </span>
            <Markers isDemo={inc.isDemo} isDrill={inc.isDrill} />
          </div>
          <p className="detail-description" data-testid="detail-description">
            {inc.description}
          </p>
          <dl className="fields">
            <dt>{t('detail.address')}</dt>
            <dd className="wide" data-testid="detail-address">
              {inc.address || t('detail.none')}
            </dd>
            <dt>{t('detail.location')}</dt>
            <dd className="mono wide">{formatLonLat(inc.location.lon, inc.location.lat)}</dd>
            <dt>{t('detail.source')}</dt>
            <dd>{t(`source.${inc.source}`)}</dd>
            <dt>{t('detail.reporter')}</dt>
            <dd>{inc.reporter || t('detail.none')}</dd>
            <dt>{t('detail.grid')}</dt>
            <dd>{inc.gridCode ?? t('detail.none')}</dd>
            <dt>{t('detail.createdBy')}</dt>
            <dd>{inc.createdBy}</dd>
            <dt>{t('detail.createdAt')}</dt>
            <dd className="wide">{formatDateTime(inc.createdAt, locale)}</dd>
            <dt>{t('detail.updatedAt')}</dt>
            <dd className="wide">{formatDateTime(inc.updatedAt, locale)}</dd>
            <dt>{t('detail.drill')}</dt>
            <dd>{inc.isDrill ? t('detail.yes') : t('detail.no')}</dd>
            <dt>{t('detail.demo')}</dt>
            <dd>{inc.isDemo ? t('detail.yes') : t('detail.no')}</dd>
            <dt>{t('detail.id')}</dt>
            <dd className="mono small wide">
              {inc.id} · v{inc.version}
            </dd>
          </dl>

          <DispatchSection incident={inc} />

          <div className="detail-section">
            <h3>{t('detail.changeStatus')}</h3>
            {next.length === 0 ? (
              <p className="muted">{t('detail.noNextStatus')}</p>
            ) : (
              <div className="status-buttons">
                {next.map((s) => (
                  <button
                    key={s}
                    type="button"
                    className={`btn status-btn sb-${s}`}
                    data-testid={`status-button-${s}`}
                    disabled={busy}
                    onClick={() => void changeStatus(s)}
                  >
                    {t(`statusAction.${s}`)}
                  </button>
                ))}
              </div>
            )}
            {next.length > 0 && (
              <label className="field">
                <span>
                  {t(
                    next.some((s) => s === 'resolved' || s === 'closed')
                      ? 'dispatch.closeOutNote'
                      : 'detail.statusNote',
                  )}
                </span>
                <input
                  type="text"
                  data-testid="status-note"
                  value={statusNote}
                  maxLength={2000}
                  onChange={(e) => setStatusNote(e.target.value)}
                />
              </label>
            )}
            <ErrorLine error={actionError} />
          </div>

          <div className="detail-section">
            <h3>{t('detail.addNote')}</h3>
            <form
              className="note-form"
              onSubmit={(e) => {
                e.preventDefault();
                void saveNote();
              }}
            >
              <textarea
                data-testid="note-input"
                aria-label={t('detail.addNote')}
                placeholder={t('detail.notePlaceholder')}
                value={note}
                maxLength={4000}
                rows={2}
                onChange={(e) => setNote(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                    e.preventDefault();
                    void saveNote();
                  }
                }}
              />
              <button type="submit" className="btn" data-testid="note-submit" disabled={busy || !note.trim()}>
                {t('detail.noteButton')}
              </button>
            </form>
          </div>

          {data && <IncidentExtrasPanel incident={inc} timeline={data.timeline} />}

          <div className="detail-section">
            <h3>{t('detail.timeline')}</h3>
            {timeline.length === 0 ? (
              <p className="muted">{t('detail.timelineEmpty')}</p>
            ) : (
              <ol className="timeline" data-testid="timeline">
                {timeline.map((e) => (
                  <TimelineItem key={e.id} e={e} t={t} locale={locale} />
                ))}
              </ol>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
