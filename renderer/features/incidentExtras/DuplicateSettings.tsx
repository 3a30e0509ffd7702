import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HostError } from '../../../contract/errors';
import { toHostError } from '../../app/hostClient';
import { useDuplicatesSetSettingsMutation, useDuplicatesSettingsQuery } from './extrasApi';

/** How near and how recent an open incident must be to be offered as a possible duplicate. */
export function DuplicateSettingsForm() {
  const { t } = useTranslation();
  const { data } = useDuplicatesSettingsQuery();
  const [save, state] = useDuplicatesSetSettingsMutation();
  const [radius, setRadius] = useState<string | null>(null);
  const [hours, setHours] = useState<string | null>(null);
  const [error, setError] = useState<HostError | null>(null);
  if (!data) return null;
  const shownRadius = radius ?? String(data.radiusM);
  const shownHours = hours ?? String(data.windowMs / 3_600_000);
  const submit = async () => {
    const r = await save({
      radiusM: Math.round(Number(shownRadius)),
      windowMs: Math.round(Number(shownHours) * 3_600_000),
    });
    if ('error' in r && r.error) setError(toHostError(r.error));
    else {
      setError(null);
      setRadius(null);
      setHours(null);
    }
  };
  return (
    <section className="settings-section" data-testid="duplicate-settings">
      <h3>{t('extras.dup.settingsTitle')}</h3>
      <form
        className="cat-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="inline-field">
          {t('extras.dup.radius')}
          <input inputMode="numeric" value={shownRadius} onChange={(e) => setRadius(e.target.value)} />
        </label>
        <label className="inline-field">
          {t('extras.dup.window')}
          <input inputMode="decimal" value={shownHours} onChange={(e) => setHours(e.target.value)} />
        </label>
        <button
          type="submit"
          className="btn"
          disabled={state.isLoading || (radius === null && hours === null)}
        >
          {t('extras.dup.save')}
        </button>
      </form>
      {error && (
        <div className="inline-error" role="alert">
          {t(error.key, error.params)}
          {error.issues?.map((i) => ` · ${i.message}`).join('')}
        </div>
      )}
    </section>
  );
}
