import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../app/Modal';
import { toHostError } from '../../app/hostClient';
import { useLocale } from '../../app/useLocale';
import { formatDate, formatTime } from '../../i18n/format';
import { useAuditListQuery } from './usersApi';

const PAGE = 50;

interface Filters {
  actor: string;
  action: string;
  entity: string;
  from: string;
  to: string;
  text: string;
}
const EMPTY: Filters = { actor: '', action: '', entity: '', from: '', to: '', text: '' };

/** `datetime-local` gives local wall time without a zone; the browser's zone is the workstation's. */
const toEpoch = (v: string) => (v ? new Date(v).getTime() : undefined);

/** The audit log, newest first, filtered and paged by the host (it may hold millions of rows). */
export function AuditViewer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const [offset, setOffset] = useState(0);
  const from = toEpoch(applied.from);
  const to = toEpoch(applied.to);
  const { data, error, isFetching } = useAuditListQuery({
    limit: PAGE,
    offset,
    ...(applied.actor.trim() && { actor: applied.actor.trim() }),
    ...(applied.action.trim() && { action: applied.action.trim() }),
    ...(applied.entity.trim() && { entity: applied.entity.trim() }),
    ...(applied.text.trim() && { text: applied.text.trim() }),
    ...(from !== undefined && !Number.isNaN(from) && { from }),
    ...(to !== undefined && !Number.isNaN(to) && { to }),
  });
  const err = error ? toHostError(error) : null;
  const field = (k: keyof Filters, type = 'text') => (
    <label className="field">
      <span>{t(`users.audit.${k}`)}</span>
      <input
        type={type}
        data-testid={`audit-filter-${k}`}
        value={draft[k]}
        onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
      />
    </label>
  );
  const total = data?.total ?? 0;
  return (
    <Modal labelledBy="audit-title" onClose={onClose} className="modal-wide" testId="audit-viewer">
      <div className="modal-head">
        <h2 id="audit-title">{t('users.audit.title')}</h2>
        <button type="button" className="btn" onClick={onClose} data-testid="audit-close">
          {t('common.close')}
        </button>
      </div>
      <form
        className="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(draft);
          setOffset(0);
        }}
      >
        {field('actor')}
        {field('action')}
        {field('entity')}
        {field('from', 'datetime-local')}
        {field('to', 'datetime-local')}
        {field('text')}
        <div className="audit-filter-actions">
          <button type="submit" className="btn btn-primary" data-testid="audit-apply">
            {t('users.audit.apply')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(EMPTY);
              setApplied(EMPTY);
              setOffset(0);
            }}
          >
            {t('users.audit.clear')}
          </button>
        </div>
      </form>
      {err && (
        <div className="inline-error" role="alert" data-testid="audit-error">
          {t(err.key, err.params)}
        </div>
      )}
      <div className="audit-table-wrap" aria-busy={isFetching}>
        <table className="data-table audit-table" data-testid="audit-table" data-total={total}>
          <thead>
            <tr>
              <th>{t('users.audit.at')}</th>
              <th>{t('users.audit.actor')}</th>
              <th>{t('users.audit.actionCol')}</th>
              <th>{t('users.audit.entity')}</th>
              <th>{t('users.audit.data')}</th>
            </tr>
          </thead>
          <tbody>
            {(data?.items ?? []).map((r) => (
              <tr key={r.seq} data-testid="audit-row" data-action={r.action}>
                <td className="nowrap">
                  {formatDate(r.at, locale)} {formatTime(r.at, locale)}
                </td>
                <td>{r.actor}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>
                  {r.entity} <span className="muted">{r.entityId.slice(0, 8)}</span>
                </td>
                <td className="audit-data" title={r.data}>
                  {r.data === '{}' ? '' : r.data}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data && data.items.length === 0 && <p className="muted">{t('users.audit.empty')}</p>}
      </div>
      <div className="audit-pager">
        <span data-testid="audit-range">
          {t('users.audit.range', {
            from: total === 0 ? 0 : offset + 1,
            to: Math.min(offset + PAGE, total),
            total,
          })}
        </span>
        <button
          type="button"
          className="btn"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE))}
        >
          {t('users.audit.prev')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="audit-next"
          disabled={offset + PAGE >= total}
          onClick={() => setOffset(offset + PAGE)}
        >
          {t('users.audit.next')}
        </button>
      </div>
    </Modal>
  );
}
