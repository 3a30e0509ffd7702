import { randomUUID } from 'node:crypto';
import {
  HostFailure,
  type AuthStatus,
  type MethodName,
  type Role,
  type SessionUser,
  type User,
} from '../../contract';
import type { CallContext, HostContext } from '../context';
import { burnVerify, hashPassword, verifyPassword } from './passwords';
import { mayCall, PUBLIC_METHODS, rolesFor } from './permissions';
import { UsersRepository } from './repo';
import { SignInThrottle, type ThrottleOptions } from './throttle';

export interface UsersOptions {
  throttle?: ThrottleOptions;
}

/**
 * Told when a person starts or stops being signed in on this console (the sync feature signs them in at the
 * central server too). `signedIn` gets the password only so it can be passed on; it must not be stored on
 * disk or logged. `signedOut` comes when no window holds that user any more.
 */
export interface SignInHook {
  signedIn(username: string, password: string): void;
  signedOut(username: string): void;
}

const sessionUser = (u: User): SessionUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
});

/**
 * Accounts and sessions. A session belongs to one client connection (a window's WebSocket or MessagePort): two
 * windows on one workstation can be signed in as different people, and closing a window signs it out.
 */
export class UsersService {
  readonly repo: UsersRepository;
  private readonly sessions = new Map<string, SessionUser>();
  private readonly throttle: SignInThrottle;
  /** Accounts cannot be deleted, so once one exists the console stays in signed mode; cached per call. */
  private signedMode: boolean;
  private readonly hooks: SignInHook[] = [];

  constructor(
    private readonly ctx: HostContext,
    /** The operator of open mode (`--operator` or the OS user). */
    private readonly openOperator: string,
    options: UsersOptions = {},
  ) {
    this.repo = new UsersRepository(ctx.store.db);
    this.throttle = new SignInThrottle(ctx.now, options.throttle);
    this.signedMode = this.repo.count() > 0;
  }

  addSignInHook(hook: SignInHook): void {
    this.hooks.push(hook);
  }

  isSignedMode(): boolean {
    return this.signedMode;
  }

  session(call: CallContext): SessionUser | null {
    return call.clientId ? (this.sessions.get(call.clientId) ?? null) : null;
  }

  /**
   * The router's gate. Open mode: everything runs as before accounts existed. Signed mode: a session on this
   * client is needed (except for the sign-in methods), its role must be allowed, and it becomes the call's actor.
   */
  gate(method: MethodName, call: CallContext): CallContext {
    if (!this.signedMode) return call;
    const user = this.session(call);
    if (PUBLIC_METHODS.has(method)) return user ? { ...call, operator: user.username } : call;
    if (!user) throw new HostFailure('unauthorized', { detail: 'no one is signed in on this window' });
    if (!mayCall(user.role, method)) {
      const roles = rolesFor(method) ?? [];
      throw new HostFailure('forbidden', {
        detail: `${method} needs the role ${[...roles, 'admin'].filter((r, i, a) => a.indexOf(r) === i).join(' / ')}; ${user.username} is ${user.role}`,
      });
    }
    return { ...call, operator: user.username };
  }

  status(call: CallContext): AuthStatus {
    return {
      mode: this.signedMode ? 'signed' : 'open',
      user: this.session(call),
      openOperator: this.openOperator,
    };
  }

  /**
   * Checks a user name and password, rate-limited per name. Used by sign-in and by the handover signatures.
   * The refusal does not say which of the two was wrong.
   */
  async authenticate(username: string, password: string): Promise<User> {
    const wait = this.throttle.waitMs(username);
    if (wait > 0) {
      throw new HostFailure('sign_in_throttled', { username, seconds: Math.ceil(wait / 1000) });
    }
    const found = this.repo.credentials(username);
    const ok = found ? await verifyPassword(found.hash, password) : await burnVerify(password);
    if (!found || !ok || found.user.disabled) {
      this.throttle.fail(username);
      this.audit('auth.signInFailed', 'user', found?.user.id ?? '-', { username }, username);
      throw new HostFailure('sign_in_failed', { username });
    }
    this.throttle.succeed(username);
    return found.user;
  }

  async signIn(call: CallContext, username: string, password: string): Promise<AuthStatus> {
    if (!this.signedMode) {
      throw new HostFailure('forbidden', {
        detail: 'no user accounts exist yet; an administrator creates the first one under Users',
      });
    }
    if (!call.clientId)
      throw new HostFailure('unauthorized', { detail: 'this connection cannot hold a session' });
    const user = await this.authenticate(username, password);
    this.bind(call.clientId, user, 'password', password);
    return this.status(call);
  }

  signOut(call: CallContext): AuthStatus {
    const user = this.session(call);
    if (user && call.clientId) {
      this.sessions.delete(call.clientId);
      this.audit('auth.signOut', 'user', user.id, { reason: 'signed out' }, user.username);
      this.leftIfLast(user.username);
    }
    return this.status(call);
  }

