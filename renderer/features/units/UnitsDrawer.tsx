import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPositionStale, MANUAL_UNIT_STATUSES } from '../../../contract/dispatch';
import type { Unit } from '../../../contract/domain/unit';
import { useGridListQuery, useUnitListQuery } from '../../app/api';
import { toHostError } from '../../app/hostClient';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { useNow } from '../../app/useNow';
import { formatDateTime } from '../../i18n/format';
import { useUnitSetStatusMutation } from '../dispatch/dispatchApi';
import { unitsToggled } from '../dispatch/dispatchSlice';
import { dispatchErrorToast } from '../dispatch/useDispatchActions';
import { UnitForm } from './UnitForm';
import '../dispatch/dispatch.css';

function UnitRow({ u, now, onEdit }: { u: Unit; now: number; onEdit: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const [setStatus] = useUnitSetStatusMutation();
  const stale = u.position !== null && isPositionStale(u, now);
  return (
    <tr
      data-testid="unit-row"
      data-unit-id={u.id}
      data-status={u.status}
      data-stale={stale ? 'true' : 'false'}
    >
      <td>
        <strong>{u.name}</strong>
        {u.isDemo && <span className="badge-demo">DEMO</span>}
        <div className="muted small">{t(`unitKind.${u.kind}`)}</div>
      </td>
      <td>
        {u.status === 'dispatched' ? (
          <span className="unit-status us-dispatched">{t('unitStatus.dispatched')}</span>
        ) : (
          <select
            className={`unit-status us-${u.status}`}
            aria-label={t('units.status')}
            value={u.status}
            onChange={async (e) => {
              const r = await setStatus({
                id: u.id,
                status: e.target.value as (typeof MANUAL_UNIT_STATUSES)[number],
              });
              if ('error' in r) dispatch(dispatchErrorToast(toHostError(r.error)));
            }}
          >
            {MANUAL_UNIT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`unitStatus.${s}`)}
              </option>
            ))}
          </select>
        )}
      </td>
      <td className="small">
        {u.homeGrid ?? '—'}
        <div className="muted">{[u.callsign, u.sipUri].filter(Boolean).join(' · ') || '—'}</div>
      </td>
      <td className="small">
        {u.position ? (
          <>
            <span
              className="mono"
              data-testid="unit-position"
              data-lon={u.position.lon}
              data-lat={u.position.lat}
            >
              {u.position.lon.toFixed(5)}, {u.position.lat.toFixed(5)}
            </span>
            <div className={stale ? 'stale-text' : 'muted'}>
              {u.positionAt !== null ? formatDateTime(u.positionAt, locale) : ''} · {u.positionSource ?? ''}
              {stale && <span className="badge-stale">{t('map.stale')}</span>}
            </div>
          </>
        ) : (
          <span className="muted">{t('units.noPosition')}</span>
        )}
      </td>
      <td>
        <button type="button" className="btn btn-small" data-testid="unit-edit" onClick={onEdit}>
          {t('units.edit')}
        </button>
      </td>
    </tr>
  );
}

/** The units list (status, home grid, contact, last position with its age) and the unit editor. */
export function UnitsDrawer() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const open = useAppSelector((s) => s.dispatch.unitsOpen);
  const { data: units } = useUnitListQuery();
  const { data: grid } = useGridListQuery();
  const now = useNow(15_000);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  if (!open) return null;
  return (
    <aside className="units-drawer" data-testid="units-drawer" aria-labelledby="units-title">
      <div className="panel-head">
        <h2 id="units-title">{t('units.title')}</h2>
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-testid="unit-new"
          onClick={() => setEditing('new')}
        >
          {t('units.new')}
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="toast-close"
          aria-label={t('units.close')}
          data-testid="units-close"
          onClick={() => dispatch(unitsToggled(false))}
        >
          ×
        </button>
      </div>
      {editing && (
        <UnitForm
          unit={editing === 'new' ? null : editing}
          gridCodes={(grid ?? []).map((g) => ({ code: g.code, name: g.name }))}
          onDone={() => setEditing(null)}
        />
      )}
      <div className="units-scroll">
        <table className="units-table" data-testid="units-table">
          <thead>
            <tr>
              <th>{t('units.name')}</th>
              <th>{t('units.status')}</th>
              <th>{t('units.homeGridContact')}</th>
              <th>{t('units.position')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(units ?? []).map((u) => (
              <UnitRow key={u.id} u={u} now={now} onEdit={() => setEditing(u)} />
            ))}
          </tbody>
        </table>
      </div>
    </aside>
  );
}
