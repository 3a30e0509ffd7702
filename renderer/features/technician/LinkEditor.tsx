import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BAUD_RATES,
  CallsignSchema,
  LINK_KINDS,
  SerialFlowSchema,
  SerialParitySchema,
  type RadioLink,
} from '../../../contract/radio';
import { toHostError } from '../../app/hostClient';
import { useUnitListQuery } from '../../app/api';
import { useAppDispatch } from '../../app/store';
import { errorToast, pushToast } from '../toasts/toastsSlice';
import {
  useRadioLinkDeleteMutation,
  useRadioLinkListQuery,
  useRadioLinkSaveMutation,
  useRadioProfileListQuery,
  useRadioUnitSetCallsignMutation,
} from '../radio/radioApi';
import {
  EMPTY_LINK,
  formFromLink,
  isAprs,
  isSerial,
  problemsFromIssues,
  validateLinkForm,
  withKind,
  type LinkForm,
  type LinkProblem,
  type LinkProblems,
} from './linkForm';
import { ariaFor, FieldError, FormFooter, TextField } from './formFields';

function linkWhere(l: RadioLink, profileName: (id: string) => string): string {
  const e = l.endpoint;
  if (e.kind === 'kiss_tcp') return `${e.host}:${e.port}`;
  if (e.kind === 'rigctld') return profileName(e.profileId);
  return `${e.serial.path} @ ${e.serial.baudRate}`;
}

/**
 * The technician's radio links: a KISS TNC on a serial port, KISS over TCP (direwolf), an NMEA GPS that moves a
 * unit, or rigctld for a radio profile. Created, edited and deleted here; a bad link cannot be saved (the
 * contract's schema here, the host's cross-record rules there, both shown next to the field).
 */
