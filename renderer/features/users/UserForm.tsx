import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../contract/users';
import { toHostError } from '../../app/hostClient';
import { useUserCreateMutation } from './usersApi';

/** New account. For the first account the role is fixed to admin (the host insists, and says why). */
export function UserForm({ firstAdmin = false, onDone }: { firstAdmin?: boolean; onDone?: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>(firstAdmin ? 'admin' : 'operator');
  const [password, setPassword] = useState('');
  const [create, { isLoading, error }] = useUserCreateMutation();
  const err = error ? toHostError(error) : null;
  const tooShort = password.length > 0 && password.length < 8;
  return (
    <form
      className="user-form"
      data-testid="user-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void create({ username: username.trim(), displayName: displayName.trim(), role, password }).then(
          (r) => {
            if ('data' in r && r.data) {
              setUsername('');
              setDisplayName('');
              setPassword('');
              onDone?.();
            }
          },
        );
      }}
    >
      <label className="field">
        <span>{t('users.username')}</span>
        <input
          data-testid="user-username"
          data-autofocus
          autoComplete="off"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('users.displayName')}</span>
        <input
          data-testid="user-displayname"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('users.roleLabel')}</span>
        <select
          data-testid="user-role"
          value={role}
          disabled={firstAdmin}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`users.role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('users.newPassword')}</span>
        <input
          data-testid="user-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={tooShort}
        />
        {tooShort && <span className="field-error">{t('users.passwordRule')}</span>}
      </label>
      {err && (
        <div className="inline-error" role="alert" data-testid="user-form-error">
          {t(err.key, err.params)}
        </div>
      )}
      <button
        type="submit"
        className="btn btn-primary"
        data-testid="user-create"
        disabled={isLoading || !username.trim() || !displayName.trim() || password.length < 8}
      >
        {firstAdmin ? t('users.createFirstAdmin') : t('users.create')}
      </button>
    </form>
  );
}
