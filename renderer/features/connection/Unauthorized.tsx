import { useTranslation } from 'react-i18next';

/** Full-screen notice when the host refused the connection (missing or wrong token). */
export function Unauthorized() {
  const { t } = useTranslation();
  return (
    <main className="fullscreen-notice" data-testid="unauthorized" role="alert">
      <div className="notice-box">
        <div className="brand big">
          <span className="brand-zh">烽燧</span> <span className="brand-en">Fengsui</span>
        </div>
        <h1>{t('unauthorized.title')}</h1>
        <p>{t('unauthorized.body')}</p>
        <p className="notice-hint">{t('unauthorized.hint')}</p>
      </div>
    </main>
  );
}
