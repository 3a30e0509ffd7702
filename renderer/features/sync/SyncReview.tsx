import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostError } from '../../../contract/errors';
import type { SyncConflictView } from '../../../contract/syncMethods';
import { Modal } from '../../app/Modal';
import { toHostError } from '../../app/hostClient';
import { useLocale } from '../../app/useLocale';
import { formatDateTime } from '../../i18n/format';
import { useAuth } from '../users/useAuth';
import { useSyncConflictReviewMutation, useSyncReviewQuery } from './syncApi';
import './sync.css';

const POLL_OPEN_MS = 5_000;
const POLL_BADGE_MS = 15_000;

const shortId = (id: string) => id.slice(0, 8);

function Side({ label, side, here }: { label: string; side: SyncConflictView['here']; here: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="sync-side" data-testid={here ? 'conflict-here' : 'conflict-arrived'}>
      <div className="sync-side-label">{label}</div>
      <div className="sync-side-status">{t(`status.${side.status}`)}</div>
      <div className="muted small">
        {here ? t('syncReview.thisConsole') : t('syncReview.console', { id: shortId(side.consoleId) })}
        {side.actor && <> · {side.actor}</>}
      </div>
      <div className="muted small">{side.at === null ? '—' : formatDateTime(side.at, locale)}</div>
    </div>
  );
}

function ConflictCard({ c, canReview }: { c: SyncConflictView; canReview: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [note, setNote] = useState('');
  const [error, setError] = useState<HostError | null>(null);
  const [review, state] = useSyncConflictReviewMutation();
  const submit = async () => {
    setError(null);
    try {
      await review({ id: c.id, note: note.trim() || undefined }).unwrap();
    } catch (e) {
      setError(toHostError(e));
    }
  };
  const titleId = `sync-conflict-${c.id}`;
  return (
    <li
      className="sync-conflict"
      data-testid="sync-conflict"
      data-incident={c.incidentId}
      aria-labelledby={titleId}
    >
      <div className="sync-conflict-head">
        <h4 id={titleId}>
          {c.incidentLabel ?? t('syncReview.unknownIncident')}{' '}
          <span className="mono muted small">{shortId(c.incidentId)}</span>
        </h4>
        <span className="muted small">
          {t('syncReview.detectedAt', { at: formatDateTime(c.detectedAt, locale) })}
        </span>
      </div>
      <div className="sync-sides">
        <Side label={t('syncReview.here')} side={c.here} here />
        <span className="sync-vs" aria-hidden="true">
          ⇄
        </span>
        <Side label={t('syncReview.arrived')} side={c.arrived} here={false} />
        <div className="sync-landed" data-testid="conflict-landed">
          <div className="sync-side-label">{t('syncReview.landedOn')}</div>
          <div className="sync-side-status">{c.landedOn ? t(`status.${c.landedOn}`) : '—'}</div>
          <div className="muted small">{t('syncReview.landedHint')}</div>
        </div>
      </div>
      <form
        className="sync-review-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <input
          aria-label={t('syncReview.note')}
          placeholder={t('syncReview.notePlaceholder')}
          maxLength={500}
          value={note}
          disabled={!canReview}
          data-testid="conflict-note"
          onChange={(e) => setNote(e.target.value)}
        />
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!canReview || state.isLoading}
          data-testid="conflict-mark-reviewed"
        >
          {t('syncReview.markReviewed')}
        </button>
      </form>
      {!canReview && <p className="muted small">{t('syncReview.supervisorOnly')}</p>}
      {error && (
        <div className="inline-error" role="alert">
          {t(error.key, error.params)}
        </div>
      )}
    </li>
  );
}

/** The supervisor's screen: status conflicts this console flagged, and remote changes parked for a newer version. */
export function SyncReviewScreen({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { data, isLoading } = useSyncReviewQuery(undefined, { pollingInterval: POLL_OPEN_MS });
  const canReview = can('supervisor');
  const conflicts = data?.conflicts ?? [];
  // A reviewed card leaves the list and takes the focus with it; keep the keyboard inside the dialog (Esc,
  // Tab) by moving to the next conflict's note, or to Close when none is left.
  useEffect(() => {
    const dialog = document.querySelector<HTMLElement>('[data-testid="sync-review"]');
    if (!dialog || dialog.contains(document.activeElement)) return;
    const next =
      dialog.querySelector<HTMLElement>('[data-testid="conflict-note"]:not(:disabled)') ??
      dialog.querySelector<HTMLElement>('[data-testid="sync-review-close"]');
    next?.focus();
  }, [conflicts.length]);
  return (
    <Modal labelledBy="sync-review-title" onClose={onClose} className="sync-review" testId="sync-review">
      <h2 id="sync-review-title">{t('syncReview.title')}</h2>
      <section aria-labelledby="sync-conflicts-title">
        <h3 id="sync-conflicts-title">
          {t('syncReview.conflictsTitle')} <span className="sync-count">{conflicts.length}</span>
        </h3>
        <p className="muted small">{t('syncReview.conflictsHint')}</p>
        {isLoading ? (
          <p className="muted">{t('syncReview.loading')}</p>
        ) : conflicts.length === 0 ? (
          <p className="sync-empty" data-testid="sync-no-conflicts">
            {t('syncReview.noConflicts')}
          </p>
        ) : (
          <ul className="sync-conflicts">
            {conflicts.map((c) => (
              <ConflictCard key={c.id} c={c} canReview={canReview} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="sync-parked-title" className="sync-parked" data-testid="sync-parked">
        <h3 id="sync-parked-title">
          {t('syncReview.parkedTitle')} <span className="sync-count">{data?.parked.count ?? 0}</span>
        </h3>
        {data && data.parked.count > 0 ? (
          <p>
            {t('syncReview.parkedBody', {
              count: data.parked.count,
              needs: data.parked.needsVersion,
              ours: data.parked.thisVersion,
            })}{' '}
            <strong>{t('syncReview.upgrade')}</strong>
          </p>
        ) : (
          <p className="sync-empty">{t('syncReview.noParked')}</p>
        )}
      </section>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose} data-testid="sync-review-close">
          {t('syncReview.close')}
        </button>
      </div>
    </Modal>
  );
}

/** Settings-menu entry to the sync review screen. */
export function SyncReviewNav() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" data-testid="nav-sync-review" onClick={() => setOpen(true)}>
        {t('syncReview.nav')}
      </button>
      {open && <SyncReviewScreen onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Beside the top bar's sync status: shown only when something waits for a supervisor (open conflicts or parked
 * changes), and opens the review screen.
 */
export function SyncAttention() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { data } = useSyncReviewQuery(undefined, { pollingInterval: POLL_BADGE_MS });
  const conflicts = data?.conflicts.length ?? 0;
  const parked = data?.parked.count ?? 0;
  const label = t('syncReview.attention', { conflicts, parked });
  // Nothing waiting: no badge. The screen keeps its place in the tree either way, so it is not remounted
  // (and the keyboard focus not lost) when the last conflict is reviewed.
  return (
    <>
      {(conflicts > 0 || parked > 0) && (
        <button
          type="button"
          className="btn sync-attention"
          data-testid="sync-attention"
          data-conflicts={conflicts}
          aria-label={label}
          title={label}
          onClick={() => setOpen(true)}
        >
          ⚠ {conflicts > 0 ? conflicts : parked}
        </button>
      )}
      {open && <SyncReviewScreen onClose={() => setOpen(false)} />}
    </>
  );
}
