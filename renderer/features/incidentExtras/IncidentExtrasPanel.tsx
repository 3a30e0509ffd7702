import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_STATUSES,
  OPEN_STATUSES,
  type Incident,
  type IncidentStatus,
  type TimelineEntry,
} from '../../../contract/domain/incident';
import type { HostError } from '../../../contract/errors';
import { MANUAL_LINK_TYPES } from '../../../contract/incidentExtras';
import { computeSla, limitsFor, type StatusMark } from '../../../contract/sla';
import { toHostError } from '../../app/hostClient';
import { addTimelineEntry, upsertIncident } from '../../app/hostEvents';
import { useAppDispatch, useAppStore } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { useNow } from '../../app/useNow';
import { formatDateTime, formatTime } from '../../i18n/format';
import { useHostClient } from '../basemap/basemapApi';
import { errorToast, pushToast } from '../toasts/toastsSlice';
import {
  useDuplicatesSuggestQuery,
  useIncidentLinkMutation,
  useIncidentMergedTimelinesQuery,
  useIncidentMergeMutation,
  useSlaRulesQuery,
} from './extrasApi';
import { OverdueBadge, useOverdueMap } from './overdue';
import { ExtraTimelineBody, handlesEntry } from './TimelineExtras';
import { uploadAttachment } from './upload';

function isStatus(v: unknown): v is IncidentStatus {
  return typeof v === 'string' && (INCIDENT_STATUSES as readonly string[]).includes(v);
}

function ErrorLine({ error }: { error: HostError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="inline-error" role="alert" data-testid="extras-error">
      {t(error.key, error.params)}
    </div>
  );
}

