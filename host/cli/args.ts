import { parseArgs } from 'node:util';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServeArgs {
  port: number;
  dataDir: string;
  demo: boolean;
  operator?: string;
  /** Central sync server base URL (`--server`); the credential comes from FENGSUI_SYNC_CREDENTIAL. */
  server?: string;
}

/** The data folder when none is given: the XDG data home, like Electron's userData on Linux. */
export function defaultDataDir(): string {
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'Fengsui');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'fengsui');
}

export class UsageError extends Error {}

export function parseServeArgs(argv: string[]): ServeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: '0' },
        data: { type: 'string' },
        demo: { type: 'boolean', default: false },
        operator: { type: 'string' },
        server: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(
      `${(e as Error).message}\nusage: npm run serve -- [--port N] [--data DIR] [--demo] [--operator NAME] [--server URL]`,
    );
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(
      `--port must be a whole number from 0 to 65535 (0 picks a free port); got "${values.port}"`,
    );
  }
  if (values.server !== undefined && !/^https?:\/\/[^\s/]+/.test(values.server)) {
    throw new UsageError(
      `--server must be the sync server's address, e.g. https://sync.example:8787; got "${values.server}"`,
    );
  }
  return {
    server: values.server,
    port,
    dataDir: resolve(values.data ?? defaultDataDir()),
    demo: values.demo ?? false,
    operator: values.operator,
  };
}

/**
 * Test-only: FENGSUI_CLOCK_SKEW_MS shifts this console's clock (the sync fault test runs consoles ±5 min
 * apart, as real duty rooms drift). Unset in production, where the system clock is used as it is.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): (() => number) | undefined {
  const skew = Number(env.FENGSUI_CLOCK_SKEW_MS ?? 0);
  if (!Number.isFinite(skew) || skew === 0) return undefined;
  return () => Date.now() + skew;
}

/**
 * Test-only tuning of the sync client's timers (FENGSUI_SYNC_PULL_MS, FENGSUI_SYNC_RETRY_MAX_MS), so the fault
 * test need not wait out production backoffs. Unset in production.
 */
export function syncTuningFromEnv(env: NodeJS.ProcessEnv = process.env): {
  pullIntervalMs?: number;
  retryMaxMs?: number;
} {
  const num = (v: string | undefined) => (v && Number(v) > 0 ? Number(v) : undefined);
  return { pullIntervalMs: num(env.FENGSUI_SYNC_PULL_MS), retryMaxMs: num(env.FENGSUI_SYNC_RETRY_MAX_MS) };
}
