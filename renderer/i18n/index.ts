import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { errorMessages, LOCALES, type Locale } from '../../contract/errorMessages';
import zhCN from './zh-CN.json';
import enUS from './en-US.json';

export type { Locale };
export { LOCALES };

export const LOCALE_STORAGE_KEY = 'fengsui.locale';

/** The UI texts plus the error templates from the contract (one source, merged under `errors.*`). */
export const resources = {
  'zh-CN': { translation: { ...zhCN, errors: errorMessages['zh-CN'] } },
  'en-US': { translation: { ...enUS, errors: errorMessages['en-US'] } },
} as const;

export function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en-US';
}

/** A saved choice wins; otherwise zh-CN for a Chinese browser, en-US for anything else. */
export function detectLocale(
  storage: Pick<Storage, 'getItem'> | null,
  navigatorLanguage: string | undefined,
): Locale {
  try {
    const saved = storage?.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // storage unavailable
  }
  return (navigatorLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US';
}

export function saveLocale(storage: Pick<Storage, 'setItem'> | null, locale: Locale): void {
  try {
    storage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // storage unavailable: the choice lasts for this session only
  }
}

export function createI18n(locale: Locale): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'en-US',
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}
