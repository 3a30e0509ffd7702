import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overdue } from '../../../contract/incidentExtras';
import { useSlaOverdueQuery } from './extrasApi';
import { useBlink } from '../../app/useBlink';

/** The host's overdue set by incident id (kept current by the `sla.overdue` event). */
export function useOverdueMap(): Map<string, Overdue> {
  const { data } = useSlaOverdueQuery();
  return useMemo(() => new Map((data ?? []).map((o) => [o.incidentId, o])), [data]);
}

/** Top bar: how many incidents are past an SLA deadline. */
export function OverdueCount() {
  const { t } = useTranslation();
  const { data } = useSlaOverdueQuery();
  const n = data?.length ?? 0;
  const blink = useBlink(n > 0);
  return (
    <div
      className={`p1-count overdue-count${n > 0 ? ' hot' : ''}${blink ? ' blink' : ''}`}
      data-testid="overdue-count"
      data-count={n}
    >
      <span className="pill-label">{t('extras.sla.overdueCount')}</span>
      <span className="p1-number">{data ? n : '–'}</span>
    </div>
  );
}

/** Queue row / detail: which stages are late. */
export function OverdueBadge({
  overdue,
  compact = false,
}: {
  overdue: Overdue | undefined;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  if (!overdue) return null;
  const stages = overdue.stages.map((s) => t(`extras.sla.stage.${s}`)).join(' · ');
  return (
    <span className="badge badge-overdue" data-testid="overdue-badge" title={stages}>
      {/* In the queue the row is narrow: the stages are in the tooltip and the detail panel. */}
      {compact ? t('extras.sla.overdue') : `${t('extras.sla.overdue')}: ${stages}`}
    </span>
  );
}
