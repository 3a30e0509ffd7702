import { useTranslation } from 'react-i18next';
import { CategoryCodeSchema } from '../../../contract/domain/incident';
import { useCategoryListQuery } from '../../app/api';
import { useAppDispatch } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { useNow } from '../../app/useNow';
import { categoryName, formatAge } from '../../i18n/format';
import { closeNewForm, select } from '../incidents/incidentsSlice';
import { useDuplicatesSuggestQuery } from './extrasApi';

function coords(lon: string, lat: string) {
  const x = Number(lon);
  const y = Number(lat);
  if (!lon.trim() || !lat.trim() || !Number.isFinite(x) || !Number.isFinite(y)) return null;
  if (x < -180 || x > 180 || y < -90 || y > 90) return null;
  return { lon: x, lat: y };
}

/**
 * Shown in the new-incident form before it is sent: open incidents of the same category close by and recent,
 * so the operator can open the existing one instead of reporting the same event twice.
 */
export function DuplicateSuggestions({ category, lon, lat }: { category: string; lon: string; lat: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const now = useNow(30_000);
  const location = coords(lon, lat);
  const valid = location !== null && CategoryCodeSchema.safeParse(category).success;
  const { data } = useDuplicatesSuggestQuery(
    { category, location: location ?? { lon: 0, lat: 0 } },
    { skip: !valid },
  );
  const { data: categories } = useCategoryListQuery();
  if (!valid || !data || data.length === 0) return null;
  return (
    <div className="duplicates" role="status" data-testid="duplicate-suggestions">
      <strong>{t('extras.dup.title', { count: data.length })}</strong>
      <ul>
        {data.map((d) => (
          <li key={d.incident.id} data-testid="duplicate-suggestion" data-id={d.incident.id}>
            <span>
              {categoryName(d.incident.category, categories, locale, t)} · {t(`status.${d.incident.status}`)}{' '}
              · {t('extras.dup.distance', { m: d.distanceM })} · {formatAge(t, d.incident.createdAt, now)}
            </span>
            <span className="dup-text">{d.incident.address || d.incident.description}</span>
            <button
              type="button"
              className="btn btn-small"
              data-testid="duplicate-open"
              onClick={() => {
                dispatch(select(d.incident.id));
                dispatch(closeNewForm());
              }}
            >
              {t('extras.dup.open')}
            </button>
          </li>
        ))}
      </ul>
      <span className="muted small">{t('extras.dup.hint')}</span>
    </div>
  );
}
