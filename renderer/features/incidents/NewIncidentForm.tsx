import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_SOURCES,
  PRIORITIES,
  type IncidentSource,
  type Priority,
} from '../../../contract/domain/incident';
import type { HostError } from '../../../contract/errors';
import {
  LIST_OPEN,
  useCategoryListQuery,
  useIncidentCreateMutation,
  useIncidentListQuery,
} from '../../app/api';
import { toHostError } from '../../app/hostClient';
import { upsertIncident } from '../../app/hostEvents';
import { Modal } from '../../app/Modal';
import { useAppDispatch, useAppSelector, useAppStore } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { closeNewForm, select } from './incidentsSlice';
import { pushToast } from '../toasts/toastsSlice';
import {
  draftToParams,
  emptyDraft,
  fieldForIssuePath,
  validateDraft,
  type DraftField,
  type NewIncidentDraft,
} from './validate';
import { DuplicateSuggestions } from '../incidentExtras/DuplicateSuggestions';

export function NewIncidentForm() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const store = useAppStore();
  const { data: categories } = useCategoryListQuery();
  const [create, { isLoading }] = useIncidentCreateMutation();
  const at = useAppSelector((s) => s.incidents.newFormAt);
  const [draft, setDraft] = useState<NewIncidentDraft>(() =>
    at ? { ...emptyDraft(), lon: at.lon.toFixed(6), lat: at.lat.toFixed(6) } : emptyDraft(),
  );
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<DraftField, string>>>({});
  const [hostError, setHostError] = useState<HostError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Example coordinates near the current incidents, as a hint of the expected format and area.
  const { data: open } = useIncidentListQuery(LIST_OPEN);
  const hint = useMemo(() => {
    const items = open?.items ?? [];
    if (!items.length) return { lon: '114.30000', lat: '30.50000' };
    const lon = items.reduce((a, i) => a + i.location.lon, 0) / items.length;
    const lat = items.reduce((a, i) => a + i.location.lat, 0) / items.length;
    return { lon: lon.toFixed(5), lat: lat.toFixed(5) };
  }, [open]);

  const set = <K extends keyof NewIncidentDraft>(k: K, v: NewIncidentDraft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    if (fieldErrors[k]) setFieldErrors((e) => ({ ...e, [k]: undefined }));
  };
  const close = () => dispatch(closeNewForm());

  const submit = async () => {
    if (isLoading) return;
    const errors = validateDraft(draft);
    setFieldErrors(errors);
    setHostError(null);
    if (Object.keys(errors).length) {
      const first = Object.keys(errors)[0] as DraftField;
      formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    const r = await create(draftToParams(draft));
    if ('error' in r && r.error) {
      const e = toHostError(r.error);
      setHostError(e);
      const fromHost: Partial<Record<DraftField, string>> = {};
      for (const issue of e.issues ?? []) {
        const f = fieldForIssuePath(issue.path);
        if (f && !fromHost[f]) fromHost[f] = issue.message;
      }
      setFieldErrors(fromHost);
    } else if ('data' in r && r.data) {
      upsertIncident(store, r.data, null);
      dispatch(select(r.data.id));
      dispatch(pushToast({ kind: 'success', key: 'form.created' }));
      close();
    }
  };

  /** Enter moves to the next field; in the last fields it submits. Shift+Enter keeps a newline in text areas. */
  const onEnterNext = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
    e.preventDefault();
    const order = [...(formRef.current?.querySelectorAll<HTMLElement>('[data-field]') ?? [])].filter(
      (el) => !(el instanceof HTMLInputElement && el.type === 'radio' && !el.checked),
    );
    const idx = order.indexOf(e.currentTarget);
    order[idx + 1]?.focus();
  };
  const onEnterSubmit = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  const err = (f: DraftField) => fieldErrors[f];
  const fieldProps = (f: DraftField) => ({
    'data-field': f,
    'aria-invalid': err(f) ? true : undefined,
    'aria-describedby': err(f) ? `err-${f}` : undefined,
  });
  const errLine = (f: DraftField) =>
    err(f) ? (
      <span className="field-error" id={`err-${f}`} data-testid={`error-${f}`}>
        {err(f)!.startsWith('form.') ? t(err(f)!) : err(f)}
      </span>
    ) : null;

  return (
    <Modal
      labelledBy="new-incident-title"
      onClose={close}
      className="modal-form"
      testId="new-incident-dialog"
    >
      <h2 id="new-incident-title">{t('form.title')}</h2>
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="form-grid">
          <label className={`field${err('category') ? ' invalid' : ''}`}>
            <span>{t('form.category')} *</span>
            <select
              data-testid="field-category"
              data-autofocus
              {...fieldProps('category')}
              value={draft.category}
              onChange={(e) => set('category', e.target.value)}
              onKeyDown={onEnterNext}
            >
              <option value="">{t('form.chooseCategory')}</option>
              {(categories ?? [])
                .filter((c) => c.active)
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {locale === 'zh-CN' ? c.nameZh : c.nameEn}
                  </option>
                ))}
            </select>
            {errLine('category')}
          </label>

          <label className={`field${err('source') ? ' invalid' : ''}`}>
            <span>{t('form.source')}</span>
            <select
              data-testid="field-source"
              {...fieldProps('source')}
              value={draft.source}
              onChange={(e) => set('source', e.target.value as IncidentSource)}
              onKeyDown={onEnterNext}
            >
              {INCIDENT_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`source.${s}`)}
                </option>
              ))}
            </select>
            {errLine('source')}
          </label>

          <fieldset className={`field span2 priority-field${err('priority') ? ' invalid' : ''}`}>
            <legend>{t('form.priority')}</legend>
            <div className="priority-options">
              {PRIORITIES.map((p) => (
                <label key={p} className={`prio-option prio-${p}${draft.priority === p ? ' on' : ''}`}>
                  <input
                    type="radio"
                    name="priority"
                    value={p}
                    data-testid={`field-priority-${p}`}
                    {...fieldProps('priority')}
                    checked={draft.priority === p}
                    onChange={() => set('priority', p as Priority)}
                    onKeyDown={onEnterNext}
                  />
                  {t(`priority.${p}`)}
                </label>
              ))}
            </div>
          </fieldset>

          <div className="field-row span2">
            <label className={`field${err('lon') ? ' invalid' : ''}`}>
              <span>{t('form.lon')} *</span>
              <input
                type="text"
                inputMode="decimal"
                data-testid="field-lon"
                {...fieldProps('lon')}
                value={draft.lon}
                placeholder={hint.lon}
                onChange={(e) => set('lon', e.target.value)}
                onKeyDown={onEnterNext}
              />
              {errLine('lon')}
            </label>
            <label className={`field${err('lat') ? ' invalid' : ''}`}>
              <span>{t('form.lat')} *</span>
              <input
                type="text"
                inputMode="decimal"
                data-testid="field-lat"
                {...fieldProps('lat')}
                value={draft.lat}
                placeholder={hint.lat}
                onChange={(e) => set('lat', e.target.value)}
                onKeyDown={onEnterNext}
              />
              {errLine('lat')}
            </label>
          </div>

          <label className={`field span2${err('address') ? ' invalid' : ''}`}>
            <span>{t('form.address')}</span>
            <input
              type="text"
              data-testid="field-address"
              {...fieldProps('address')}
              value={draft.address}
              maxLength={200}
              onChange={(e) => set('address', e.target.value)}
              onKeyDown={onEnterNext}
            />
            {errLine('address')}
          </label>

          <label className={`field span2${err('description') ? ' invalid' : ''}`}>
            <span>{t('form.description')} *</span>
            <textarea
              data-testid="field-description"
              {...fieldProps('description')}
              value={draft.description}
              rows={3}
              maxLength={4000}
              onChange={(e) => set('description', e.target.value)}
              onKeyDown={onEnterNext}
            />
            {errLine('description')}
          </label>

          <label className={`field${err('reporter') ? ' invalid' : ''}`}>
            <span>{t('form.reporter')}</span>
            <input
              type="text"
              data-testid="field-reporter"
              {...fieldProps('reporter')}
              value={draft.reporter}
              maxLength={100}
              onChange={(e) => set('reporter', e.target.value)}
              onKeyDown={onEnterSubmit}
            />
            {errLine('reporter')}
          </label>

          <label className={`field-check${err('isDrill') ? ' invalid' : ''}`}>
            <input
              type="checkbox"
              data-testid="field-drill"
              {...fieldProps('isDrill')}
              checked={draft.isDrill}
              onChange={(e) => set('isDrill', e.target.checked)}
              onKeyDown={onEnterSubmit}
            />
            <span>{t('form.drill')}</span>
          </label>
        </div>

        {hostError && (
          <div className="form-error" role="alert" data-testid="form-error" data-code={hostError.code}>
            <p>{t(hostError.key, hostError.params)}</p>
            {hostError.issues && hostError.issues.length > 0 && (
              <ul>
                {hostError.issues.map((i, k) => (
                  <li key={k}>
                    <code>{i.path}</code>: {i.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {!hostError && Object.values(fieldErrors).some(Boolean) && (
          <div className="form-error" role="alert">
            {t('form.invalid')}
          </div>
        )}

        <DuplicateSuggestions category={draft.category} lon={draft.lon} lat={draft.lat} />

        <div className="form-actions">
          <span className="muted small">{t('form.hint')}</span>
          <button type="button" className="btn" onClick={close}>
            {t('form.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="submit-incident"
            disabled={isLoading}
          >
            {isLoading ? t('form.submitting') : t('form.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
