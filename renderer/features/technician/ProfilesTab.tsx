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
  type ProfileForm,
  type Problems,
} from './profileForm';
import { ariaFor, FieldError, FormFooter, TextField } from './formFields';

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
          <TextField
            label={t('tech.f.name')}
            testId="pf-name"
            value={form.name}
            onValue={(v) => set('name', v)}
            problem={problems.name}
            errorId="err-name"
          />
          <TextField
            label={t('tech.f.model')}
            testId="pf-model"
            inputMode="numeric"
            hint={t('tech.f.modelHint')}
            value={form.model}
            onValue={(v) => set('model', v)}
            problem={problems.model}
            errorId="err-model"
          />
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
              <TextField
                label={t('tech.f.device')}
                testId="pf-device"
                placeholder="/dev/ttyUSB0"
                spellCheck={false}
                value={form.device}
                onValue={(v) => set('device', v)}
                problem={problems.device}
                errorId="err-device"
              />
              <TextField
                label={t('tech.f.baud')}
                testId="pf-baud"
                inputMode="numeric"
                placeholder={t('tech.f.baudDefault')}
                value={form.baudRate}
                onValue={(v) => set('baudRate', v)}
                problem={problems.baudRate}
                errorId="err-baudRate"
              />
            </>
          )}
          {form.controlKind === 'connect' && (
            <>
              <TextField
                label={t('tech.f.host')}
                testId="pf-host"
                value={form.host}
                onValue={(v) => set('host', v)}
                problem={problems.host}
                errorId="err-host"
              />
              <TextField
                label={t('tech.f.port')}
                testId="pf-port"
                inputMode="numeric"
                value={form.port}
                onValue={(v) => set('port', v)}
                problem={problems.port}
                errorId="err-port"
              />
            </>
          )}
          <div className="field">
            <label htmlFor="pf-ptt-method">{t('tech.f.pttMethod')}</label>
            <select
              id="pf-ptt-method"
              data-testid="pf-ptt-method"
              value={form.pttMethod}
              onChange={(e) => set('pttMethod', e.target.value as ProfileForm['pttMethod'])}
              {...ariaFor(problems.pttMethod, 'err-pttMethod')}
            >
              {PTT_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`tech.ptt.${m}`)}
                </option>
              ))}
            </select>
            <FieldError p={problems.pttMethod} id="err-pttMethod" />
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
            <TextField
              label={t('tech.f.pttSerial')}
              testId="pf-ptt-serial"
              placeholder="/dev/ttyUSB1"
              spellCheck={false}
              value={form.pttSerialPath}
              onValue={(v) => set('pttSerialPath', v)}
              problem={problems.pttSerialPath}
              errorId="err-pttSerialPath"
            />
          )}
          <TextField
            label={t('tech.f.callsign')}
            testId="pf-callsign"
            placeholder="BG7ABC-9"
            spellCheck={false}
            value={form.callsign}
            onValue={(v) => set('callsign', v.toUpperCase())}
            problem={problems.callsign}
            errorId="err-callsign"
          />
          <TextField
            label={t('tech.f.tot')}
            testId="pf-tot"
            inputMode="numeric"
            value={form.totSeconds}
            onValue={(v) => set('totSeconds', v)}
            problem={problems.totSeconds}
            errorId="err-totSeconds"
          />
          <label className="field span2">
            <span>{t('tech.f.presets')}</span>
            <textarea
              data-testid="pf-presets"
              rows={3}
              spellCheck={false}
              placeholder={t('tech.f.presetsHint')}
              value={form.presets}
              onChange={(e) => set('presets', e.target.value)}
              {...ariaFor(problems.presets, 'err-presets')}
            />
            <FieldError p={problems.presets} id="err-presets" />
          </label>
        </div>
        <FormFooter
          hostError={hostError}
          formProblem={problems.form}
          anyProblem={Object.keys(problems).length > 0}
          testIdPrefix="profile"
          saveLabel={t('tech.save')}
          saving={saveState.isLoading}
        >
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
        </FormFooter>
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
