import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KPI_STAGES, type KpiGroupRow } from '../../../contract/kpi';
import { useCategoryListQuery, useGridListQuery } from '../../app/api';
import { useAppDispatch } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { categoryName, formatDateTime } from '../../i18n/format';
import { useKpiSummaryQuery } from '../incidents/queueApi';
import { setKpiOpen } from '../incidents/queueSlice';
import { KpiChart } from './KpiChart';
import { kpiCsv, minutes } from './kpiTable';
import { reportFileName, saveReport } from './saveReport';
import './kpi.css';

const DAY = 86_400_000;
type Preset = 'today' | 'week' | 'month';

function presetRange(p: Preset, now: number): { from: number; to: number } {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const days = p === 'today' ? 0 : p === 'week' ? 6 : 29;
  return { from: start.getTime() - days * DAY, to: start.getTime() + DAY };
}

/** `<input type="datetime-local">` speaks local time without a zone. */
function toLocalInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The KPI dashboard (top bar → KPIs): drone share, stage times, open/overdue load by grid; CSV and print. */
export function KpiDashboard() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const [range, setRange] = useState(() => presetRange('week', Date.now()));
  const [includeDrill, setIncludeDrill] = useState(false);
  const [includeDemo, setIncludeDemo] = useState(false);
  const { data, isFetching, error } = useKpiSummaryQuery({ ...range, includeDrill, includeDemo });
  const { data: categories } = useCategoryListQuery();
  const { data: cells } = useGridListQuery();
  const gridNames = useMemo(() => new Map((cells ?? []).map((c) => [c.code, c.name])), [cells]);
  const gridName = (code: string) => (code === '' ? t('kpi.outside') : (gridNames.get(code) ?? code));
  const catName = (code: string) => categoryName(code, categories, locale, t);

  const chart = useMemo(() => {
    const rows = data?.byCategory ?? [];
    return {
      labels: rows.map((r) => categoryName(r.key, categories, locale, t)),
      series: KPI_STAGES.map((s) => ({
        name: `${t(`kpi.stage.${s}`)} ${t('kpi.p90')}`,
        values: rows.map((r) => (r.stages[s].p90Ms === null ? null : Number(minutes(r.stages[s].p90Ms)))),
      })),
    };
  }, [data, categories, locale, t]);

  const exportCsv = () => {
    if (!data) return;
    const csv = kpiCsv(data, {
      group: t('kpi.range'),
      key: '',
      incidents: t('kpi.incidents'),
      stage: (s) => t(`kpi.stage.${s}`),
      mean: t('kpi.mean'),
      p90: t('kpi.p90'),
      groupName: (g) =>
        g === 'overall' ? t('kpi.total') : g === 'category' ? t('queueFilters.category') : t('kpi.grid'),
      keyName: (g, key) => (g === 'category' ? catName(key) : gridName(key)),
    });
    download(`fengsui-kpi-${toLocalInput(range.from).slice(0, 10)}.csv`, csv, 'text/csv;charset=utf-8');
  };

  const table = (title: string, rows: KpiGroupRow[], name: (k: string) => string, testId: string) => (
    <section className="kpi-section">
      <h3>{title}</h3>
      <table className="kpi-table" data-testid={testId}>
        <thead>
          <tr>
            <th />
            <th>{t('kpi.incidents')}</th>
            {KPI_STAGES.map((s) => (
              <th key={s} colSpan={2}>
                {t(`kpi.stage.${s}`)}
              </th>
            ))}
          </tr>
          <tr>
            <th />
            <th />
            {KPI_STAGES.map((s) => [
              <th key={`${s}m`}>{t('kpi.mean')}</th>,
              <th key={`${s}p`}>{t('kpi.p90')}</th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{name(r.key)}</th>
              <td>{r.incidents}</td>
              {KPI_STAGES.map((s) => [
                <td key={`${s}m`}>{minutes(r.stages[s].meanMs)}</td>,
                <td key={`${s}p`}>{minutes(r.stages[s].p90Ms)}</td>,
              ])}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );

  return (
    <div className="kpi-dashboard" role="region" aria-labelledby="kpi-title" data-testid="kpi-dashboard">
      <header className="kpi-head">
        <h2 id="kpi-title">{t('kpi.title')}</h2>
        <div className="kpi-range" role="group" aria-label={t('kpi.range')}>
          {(['today', 'week', 'month'] as const).map((p) => (
            <button
              key={p}
              type="button"
              className="btn btn-small"
              data-testid={`kpi-preset-${p}`}
              onClick={() => setRange(presetRange(p, Date.now()))}
            >
              {t(`kpi.${p}`)}
            </button>
          ))}
          <label>
            {t('kpi.from')}{' '}
            <input
              type="datetime-local"
              data-testid="kpi-from"
              value={toLocalInput(range.from)}
              onChange={(e) => {
                const v = new Date(e.target.value).getTime();
                if (Number.isFinite(v) && v < range.to) setRange({ ...range, from: v });
              }}
            />
          </label>
          <label>
            {t('kpi.to')}{' '}
            <input
              type="datetime-local"
              data-testid="kpi-to"
              value={toLocalInput(range.to)}
              onChange={(e) => {
                const v = new Date(e.target.value).getTime();
                if (Number.isFinite(v) && v > range.from) setRange({ ...range, to: v });
              }}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              data-testid="kpi-drill"
              checked={includeDrill}
              onChange={(e) => setIncludeDrill(e.target.checked)}
            />
            {t('kpi.includeDrill')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              data-testid="kpi-demo"
              checked={includeDemo}
              onChange={(e) => setIncludeDemo(e.target.checked)}
            />
            {t('kpi.includeDemo')}
          </label>
        </div>
        <div className="kpi-actions">
          <button type="button" className="btn" data-testid="kpi-csv" disabled={!data} onClick={exportCsv}>
            {t('kpi.exportCsv')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="kpi-print"
            onClick={() =>
              void saveReport(dispatch, reportFileName(t('kpi.title'), Date.now()), { landscape: true })
            }
          >
            {t('kpi.print')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="kpi-close"
            onClick={() => dispatch(setKpiOpen(false))}
          >
            {t('kpi.close')}
          </button>
        </div>
      </header>
      <p className="kpi-print-only">
        {formatDateTime(range.from, locale)} – {formatDateTime(range.to, locale)} ·{' '}
        {t('kpi.printedAt', { at: formatDateTime(Date.now(), locale) })}
      </p>
      {error ? (
        <div className="inline-error" role="alert">
          {String((error as { message?: string }).message ?? '')}
        </div>
      ) : null}
      {!data && isFetching && <div className="queue-empty">{t('kpi.loading')}</div>}
      {data && (
        <div className="kpi-body" aria-busy={isFetching}>
          <div className="kpi-cards">
            <div className="kpi-card" data-testid="kpi-total">
              <span className="kpi-label">{t('kpi.total')}</span>
              <span className="kpi-value">{data.total}</span>
            </div>
            <div
              className={`kpi-card${data.droneShare >= 0.25 ? ' good' : ' warn'}`}
              data-testid="kpi-drone-share"
            >
              <span className="kpi-label">{t('kpi.droneShare')}</span>
              <span className="kpi-value">{(data.droneShare * 100).toFixed(1)} %</span>
              <span className="kpi-sub">
                {data.droneFound} / {data.total} · {t('kpi.droneTarget')}
              </span>
            </div>
            {KPI_STAGES.map((s) => (
              <div className="kpi-card" key={s} data-testid={`kpi-stage-${s}`}>
                <span className="kpi-label">{t(`kpi.stage.${s}`)}</span>
                <span className="kpi-value">{minutes(data.overall.stages[s].meanMs) || '–'}</span>
                <span className="kpi-sub">
                  {t('kpi.p90')} {minutes(data.overall.stages[s].p90Ms) || '–'} min · n=
                  {data.overall.stages[s].n}
                </span>
              </div>
            ))}
          </div>
          {data.total === 0 ? (
            <div className="queue-empty">{t('kpi.empty')}</div>
          ) : (
            <>
              <KpiChart labels={chart.labels} series={chart.series} testId="kpi-chart" />
              {table(t('kpi.byCategory'), data.byCategory, catName, 'kpi-table-category')}
              {table(t('kpi.byGrid'), data.byGrid, gridName, 'kpi-table-grid')}
              <section className="kpi-section">
                <h3>{t('kpi.gridLoad')}</h3>
                <table className="kpi-table" data-testid="kpi-table-load">
                  <thead>
                    <tr>
                      <th>{t('kpi.grid')}</th>
                      <th>{t('kpi.openCount')}</th>
                      <th>{t('kpi.overdueCount')}</th>
                      <th>{t('kpi.incidents')}</th>
                      <th>{t('kpi.workers')}</th>
                      <th>{t('kpi.perWorker')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.gridLoad.map((g) => (
                      <tr key={g.grid}>
                        <th scope="row">{gridName(g.grid)}</th>
                        <td>{g.open}</td>
                        <td className={g.overdue ? 'hot' : ''}>{g.overdue}</td>
                        <td>{g.incidents}</td>
                        <td>{g.workers}</td>
                        <td>{g.perWorker === null ? '' : g.perWorker.toFixed(1)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </>
          )}
        </div>
      )}
    </div>
  );
}

/** The top bar's entry. */
export function KpiNav() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid="kpi-open"
      onClick={() => dispatch(setKpiOpen(true))}
    >
      {t('kpi.open')}
    </button>
  );
}
