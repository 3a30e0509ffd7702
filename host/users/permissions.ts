import type { MethodName, Role } from '../../contract';

/**
 * Which roles may call which methods, by method-name prefix; the longest matching prefix wins, and a method no
 * rule names is open to every signed-in user. An administrator may call everything. Reads stay open (everyone
 * on duty sees the radio profiles and the map); changes to shared configuration and accounts are limited.
 */
export const PERMISSIONS: readonly (readonly [prefix: string, roles: readonly Role[]])[] = [
  // Accounts and the first-run choice: administrators only.
  ['user.', ['admin']],
  ['system.setup', ['admin']],
  // The audit log: those who review the shift.
  ['audit.', ['supervisor', 'admin']],
  // Reviewing sync conflicts: the supervisor of the shift.
  ['sync.conflict.review', ['supervisor', 'admin']],
  // Radio hardware and its configuration.
  ['radio.profile.save', ['technician', 'admin']],
  ['radio.profile.delete', ['technician', 'admin']],
  ['radio.link.save', ['technician', 'admin']],
  ['radio.link.delete', ['technician', 'admin']],
  ['radio.test.', ['technician', 'admin']],
  ['serial.open', ['technician', 'admin']],
  ['serial.close', ['technician', 'admin']],
  // Basemaps: this workstation's map files and online keys.
  ['basemap.addXyz', ['technician', 'admin']],
  ['basemap.delete', ['technician', 'admin']],
  ['basemap.setActive', ['technician', 'admin']],
  ['basemap.import.', ['technician', 'admin']],
  // The grid hierarchy and the rules the whole centre works by.
  ['grid.import', ['supervisor', 'admin']],
  ['sla.setRule', ['supervisor', 'admin']],
  ['duplicates.setSettings', ['supervisor', 'admin']],
  ['category.save', ['supervisor', 'admin']],
  ['category.setActive', ['supervisor', 'admin']],
  // Units and geofences: those who plan the deployment.
  ['unit.create', ['coordinator', 'supervisor', 'admin']],
  ['unit.update', ['coordinator', 'supervisor', 'admin']],
  ['geofence.create', ['coordinator', 'supervisor', 'technician', 'admin']],
  ['geofence.delete', ['coordinator', 'supervisor', 'technician', 'admin']],
];

/** Methods a window may call without a session: what the sign-in screen itself needs. */
export const PUBLIC_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'system.hello',
  'auth.status',
  'auth.signIn',
  'auth.signOut',
]);

/** The roles allowed to call `method`, or null when every signed-in user may. */
export function rolesFor(method: string): readonly Role[] | null {
  let best: (typeof PERMISSIONS)[number] | null = null;
  for (const rule of PERMISSIONS) {
    if (method.startsWith(rule[0]) && (!best || rule[0].length > best[0].length)) best = rule;
  }
  return best ? best[1] : null;
}

export function mayCall(role: Role, method: string): boolean {
  if (role === 'admin') return true;
  const roles = rolesFor(method);
  return roles === null || roles.includes(role);
}
