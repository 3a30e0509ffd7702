import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '../../app/store';
import { AuditViewer } from './AuditViewer';
import { HandoverDialog } from './HandoverDialog';
import { FirstAdminDialog, UserAdmin } from './UserAdmin';
import { useAuth } from './useAuth';
import { useAuthSignOutMutation } from './usersApi';
import { resetForNewUser } from './usersEvents';
import './users.css';

type Dialog = 'users' | 'handover' | 'audit' | 'firstAdmin' | null;

/**
 * The top bar's account menu: who is signed in and their role, shift handover, the audit log, user admin (for
 * administrators) and sign-out. In open mode it offers, discreetly, to create the first administrator.
 */
export function UserMenu() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { mode, user, can } = useAuth();
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [signOut] = useAuthSignOutMutation();
  const show = (d: Dialog) => {
    setOpen(false);
    setDialog(d);
  };
  return (
    <div className="user-menu" data-testid="user-menu" data-mode={mode}>
      {mode === 'open' ? (
        <button
          type="button"
          className="btn btn-quiet"
          data-testid="setup-accounts"
          title={t('users.open.hint')}
          onClick={() => show('firstAdmin')}
        >
          {t('users.open.prompt')}
        </button>
      ) : (
        <button
          type="button"
          className="btn user-menu-button"
          data-testid="user-menu-button"
          aria-haspopup="menu"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          <span className="user-name" data-testid="user-name">
            {user?.displayName ?? '—'}
          </span>
          {user && (
            <span className="user-role" data-testid="user-role">
              {t(`users.role.${user.role}`)}
            </span>
          )}
          <span className="caret" aria-hidden="true">
            ▾
          </span>
        </button>
      )}
      {open && user && (
        <div className="user-menu-list" role="menu" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
          <button type="button" role="menuitem" data-testid="menu-handover" onClick={() => show('handover')}>
            {t('users.menu.handover')}
          </button>
          {can('supervisor') && (
            <button type="button" role="menuitem" data-testid="menu-audit" onClick={() => show('audit')}>
              {t('users.menu.audit')}
            </button>
          )}
          {can() && (
            <button type="button" role="menuitem" data-testid="menu-users" onClick={() => show('users')}>
              {t('users.menu.users')}
            </button>
          )}
          <button
            type="button"
            role="menuitem"
            data-testid="menu-signout"
            onClick={() => {
              setOpen(false);
              void signOut().then(() => resetForNewUser({ dispatch }));
            }}
          >
            {t('users.menu.signOut')}
          </button>
        </div>
      )}
      {dialog === 'users' && <UserAdmin onClose={() => setDialog(null)} />}
      {dialog === 'handover' && <HandoverDialog onClose={() => setDialog(null)} />}
      {dialog === 'audit' && <AuditViewer onClose={() => setDialog(null)} />}
      {dialog === 'firstAdmin' && <FirstAdminDialog onClose={() => setDialog(null)} />}
    </div>
  );
}
