import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { InputCounters, MonitorRecord } from '../../../contract/radio';
import { useLocale } from '../../app/useLocale';
import { formatTime } from '../../i18n/format';
import {
  NO_FILTER,
  captureFile,
  captureFileName,
  filterRecords,
  hasProblem,
  monitorBuffer,
  type MonitorFilter,
} from '../radio/monitorBuffer';

const COUNTER_KEYS: (keyof InputCounters)[] = [
  'bytesIn',
  'bytesOut',
  'frames',
  'garbage',
  'badChecksum',
  'oversize',
  'unknown',
];

function Counters({
  counters,
  names,
}: {
  counters: Record<string, InputCounters>;
  names: Record<string, string>;
}) {
  const { t } = useTranslation();
  const sources = Object.keys(counters);
  if (!sources.length) return <p className="muted small">{t('tech.mon.noCounters')}</p>;
  return (
    <table className="counters" data-testid="monitor-counters">
      <thead>
        <tr>
          <th>{t('tech.mon.source')}</th>
          {COUNTER_KEYS.map((k) => (
            <th key={k}>{t(`tech.counter.${k}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sources.map((s) => (
          <tr key={s} data-testid="counter-row" data-source={s}>
            <td className="mono">{names[s] ?? s}</td>
            {COUNTER_KEYS.map((k) => (
              <td
                key={k}
                className={`mono${['garbage', 'badChecksum', 'oversize'].includes(k) && counters[s]![k] > 0 ? ' bad' : ''}`}
                data-counter={k}
              >
                {counters[s]![k]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Row({ r, locale, name }: { r: MonitorRecord; locale: string; name: string }) {
  const bad = hasProblem(r);
  return (
    <div className={`mon-row${bad ? ' bad' : ''} dir-${r.direction}`} data-testid="monitor-row">
      <div className="mon-meta mono">
        <time>{formatTime(r.at, locale as 'zh-CN' | 'en-US')}</time>
        <span className="mon-dir">{r.direction === 'rx' ? '◀' : '▶'}</span>
        <span className="mon-src" title={r.source}>
          {name}
        </span>
        <span className="muted">
          {r.bytes} B{r.truncated ? '+' : ''}
        </span>
      </div>
      <div className="mon-hex mono">{r.hex}</div>
      <div className="mon-ascii mono">{r.ascii}</div>
      {r.decoded.map((d, i) => (
        <div key={i} className={`mon-dec${d.problem ? ' bad' : ''}`}>
          <span className="dec-kind">{d.kind}</span> {d.summary}
          {d.problem && <span className="dec-problem"> — {d.problem}</span>}
        </div>
      ))}
    </div>
  );
}

export function MonitorTab({ names }: { names: Record<string, string> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const snap = useSyncExternalStore(monitorBuffer.subscribe, monitorBuffer.getSnapshot);
  const [filter, setFilter] = useState<MonitorFilter>(NO_FILTER);
  const rows = useMemo(() => filterRecords(snap.records, filter), [snap.records, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 76,
    overscan: 8,
  });
  useEffect(() => {
    if (follow && rows.length > 0) v.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [follow, rows.length, v]);
  const sources = [...new Set([...Object.keys(snap.counters), ...snap.records.map((r) => r.source)])];
  const save = () => {
    const at = Date.now();
    const blob = new Blob([captureFile(rows, at)], { type: 'application/x-ndjson' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = captureFileName(at);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="monitor">
      <div className="mon-tools">
        <label className="field">
          <span>{t('tech.mon.source')}</span>
          <select
            data-testid="mon-source"
            value={filter.source}
            onChange={(e) => setFilter({ ...filter, source: e.target.value })}
          >
            <option value="">{t('tech.mon.all')}</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {names[s] ?? s}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('tech.mon.direction')}</span>
          <select
            data-testid="mon-direction"
            value={filter.direction}
            onChange={(e) =>
              setFilter({ ...filter, direction: e.target.value as MonitorFilter['direction'] })
            }
          >
            <option value="">{t('tech.mon.both')}</option>
            <option value="rx">{t('tech.mon.rx')}</option>
            <option value="tx">{t('tech.mon.tx')}</option>
          </select>
        </label>
        <label className="field mon-filter">
          <span>{t('tech.mon.filter')}</span>
          <input
            data-testid="mon-filter"
            value={filter.text}
            placeholder={t('tech.mon.filterHint')}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          />
        </label>
        <label className="field-check">
          <input
            type="checkbox"
            data-testid="mon-problems"
            checked={filter.problemsOnly}
            onChange={(e) => setFilter({ ...filter, problemsOnly: e.target.checked })}
          />
          {t('tech.mon.problemsOnly')}
        </label>
        <label className="field-check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          {t('tech.mon.follow')}
        </label>
        <button
          type="button"
          className={`btn${snap.paused ? ' btn-primary' : ''}`}
          data-testid="mon-pause"
          aria-pressed={snap.paused}
          onClick={() => monitorBuffer.setPaused(!snap.paused)}
        >
          {snap.paused ? t('tech.mon.resume', { n: snap.held }) : t('tech.mon.pause')}
        </button>
        <button type="button" className="btn" data-testid="mon-clear" onClick={() => monitorBuffer.clear()}>
          {t('tech.mon.clear')}
        </button>
        <button type="button" className="btn" data-testid="mon-save" disabled={!rows.length} onClick={save}>
          {t('tech.mon.save')}
        </button>
      </div>
      <Counters counters={snap.counters} names={names} />
      <p className="muted small" data-testid="mon-count">
        {t('tech.mon.count', { shown: rows.length, total: snap.records.length })}
        {snap.dropped > 0 && ` · ${t('tech.mon.dropped', { n: snap.dropped })}`}
      </p>
      <div
        ref={scrollRef}
        className="mon-scroll"
        data-testid="monitor-list"
        tabIndex={0}
        aria-label={t('tech.mon.title')}
      >
        {rows.length === 0 && <p className="muted mon-empty">{t('tech.mon.empty')}</p>}
        <div style={{ height: v.getTotalSize(), position: 'relative' }}>
          {v.getVirtualItems().map((it) => (
            <div
              key={it.key}
              ref={v.measureElement}
              data-index={it.index}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${it.start}px)`,
              }}
            >
              <Row
                r={rows[it.index]!}
                locale={locale}
                name={names[rows[it.index]!.source] ?? rows[it.index]!.source}
              />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
