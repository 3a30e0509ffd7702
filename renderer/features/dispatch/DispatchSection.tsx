import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dispatch } from '../../../contract/dispatch';
import type { Incident } from '../../../contract/domain/incident';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { useNow } from '../../app/useNow';
import { formatTime } from '../../i18n/format';
import { useDispatchListQuery } from './dispatchApi';
import { pickerClosed, pickerOpened } from './dispatchSlice';
import { formatDistance, formatWait } from './format';
import { SuggestionList } from './SuggestionList';
import { useDispatchActions } from './useDispatchActions';
import './dispatch.css';

const CLOSED = new Set(['resolved', 'closed', 'cancelled']);

function DispatchRow({ d, incidentId }: { d: Dispatch; incidentId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(1000);
  const actions = useDispatchActions();
  const [reassigning, setReassigning] = useState(false);
  const active = d.state === 'awaiting_ack' || d.state === 'acknowledged';
  const overdue = d.state === 'awaiting_ack' && now > d.ackDeadline;
  return (
    <li
      className={`dispatch-row ds-${d.state}${overdue ? ' overdue' : ''}`}
      data-testid="dispatch-row"
      data-state={d.state}
      data-unit={d.unitName}
    >
      <div className="dispatch-line">
        <strong className="dispatch-unit">{d.unitName}</strong>
        <span className={`dispatch-state ds-chip-${d.state}`}>{t(`dispatchState.${d.state}`)}</span>
        <span className="muted">{formatDistance(d.distanceM, t)}</span>
        <span className="muted">{formatTime(d.dispatchedAt, locale)}</span>
        {d.state === 'awaiting_ack' && (
          <span className={overdue ? 'ack-overdue' : 'ack-countdown'} data-testid="ack-countdown">
            {overdue
              ? t(d.escalatedAt ? 'dispatch.escalatedShort' : 'dispatch.ackOverdue', {
                  wait: formatWait(now - d.ackDeadline),
                })
              : t('dispatch.ackIn', { wait: formatWait(d.ackDeadline - now) })}
          </span>
        )}
        {d.state === 'acknowledged' && d.ackedAt !== null && (
          <span className="muted">
            {t('dispatch.ackedAt', {
              time: formatTime(d.ackedAt, locale),
              source: t(`dispatch.source.${d.ackSource ?? 'operator'}`, { defaultValue: d.ackSource ?? '' }),
            })}
          </span>
        )}
      </div>
      {active && (
        <div className="dispatch-actions">
          {d.state === 'awaiting_ack' && (
            <button
              type="button"
              className="btn btn-small btn-primary"
              data-testid="dispatch-ack"
              disabled={actions.busy}
              onClick={() => void actions.acknowledge(d.id)}
            >
              {t('dispatch.ackButton')}
            </button>
          )}
          <button
            type="button"
            className="btn btn-small"
            data-testid="dispatch-reassign"
            aria-expanded={reassigning}
            onClick={() => setReassigning((r) => !r)}
          >
            {t('dispatch.reassignButton')}
          </button>
          <button
            type="button"
            className="btn btn-small"
            data-testid="dispatch-recall"
            disabled={actions.busy}
            onClick={() => void actions.recall(d.id)}
          >
            {t('dispatch.recallButton')}
          </button>
        </div>
      )}
      {active && reassigning && (
        <SuggestionList
          incidentId={incidentId}
          testId="reassign-suggestions"
          autoFocus
          actionLabel={t('dispatch.reassignTo')}
          busy={actions.busy}
          onEscape={() => setReassigning(false)}
          onChoose={(s) => void actions.reassign(d.id, s.unit.id).then((ok) => ok && setReassigning(false))}
        />
      )}
    </li>
  );
}

/** The incident's dispatches (ack, reassign, recall) and the way to send more units, in the detail panel. */
export function DispatchSection({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const pickerFor = useAppSelector((s) => s.dispatch.pickerFor);
  const { data } = useDispatchListQuery({ incidentId: incident.id });
  const actions = useDispatchActions();
  const open = pickerFor === incident.id;
  const canDispatch = !CLOSED.has(incident.status);
  const list = data ?? [];
  return (
    <div className="detail-section dispatch-section" data-testid="dispatch-section">
      <div className="section-head">
        <h3>{t('dispatch.title')}</h3>
        {canDispatch && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            data-testid="dispatch-open"
            aria-expanded={open}
            onClick={() => {
              if (open) dispatch(pickerClosed());
              else dispatch(pickerOpened(incident.id));
            }}
          >
            {t('dispatch.openButton')} <kbd>D</kbd>
          </button>
        )}
      </div>
      {open && canDispatch && (
        <SuggestionList
          incidentId={incident.id}
          testId="detail-suggestions"
          autoFocus
          actionLabel={t('dispatch.sendButton')}
          busy={actions.busy}
          onEscape={() => dispatch(pickerClosed())}
          onChoose={(s) => void actions.send(incident.id, [s.unit.id])}
        />
      )}
      {list.length === 0 ? (
        <p className="muted">{t('dispatch.none')}</p>
      ) : (
        <ul className="dispatch-list" data-testid="dispatch-list">
          {list.map((d) => (
            <DispatchRow key={d.id} d={d} incidentId={incident.id} />
          ))}
        </ul>
      )}
    </div>
  );
}
