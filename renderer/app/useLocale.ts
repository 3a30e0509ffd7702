import { useAppSelector } from './store';
import type { Locale } from '../../contract/errorMessages';

export function useLocale(): Locale {
  return useAppSelector((s) => s.settings.locale);
}
