import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing with argon2id (the library's default algorithm, RFC 9106) at its default cost (19 MiB, 2
 * passes): a prebuilt native module, so it installs offline. Hashing runs on libuv's thread pool, so a sign-in
 * never blocks other windows' calls.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password and for a hash that cannot be parsed (a damaged row must not let anyone in). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/**
 * Spends the same time as a real check for a user name that does not exist, so the answer's timing does not
 * tell an onlooker which names are accounts.
 */
export async function burnVerify(password: string): Promise<false> {
  dummy ??= hashPassword('fengsui-no-such-user');
  await verifyPassword(await dummy, password);
  return false;
}
