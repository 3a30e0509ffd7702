import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PTT_METHODS, type RadioProfile } from '../../../contract/radio';
import { toHostError } from '../../app/hostClient';
import { useAppDispatch } from '../../app/store';
import { pushToast, errorToast } from '../toasts/toastsSlice';
import {
  radioApi,
  useRadioProfileDeleteMutation,
  useRadioProfileListQuery,
  useRadioProfileSaveMutation,
  useRadioRigStatusQuery,
  useRadioTestKeyPttMutation,
  useRadioTestReadFrequencyMutation,
} from '../radio/radioApi';
import {
  EMPTY_FORM,
  formFromProfile,
  problemsFromIssues,
  validateForm,
  type FieldName,
  type ProfileForm,
  type Problems,
} from './profileForm';

function Problem({ p, id }: { p: Problems[FieldName]; id: string }) {
  const { t } = useTranslation();
  if (!p) return null;
  return (
    <span className="field-error" id={id} data-testid={id} role="alert">
      {p.key ? t(p.key) : p.text}
    </span>
  );
}

function TestActions({ profile }: { profile: RadioProfile }) {
  const { t } = useTranslation();
  const [keyPtt, keyState] = useRadioTestKeyPttMutation();
  const [readFreq, readState] = useRadioTestReadFrequencyMutation();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (what: 'ptt' | 'freq') => {
    setResult(null);
    const r =
      what === 'ptt'
        ? await keyPtt({ profileId: profile.id, ms: 1000 })
        : await readFreq({ profileId: profile.id });
    if ('error' in r && r.error) {
      const e = toHostError(r.error);
      setResult({ ok: false, text: t(e.key, e.params) });
    } else if ('data' in r && r.data) {
      const d = r.data as {
        ok?: boolean;
        message?: string;
        durationMs?: number;
        frequencyHz?: number;
        mode?: string | null;
      };
      if (what === 'ptt')
        setResult({
          ok: d.ok === true,
          text: t('tech.test.pttResult', { ms: d.durationMs ?? 0, message: d.message ?? '' }),
        });
      else
        setResult({
          ok: true,
          text: t('tech.test.freqResult', {
            mhz: ((d.frequencyHz ?? 0) / 1e6).toFixed(4),
            mode: d.mode ?? '—',
          }),
        });
    }
  };
  return (
    <div className="test-actions">
      <button
        type="button"
        className="btn"
        data-testid="test-key-ptt"
        disabled={keyState.isLoading}
        onClick={() => void run('ptt')}
      >
        {keyState.isLoading ? t('tech.test.keying') : t('tech.test.keyPtt')}
      </button>
      <button
        type="button"
        className="btn"
        data-testid="test-read-freq"
        disabled={readState.isLoading}
        onClick={() => void run('freq')}
      >
        {t('tech.test.readFreq')}
      </button>
      {result && (
        <span className={`test-result ${result.ok ? 'good' : 'bad'}`} role="status" data-testid="test-result">
          {result.text}
        </span>
      )}
    </div>
  );
}

