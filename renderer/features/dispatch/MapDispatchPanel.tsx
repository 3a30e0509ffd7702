import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../contract/domain/incident';
import { SuggestionList } from './SuggestionList';
import { useDispatchActions } from './useDispatchActions';
import './dispatch.css';

const CLOSED = new Set(['resolved', 'closed', 'cancelled']);

/**
 * On the map, for the selected incident: the nearest available units with their distance and a Dispatch
 * button each. Units can also be dragged onto the incident. Hidden for finished incidents.
 */
export function MapDispatchPanel({ incident }: { incident: Incident | null }) {
  const { t } = useTranslation();
  const actions = useDispatchActions();
  const [hiddenFor, setHiddenFor] = useState<string | null>(null);
  if (!incident || CLOSED.has(incident.status)) return null;
  if (hiddenFor === incident.id) {
    return (
      <button
        type="button"
        className="btn btn-small map-dispatch-show"
        data-testid="map-dispatch-show"
        onClick={() => setHiddenFor(null)}
      >
        {t('dispatch.nearest')}
      </button>
    );
  }
  return (
    <section className="map-dispatch" data-testid="map-dispatch" aria-label={t('dispatch.nearest')}>
      <div className="map-dispatch-head">
        <strong>{t('dispatch.nearest')}</strong>
        <button
          type="button"
          className="toast-close"
          aria-label={t('map.cancel')}
          onClick={() => setHiddenFor(incident.id)}
        >
          ×
        </button>
      </div>
      <p className="map-dispatch-hint">{t('dispatch.dragHint')}</p>
      <SuggestionList
        incidentId={incident.id}
        testId="map-suggestions"
        actionLabel={t('dispatch.sendButton')}
        busy={actions.busy}
        onChoose={(s) => void actions.send(incident.id, [s.unit.id])}
      />
      <p className="map-dispatch-hint">{t('dispatch.straightLine')}</p>
    </section>
  );
}
