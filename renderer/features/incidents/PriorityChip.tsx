import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../contract/domain/incident';

export function PriorityChip({ priority, long = false }: { priority: Priority; long?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`chip prio prio-${priority}`} title={t(`priority.${priority}`)} data-priority={priority}>
      {long ? t(`priority.${priority}`) : priority}
    </span>
  );
}

export function Markers({ isDemo, isDrill }: { isDemo: boolean; isDrill: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {isDrill && <span className="marker marker-drill">{t('queue.drill')}</span>}
      {isDemo && <span className="marker marker-demo">{t('queue.demo')}</span>}
    </>
  );
}
