import type { TFunction } from 'i18next';
import type { Category } from '../../contract/domain/incident';
import type { Locale } from '../../contract/errorMessages';

const dtCache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: Locale, kind: 'datetime' | 'time' | 'date'): Intl.DateTimeFormat {
  const key = `${locale}|${kind}`;
  let f = dtCache.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }
        : kind === 'date'
          ? { year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' }
          : {
              year: 'numeric',
              month: '2-digit',
              day: '2-digit',
              hour: '2-digit',
              minute: '2-digit',
              second: '2-digit',
              hourCycle: 'h23',
            };
    f = new Intl.DateTimeFormat(locale, opts);
    dtCache.set(key, f);
  }
  return f;
}

/** Date and time, 24-hour clock, in the UI locale. */
export function formatDateTime(ms: number, locale: Locale): string {
  return fmt(locale, 'datetime').format(ms);
}
export function formatTime(ms: number, locale: Locale): string {
  return fmt(locale, 'time').format(ms);
}
export function formatDate(ms: number, locale: Locale): string {
  return fmt(locale, 'date').format(ms);
}

/** "12 分钟前" / "12 min ago". */
export function formatAge(t: TFunction, then: number, now: number): string {
  const s = Math.max(0, Math.floor((now - then) / 1000));
  if (s < 60) return t('age.justNow');
  const m = Math.floor(s / 60);
  if (m < 60) return t('age.minutes', { count: m });
  const h = Math.floor(m / 60);
  if (h < 48) return t('age.hours', { count: h });
  return t('age.days', { count: Math.floor(h / 24) });
}

/** The host's name for a category in the UI language; a seeded label or the code when the host has none. */
export function categoryName(
  code: string,
  categories: readonly Category[] | undefined,
  locale: Locale,
  t: TFunction,
): string {
  const c = categories?.find((x) => x.code === code);
  if (c) {
    const name = locale === 'zh-CN' ? c.nameZh : c.nameEn;
    if (name) return name;
  }
  return t(`category.${code}`, { defaultValue: code });
}

export function formatLonLat(lon: number, lat: number): string {
  return `${lon.toFixed(5)}, ${lat.toFixed(5)}`;
}
