import { useTranslation } from 'react-i18next';
import { parseAckEntry, parseDispatchEntry } from '../../../contract/dispatchEntries';
import type { TimelineEntry } from '../../../contract/domain/incident';
import { formatDistance, formatWait } from './format';

/** What a `dispatch` or `ack` timeline entry says, in the operator's language. */
export function DispatchTimelineBody({ e }: { e: TimelineEntry }) {
  const { t } = useTranslation();
  const ack = parseAckEntry(e);
  if (ack) {
    return (
      <div className="tl-text" data-action="ack">
        {t('dispatch.tl.ack', {
          unit: ack.unitName,
          source: t(`dispatch.source.${ack.source}`, { defaultValue: ack.source }),
        })}
      </div>
    );
  }
  const d = parseDispatchEntry(e);
  if (!d) return null;
  let text: string;
  switch (d.action) {
    case 'dispatch':
      text = t('dispatch.tl.dispatch', { unit: d.unitName, distance: formatDistance(d.distanceM, t) });
      break;
    case 'reassign':
      text = t('dispatch.tl.reassign', {
        from: d.fromUnitName,
        unit: d.unitName,
        distance: formatDistance(d.distanceM, t),
      });
      break;
    case 'recall':
      text = t('dispatch.tl.recall', { unit: d.unitName });
      break;
    case 'release':
      text = t('dispatch.tl.release', { unit: d.unitName, to: t(`status.${d.to}`, { defaultValue: d.to }) });
      break;
    case 'escalate':
      text = t('dispatch.tl.escalate', { unit: d.unitName, wait: formatWait(d.waitedMs) });
      break;
  }
  const note = 'note' in d ? d.note : 'closeOut' in d ? d.closeOut : undefined;
  return (
    <div className={`tl-text tl-dispatch-${d.action}`} data-action={d.action}>
      {text}
      {note && (
        <div className="tl-note">{d.action === 'release' ? t('dispatch.closeOutLine', { note }) : note}</div>
      )}
    </div>
  );
}
