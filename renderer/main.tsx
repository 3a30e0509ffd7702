import './zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { I18nextProvider } from 'react-i18next';
import './styles.css';
import { App } from './App';
import { createHostClientForWindow } from './app/hostClient';
import { makeStore } from './app/store';
import { wireHostEvents } from './app/hostEvents';
import { createI18n, detectLocale } from './i18n';
import { Unauthorized } from './features/connection/Unauthorized';

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const locale = detectLocale(safeLocalStorage(), navigator.language);
document.documentElement.lang = locale;
const i18n = createI18n(locale);
const root = createRoot(document.getElementById('root')!);
const host = createHostClientForWindow();

if (!host) {
  // Browser mode without a token: the host would refuse us, so say how to open the console properly.
  root.render(
    <I18nextProvider i18n={i18n}>
      <Unauthorized />
    </I18nextProvider>,
  );
} else {
  const store = makeStore(host, { settings: { locale } });
  wireHostEvents(host, store);
  root.render(
    <StrictMode>
      <Provider store={store}>
        <I18nextProvider i18n={i18n}>
          <App />
        </I18nextProvider>
      </Provider>
    </StrictMode>,
  );
}
