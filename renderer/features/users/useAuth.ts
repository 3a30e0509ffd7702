import { useAuthStatusQuery } from './usersApi';
import type { Role } from '../../../contract/users';

/**
 * The window's sign-in state. While the answer is unknown the console renders as before (open mode is the
 * common case on a fresh install, and an unsigned window's calls are refused by the host anyway).
 */
export function useAuth() {
  const { data } = useAuthStatusQuery();
  const mode = data?.mode ?? 'open';
  const user = data?.user ?? null;
  const role: Role | null = user?.role ?? null;
  return {
    status: data,
    mode,
    user,
    needsSignIn: mode === 'signed' && !user,
    /** Open mode runs without roles (as before accounts existed); otherwise the user's role decides. */
    can: (...roles: Role[]) => mode === 'open' || role === 'admin' || (role !== null && roles.includes(role)),
  };
}
