import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INCIDENT_SOURCES, PRIORITIES, type IncidentSource } from '../../../contract/domain/incident';
import type { GridCell } from '../../../contract/domain/grid';
import type { DrillFilter } from '../../../contract/queue';
import { useCategoryListQuery, useGridListQuery } from '../../app/api';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { categoryName } from '../../i18n/format';
import { clearQueueFilters, setQueueFilter, togglePriority } from './queueSlice';

/** The grid as a depth-first list (street → community → grid → compound) for an indented picker. */
export function gridTree(cells: readonly GridCell[]): { cell: GridCell; depth: number }[] {
  const children = new Map<string | null, GridCell[]>();
  const codes = new Set(cells.map((c) => c.code));
  for (const c of cells) {
    const parent = c.parentCode && codes.has(c.parentCode) ? c.parentCode : null;
    children.set(parent, [...(children.get(parent) ?? []), c]);
  }
  const out: { cell: GridCell; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const c of (children.get(parent) ?? []).sort((a, b) => a.code.localeCompare(b.code))) {
      out.push({ cell: c, depth });
      if (depth < 8) walk(c.code, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The queue's filter bar: category, priority, source, grid (any level), overdue, drill. */
export function QueueFilters() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const f = useAppSelector((s) => s.queue);
  const { data: categories } = useCategoryListQuery();
  const { data: cells } = useGridListQuery();
  const tree = useMemo(() => gridTree(cells ?? []), [cells]);
  const active =
    f.category || f.priorities.length || f.source || f.gridCode || f.overdue || f.drill !== 'include';
  return (
    <div
      className="queue-filters"
      role="group"
      aria-label={t('queueFilters.label')}
      data-testid="queue-filters"
    >
      <select
        aria-label={t('queueFilters.category')}
        data-testid="filter-category"
        value={f.category ?? ''}
        onChange={(e) => dispatch(setQueueFilter({ category: e.target.value || null }))}
      >
        <option value="">{t('queueFilters.anyCategory')}</option>
        {(categories ?? []).map((c) => (
          <option key={c.code} value={c.code}>
            {categoryName(c.code, categories, locale, t)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('queueFilters.source')}
        data-testid="filter-source"
        value={f.source ?? ''}
        onChange={(e) =>
          dispatch(setQueueFilter({ source: (e.target.value || null) as IncidentSource | null }))
        }
      >
        <option value="">{t('queueFilters.anySource')}</option>
        {INCIDENT_SOURCES.map((s) => (
          <option key={s} value={s}>
            {t(`source.${s}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('queueFilters.grid')}
        data-testid="filter-grid"
        value={f.gridCode ?? ''}
        onChange={(e) => dispatch(setQueueFilter({ gridCode: e.target.value || null }))}
      >
        <option value="">{t('queueFilters.anyGrid')}</option>
        {tree.map(({ cell, depth }) => (
          <option key={cell.code} value={cell.code}>
            {`${'\u00a0\u00a0'.repeat(depth)}${cell.name}`}
          </option>
        ))}
      </select>
      <span className="priority-toggles" role="group" aria-label={t('queueFilters.priority')}>
        {PRIORITIES.map((p) => (
          <button
            key={p}
            type="button"
            className={`chip-toggle${f.priorities.includes(p) ? ' on' : ''}`}
            aria-pressed={f.priorities.includes(p)}
            data-testid={`filter-priority-${p}`}
            onClick={() => dispatch(togglePriority(p))}
          >
            {p}
          </button>
        ))}
      </span>
      <label className="check">
        <input
          type="checkbox"
          data-testid="filter-overdue"
          checked={f.overdue}
          onChange={(e) => dispatch(setQueueFilter({ overdue: e.target.checked }))}
        />
        {t('queueFilters.overdue')}
      </label>
      <select
        aria-label={t('queueFilters.drill')}
        data-testid="filter-drill"
        value={f.drill}
        onChange={(e) => dispatch(setQueueFilter({ drill: e.target.value as DrillFilter }))}
      >
        <option value="include">{t('queueFilters.drillInclude')}</option>
        <option value="exclude">{t('queueFilters.drillExclude')}</option>
        <option value="only">{t('queueFilters.drillOnly')}</option>
      </select>
      {active ? (
        <button
          type="button"
          className="btn btn-small"
          data-testid="filter-clear"
          onClick={() => dispatch(clearQueueFilters())}
        >
          {t('queueFilters.clear')}
        </button>
      ) : null}
    </div>
  );
}
