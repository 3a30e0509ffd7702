import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority } from '../../../contract/domain/incident';
import type { HostError } from '../../../contract/errors';
import { SLA_STAGES, limitsFor, type SlaStage } from '../../../contract/sla';
import { useCategoryListQuery } from '../../app/api';
import { toHostError } from '../../app/hostClient';
import { useLocale } from '../../app/useLocale';
import { categoryName } from '../../i18n/format';
import { useSlaRulesQuery, useSlaSetRuleMutation } from './extrasApi';

const MIN = 60_000;

/** One limit in minutes; saved when the field loses focus or Enter is pressed, refused values shown inline. */
function LimitCell({
  category,
  priority,
  stage,
  limitMs,
  onError,
}: {
  category: string;
  priority: Priority;
  stage: SlaStage;
  limitMs: number;
  onError: (e: HostError | null) => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | null>(null);
  const [setRule] = useSlaSetRuleMutation();
  const shown = value ?? String(Number.isFinite(limitMs) ? Math.round((limitMs / MIN) * 100) / 100 : '');
  const save = async () => {
    if (value === null) return;
    const minutes = Number(value);
    const r = await setRule({ category, priority, stage, limitMs: Math.round(minutes * MIN) });
    if ('error' in r && r.error) onError(toHostError(r.error));
    else {
      onError(null);
      setValue(null);
    }
  };
  return (
    <td>
      <input
        className="sla-limit"
        inputMode="decimal"
        aria-label={`${priority} ${t(`extras.sla.stage.${stage}`)}`}
        data-testid={`sla-limit-${priority}-${stage}`}
        value={shown}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => void save()}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void save();
          }
        }}
      />
    </td>
  );
}

/** SLA limits per priority and stage, for all categories (`*`) or one category's own rules. */
export function SlaSettings() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { data: rules } = useSlaRulesQuery();
  const { data: categories } = useCategoryListQuery();
  const [category, setCategory] = useState('*');
  const [error, setError] = useState<HostError | null>(null);
  if (!rules) return null;
  return (
    <section className="settings-section" data-testid="sla-settings">
      <h3>{t('extras.sla.settingsTitle')}</h3>
      <p className="muted small">{t('extras.sla.settingsHint')}</p>
      <select
        aria-label={t('extras.sla.forCategory')}
        value={category}
        onChange={(e) => setCategory(e.target.value)}
      >
        <option value="*">{t('extras.sla.allCategories')}</option>
        {(categories ?? []).map((c) => (
          <option key={c.code} value={c.code}>
            {categoryName(c.code, categories, locale, t)}
          </option>
        ))}
      </select>
      <table className="cat-table sla-table">
        <thead>
          <tr>
            <th />
            {SLA_STAGES.map((s) => (
              <th key={s}>{t(`extras.sla.stage.${s}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => {
            const limits = limitsFor(rules, category, p);
            return (
              <tr key={`${category}-${p}`}>
                <th>{p}</th>
                {SLA_STAGES.map((s) => (
                  <LimitCell
                    key={s}
                    category={category}
                    priority={p}
                    stage={s}
                    limitMs={limits[s]}
                    onError={setError}
                  />
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && (
        <div className="inline-error" role="alert">
          {t(error.key, error.params)}
          {error.issues?.map((i) => ` · ${i.message}`).join('')}
        </div>
      )}
    </section>
  );
}
