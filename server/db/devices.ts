import { randomUUID } from 'node:crypto';
import type { DeviceRole } from '../../contract/sync';
import { formatCredential, hashToken, newToken, tokenMatches } from '../auth/token';
import type { Queryable } from './pool';

export interface Device {
  id: string;
  name: string;
  role: DeviceRole;
}

/** Register a device. The returned credential is the only copy of the token anywhere. */
export async function addDevice(
  q: Queryable,
  name: string,
  role: DeviceRole,
): Promise<Device & { credential: string }> {
  const id = randomUUID();
  const token = newToken();
  await q.query('INSERT INTO devices (id, name, role, token_hash) VALUES ($1, $2, $3, $4)', [
    id,
    name,
    role,
    hashToken(token),
  ]);
  return { id, name, role, credential: formatCredential(id, token) };
}

export async function revokeDevice(q: Queryable, id: string): Promise<boolean> {
  const r = await q.query('UPDATE devices SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [id]);
  return (r.rowCount ?? 0) > 0;
}

export async function listDevices(
  q: Queryable,
): Promise<(Device & { createdAt: Date; revokedAt: Date | null })[]> {
  const { rows } = await q.query<{
    id: string;
    name: string;
    role: DeviceRole;
    created_at: Date;
    revoked_at: Date | null;
  }>('SELECT id, name, role, created_at, revoked_at FROM devices ORDER BY created_at');
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }));
}

export type VerifyResult = { ok: true; device: Device } | { ok: false; detail: string };

/** Same answer for "no such device" and "wrong token", so the endpoint does not reveal which ids exist. */
export async function verifyDevice(q: Queryable, deviceId: string, token: string): Promise<VerifyResult> {
  const { rows } = await q.query<{
    id: string;
    name: string;
    role: DeviceRole;
    token_hash: Buffer;
    revoked_at: Date | null;
  }>('SELECT id, name, role, token_hash, revoked_at FROM devices WHERE id = $1', [deviceId]);
  const row = rows[0];
  if (!row || !tokenMatches(token, row.token_hash)) {
    return {
      ok: false,
      detail: 'the device id or token is wrong; ask the administrator for a new credential',
    };
  }
  if (row.revoked_at)
    return { ok: false, detail: 'this device has been revoked; ask the administrator to add it again' };
  return { ok: true, device: { id: row.id, name: row.name, role: row.role } };
}
