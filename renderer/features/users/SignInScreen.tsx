import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toHostError } from '../../app/hostClient';
import { useAppDispatch } from '../../app/store';
import { useLocale } from '../../app/useLocale';
import { saveLocale } from '../../i18n';
import { setLocale } from '../settings/settingsSlice';
import { useAuthSignInMutation } from './usersApi';
import { resetForNewUser } from './usersEvents';
import './users.css';

/** Shown instead of the console when accounts exist and nobody is signed in on this window. */
export function SignInScreen() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const locale = useLocale();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [signIn, { isLoading, error }] = useAuthSignInMutation();
  const err = error ? toHostError(error) : null;
  const submit = async () => {
    const r = await signIn({ username: username.trim(), password });
    if ('data' in r && r.data?.user) resetForNewUser({ dispatch });
    else setPassword('');
  };
  const other = locale === 'zh-CN' ? 'en-US' : 'zh-CN';
  return (
    <main className="signin-screen" data-testid="signin-screen">
      <form
        className="signin-card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="signin-brand">
          <span lang="zh-CN">烽燧</span> <span lang="en">Fengsui</span>
        </div>
        <h1>{t('users.signIn.title')}</h1>
        <p className="muted">{t('users.signIn.hint')}</p>
        <label className="field">
          <span>{t('users.username')}</span>
          <input
            data-testid="signin-username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('users.password')}</span>
          <input
            data-testid="signin-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {err && (
          <div className="inline-error" role="alert" data-testid="signin-error" data-code={err.code}>
            {t(err.key, err.params)}
          </div>
        )}
        <div className="signin-actions">
          <button
            type="button"
            className="btn"
            data-testid="signin-lang"
            onClick={() => {
              dispatch(setLocale(other));
              saveLocale(window.localStorage, other);
            }}
          >
            {other === 'zh-CN' ? '中文' : 'English'}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="signin-submit"
            disabled={isLoading || !username.trim() || !password}
          >
            {isLoading ? t('users.signIn.working') : t('users.signIn.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
