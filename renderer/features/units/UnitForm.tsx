import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UNIT_KINDS, type Unit } from '../../../contract/domain/unit';
import { toHostError } from '../../app/hostClient';
import { useAppDispatch } from '../../app/store';
import { pushToast } from '../toasts/toastsSlice';
import { useUnitCreateMutation, useUnitUpdateMutation } from '../dispatch/dispatchApi';
import { dispatchErrorToast } from '../dispatch/useDispatchActions';
import {
  emptyUnitForm,
  formFromUnit,
  toUnitParams,
  type UnitFormErrors,
  type UnitFormValues,
} from './unitForm';

interface Props {
  unit: Unit | null;
  gridCodes: { code: string; name: string }[];
  onDone: () => void;
}

/** Create or edit a unit: kind, name, home grid, radio callsign, SIP address, an optional position. */
export function UnitForm({ unit, gridCodes, onDone }: Props) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [values, setValues] = useState<UnitFormValues>(unit ? formFromUnit(unit) : emptyUnitForm);
  const [errors, setErrors] = useState<UnitFormErrors>({});
  const [create, createState] = useUnitCreateMutation();
  const [update, updateState] = useUnitUpdateMutation();
  const set = (k: keyof UnitFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  const submit = async () => {
    const r = toUnitParams(values);
    if ('errors' in r) return setErrors(r.errors);
    setErrors({});
    const res = unit ? await update({ id: unit.id, ...r.params }) : await create(r.params);
    if ('error' in res) return void dispatch(dispatchErrorToast(toHostError(res.error)));
    dispatch(pushToast({ kind: 'success', key: 'units.saved', params: { name: r.params.name } }));
    onDone();
  };
  const field = (k: keyof UnitFormValues, label: string, extra: Record<string, unknown> = {}) => (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        value={values[k]}
        onChange={set(k)}
        aria-invalid={errors[k] ? true : undefined}
        data-testid={`unit-field-${k}`}
        {...extra}
      />
      {errors[k] && <span className="field-error">{t(errors[k])}</span>}
    </label>
  );
  return (
    <form
      className="unit-form"
      data-testid="unit-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3>{unit ? t('units.editTitle', { name: unit.name }) : t('units.newTitle')}</h3>
      <div className="unit-form-grid">
        <label className="field">
          <span>{t('units.kind')}</span>
          <select value={values.kind} onChange={set('kind')} data-testid="unit-field-kind">
            {UNIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`unitKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {field('name', t('units.name'), { autoFocus: true, maxLength: 80 })}
        <label className="field">
          <span>{t('units.homeGrid')}</span>
          <select value={values.homeGrid} onChange={set('homeGrid')} data-testid="unit-field-homeGrid">
            <option value="">—</option>
            {gridCodes.map((g) => (
              <option key={g.code} value={g.code}>
                {g.code} {g.name}
              </option>
            ))}
          </select>
        </label>
        {field('callsign', t('units.callsign'), { maxLength: 20, placeholder: 'BH4ABC-7' })}
        {field('sipUri', t('units.sip'), { maxLength: 200, placeholder: 'sip:1001@fengsui.local' })}
        {field('lon', t('units.lon'), { inputMode: 'decimal' })}
        {field('lat', t('units.lat'), { inputMode: 'decimal' })}
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onDone}>
          {t('map.cancel')}
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          data-testid="unit-save"
          disabled={createState.isLoading || updateState.isLoading}
        >
          {t('units.save')}
        </button>
      </div>
    </form>
  );
}
