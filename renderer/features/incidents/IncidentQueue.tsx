import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCategoryListQuery } from '../../app/api';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { useNow } from '../../app/useNow';
import { categoryName, formatAge, formatLonLat } from '../../i18n/format';
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
export const SEARCH_INPUT_ID = 'queue-search';

export function IncidentQueue() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const { items, offset, itemAt, total, isLoading, error } = useQueue();
  const listError = error ? toHostError(error) : null;
  const { data: categories } = useCategoryListQuery();
  const selectedId = useAppSelector((s) => s.incidents.selectedId);
  const filter = useAppSelector((s) => s.incidents.filter);
  const search = useAppSelector((s) => s.incidents.search);
  const now = useNow(15_000);
  const overdue = useOverdueMap();
  const parentRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    // The whole result's height; rows outside the loaded pages draw as placeholders until their page arrives.
    count: total,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (i) => itemAt(i)?.id ?? `slot-${i}`,
    // Lets jsdom (no layout) render the first rows too.
    initialRect: { width: 420, height: 800 },
  });

  const loadedIndex = selectedId ? items.findIndex((i) => i.id === selectedId) : -1;
  const selectedIndex = loadedIndex >= 0 ? offset + loadedIndex : -1;
  useStatusShortcuts(loadedIndex >= 0 ? items[loadedIndex] : undefined);
  const startIndex = virtualizer.range?.startIndex ?? 0;
  const page = Math.floor(startIndex / QUEUE_PAGE);
  useEffect(() => {
    dispatch(setQueuePage(page));
  }, [page, dispatch]);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

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
      <div
        ref={parentRef}
        className="queue-list"
        role="listbox"
        tabIndex={0}
        aria-label={t('queue.title')}
        aria-activedescendant={selectedIndex >= 0 ? `row-${selectedId}` : undefined}
        data-testid="incident-queue"
      >
        {listError && (
          <div className="inline-error" role="alert" data-testid="queue-error">
            {t(listError.key, listError.params)}
          </div>
        )}
        {isLoading && <div className="queue-empty">{t('queue.loading')}</div>}
        {!isLoading && !listError && items.length === 0 && (
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
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    width: '100%',
                    height: v.size,
                    transform: `translateY(${v.start}px)`,
                  }}
                />
              );
            }
            const selected = i.id === selectedId;
            return (
              <div
                key={i.id}
                id={`row-${i.id}`}
                role="option"
                aria-selected={selected}
                data-testid="incident-row"
                data-id={i.id}
                data-priority={i.priority}
                data-status={i.status}
                data-overdue={overdue.has(i.id) ? 'true' : undefined}
                className={`queue-row${selected ? ' selected' : ''} row-${i.priority}${overdue.has(i.id) ? ' overdue' : ''}`}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  height: v.size,
                  transform: `translateY(${v.start}px)`,
                }}
                onClick={() => dispatch(select(i.id))}
              >
                <div className="row-line1">
                  <PriorityChip priority={i.priority} />
                  <span className="row-category">{categoryName(i.category, categories, locale, t)}</span>
                  <span className={`status-chip st-${i.status}`}>{t(`status.${i.status}`)}</span>
                  <Markers isDemo={i.isDemo} isDrill={i.isDrill} />
                  <OverdueBadge overdue={overdue.get(i.id)} compact />
                  <span className="row-age" title={new Date(i.createdAt).toISOString()}>
                    {formatAge(t, i.createdAt, now)}
                  </span>
                </div>
                <div className="row-line2">{i.address || formatLonLat(i.location.lon, i.location.lat)}</div>
                <div className="row-line3">{i.description}</div>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
