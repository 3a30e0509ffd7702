import type { TFunction } from 'i18next';

/** Straight-line distance for people: metres below a kilometre, then km with one decimal. */
export function formatDistance(m: number | null, t: TFunction): string {
  if (m === null) return t('dispatch.noDistance');
  return m < 1000
    ? t('dispatch.metres', { n: Math.round(m) })
    : t('dispatch.km', { n: (m / 1000).toFixed(1) });
}

/** `m:ss` for a countdown or a wait. */
export function formatWait(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