/** Each SLA stage with its deadline, computed here from the same timeline and rules the host uses. */
function SlaStages({ incident, timeline }: { incident: Incident; timeline: TimelineEntry[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(5_000);
  const { data: rules } = useSlaRulesQuery();
  const overdue = useOverdueMap().get(incident.id);
  if (!rules) return null;
  const marks: StatusMark[] = timeline.flatMap((e) =>
    e.kind === 'status' && isStatus(e.data.to) ? [{ at: e.at, to: e.data.to }] : [],
  );
  const r = computeSla(
    { status: incident.status, createdAt: incident.createdAt, marks },
    limitsFor(rules, incident.category, incident.priority),
    now,
  );
  return (
    <div className="detail-section" data-testid="sla-panel">
      <h3>
        {t('extras.sla.title')} <OverdueBadge overdue={overdue} />
      </h3>
      <ol className="sla-stages">
        {r.stages.map((s) => (
          <li key={s.stage} className={`sla-stage sla-${s.state}`} data-stage={s.stage} data-state={s.state}>
            <span className="sla-name">{t(`extras.sla.stage.${s.stage}`)}</span>
            <span className="sla-state">{t(`extras.sla.state.${s.state}`)}</span>
            <span className="sla-deadline mono small">
              {s.metAt !== null
                ? t('extras.sla.metAt', {
                    at: formatTime(s.metAt, locale),
                    due: formatTime(s.deadline, locale),
                  })
                : t('extras.sla.dueAt', { due: formatTime(s.deadline, locale) })}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Merge this incident into a nearby open one of the same category (the other carries on). */
function MergeSection({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const open = OPEN_STATUSES.includes(incident.status);
  const { data } = useDuplicatesSuggestQuery(
    { category: incident.category, location: incident.location },
    { skip: !open },
  );
  const [merge, mergeState] = useIncidentMergeMutation();
  const [confirm, setConfirm] = useState<string | null>(null);
  const [error, setError] = useState<HostError | null>(null);
  const candidates = (data ?? []).filter((d) => d.incident.id !== incident.id);
  if (!open || candidates.length === 0) return null;
  const doMerge = async (intoId: string) => {
    setError(null);
    const r = await merge({ id: incident.id, intoId });
    if ('error' in r && r.error) {
      const e = toHostError(r.error);
      setError(e);
      dispatch(errorToast(e));
    } else if ('data' in r && r.data) {
      upsertIncident(store, r.data.merged, null);
      dispatch(pushToast({ kind: 'success', key: 'extras.merge.done' }));
    }
    setConfirm(null);
  };
  return (
    <div className="detail-section" data-testid="merge-panel">
      <h3>{t('extras.merge.title')}</h3>
      <ul className="merge-candidates">
        {candidates.map((d) => (
          <li key={d.incident.id} data-testid="merge-candidate" data-id={d.incident.id}>
            <span className="small">
              {t(`status.${d.incident.status}`)} · {t('extras.dup.distance', { m: d.distanceM })} ·{' '}
              {d.incident.address || d.incident.description}
            </span>
            {confirm === d.incident.id ? (
              <button
                type="button"
                className="btn btn-danger btn-small"
                data-testid="merge-confirm"
                disabled={mergeState.isLoading}
                onClick={() => void doMerge(d.incident.id)}
              >
                {t('extras.merge.confirm')}
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-small"
                data-testid="merge-into"
                onClick={() => setConfirm(d.incident.id)}
              >
                {t('extras.merge.into')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorLine error={error} />
    </div>
  );
}

/**
 * The host names a refused file in English (a bad_request detail); the operator gets the same refusal in the
 * window's language, keyed by what went wrong.
 */
function localImageError(e: HostError, file: string): HostError {
  if (e.code === 'bad_request' && e.params?.method === 'attachment.finish') {
    return { ...e, key: 'extras.att.notImage', params: { file } };
  }
  if (e.code === 'payload_too_large') {
    return { ...e, key: 'extras.att.tooLarge', params: { file, limit: '10 MB' } };
  }
  return e;
}

/** Image evidence and typed links (calls, video snapshots) for the timeline. */
function EvidenceSection({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const host = useHostClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<HostError | null>(null);
  const [linkType, setLinkType] = useState<(typeof MANUAL_LINK_TYPES)[number]>('call');
  const [ref, setRef] = useState('');
  const [label, setLabel] = useState('');
  const [link, linkState] = useIncidentLinkMutation();

  const attach = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const entry = await uploadAttachment(host, incident.id, file);
      addTimelineEntry(store, entry);
      dispatch(pushToast({ kind: 'success', key: 'extras.att.added' }));
    } catch (e) {
      const err = localImageError(toHostError(e), file.name);
      setError(err);
      dispatch(errorToast(err));
    } finally {
      setBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };
  const addLink = async () => {
    if (!ref.trim()) return;
    setError(null);
    const r = await link({ id: incident.id, type: linkType, ref: ref.trim(), label: label.trim() });
    if ('error' in r && r.error) setError(toHostError(r.error));
    else if ('data' in r && r.data) {
      addTimelineEntry(store, r.data);
      setRef('');
      setLabel('');
    }
  };
  return (
    <div className="detail-section" data-testid="evidence-panel">
      <h3>{t('extras.att.title')}</h3>
      <label className="btn btn-small file-pick">
        {busy ? t('extras.att.uploading') : t('extras.att.choose')}
        <input
          ref={fileRef}
          type="file"
          accept="image/png,image/jpeg,image/webp"
          data-testid="attachment-input"
          disabled={busy}
          hidden
          onChange={(e) => void attach(e.target.files)}
        />
      </label>
      <span className="muted small"> {t('extras.att.limits')}</span>
      <form
        className="link-form"
        onSubmit={(e) => {
          e.preventDefault();
          void addLink();
        }}
      >
        <select
          aria-label={t('extras.link.typeLabel')}
          value={linkType}
          onChange={(e) => setLinkType(e.target.value as (typeof MANUAL_LINK_TYPES)[number])}
        >
          {MANUAL_LINK_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(`extras.link.type.${k}`)}
            </option>
          ))}
        </select>
        <input
          aria-label={t('extras.link.ref')}
          placeholder={t('extras.link.ref')}
          value={ref}
          maxLength={200}
          onChange={(e) => setRef(e.target.value)}
        />
        <input
          aria-label={t('extras.link.label')}
          placeholder={t('extras.link.label')}
          value={label}
          maxLength={200}
          onChange={(e) => setLabel(e.target.value)}
        />
        <button type="submit" className="btn btn-small" disabled={linkState.isLoading || !ref.trim()}>
          {t('extras.link.add')}
        </button>
      </form>
      <ErrorLine error={error} />
    </div>
  );
}

/** The timelines of incidents merged into this one, so all their evidence is visible from here. */
function MergedTimelines({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data } = useIncidentMergedTimelinesQuery({ id: incident.id });
  if (!data || data.length === 0) return null;
  return (
    <div className="detail-section" data-testid="merged-timelines">
      <h3>{t('extras.merge.mergedTimelines', { count: data.length })}</h3>
      {data.map(({ incident: m, timeline }) => (
        <details key={m.id} className="merged-timeline" open>
          <summary>
            <span className="mono small">{m.id.slice(-8)}</span> · {m.address || m.description}
          </summary>
          <ol className="timeline">
            {[...timeline]
              .sort((a, b) => b.at - a.at)
              .map((e) => (
                <li key={e.id} className={`tl-entry tl-${e.kind}`} data-testid="merged-timeline-entry">
                  <div className="tl-head">
                    <span className="tl-kind">{t(`timeline.${e.kind}`, { defaultValue: e.kind })}</span>
                    <time className="tl-time">{formatDateTime(e.at, locale)}</time>
                  </div>
                  {handlesEntry(e) ? (
                    <ExtraTimelineBody e={e} />
                  ) : (
                    <div className="tl-text">
                      {e.kind === 'status' && isStatus(e.data.to)
                        ? t(`status.${e.data.to}`)
                        : String(e.data.text ?? e.data.note ?? '')}
                    </div>
                  )}
                </li>
              ))}
          </ol>
        </details>
      ))}
    </div>
  );
}

/** The detail panel's SLA, merge, evidence and merged-timeline sections. */
export function IncidentExtrasPanel({
  incident,
  timeline,
}: {
  incident: Incident;
  timeline: TimelineEntry[];
}) {
  return (
    <>
      <SlaStages incident={incident} timeline={timeline} />
      <MergeSection incident={incident} />
      <EvidenceSection incident={incident} />
      <MergedTimelines incident={incident} />
    </>
  );
}
