/**
 * Operator accounts, their sessions and who pushed what (tables of migration 0003). A session token is 256
 * random bits stored as SHA-256 (see auth/token.ts for why a fast hash is right for random tokens); the
 * password is argon2id. Failed sign-ins are counted in the row, so all server instances share one lockout.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../contract/users';
import type { ServerOperator } from '../../contract/sync';
import { hashToken, newToken } from '../auth/token';
import { burnVerify, hashPassword, verifyPassword } from '../auth/password';
import type { Queryable } from './pool';

/** Failed sign-ins in a row before the account is locked, and for how long each further failure locks it. */
export const LOCKOUT = { attempts: 5, lockMs: 5 * 60_000 } as const;
/** A shift and a bit: an operator signs in at the start of a shift; the console renews while signed in. */
export const SESSION_TTL_MS = 12 * 60 * 60_000;

export interface OperatorRow extends ServerOperator {
  disabled: boolean;
  lockedUntil: Date | null;
  createdAt: Date;
}

export class OperatorExistsError extends Error {}

export async function addOperator(
  q: Queryable,
  username: string,
  role: Role,
  password: string,
): Promise<ServerOperator> {
  const id = randomUUID();
  const passwordHash = await hashPassword(password);
  const r = await q.query(
    `INSERT INTO operators (id, username, role, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (username) DO NOTHING`,
    [id, username, role, passwordHash],
  );
  if ((r.rowCount ?? 0) === 0)
    throw new OperatorExistsError(`an operator named "${username}" exists already; pick another name`);
  return { id, username, role };
}

/** Disabling also ends the operator's open sessions at once. */
export async function setOperatorDisabled(
  q: Queryable,
  username: string,
  disabled: boolean,
): Promise<boolean> {
  const r = await q.query<{ id: string }>(
    'UPDATE operators SET disabled = $2, updated_at = now() WHERE username = $1 RETURNING id',
    [username, disabled],
  );
  const id = r.rows[0]?.id;
  if (!id) return false;
  if (disabled)
    await q.query(
      'UPDATE operator_sessions SET ended_at = now() WHERE operator_id = $1 AND ended_at IS NULL',
      [id],
    );
  return true;
}

/** A new password also lifts a lockout (the administrator has spoken to the person). */
export async function setOperatorPassword(
  q: Queryable,
  username: string,
  password: string,
): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  const r = await q.query(
    `UPDATE operators SET password_hash = $2, failed_attempts = 0, locked_until = NULL, updated_at = now()
      WHERE username = $1`,
    [username, passwordHash],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function listOperators(q: Queryable): Promise<OperatorRow[]> {
  const { rows } = await q.query<{
    id: string;
    username: string;
    role: Role;
    disabled: boolean;
    locked_until: Date | null;
    created_at: Date;
  }>('SELECT id, username, role, disabled, locked_until, created_at FROM operators ORDER BY username');
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    role: r.role,
    disabled: r.disabled,
    lockedUntil: r.locked_until && r.locked_until.getTime() > Date.now() ? r.locked_until : null,
    createdAt: r.created_at,
  }));
}

export type SignInResult =
  | { ok: true; token: string; operator: ServerOperator; expiresAt: number }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'disabled'; operator: ServerOperator }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

/**
 * Checks a user name and password for a console and opens a session bound to that console. The answer for an
 * unknown name and a wrong password is the same. A locked account is refused before the password is checked,
 * so guessing during the lock learns nothing.
 */
export async function signInOperator(
  q: Queryable,
  deviceId: string,
  username: string,
  password: string,
): Promise<SignInResult> {
  const { rows } = await q.query<{
    id: string;
    username: string;
    role: Role;
    password_hash: string;
    disabled: boolean;
    lock_ms: string | null;
  }>(
    `SELECT id, username, role, password_hash, disabled,
            CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()) * 1000) END AS lock_ms
       FROM operators WHERE username = $1`,
    [username],
  );
  const row = rows[0];
  if (!row) {
    await burnVerify(password);
    return { ok: false, reason: 'wrong' };
  }
  if (row.lock_ms !== null)
    return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(Number(row.lock_ms) / 1000) };
  const operator: ServerOperator = { id: row.id, username: row.username, role: row.role };
  if (!(await verifyPassword(row.password_hash, password))) {
    // One statement, so concurrent failures on several instances all count.
    const r = await q.query<{ lock_ms: string | null }>(
      `UPDATE operators SET failed_attempts = failed_attempts + 1,
              locked_until = CASE WHEN failed_attempts + 1 >= $2 THEN now() + $3 * interval '1 millisecond'
                                  ELSE locked_until END
        WHERE id = $1
        RETURNING CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()) * 1000) END AS lock_ms`,
      [row.id, LOCKOUT.attempts, LOCKOUT.lockMs],
    );
    const lockMs = r.rows[0]?.lock_ms;
    if (lockMs) return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(Number(lockMs) / 1000) };
    return { ok: false, reason: 'wrong' };
  }
  if (row.disabled) return { ok: false, reason: 'disabled', operator };
  await q.query('UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = $1', [row.id]);
  const token = newToken();
  const { rows: s } = await q.query<{ expires_at: Date }>(
    `INSERT INTO operator_sessions (token_hash, operator_id, device_id, expires_at)
     VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond') RETURNING expires_at`,
    [hashToken(token), row.id, deviceId, SESSION_TTL_MS],
  );
  return { ok: true, token, operator, expiresAt: s[0]!.expires_at.getTime() };
}

export type SessionCheck =
  | { ok: true; operator: ServerOperator; expiresAt: number }
  | { ok: false; problem: 'expired' | 'invalid'; detail: string };

/**
 * The operator behind a session token sent by `deviceId`. A token from another console, an ended session or a
 * disabled operator are `invalid`; a session past its time is `expired`.
 */
export async function verifyOperatorSession(
  q: Queryable,
  deviceId: string,
  token: string,
): Promise<SessionCheck> {
  const { rows } = await q.query<{
    id: string;
    username: string;
    role: Role;
    disabled: boolean;
    device_id: string;
    expires_at: Date;
    ended_at: Date | null;
    expired: boolean;
  }>(
    `SELECT o.id, o.username, o.role, o.disabled, s.device_id, s.expires_at, s.ended_at, s.expires_at <= now() AS expired
       FROM operator_sessions s JOIN operators o ON o.id = s.operator_id WHERE s.token_hash = $1`,
    [hashToken(token)],
  );
  const r = rows[0];
  if (!r || r.device_id !== deviceId || r.ended_at || r.disabled) {
    return {
      ok: false,
      problem: 'invalid',
      detail:
        'the operator session is not valid on this console (signed out, disabled or unknown); sign in again',
    };
  }
  if (r.expired)
    return { ok: false, problem: 'expired', detail: 'the operator session has expired; sign in again' };
  return {
    ok: true,
    operator: { id: r.id, username: r.username, role: r.role },
    expiresAt: r.expires_at.getTime(),
  };
}

export async function endOperatorSession(q: Queryable, deviceId: string, token: string): Promise<boolean> {
  const r = await q.query(
    'UPDATE operator_sessions SET ended_at = now() WHERE token_hash = $1 AND device_id = $2 AND ended_at IS NULL',
    [hashToken(token), deviceId],
  );
  return (r.rowCount ?? 0) > 0;
}

/** What the auth hook found in a request's operator header (absent header → no row is written). */
export type PushOperator = SessionCheck;
