import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCategoryListQuery } from '../../app/api';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { useNow } from '../../app/useNow';
import { categoryName, formatAge, formatLonLat } from '../../i18n/format';
import type { Incident } from '../../../contract/domain/incident';
import type { Overdue } from '../../../contract/incidentExtras';
import { openNewForm, select, setFilter, setSearch } from './incidentsSlice';
import { useQueue } from './useQueue';
import { toHostError } from '../../app/hostClient';
import { Markers, PriorityChip } from './PriorityChip';
import { QueueFilters } from './QueueFilters';
import { setQueuePage } from './queueSlice';
import { QUEUE_PAGE } from './queueArgs';
import { useStatusShortcuts } from './useStatusShortcuts';
import { OverdueBadge, useOverdueMap } from '../incidentExtras/overdue';

export const ROW_HEIGHT = 84;
const estimateSize = () => ROW_HEIGHT;
export const SEARCH_INPUT_ID = 'queue-search';

/**
 * The header, search and filters render only when the queue's data or filters change; scrolling re-renders
 * the list alone (QueueList), and a row only when its own incident, overdue state or selection changes
 * (QueueRow). At 100k rows a scroll frame then costs the rows that come into view, not the whole panel
 * (bench/queueUi.ts).
 */
export function IncidentQueue() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const queue = useQueue();
  const { items, total, isLoading, error } = queue;
  const listError = error ? toHostError(error) : null;
  const selectedId = useAppSelector((s) => s.incidents.selectedId);
  const filter = useAppSelector((s) => s.incidents.filter);
  const search = useAppSelector((s) => s.incidents.search);
  const loadedIndex = selectedId ? items.findIndex((i) => i.id === selectedId) : -1;
  useStatusShortcuts(loadedIndex >= 0 ? items[loadedIndex] : undefined);

  return (
    <section className="panel queue" aria-labelledby="queue-title" id="queue">
      <div className="panel-head">
        <h2 id="queue-title">{t('queue.title')}</h2>
        <span className="queue-count" data-testid="queue-count">
          {t('queue.count', { shown: Math.min(total, QUEUE_PAGE), total })}
        </span>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="new-incident-button"
          onClick={() => dispatch(openNewForm())}
        >
          + {t('queue.newIncident')} <kbd>n</kbd>
        </button>
      </div>
      <div className="queue-tools">
        <div className="segmented" role="radiogroup" aria-label={t('queue.filterLabel')}>
          {(['open', 'all'] as const).map((f) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={filter === f}
              className={filter === f ? 'on' : ''}
              data-testid={`filter-${f}`}
              onClick={() => dispatch(setFilter(f))}
            >
              {t(f === 'open' ? 'queue.filterOpen' : 'queue.filterAll')}
            </button>
          ))}
        </div>
        <input
          id={SEARCH_INPUT_ID}
          className="search"
          type="search"
          data-testid="queue-search"
          aria-label={t('queue.searchLabel')}
          placeholder={`${t('queue.search')}  /`}
          value={search}
          onChange={(e) => dispatch(setSearch(e.target.value))}
          onKeyDown={(e) => {
            if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
          }}
        />
      </div>
      <QueueFilters />
      <QueueList
        queue={queue}
        selectedId={selectedId}
        selectedIndex={loadedIndex >= 0 ? queue.offset + loadedIndex : -1}
        isLoading={isLoading}
        errorText={listError ? t(listError.key, listError.params) : null}
      />
    </section>
  );
}

const rowBox = (start: number, size: number) =>
  ({
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    height: size,
    transform: `translateY(${start}px)`,
  }) as const;

/** The virtualized list: the only part of the panel that renders while the queue scrolls. */
function QueueList({
  queue,
  selectedId,
  selectedIndex,
  isLoading,
  errorText,
}: {
  queue: ReturnType<typeof useQueue>;
  selectedId: string | null;
  selectedIndex: number;
  isLoading: boolean;
  errorText: string | null;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { items, itemAt, total } = queue;
  const now = useNow(15_000);
  const overdue = useOverdueMap();
  const parentRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    // The whole result's height; rows outside the loaded pages draw as placeholders until their page arrives.
    count: total,
    getScrollElement: () => parentRef.current,
    estimateSize,
    overscan: 8,
    // No getItemKey: the virtualizer recomputes every row's offset (all `total` of them) whenever that function
    // changes, and a key from the loaded rows changes with every render. Rows are fixed-height, so the index
    // is key enough for the virtualizer; React keys below still follow the incident.
    // Lets jsdom (no layout) render the first rows too.
    initialRect: { width: 420, height: 800 },
  });

  const startIndex = virtualizer.range?.startIndex ?? 0;
  const page = Math.floor(startIndex / QUEUE_PAGE);
  useEffect(() => {
    dispatch(setQueuePage(page));
  }, [page, dispatch]);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div
      ref={parentRef}
      className="queue-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('queue.title')}
      aria-activedescendant={selectedIndex >= 0 ? `row-${selectedId}` : undefined}
      data-testid="incident-queue"
      data-total={isLoading ? undefined : total}
    >
      {errorText && (
        <div className="inline-error" role="alert" data-testid="queue-error">
          {errorText}
        </div>
      )}
      {isLoading && <div className="queue-empty">{t('queue.loading')}</div>}
      {!isLoading && !errorText && items.length === 0 && (
        <div className="queue-empty">{t('queue.empty')}</div>
      )}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {virtualizer.getVirtualItems().map((v) => {
          const i = itemAt(v.index);
          if (!i) {
            return (
              <div
                key={v.key}
                className="queue-row queue-row-pending"
                aria-hidden="true"
                style={rowBox(v.start, v.size)}
              />
            );
          }
          return (
            <QueueRow
              key={i.id}
              incident={i}
              start={v.start}
              size={v.size}
              selected={i.id === selectedId}
              overdue={overdue.get(i.id)}
              now={now}
            />
          );
        })}
      </div>
    </div>
  );
}

/** One incident in the queue; memoized, so a scroll frame renders only the rows that come into view. */
const QueueRow = memo(function QueueRow({
  incident: i,
  start,
  size,
  selected,
  overdue,
  now,
}: {
  incident: Incident;
  start: number;
  size: number;
  selected: boolean;
  overdue: Overdue | undefined;
  now: number;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const { data: categories } = useCategoryListQuery();
  return (
    <div
      id={`row-${i.id}`}
      role="option"
      aria-selected={selected}
      data-testid="incident-row"
      data-id={i.id}
      data-priority={i.priority}
      data-status={i.status}
      data-overdue={overdue ? 'true' : undefined}
      className={`queue-row${selected ? ' selected' : ''} row-${i.priority}${overdue ? ' overdue' : ''}`}
      style={rowBox(start, size)}
      onClick={() => dispatch(select(i.id))}
    >
      <div className="row-line1">
        <PriorityChip priority={i.priority} />
        <span className="row-category">{categoryName(i.category, categories, locale, t)}</span>
        <span className={`status-chip st-${i.status}`}>{t(`status.${i.status}`)}</span>
        <Markers isDemo={i.isDemo} isDrill={i.isDrill} />
        <OverdueBadge overdue={overdue} compact />
        <span className="row-age" title={new Date(i.createdAt).toISOString()}>
          {formatAge(t, i.createdAt, now)}
        </span>
      </div>
      <div className="row-line2">{i.address || formatLonLat(i.location.lon, i.location.lat)}</div>
      <div className="row-line3">{i.description}</div>
    </div>
  );
});
