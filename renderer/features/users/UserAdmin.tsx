import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type User } from '../../../contract/users';
import { Modal } from '../../app/Modal';
import { toHostError } from '../../app/hostClient';
import { useAppDispatch } from '../../app/store';
import { errorToast, pushToast } from '../toasts/toastsSlice';
import { useUserListQuery, useUserResetPasswordMutation, useUserUpdateMutation } from './usersApi';
import { UserForm } from './UserForm';

function UserRow({ user }: { user: User }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const [update] = useUserUpdateMutation();
  const [reset, { isLoading: resetting }] = useUserResetPasswordMutation();
  const [newPassword, setNewPassword] = useState('');
  const [resetOpen, setResetOpen] = useState(false);
  const run = async (p: Promise<{ error?: unknown } | { data: unknown }>) => {
    const r = await p;
    if ('error' in r && r.error) dispatch(errorToast(toHostError(r.error)));
    return !('error' in r && r.error);
  };
  return (
    <tr data-testid={`user-row-${user.username}`} className={user.disabled ? 'user-disabled' : ''}>
      <td>{user.username}</td>
      <td>{user.displayName}</td>
      <td>
        <select
          aria-label={t('users.roleLabel')}
          data-testid="user-row-role"
          value={user.role}
          onChange={(e) => void run(update({ id: user.id, role: e.target.value as Role }))}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`users.role.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>{user.disabled ? t('users.disabled') : t('users.active')}</td>
      <td>
        <div className="user-actions">
          <button
            type="button"
            className="btn"
            data-testid="user-row-toggle"
            onClick={() => void run(update({ id: user.id, disabled: !user.disabled }))}
          >
            {user.disabled ? t('users.enable') : t('users.disable')}
          </button>
          {resetOpen ? (
            <form
              className="inline-reset"
              onSubmit={(e) => {
                e.preventDefault();
                void run(reset({ id: user.id, password: newPassword })).then((ok) => {
                  if (!ok) return;
                  setResetOpen(false);
                  setNewPassword('');
                  dispatch(
                    pushToast({
                      kind: 'success',
                      key: 'users.passwordReset',
                      params: { name: user.username },
                    }),
                  );
                });
              }}
            >
              <input
                type="password"
                autoComplete="new-password"
                aria-label={t('users.newPassword')}
                placeholder={t('users.newPassword')}
                data-testid="user-row-newpassword"
                value={newPassword}
                onChange={(e) => setNewPassword(e.target.value)}
              />
              <button
                type="submit"
                className="btn btn-primary"
                disabled={resetting || newPassword.length < 8}
              >
                {t('users.save')}
              </button>
            </form>
          ) : (
            <button
              type="button"
              className="btn"
              data-testid="user-row-reset"
              onClick={() => setResetOpen(true)}
            >
              {t('users.resetPassword')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}

/** Administrators manage accounts: create, change role, disable, reset a password. */
export function UserAdmin({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { data: users, error } = useUserListQuery();
  const err = error ? toHostError(error) : null;
  return (
    <Modal labelledBy="user-admin-title" onClose={onClose} className="modal-wide" testId="user-admin">
      <div className="modal-head">
        <h2 id="user-admin-title">{t('users.admin.title')}</h2>
        <button type="button" className="btn" onClick={onClose} data-testid="user-admin-close">
          {t('common.close')}
        </button>
      </div>
      {err && (
        <div className="inline-error" role="alert">
          {t(err.key, err.params)}
        </div>
      )}
      <div className="user-admin-body">
        <table className="data-table" data-testid="user-table">
          <thead>
            <tr>
              <th>{t('users.username')}</th>
              <th>{t('users.displayName')}</th>
              <th>{t('users.roleLabel')}</th>
              <th>{t('users.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(users ?? []).map((u) => (
              <UserRow key={u.id} user={u} />
            ))}
          </tbody>
        </table>
        <section className="user-admin-new">
          <h3>{t('users.admin.new')}</h3>
          <UserForm />
        </section>
      </div>
    </Modal>
  );
}

/** Open mode: the discreet prompt leads here; the first account is an administrator. */
export function FirstAdminDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal labelledBy="first-admin-title" onClose={onClose} testId="first-admin-dialog">
      <h2 id="first-admin-title">{t('users.firstAdmin.title')}</h2>
      <p className="muted">{t('users.firstAdmin.body')}</p>
      <UserForm firstAdmin onDone={onClose} />
    </Modal>
  );
}
