import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../contract/domain/incident';
import { useAppDispatch } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { formatDateTime } from '../../i18n/format';
import { select } from '../incidents/incidentsSlice';
import { useAttachmentReadQuery } from './extrasApi';

/** Entries this feature draws: attachments, typed links, SLA escalations (a `note` with `data.sla`). */
export function handlesEntry(e: TimelineEntry): boolean {
  return e.kind === 'attachment' || e.kind === 'link' || (e.kind === 'note' && isSla(e.data.sla));
}

function isSla(v: unknown): v is { stage: string; deadline: number } {
  return !!v && typeof v === 'object' && typeof (v as { stage?: unknown }).stage === 'string';
}

function kb(bytes: unknown): string {
  return typeof bytes === 'number' ? `${Math.max(1, Math.round(bytes / 1024))} KB` : '';
}

function AttachmentImage({ sha256, alt }: { sha256: string; alt: string }) {
  const { t } = useTranslation();
  const { data, error } = useAttachmentReadQuery({ sha256 });
  if (error) return <span className="muted small">{t('extras.att.notHere')}</span>;
  if (!data) return <span className="muted small">{t('detail.loading')}</span>;
  const src = `data:${data.mimeType};base64,${data.data}`;
  return (
    <a href={src} target="_blank" rel="noreferrer" className="att-link">
      <img className="att-thumb" src={src} alt={alt} data-testid="attachment-image" />
    </a>
  );
}

export function ExtraTimelineBody({ e }: { e: TimelineEntry }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const d = e.data;
  if (e.kind === 'attachment') {
    const name = String(d.fileName ?? '');
    return (
      <div className="tl-text tl-attachment">
        {typeof d.sha256 === 'string' && <AttachmentImage sha256={d.sha256} alt={name} />}
        <span className="small">
          {name} · {kb(d.bytes)}
        </span>
      </div>
    );
  }
  if (e.kind === 'note' && isSla(d.sla)) {
    return (
      <div className="tl-text tl-sla" data-testid="sla-escalation-entry">
        {t('extras.sla.escalatedEntry', {
          stage: t(`extras.sla.stage.${d.sla.stage}`),
          deadline: formatDateTime(d.sla.deadline, locale),
        })}
      </div>
    );
  }
  // link
  const type = String(d.type ?? '');
  if (type === 'incident' && typeof d.incidentId === 'string') {
    const id = d.incidentId;
    return (
      <div className="tl-text">
        {t(d.relation === 'merged_into' ? 'extras.link.mergedInto' : 'extras.link.mergedFrom')}{' '}
        <button type="button" className="btn-link mono small" onClick={() => dispatch(select(id))}>
          {id.slice(-8)}
        </button>
        {typeof d.note === 'string' && d.note && <div>{d.note}</div>}
      </div>
    );
  }
  if (type === 'radio_recording') {
    const start = typeof d.startedAt === 'number' ? formatDateTime(d.startedAt, locale) : '';
    return (
      <div className="tl-text">
        {t('extras.link.type.radio_recording')}: {String(d.channel ?? '')} {start}
      </div>
    );
  }
  return (
    <div className="tl-text">
      {t(`extras.link.type.${type}`, { defaultValue: type })}:{' '}
      <span className="mono">{String(d.ref ?? '')}</span>
      {typeof d.label === 'string' && d.label && <span> · {d.label}</span>}
    </div>
  );
}
