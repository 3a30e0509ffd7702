/**
 * The device credential `<deviceId>.<token>` an admin issued with `server device add`. It comes from the
 * environment (FENGSUI_SYNC_CREDENTIAL) and never from the command line (visible in `ps`) or a plain file.
 *
 * Electron hook: the desktop shell should keep the credential in `safeStorage` (OS keychain) and pass it to the
 * host utilityProcess in this same variable (`utilityProcess.fork(…, { env })`); the host does not care where
 * it came from. Nothing here may log or echo it.
 */
export const CREDENTIAL_ENV = 'FENGSUI_SYNC_CREDENTIAL';

const PATTERN = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{16,})$/;

export class CredentialError extends Error {}

export function readCredential(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env[CREDENTIAL_ENV]?.trim();
  if (!raw) {
    throw new CredentialError(
      `--server needs the device credential in ${CREDENTIAL_ENV}=<deviceId>.<token> (printed once by ` +
        '`npm run server -- device add`); it is not accepted on the command line',
    );
  }
  if (!PATTERN.test(raw)) {
    throw new CredentialError(
      `${CREDENTIAL_ENV} is not a device credential (expected <deviceId>.<token> as printed by \`device add\`)`,
    );
  }
  return raw;
}

/** The device id part: it must equal the console id the changes carry. */
export const deviceIdOf = (credential: string): string => credential.slice(0, credential.indexOf('.'));
