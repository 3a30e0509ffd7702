import { useTranslation } from 'react-i18next';
import { SettingsMenu } from './SettingsMenu';
import {
  LIST_OPEN,
  useBackupNowMutation,
  useIncidentListQuery,
  useSystemHelloQuery,
  useSystemSyncStatusQuery,
} from '../../app/api';
import { useAppDispatch, useAppSelector } from '../../app/store';
import { useNow } from '../../app/useNow';
import { useLocale } from '../../app/useLocale';
import { formatDate, formatTime } from '../../i18n/format';
import { setLocale } from '../settings/settingsSlice';
import { saveLocale } from '../../i18n';
import { errorToast, pushToast } from '../toasts/toastsSlice';
import { toHostError } from '../../app/hostClient';
import { toggleHelp } from '../help/helpSlice';
import { RadioNav } from '../radio/RadioDock';
import { KpiNav } from '../kpi/KpiDashboard';
import { UserMenu } from '../users/UserMenu';
import { BasemapNav } from '../basemap/BasemapSettings';
import { OverdueCount } from '../incidentExtras/overdue';
import { CategoryAdminNav } from '../incidentExtras/CategoryAdmin';
import { SyncAttention, SyncReviewNav } from '../sync/SyncReview';
import { GridNav } from '../grid/GridSettings';

function Clock() {
  const { t } = useTranslation();
  const locale = useLocale();
  const now = useNow(1000);
  return (
    <div className="clock" aria-label={t('topbar.clock')}>
      <span className="clock-time" data-testid="clock">
        {formatTime(now, locale)}
      </span>
      <span className="clock-date">{formatDate(now, locale)}</span>
    </div>
  );
}

function ConnectionStatus() {
  const { t } = useTranslation();
  const state = useAppSelector((s) => s.connection.state);
  return (
    <div
      className={`status-pill conn-${state}`}
      data-testid="connection-status"
      data-state={state}
      role="status"
    >
      <span className="dot" aria-hidden="true" />
      <span className="pill-label">{t('topbar.hostLink')}</span>
      <span className="pill-value">{t(`topbar.connection.${state}`)}</span>
    </div>
  );
}

function SyncStatus() {
  const { t } = useTranslation();
  const { data } = useSystemSyncStatusQuery();
  const state = data?.state ?? 'local';
  return (
    <div
      className={`status-pill sync-${state}`}
      data-testid="sync-status"
      data-state={state}
      data-pending={data?.pending ?? 0}
      title={data?.lastError ?? undefined}
    >
      <span className="pill-label">{t('topbar.sync.label')}</span>
      <span className="pill-value">{t(`topbar.sync.${state}`)}</span>
      {data && (state !== 'local' || data.pending > 0) && (
        <span className="pill-extra">{t('topbar.sync.pending', { count: data.pending })}</span>
      )}
    </div>
  );
}

function OpenP1() {
  const { t } = useTranslation();
  const { data } = useIncidentListQuery(LIST_OPEN);
  const n = data ? data.items.filter((i) => i.priority === 'P1').length : 0;
  return (
    <div className={`p1-count${n > 0 ? ' hot' : ''}`} data-testid="open-p1-count" data-count={n}>
      <span className="pill-label">{t('topbar.openP1')}</span>
      <span className="p1-number">{data ? n : '–'}</span>
    </div>
  );
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const locale = useLocale();
  const dispatch = useAppDispatch();
  const next = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      data-locale={locale}
      aria-label={`${t('topbar.language')}: ${locale === 'zh-CN' ? '中文' : 'English'}`}
      onClick={() => {
        dispatch(setLocale(next));
        // Only an explicit choice is remembered; otherwise the browser language decides each time.
        try {
          saveLocale(window.localStorage, next);
        } catch {
          // storage unavailable
        }
      }}
    >
      <span className={locale === 'zh-CN' ? 'on' : ''} lang="zh-CN">
        中文
      </span>
      <span aria-hidden="true"> / </span>
      <span className={locale === 'en-US' ? 'on' : ''} lang="en-US">
        EN
      </span>
    </button>
  );
}

function BackupNow() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [backup, { data, error, isLoading }] = useBackupNowMutation();
  const run = async () => {
    const r = await backup();
    if ('error' in r && r.error) dispatch(errorToast(toHostError(r.error)));
    else if ('data' in r && r.data) {
      dispatch(
        pushToast({
          kind: r.data.verified ? 'success' : 'error',
          key: 'topbar.backupDone',
          params: { file: r.data.file },
          detailKey: r.data.verified ? 'topbar.backupVerified' : 'topbar.backupNotVerified',
        }),
      );
    }
  };
  const err = error ? toHostError(error) : null;
  return (
    <div className="backup">
      <button type="button" className="btn" data-testid="backup-now" onClick={run} disabled={isLoading}>
        {isLoading ? t('topbar.backingUp') : t('topbar.backupNow')}
      </button>
      {(data || err) && !isLoading && (
        <span
          className={`backup-result ${err ? 'bad' : data?.verified ? 'good' : 'bad'}`}
          data-testid="backup-result"
          title={err ? t(err.key, err.params) : data?.file}
        >
          {err
            ? t(err.key, err.params)
            : `${baseName(data!.file)} ${data!.verified ? t('topbar.backupVerified') : t('topbar.backupNotVerified')}`}
        </span>
      )}
    </div>
  );
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

export function TopBar({ drill = false }: { drill?: boolean }) {
  const { t } = useTranslation();
  const { data: hello } = useSystemHelloQuery();
  const dispatch = useAppDispatch();
  return (
    <>
      <header className="topbar">
        <div className="brand">
          <span className="brand-zh" lang="zh-CN">
            烽燧
          </span>
          <span className="brand-en" lang="en">
            Fengsui
          </span>
        </div>
        {hello?.demo && (
          <span className="badge badge-demo" data-testid="demo-badge">
            {t('topbar.demo')}
          </span>
        )}
        <Clock />
        <div className="operator" data-testid="operator">
          <span className="pill-label">{t('topbar.operator')}</span>
          <span className="operator-name">{hello?.operator ?? '—'}</span>
        </div>
        <UserMenu />
        <OpenP1 />
        <OverdueCount />
        <div className="topbar-spacer" />
        <RadioNav />
        <SettingsMenu>
          <BasemapNav />
          <CategoryAdminNav />
          <GridNav />
          <SyncReviewNav />
        </SettingsMenu>
        <KpiNav />
        <ConnectionStatus />
        <SyncStatus />
        <SyncAttention />
        <BackupNow />
        <button
          type="button"
          className="btn btn-icon"
          onClick={() => dispatch(toggleHelp())}
          aria-label={t('help.button')}
          title={t('help.button')}
        >
          ?
        </button>
        <LanguageSwitch />
      </header>
      {drill && (
        <div className="drill-band" role="status" data-testid="drill-banner">
          {t('topbar.drill')}
        </div>
      )}
    </>
  );
}
