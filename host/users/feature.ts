import type { CallContext, HostContext } from '../context';
import type { HostFeature } from '../feature';
import { defineHandlers } from '../router';
import type { MethodName } from '../../contract';
import { queryAudit } from './auditQuery';
import { HandoverService, type OverdueSource } from './handover';
import { UsersService, type UsersOptions } from './service';

export interface UsersFeatureOptions extends UsersOptions {
  /** The operator of open mode (`--operator` or the OS user). */
  openOperator: string;
  /** Overdue incidents for the handover summary (the SLA feature); absent → "not tracked". */
  overdue?: OverdueSource;
}

/**
 * Users, sessions, roles, shift handover and the audit viewer. Its `gate` is given to the router, so every call
 * is checked in one place and `ctx.operator()` names the window's signed-in user.
 */
export function usersFeature(
  ctx: HostContext,
  options: UsersFeatureOptions,
): HostFeature & {
  users: UsersService;
  handover: HandoverService;
  gate(method: MethodName, call: CallContext): CallContext;
} {
  const users = new UsersService(ctx, options.openOperator, options);
  const handover = new HandoverService(ctx, users, options.overdue);
  return {
    name: 'users',
    users,
    handover,
    gate: (method, call) => users.gate(method, call),
    clientDisconnected: (clientId) => users.clientGone(clientId),
    handlers: [
      defineHandlers({
        'auth.status': (_p, call) => users.status(call),
        'auth.signIn': (p, call) => users.signIn(call, p.username, p.password),
        'auth.signOut': (_p, call) => users.signOut(call),
        'user.list': () => users.list(),
        'user.create': (p, call) => users.create(call, p),
        'user.update': (p) => users.update(p),
        'user.resetPassword': (p) => users.resetPassword(p.id, p.password),
        'handover.preview': () => handover.summary(),
        'handover.sign': (p, call) => handover.sign(call, p),
        'handover.list': (p) => handover.list(p.limit, p.offset),
        'handover.get': (p) => handover.get(p.id),
        'audit.list': (p) => queryAudit(ctx.store.db, p),
      }),
    ],
  };
}