  /** A window closed or its connection dropped: its session ends with it. */
  clientGone(clientId: string): void {
    const user = this.sessions.get(clientId);
    if (!user) return;
    this.sessions.delete(clientId);
    this.audit('auth.signOut', 'user', user.id, { reason: 'window closed' }, user.username);
    this.leftIfLast(user.username);
  }

  private leftIfLast(username: string): void {
    for (const s of this.sessions.values()) if (s.username === username) return;
    for (const h of this.hooks) h.signedOut(username);
  }

  /** Makes `user` this client's session (sign-in, or the incoming operator after a handover). */
  bind(
    clientId: string,
    user: User,
    via: 'password' | 'first_admin' | 'handover',
    /** Passed on to the sign-in hooks (server sign-in), never kept here. */
    password?: string,
  ): void {
    const before = this.sessions.get(clientId);
    this.sessions.set(clientId, sessionUser(user));
    this.audit('auth.signIn', 'user', user.id, { via }, user.username);
    if (before && before.username !== user.username) this.leftIfLast(before.username);
    if (password !== undefined) for (const h of this.hooks) h.signedIn(user.username, password);
  }

  list(): User[] {
    return this.repo.list();
  }

  /**
   * Creates an account. The first account must be an administrator (otherwise nobody could manage the others)
   * and signs in the window that created it, so the console does not lock out the person setting it up.
   */
  async create(
    call: CallContext,
    input: { username: string; displayName: string; role: Role; password: string },
  ): Promise<User> {
    const first = !this.signedMode;
    if (first && input.role !== 'admin') {
      throw new HostFailure('bad_request', {
        method: 'user.create',
        detail: 'the first account must have the role admin, so that someone can manage the others',
      });
    }
    if (this.repo.credentials(input.username)) {
      throw new HostFailure('bad_request', {
        method: 'user.create',
        detail: `the user name "${input.username}" is taken; choose another`,
      });
    }
    const passwordHash = await hashPassword(input.password);
    const at = this.ctx.now();
    const user: User = {
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      disabled: false,
      createdAt: at,
      updatedAt: at,
    };
    this.ctx.store.transaction(() => {
      // Re-checked inside the write lock: two windows creating the same name at once.
      if (this.repo.credentials(input.username)) {
        throw new HostFailure('bad_request', {
          method: 'user.create',
          detail: `the user name "${input.username}" is taken; choose another`,
        });
      }
      this.repo.insert(user, passwordHash);
      this.audit('user.create', 'user', user.id, {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
      });
    });
    this.signedMode = true;
    if (first && call.clientId) this.bind(call.clientId, user, 'first_admin', input.password);
    this.ctx.events.publish('user.changed', { id: user.id });
    return user;
  }

  update(input: { id: string; displayName?: string; role?: Role; disabled?: boolean }): User {
    const before = this.require(input.id);
    const after: User = {
      ...before,
      displayName: input.displayName ?? before.displayName,
      role: input.role ?? before.role,
      disabled: input.disabled ?? before.disabled,
      updatedAt: this.ctx.now(),
    };
    const losesAdmin =
      before.role === 'admin' && !before.disabled && (after.role !== 'admin' || after.disabled);
    if (losesAdmin && this.repo.activeAdmins() <= 1) {
      throw new HostFailure('forbidden', {
        detail:
          'the last active administrator cannot be disabled or lose the admin role; make another admin first',
      });
    }
    const changed: Record<string, unknown> = {};
    for (const k of ['displayName', 'role', 'disabled'] as const) {
      if (after[k] !== before[k]) changed[k] = { from: before[k], to: after[k] };
    }
    this.ctx.store.transaction(() => {
      this.repo.update(after);
      this.audit('user.update', 'user', after.id, { username: after.username, changed });
    });
    // A disabled account or a changed role takes effect now, not at the next sign-in.
    for (const [clientId, s] of this.sessions) {
      if (s.id !== after.id) continue;
      if (after.disabled) this.clientGone(clientId);
      else this.sessions.set(clientId, sessionUser(after));
    }
    this.ctx.events.publish('user.changed', { id: after.id });
    return after;
  }

  async resetPassword(id: string, password: string): Promise<User> {
    const user = this.require(id);
    const passwordHash = await hashPassword(password);
    const at = this.ctx.now();
    this.ctx.store.transaction(() => {
      this.repo.setHash(id, passwordHash, at);
      this.audit('user.resetPassword', 'user', id, { username: user.username });
    });
    this.throttle.succeed(user.username);
    this.ctx.events.publish('user.changed', { id });
    return { ...user, updatedAt: at };
  }

  require(id: string): User {
    const u = this.repo.get(id);
    if (!u) throw new HostFailure('not_found', { entity: 'user', id });
    return u;
  }

  /** Accounts are this workstation's, so they are audited but never queued for the central server. */
  audit(
    action: string,
    entity: string,
    entityId: string,
    data: Record<string, unknown>,
    actor?: string,
  ): void {
    this.ctx.store.audit.append({
      at: this.ctx.now(),
      actor: actor ?? this.ctx.operator(),
      consoleId: this.ctx.consoleId,
      action,
      entity,
      entityId,
      data,
    });
  }
}
