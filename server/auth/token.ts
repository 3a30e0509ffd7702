/**
 * Device tokens. A token is 256 random bits, shown once when the device is added and stored only as its
 * SHA-256. A slow password hash (scrypt, argon2) exists to make guessing *low-entropy* secrets expensive; a
 * 256-bit random token cannot be guessed, so a fast hash loses nothing — and a slow one would cost ~50 ms of
 * CPU on every request, an easy denial of service. Comparison is constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/; // 32 bytes, base64url without padding

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A token's shape (operator session tokens travel bare, without a device id). */
export const looksLikeToken = (s: string): boolean => TOKEN.test(s);

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function tokenMatches(token: string, storedHash: Buffer): boolean {
  const h = hashToken(token);
  return h.length === storedHash.length && timingSafeEqual(h, storedHash);
}

/** The credential as the device sends it: `Authorization: Bearer <deviceId>.<token>`. */
export function formatCredential(deviceId: string, token: string): string {
  return `${deviceId}.${token}`;
}

export type ParsedCredential = { ok: true; deviceId: string; token: string } | { ok: false; detail: string };

export function parseAuthorization(header: string | undefined): ParsedCredential {
  if (!header)
    return { ok: false, detail: 'no Authorization header; send "Authorization: Bearer <deviceId>.<token>"' };
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) return { ok: false, detail: 'the Authorization header must be "Bearer <deviceId>.<token>"' };
  const cred = m[1]!;
  const dot = cred.indexOf('.');
  const deviceId = dot > 0 ? cred.slice(0, dot).toLowerCase() : '';
  const token = dot > 0 ? cred.slice(dot + 1) : '';
  if (!UUID.test(deviceId) || !TOKEN.test(token)) {
    return { ok: false, detail: 'the device credential is malformed; copy it again from "device add"' };
  }
  return { ok: true, deviceId, token };
}
