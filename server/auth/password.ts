/**
 * Operator passwords: argon2id (the library's default, RFC 9106) like the console's own accounts
 * (host/users/passwords.ts). Unlike device tokens, passwords are chosen by people and guessable, so a slow hash
 * is the point; it runs on libuv's thread pool, so a sign-in does not stall other requests.
 */
import { hash, verify } from '@node-rs/argon2';

export const hashPassword = (password: string): Promise<string> => hash(password);

/** False for a wrong password and for an unparseable hash (a damaged row must not let anyone in). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** Same time as a real check for an unknown user name, so timing does not reveal which names exist. */
export async function burnVerify(password: string): Promise<false> {
  dummy ??= hashPassword('fengsui-no-such-operator');
  await verifyPassword(await dummy, password);
  return false;
}
