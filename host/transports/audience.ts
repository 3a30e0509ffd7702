import type { EventName, Role, SessionUser } from '../../contract';

/**
 * Who hears which host event. The escalations go to "the supervisor role": a supervisor reviews the
 * shift (the audit log and the SLA rules are theirs in host/users/permissions.ts), and an administrator may do
 * everything a supervisor may, so both receive them. Coordinators and operators see the escalation's timeline
 * entry through `incident.changed` like every other change; the alert itself is not theirs to act on.
 */
export const ROLE_TARGETED_EVENTS: Partial<Record<EventName, readonly Role[]>> = {
  'sla.escalated': ['supervisor', 'admin'],
  'dispatch.escalated': ['supervisor', 'admin'],
};

/**
 * What a window that has not signed in may hear in signed mode: nothing about incidents, units or radio traffic,
 * only what the sign-in screen and the connection indicator use. `user.changed` carries an id and no secrets.
 */
export const PRE_SIGN_IN_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['sync.status', 'user.changed']);

/** What the transports need to know about a connection: the console's mode and the connection's session. */
export interface SessionLookup {
  isSignedMode(): boolean;
  session(call: { clientId?: string }): SessionUser | null;
}

/**
 * Decides, per event and per connection, whether the connection hears it. Asked at delivery time, so a window
 * that signs in, signs out, or has its role changed hears the right things from the next event on. Open mode (no
 * accounts yet) has no roles: every window is the console's operator and hears everything.
 */
export function eventAudience(users: SessionLookup) {
  return (clientId: string, event: EventName): boolean => {
    if (!users.isSignedMode()) return true;
    const user = users.session({ clientId });
    if (!user) return PRE_SIGN_IN_EVENTS.has(event);
    const roles = ROLE_TARGETED_EVENTS[event];
    return roles === undefined || roles.includes(user.role);
  };
}
