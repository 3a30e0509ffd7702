import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Suggestion } from '../../../contract/dispatch';
import { useDispatchSuggestQuery } from './dispatchApi';
import { formatDistance } from './format';

interface Props {
  incidentId: string;
  /** What choosing a unit does: dispatch it, or reassign a dispatch to it. */
  onChoose: (s: Suggestion) => void;
  actionLabel: string;
  /** Take the keyboard as soon as the list has units (opened by `d` or a button). */
  autoFocus?: boolean;
  onEscape?: () => void;
  busy?: boolean;
  testId?: string;
}

/**
 * The nearest available units, nearest first, each with its straight-line distance and a button. A keyboard
 * list: ↑/↓ move, Enter chooses, Esc leaves. Arrow keys are kept from the queue's own shortcuts here.
 */
export function SuggestionList({
  incidentId,
  onChoose,
  actionLabel,
  autoFocus,
  onEscape,
  busy,
  testId,
}: Props) {
  const { t } = useTranslation();
  const { data, isFetching, error } = useDispatchSuggestQuery({ incidentId });
  const items = data?.items ?? [];
  const [chosen, setActive] = useState(0);
  // The list can shrink under the cursor (a unit was sent elsewhere): stay on the last one.
  const active = Math.max(0, Math.min(chosen, items.length - 1));
  const listRef = useRef<HTMLUListElement>(null);

  const hasItems = items.length > 0;
  useEffect(() => {
    if (autoFocus && hasItems) listRef.current?.focus();
  }, [autoFocus, hasItems]);

  const onKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(Math.min(Math.max(active + step, 0), Math.max(items.length - 1, 0)));
    } else if (e.key === 'Enter' && items[active] && !busy) {
      e.preventDefault();
      e.stopPropagation();
      onChoose(items[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onEscape?.();
    }
  };

  if (error) return <p className="inline-error">{t('dispatch.suggestFailed')}</p>;
  if (!data && isFetching) return <p className="muted">{t('detail.loading')}</p>;
  if (items.length === 0)
    return (
      <p className="muted" data-testid="suggestions-empty">
        {t('dispatch.noneAvailable')}
      </p>
    );
  return (
    <ul
      className="suggestions"
      ref={listRef}
      tabIndex={0}
      role="listbox"
      aria-label={t('dispatch.nearest')}
      aria-activedescendant={items[active] ? `sugg-${testId ?? ''}-${items[active].unit.id}` : undefined}
      data-testid={testId ?? 'suggestions'}
      onKeyDown={onKey}
    >
      {items.map((s, i) => (
        <li
          key={s.unit.id}
          id={`sugg-${testId ?? ''}-${s.unit.id}`}
          role="option"
          aria-selected={i === active}
          className={`suggestion${i === active ? ' active' : ''}${s.stale ? ' stale' : ''}`}
          data-testid="suggestion"
          data-unit-id={s.unit.id}
          onMouseEnter={() => setActive(i)}
        >
          <span className="sugg-who">
            <span className="sugg-name" title={s.unit.name}>
              {s.unit.name}
            </span>
            <span className="sugg-kind">
              {t(`unitKind.${s.unit.kind}`)}
              {s.stale && <span className="badge-stale">{t('map.stale')}</span>}
            </span>
          </span>
          <span className="sugg-dist" title={t('dispatch.straightLine')}>
            {formatDistance(s.distanceM, t)}
          </span>
          <button
            type="button"
            className="btn btn-small"
            tabIndex={-1}
            disabled={busy}
            data-testid="suggestion-dispatch"
            onClick={() => onChoose(s)}
          >
            {actionLabel}
          </button>
        </li>
      ))}
    </ul>
  );
}
