import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSystemHelloQuery } from './app/api';
import { useAppSelector } from './app/store';
import { useShortcuts } from './app/useShortcuts';
import { useLocale } from './app/useLocale';
import { TopBar } from './features/topbar/TopBar';
import { IncidentQueue } from './features/incidents/IncidentQueue';
import { IncidentDetail } from './features/incidents/IncidentDetail';
import { NewIncidentForm } from './features/incidents/NewIncidentForm';
import { useQueue } from './features/incidents/useQueue';
import { MapArea } from './features/map/MapArea';
import { FirstRun } from './features/firstrun/FirstRun';
import { HelpOverlay } from './features/help/HelpOverlay';
import { KpiDashboard } from './features/kpi/KpiDashboard';
import { Toasts } from './features/toasts/Toasts';
import { Unauthorized } from './features/connection/Unauthorized';
import { isLinkLost } from './features/connection/connectionSlice';
import { RadioDrawers } from './features/radio/RadioDock';
import { SignInScreen } from './features/users/SignInScreen';
import { useAuth } from './features/users/useAuth';
import { DispatchOverlays } from './features/dispatch/DispatchOverlays';

/** Keeps i18next and <html lang> in step with the locale in the store. */
function LocaleSync() {
  const locale = useLocale();
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
    document.documentElement.lang = locale;
  }, [locale, i18n]);
  return null;
}

export function App({ drill = false }: { drill?: boolean }) {
  const { t } = useTranslation();
  const connection = useAppSelector((s) => s.connection.state);
  const linkLost = useAppSelector((s) => isLinkLost(s.connection));
  const { data: hello } = useSystemHelloQuery();
  const newFormOpen = useAppSelector((s) => s.incidents.newFormOpen);
  const helpOpen = useAppSelector((s) => s.help.open);
  const kpiOpen = useAppSelector((s) => s.queue.kpiOpen);
  const selectedId = useAppSelector((s) => s.incidents.selectedId);
  const { items } = useQueue();
  const ids = useMemo(() => items.map((i) => i.id), [items]);
  const firstRun = hello?.firstRun === true;
  const { needsSignIn } = useAuth();
  useShortcuts(ids, newFormOpen || firstRun);

  if (connection === 'unauthorized') {
    return (
      <>
        <LocaleSync />
        <Unauthorized />
      </>
    );
  }

  if (needsSignIn) {
    return (
      <>
        <LocaleSync />
        <SignInScreen />
      </>
    );
  }

  return (
    <div className={`app${drill ? ' drill' : ''}`}>
      <LocaleSync />
      <a className="skip-link" href="#queue">
        {t('app.skipToQueue')}
      </a>
      <TopBar drill={drill} />
      {linkLost && (
        <div className="link-lost" role="alert" data-testid="link-lost">
          {t('app.linkLost')}
        </div>
      )}
      <main className="workspace" aria-busy={!hello}>
        <IncidentQueue />
        <MapArea />
        <IncidentDetail key={selectedId ?? 'none'} />
      </main>
      <RadioDrawers />
      <DispatchOverlays />
      {firstRun && <FirstRun />}
      {newFormOpen && !firstRun && <NewIncidentForm />}
      {kpiOpen && <KpiDashboard />}
      {helpOpen && <HelpOverlay />}
      <Toasts />
    </div>
  );
}