export function ProfilesTab() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { data: profiles } = useRadioProfileListQuery();
  const { data: rigs } = useRadioRigStatusQuery();
  const [save, saveState] = useRadioProfileSaveMutation();
  const [del] = useRadioProfileDeleteMutation();
  const [form, setForm] = useState<ProfileForm>(EMPTY_FORM);
  const [problems, setProblems] = useState<Problems>({});
  const [hostError, setHostError] = useState<string | null>(null);
  const set = <K extends keyof ProfileForm>(k: K, v: ProfileForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const editing = profiles?.find((p) => p.id === form.id) ?? null;

  const submit = async () => {
    setHostError(null);
    const { input, problems: pr } = validateForm(form);
    setProblems(pr);
    if (Object.keys(pr).length) return;
    const r = await save(input);
    if ('error' in r && r.error) {
      const e = toHostError(r.error);
      const fromHost = problemsFromIssues(e.issues ?? [], form);
      setProblems(fromHost);
      setHostError(t(e.key, e.params));
    } else if ('data' in r && r.data) {
      const saved = r.data;
      (dispatch as (a: unknown) => void)(
        radioApi.util.updateQueryData('radioProfileList', undefined, (draft) => {
          const i = draft.findIndex((p) => p.id === saved.id);
          if (i >= 0) draft[i] = saved;
          else draft.push(saved);
        }),
      );
      setForm(formFromProfile(saved));
      setProblems({});
      dispatch(pushToast({ kind: 'success', key: 'tech.saved', params: { name: saved.name } }));
    }
  };

  const field = (name: FieldName) => ({
    'aria-invalid': problems[name] ? true : undefined,
    'aria-describedby': problems[name] ? `err-${name}` : undefined,
  });

  return (
    <div className="tech-split">
      <div className="tech-list">
        <div className="panel-head">
          <h3>{t('tech.profiles')}</h3>
          <button
            type="button"
            className="btn btn-small"
            data-testid="profile-new"
            onClick={() => {
              setForm(EMPTY_FORM);
              setProblems({});
              setHostError(null);
            }}
          >
            {t('tech.newProfile')}
          </button>
        </div>
        {profiles && profiles.length === 0 && <p className="muted">{t('tech.noProfiles')}</p>}
        <ul className="pick-list">
          {profiles?.map((p) => {
            const rig = rigs?.find((r) => r.profileId === p.id);
            return (
              <li key={p.id}>
                <button
                  type="button"
                  className={`pick${form.id === p.id ? ' on' : ''}`}
                  data-testid="profile-row"
                  onClick={() => {
                    setForm(formFromProfile(p));
                    setProblems({});
                    setHostError(null);
                  }}
                >
                  <strong>{p.name}</strong>
                  <span className="muted small">
                    {t('tech.modelN', { n: p.model })} · {t(`tech.ptt.${p.ptt.method}`)}
                    {p.callsign ? ` · ${p.callsign}` : ''}
                  </span>
                  {rig && (
                    <span className={`rig-state rig-${rig.state}`}>{t(`radio.rigState.${rig.state}`)}</span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      <form
        className="tech-form"
        noValidate
        aria-labelledby="profile-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h3 id="profile-form-title">{form.id ? t('tech.editProfile') : t('tech.newProfile')}</h3>
        <div className="form-grid">
          <label className="field">
            <span>{t('tech.f.name')}</span>
            <input
              data-testid="pf-name"
              value={form.name}
              onChange={(e) => set('name', e.target.value)}
              {...field('name')}
            />
            <Problem p={problems.name} id="err-name" />
          </label>
          <label className="field">
            <span>{t('tech.f.model')}</span>
            <input
              data-testid="pf-model"
              inputMode="numeric"
              value={form.model}
              onChange={(e) => set('model', e.target.value)}
              {...field('model')}
            />
            <span className="muted small">{t('tech.f.modelHint')}</span>
            <Problem p={problems.model} id="err-model" />
          </label>
          <fieldset className="field span2">
            <legend>{t('tech.f.control')}</legend>
            <div className="segmented">
              {(['spawn', 'connect', 'none'] as const).map((k) => (
                <label key={k} className={`seg${form.controlKind === k ? ' on' : ''}`}>
                  <input
                    type="radio"
                    name="controlKind"
                    data-testid={`pf-control-${k}`}
                    checked={form.controlKind === k}
                    onChange={() => set('controlKind', k)}
                  />
                  {t(`tech.control.${k}`)}
                </label>
              ))}
            </div>
          </fieldset>
          {form.controlKind === 'spawn' && (
            <>
              <label className="field">
                <span>{t('tech.f.device')}</span>
                <input
                  data-testid="pf-device"
                  placeholder="/dev/ttyUSB0"
                  spellCheck={false}
                  value={form.device}
                  onChange={(e) => set('device', e.target.value)}
                  {...field('device')}
                />
                <Problem p={problems.device} id="err-device" />
              </label>
              <label className="field">
                <span>{t('tech.f.baud')}</span>
                <input
                  data-testid="pf-baud"
                  inputMode="numeric"
                  placeholder={t('tech.f.baudDefault')}
                  value={form.baudRate}
                  onChange={(e) => set('baudRate', e.target.value)}
                  {...field('baudRate')}
                />
                <Problem p={problems.baudRate} id="err-baudRate" />
              </label>
            </>
          )}
          {form.controlKind === 'connect' && (
            <>
              <label className="field">
                <span>{t('tech.f.host')}</span>
                <input
                  data-testid="pf-host"
                  value={form.host}
                  onChange={(e) => set('host', e.target.value)}
                  {...field('host')}
                />
                <Problem p={problems.host} id="err-host" />
              </label>
              <label className="field">
                <span>{t('tech.f.port')}</span>
                <input
                  data-testid="pf-port"
                  inputMode="numeric"
                  value={form.port}
                  onChange={(e) => set('port', e.target.value)}
                  {...field('port')}
                />
                <Problem p={problems.port} id="err-port" />
              </label>
            </>
          )}
          <div className="field">
            <label htmlFor="pf-ptt-method">{t('tech.f.pttMethod')}</label>
            <select
              id="pf-ptt-method"
              data-testid="pf-ptt-method"
              value={form.pttMethod}
              onChange={(e) => set('pttMethod', e.target.value as ProfileForm['pttMethod'])}
              {...field('pttMethod')}
            >
              {PTT_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`tech.ptt.${m}`)}
                </option>
              ))}
            </select>
            <Problem p={problems.pttMethod} id="err-pttMethod" />
            {(form.pttMethod === 'rts' || form.pttMethod === 'dtr') && (
              <label className="field-check invert-check">
                <input
                  type="checkbox"
                  checked={form.pttInvert}
                  onChange={(e) => set('pttInvert', e.target.checked)}
                />
                {t('tech.f.invert')}
              </label>
            )}
          </div>
          {(form.pttMethod === 'rts' || form.pttMethod === 'dtr') && (
            <label className="field">
              <span>{t('tech.f.pttSerial')}</span>
              <input
                data-testid="pf-ptt-serial"
                placeholder="/dev/ttyUSB1"
                spellCheck={false}
                value={form.pttSerialPath}
                onChange={(e) => set('pttSerialPath', e.target.value)}
                {...field('pttSerialPath')}
              />
              <Problem p={problems.pttSerialPath} id="err-pttSerialPath" />
            </label>
          )}
          <label className="field">
            <span>{t('tech.f.callsign')}</span>
            <input
              data-testid="pf-callsign"
              placeholder="BG7ABC-9"
              spellCheck={false}
              value={form.callsign}
              onChange={(e) => set('callsign', e.target.value.toUpperCase())}
              {...field('callsign')}
            />
            <Problem p={problems.callsign} id="err-callsign" />
          </label>
          <label className="field">
            <span>{t('tech.f.tot')}</span>
            <input
              data-testid="pf-tot"
              inputMode="numeric"
              value={form.totSeconds}
              onChange={(e) => set('totSeconds', e.target.value)}
              {...field('totSeconds')}
            />
            <Problem p={problems.totSeconds} id="err-totSeconds" />
          </label>
          <label className="field span2">
            <span>{t('tech.f.presets')}</span>
            <textarea
              data-testid="pf-presets"
              rows={3}
              spellCheck={false}
              placeholder={t('tech.f.presetsHint')}
              value={form.presets}
              onChange={(e) => set('presets', e.target.value)}
              {...field('presets')}
            />
            <Problem p={problems.presets} id="err-presets" />
          </label>
        </div>
        {(hostError || problems.form) && (
          <div className="form-error" role="alert" data-testid="profile-error">
            <p>{hostError ?? problems.form?.text}</p>
          </div>
        )}
        {Object.keys(problems).length > 0 && !hostError && (
          <p className="bad small" data-testid="profile-refused">
            {t('tech.refused')}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="profile-save"
            disabled={saveState.isLoading}
          >
            {t('tech.save')}
          </button>
          {editing && (
            <button
              type="button"
              className="btn"
              data-testid="profile-delete"
              onClick={async () => {
                if (!window.confirm(t('tech.confirmDelete', { name: editing.name }))) return;
                const r = await del({ id: editing.id });
                if ('error' in r && r.error) dispatch(errorToast(toHostError(r.error)));
                else {
                  (dispatch as (a: unknown) => void)(
                    radioApi.util.updateQueryData('radioProfileList', undefined, (draft) =>
                      draft.filter((p) => p.id !== editing.id),
                    ),
                  );
                  setForm(EMPTY_FORM);
                }
              }}
            >
              {t('tech.delete')}
            </button>
          )}
        </div>
        {editing && (
          <>
            <h3>{t('tech.test.title')}</h3>
            <TestActions profile={editing} />
          </>
        )}
      </form>
    </div>
  );
}
