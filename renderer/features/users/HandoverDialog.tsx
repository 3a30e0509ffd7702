import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handover, HandoverSummary } from '../../../contract/users';
import { Modal } from '../../app/Modal';
import { toHostError } from '../../app/hostClient';
import { useAppDispatch } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { formatDate, formatTime } from '../../i18n/format';
import { reportFileName, saveReport } from '../kpi/saveReport';
import { useHandoverListQuery, useHandoverPreviewQuery, useHandoverSignMutation } from './usersApi';
import { resetForNewUser } from './usersEvents';

function SummaryTable({ summary }: { summary: HandoverSummary }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <>
      <p className="handover-counts" data-testid="handover-counts">
        <span data-testid="handover-open-count">
          {t('users.handover.open', { count: summary.openCount })}
        </span>
        {' · '}
        <span data-testid="handover-overdue-count">
          {summary.overdueTracked
            ? t('users.handover.overdue', { count: summary.overdueCount })
            : t('users.handover.overdueUntracked')}
        </span>
      </p>
      {summary.open.length === 0 ? (
        <p className="muted">{t('users.handover.none')}</p>
      ) : (
        <table className="data-table handover-table">
          <thead>
            <tr>
              <th>{t('users.handover.priority')}</th>
              <th>{t('users.handover.category')}</th>
              <th>{t('users.handover.status')}</th>
              <th>{t('users.handover.address')}</th>
              <th>{t('users.handover.since')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.open.map((i) => (
              <tr key={i.id} className={i.overdue ? 'overdue' : ''} data-testid="handover-incident">
                <td>{i.priority}</td>
                <td>{t(`category.${i.category}`, { defaultValue: i.category })}</td>
                <td>
                  {t(`status.${i.status}`, { defaultValue: i.status })}
                  {i.overdue && <strong className="overdue-tag"> {t('users.handover.overdueTag')}</strong>}
                </td>
                <td>{i.address || i.description.slice(0, 60)}</td>
                <td>
                  {formatDate(i.createdAt, locale)} {formatTime(i.createdAt, locale)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The signed record, laid out for paper: the print stylesheet shows only this. */
export function HandoverRecord({ handover }: { handover: Handover }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <article className="handover-record print-area" data-testid="handover-record">
      <h3>{t('users.handover.recordTitle')}</h3>
      <dl className="handover-meta">
        <dt>{t('users.handover.signedAt')}</dt>
        <dd>
          {formatDate(handover.at, locale)} {formatTime(handover.at, locale)}
        </dd>
        <dt>{t('users.handover.outgoing')}</dt>
        <dd data-testid="handover-record-outgoing">
          {handover.outgoing.displayName} ({handover.outgoing.username}) ✔
        </dd>
        <dt>{t('users.handover.incoming')}</dt>
        <dd data-testid="handover-record-incoming">
          {handover.incoming.displayName} ({handover.incoming.username}) ✔
        </dd>
        {handover.note && (
          <>
            <dt>{t('users.handover.note')}</dt>
            <dd>{handover.note}</dd>
          </>
        )}
      </dl>
      <SummaryTable summary={handover.summary} />
      <p className="digest">
        {t('users.handover.digest')}: <code>{handover.digest}</code>
      </p>
    </article>
  );
}

function NewHandover({ onSigned }: { onSigned: (h: Handover) => void }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { data: summary, error: previewError } = useHandoverPreviewQuery(undefined, {
    refetchOnMountOrArgChange: true,
  });
  const [sign, { isLoading, error }] = useHandoverSignMutation();
  const [note, setNote] = useState('');
  const [outgoingPassword, setOutgoingPassword] = useState('');
  const [incomingUsername, setIncomingUsername] = useState('');
  const [incomingPassword, setIncomingPassword] = useState('');
  const err = error ? toHostError(error) : previewError ? toHostError(previewError) : null;
  const ready = outgoingPassword && incomingUsername.trim() && incomingPassword;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void sign({
          outgoingPassword,
          incomingUsername: incomingUsername.trim(),
          incomingPassword,
          note,
          reviewedAt: summary?.at,
        }).then((r) => {
          setOutgoingPassword('');
          setIncomingPassword('');
          if ('data' in r && r.data) {
            onSigned(r.data);
            // The window now belongs to the incoming operator.
            resetForNewUser({ dispatch });
          }
        });
      }}
    >
      {summary ? <SummaryTable summary={summary} /> : <p className="muted">…</p>}
      <label className="field">
        <span>{t('users.handover.note')}</span>
        <textarea
          data-testid="handover-note"
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="handover-signatures">
        <fieldset className="field">
          <legend>{t('users.handover.outgoingSign')}</legend>
          <input
            type="password"
            autoComplete="current-password"
            aria-label={t('users.handover.outgoingPassword')}
            placeholder={t('users.handover.outgoingPassword')}
            data-testid="handover-outgoing-password"
            value={outgoingPassword}
            onChange={(e) => setOutgoingPassword(e.target.value)}
          />
        </fieldset>
        <fieldset className="field">
          <legend>{t('users.handover.incomingSign')}</legend>
          <input
            autoComplete="off"
            aria-label={t('users.username')}
            placeholder={t('users.username')}
            data-testid="handover-incoming-username"
            value={incomingUsername}
            onChange={(e) => setIncomingUsername(e.target.value)}
          />
          <input
            type="password"
            autoComplete="off"
            aria-label={t('users.handover.incomingPassword')}
            placeholder={t('users.handover.incomingPassword')}
            data-testid="handover-incoming-password"
            value={incomingPassword}
            onChange={(e) => setIncomingPassword(e.target.value)}
          />
        </fieldset>
      </div>
      {err && (
        <div className="inline-error" role="alert" data-testid="handover-error" data-code={err.code}>
          {t(err.key, err.params)}
        </div>
      )}
      <button
        type="submit"
        className="btn btn-primary"
        data-testid="handover-sign"
        disabled={isLoading || !ready || !summary}
      >
        {t('users.handover.sign')}
      </button>
    </form>
  );
}

function History({ onOpen }: { onOpen: (h: Handover) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data } = useHandoverListQuery({ limit: 50, offset: 0 });
  if (!data?.items.length) return <p className="muted">{t('users.handover.noHistory')}</p>;
  return (
    <ul className="handover-history" data-testid="handover-history">
      {data.items.map((h) => (
        <li key={h.id}>
          <button type="button" className="btn" onClick={() => onOpen(h)}>
            {formatDate(h.at, locale)} {formatTime(h.at, locale)} · {h.outgoing.displayName} →{' '}
            {h.incoming.displayName} · {t('users.handover.open', { count: h.summary.openCount })}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Shift handover: review the open incidents, both operators sign, then print or close. */
export function HandoverDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [tab, setTab] = useState<'new' | 'history'>('new');
  const [shown, setShown] = useState<Handover | null>(null);
  return (
    <Modal labelledBy="handover-title" onClose={onClose} className="modal-wide" testId="handover-dialog">
      <div className="modal-head no-print">
        <h2 id="handover-title">{t('users.handover.title')}</h2>
        <div className="tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'new' && !shown}
            className={`btn${tab === 'new' && !shown ? ' on' : ''}`}
            onClick={() => {
              setShown(null);
              setTab('new');
            }}
          >
            {t('users.handover.new')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'history'}
            data-testid="handover-tab-history"
            className={`btn${tab === 'history' && !shown ? ' on' : ''}`}
            onClick={() => {
              setShown(null);
              setTab('history');
            }}
          >
            {t('users.handover.history')}
          </button>
        </div>
        <button type="button" className="btn" onClick={onClose} data-testid="handover-close">
          {t('common.close')}
        </button>
      </div>
      {shown ? (
        <>
          <HandoverRecord handover={shown} />
          <div className="no-print">
            <button
              type="button"
              className="btn btn-primary"
              data-testid="handover-print"
              onClick={() => void saveReport(dispatch, reportFileName(t('users.handover.title'), shown.at))}
            >
              {t('users.handover.print')}
            </button>
          </div>
        </>
      ) : tab === 'new' ? (
        <NewHandover onSigned={setShown} />
      ) : (
        <History onOpen={setShown} />
      )}
    </Modal>
  );
}