export function LinkEditor({ rowActions }: { rowActions: (link: RadioLink) => ReactNode }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { data: links } = useRadioLinkListQuery();
  const { data: profiles } = useRadioProfileListQuery();
  const { data: units } = useUnitListQuery();
  const [save, saveState] = useRadioLinkSaveMutation();
  const [del] = useRadioLinkDeleteMutation();
  const [form, setForm] = useState<LinkForm>(EMPTY_LINK);
  const [problems, setProblems] = useState<LinkProblems>({});
  const [hostError, setHostError] = useState<string | null>(null);
  const set = <K extends keyof LinkForm>(k: K, v: LinkForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const editing = links?.find((l) => l.link.id === form.id)?.link ?? null;
  const profileName = (id: string) => profiles?.find((p) => p.id === id)?.name ?? id.slice(0, 8);

  const reset = (f: LinkForm) => {
    setForm(f);
    setProblems({});
    setHostError(null);
  };

  const submit = async () => {
    setHostError(null);
    const { input, problems: pr } = validateLinkForm(form);
    setProblems(pr);
    if (Object.keys(pr).length) return;
    const r = await save(input);
    if ('error' in r && r.error) {
      const e = toHostError(r.error);
      setProblems(problemsFromIssues(e.issues ?? [], form, true));
      setHostError(t(e.key, e.params));
    } else if ('data' in r && r.data) {
      reset(formFromLink(r.data));
      dispatch(pushToast({ kind: 'success', key: 'tech.link.saved', params: { name: r.data.name } }));
    }
  };

  const remove = async (link: RadioLink) => {
    if (!window.confirm(t('tech.link.confirmDelete', { name: link.name }))) return;
    const r = await del({ id: link.id });
    if ('error' in r && r.error) dispatch(errorToast(toHostError(r.error)));
    else if (form.id === link.id) reset(EMPTY_LINK);
  };

  return (
    <section className="link-editor" data-testid="link-editor">
      <div className="panel-head">
        <h3>{t('tech.links.title')}</h3>
        <button
          type="button"
          className="btn btn-small"
          data-testid="link-new"
          onClick={() => reset(EMPTY_LINK)}
        >
          {t('tech.link.new')}
        </button>
      </div>
      {links && links.length === 0 && <p className="muted small">{t('tech.links.none')}</p>}
      <table className="ports-table">
        <tbody>
          {links?.map(({ link, status: st }) => (
            <tr
              key={link.id}
              data-testid="link-row"
              data-id={link.id}
              data-state={st.state}
              className={form.id === link.id ? 'row-on' : undefined}
            >
              <td>
                <strong>{link.name}</strong>{' '}
                <span className="muted small">{t(`tech.linkKind.${link.endpoint.kind}`)}</span>
                {link.callsign && <span className="small"> · {link.callsign}</span>}
                {!link.enabled && <span className="muted small"> · {t('tech.link.disabled')}</span>}
              </td>
              <td className="mono small">{linkWhere(link, profileName)}</td>
              <td className={`port-${st.state}`} data-testid="link-state">
                {t(`tech.linkState.${st.state}`)}
              </td>
              <td className="bad small">{st.lastError ?? ''}</td>
              <td className="row-actions">
                {rowActions(link)}
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="link-edit"
                  onClick={() => reset(formFromLink(link))}
                >
                  {t('tech.link.edit')}
                </button>
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid="link-delete"
                  onClick={() => void remove(link)}
                >
                  {t('tech.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <form
        className="tech-form radio-link-form"
        noValidate
        aria-labelledby="link-form-title"
        data-testid="link-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h3 id="link-form-title">{editing ? t('tech.link.editTitle') : t('tech.link.new')}</h3>
        <fieldset className="field">
          <legend>{t('tech.link.kind')}</legend>
          <div className="segmented seg-wrap">
            {LINK_KINDS.map((k) => (
              <label key={k} className={`seg${form.kind === k ? ' on' : ''}`}>
                <input
                  type="radio"
                  name="linkKind"
                  data-testid={`lf-kind-${k}`}
                  checked={form.kind === k}
                  onChange={() => setForm((f) => withKind(f, k))}
                />
                {t(`tech.linkKind.${k}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="form-grid">
          <TextField
            label={t('tech.f.name')}
            testId="lf-name"
            value={form.name}
            onValue={(v) => set('name', v)}
            problem={problems.name}
            errorId="lerr-name"
          />
          {isAprs(form.kind) ? (
            <TextField
              label={t('tech.link.callsign')}
              testId="lf-callsign"
              placeholder="BG7ABC-1"
              spellCheck={false}
              value={form.callsign}
              onValue={(v) => set('callsign', v.toUpperCase())}
              problem={problems.callsign}
              errorId="lerr-callsign"
            />
          ) : (
            <div />
          )}

          {isSerial(form.kind) && (
            <>
              <TextField
                label={t('tech.ports.path')}
                testId="lf-path"
                list="serial-ports"
                placeholder="/dev/ttyUSB0"
                spellCheck={false}
                value={form.path}
                onValue={(v) => set('path', v)}
                problem={problems.path}
                errorId="lerr-path"
              />
              <label className="field">
                <span>{t('tech.ports.baud')}</span>
                <select
                  data-testid="lf-baud"
                  value={form.baudRate}
                  onChange={(e) => set('baudRate', e.target.value)}
                  {...ariaFor(problems.baudRate, 'lerr-baudRate')}
                >
                  {BAUD_RATES.map((b) => (
                    <option key={b} value={String(b)}>
                      {b}
                    </option>
                  ))}
                </select>
                <FieldError p={problems.baudRate} id="lerr-baudRate" />
              </label>
              <fieldset className="field span2 serial-opts">
                <legend>{t('tech.link.framing')}</legend>
                <div className="serial-row">
                  <select
                    aria-label={t('tech.link.dataBits')}
                    data-testid="lf-databits"
                    value={form.dataBits}
                    onChange={(e) => set('dataBits', e.target.value)}
                  >
                    {['5', '6', '7', '8'].map((b) => (
                      <option key={b} value={b}>
                        {t('tech.link.bits', { n: b })}
                      </option>
                    ))}
                  </select>
                  <select
                    aria-label={t('tech.link.parity')}
                    data-testid="lf-parity"
                    value={form.parity}
                    onChange={(e) => set('parity', e.target.value as LinkForm['parity'])}
                  >
                    {SerialParitySchema.options.map((p) => (
                      <option key={p} value={p}>
                        {t(`tech.link.parityOpt.${p}`)}
                      </option>
                    ))}
                  </select>
                  <select
                    aria-label={t('tech.link.stopBits')}
                    data-testid="lf-stopbits"
                    value={form.stopBits}
                    onChange={(e) => set('stopBits', e.target.value)}
                  >
                    {['1', '1.5', '2'].map((b) => (
                      <option key={b} value={b}>
                        {t('tech.link.stop', { n: b })}
                      </option>
                    ))}
                  </select>
                  <select
                    aria-label={t('tech.link.flow')}
                    data-testid="lf-flow"
                    value={form.flow}
                    onChange={(e) => set('flow', e.target.value as LinkForm['flow'])}
                  >
                    {SerialFlowSchema.options.map((p) => (
                      <option key={p} value={p}>
                        {t(`tech.link.flowOpt.${p}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <FieldError p={problems.serial} id="lerr-serial" />
              </fieldset>
            </>
          )}

          {form.kind === 'kiss_tcp' && (
            <>
              <TextField
                label={t('tech.link.host')}
                testId="lf-host"
                spellCheck={false}
                value={form.host}
                onValue={(v) => set('host', v)}
                problem={problems.host}
                errorId="lerr-host"
              />
              <TextField
                label={t('tech.link.port')}
                testId="lf-port"
                inputMode="numeric"
                hint={t('tech.link.portHint')}
                value={form.port}
                onValue={(v) => set('port', v)}
                problem={problems.port}
                errorId="lerr-port"
              />
            </>
          )}

          {isAprs(form.kind) && (
            <TextField
              label={t('tech.link.kissPort')}
              testId="lf-kissport"
              inputMode="numeric"
              value={form.kissPort}
              onValue={(v) => set('kissPort', v)}
              problem={problems.kissPort}
              errorId="lerr-kissPort"
            />
          )}

          {form.kind === 'nmea_serial' && (
            <>
              <label className="field">
                <span>{t('tech.link.unit')}</span>
                <select
                  data-testid="lf-unit"
                  value={form.unitId}
                  onChange={(e) => set('unitId', e.target.value)}
                  {...ariaFor(problems.unitId, 'lerr-unitId')}
                >
                  <option value="">{t('tech.link.pickUnit')}</option>
                  {units?.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                      {u.callsign ? ` (${u.callsign})` : ''}
                    </option>
                  ))}
                </select>
                <FieldError p={problems.unitId} id="lerr-unitId" />
              </label>
              <TextField
                label={t('tech.link.minInterval')}
                testId="lf-interval"
                inputMode="decimal"
                value={form.minIntervalS}
                onValue={(v) => set('minIntervalS', v)}
                problem={problems.minInterval}
                errorId="lerr-minInterval"
              />
            </>
          )}

          {form.kind === 'rigctld' && (
            <label className="field">
              <span>{t('tech.link.profile')}</span>
              <select
                data-testid="lf-profile"
                value={form.profileId}
                onChange={(e) => set('profileId', e.target.value)}
                {...ariaFor(problems.profileId, 'lerr-profileId')}
              >
                <option value="">{t('tech.link.pickProfile')}</option>
                {profiles?.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
              {profiles && profiles.length === 0 && (
                <span className="muted small">{t('tech.link.noProfiles')}</span>
              )}
              <FieldError p={problems.profileId} id="lerr-profileId" />
            </label>
          )}

          <label className="field-check span2">
            <input
              type="checkbox"
              data-testid="lf-enabled"
              checked={form.enabled}
              onChange={(e) => set('enabled', e.target.checked)}
            />
            {t('tech.link.enabled')}
          </label>
        </div>
        <FormFooter
          hostError={hostError}
          formProblem={problems.form}
          anyProblem={Object.keys(problems).length > 0}
          testIdPrefix="link"
          saveLabel={t('tech.link.save')}
          saving={saveState.isLoading}
        >
          {editing && (
            <button type="button" className="btn" onClick={() => reset(EMPTY_LINK)}>
              {t('tech.link.cancel')}
            </button>
          )}
        </FormFooter>
      </form>
    </section>
  );
}

/**
 * Which unit a callsign moves: APRS positions heard from that callsign update the unit. One unit at a time (a
 * district has hundreds); the units already bound are listed below.
 */
export function UnitCallsigns() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { data: units } = useUnitListQuery();
  const [setCallsign, state] = useRadioUnitSetCallsignMutation();
  const [unitId, setUnitId] = useState('');
  const [callsign, setCall] = useState('');
  const [problem, setProblem] = useState<LinkProblem | null>(null);
  const bound = (units ?? []).filter((u) => u.callsign);

  const pick = (id: string) => {
    setUnitId(id);
    setCall(units?.find((u) => u.id === id)?.callsign ?? '');
    setProblem(null);
  };
  const submit = async () => {
    setProblem(null);
    if (!unitId) return setProblem({ key: 'tech.linkErr.unit', text: '' });
    let value = '';
    if (callsign.trim()) {
      const c = CallsignSchema.safeParse(callsign);
      if (!c.success) return setProblem({ key: 'tech.err.callsign', text: '' });
      value = c.data;
    }
    const r = await setCallsign({ unitId, callsign: value });
    if ('error' in r && r.error) {
      const e = toHostError(r.error);
      const other = units?.find((u) => u.id !== unitId && u.callsign === value);
      setProblem({
        key: null,
        text:
          e.issues?.some((i) => i.path === 'callsign') && other
            ? t('tech.bind.taken', { callsign: value, name: other.name })
            : t(e.key, e.params),
      });
    } else if ('data' in r && r.data) {
      setCall(r.data.callsign);
      dispatch(
        pushToast({
          kind: 'success',
          key: r.data.callsign ? 'tech.bind.bound' : 'tech.bind.unbound',
          params: { name: r.data.name, callsign: r.data.callsign },
        }),
      );
    }
  };

  return (
    <section className="unit-callsigns" data-testid="unit-callsigns">
      <h3>{t('tech.bind.title')}</h3>
      <p className="muted small">{t('tech.bind.hint')}</p>
      <form
        className="bind-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="field">
          <span>{t('tech.link.unit')}</span>
          <select data-testid="bind-unit" value={unitId} onChange={(e) => pick(e.target.value)}>
            <option value="">{t('tech.link.pickUnit')}</option>
            {units?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('tech.f.callsign')}</span>
          <input
            data-testid="bind-callsign"
            placeholder="BH4ABC-9"
            spellCheck={false}
            value={callsign}
            onChange={(e) => setCall(e.target.value.toUpperCase())}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'bind-error' : undefined}
          />
        </label>
        <button type="submit" className="btn btn-primary" data-testid="bind-save" disabled={state.isLoading}>
          {t('tech.bind.save')}
        </button>
      </form>
      <FieldError p={problem ?? undefined} id="bind-error" />
      {bound.length > 0 && (
        <table className="ports-table">
          <tbody>
            {bound.map((u) => (
              <tr key={u.id} data-testid="bound-unit" data-id={u.id}>
                <td>{u.name}</td>
                <td className="mono">{u.callsign}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => pick(u.id)}>
                    {t('tech.link.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
