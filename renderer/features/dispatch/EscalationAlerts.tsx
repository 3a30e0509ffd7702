import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { formatTime } from '../../i18n/format';
import { select } from '../incidents/incidentsSlice';
import { alertCleared } from './dispatchSlice';

/**
 * Dispatches nobody acknowledged in time, for the supervisor. They stay until the unit acknowledges, the
 * dispatch ends, or someone on duty dismisses them; each one opens its incident.
 */
export function EscalationAlerts() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const alerts = useAppSelector((s) => s.dispatch.alerts);
  if (alerts.length === 0) return null;
  return (
    <div className="escalations" role="alert" data-testid="escalations">
      <strong className="escalations-title">{t('dispatch.supervisorAlert')}</strong>
      <ul>
        {alerts.map((a) => (
          <li key={a.dispatchId} data-testid="escalation">
            <button type="button" className="link-button" onClick={() => dispatch(select(a.incidentId))}>
              {t('dispatch.escalatedAlert', { unit: a.unitName, time: formatTime(a.at, locale) })}
            </button>
            <button
              type="button"
              className="toast-close"
              aria-label={t('toast.close')}
              onClick={() => dispatch(alertCleared(a.dispatchId))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
