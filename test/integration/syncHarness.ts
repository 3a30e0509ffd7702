/** Shared pieces of the sync tests: a console bound to a server device, and the converged-state checks. */
import pg from 'pg';
import type { Host, HostOptions } from '../../host/host';
import { adoptDeviceId } from '../../host/sync/identity';
import { syncedFingerprint } from '../../host/sync/fingerprint';
import { makeHost } from '../helpers/host';
import type { TestDevice } from '../../server/testing/fixtures';
import type { Incident } from '../../contract';

/** A console whose console id is the device id (as `--server` does), optionally running the sync client. */
export function consoleFor(
  dataDir: string,
  dev: TestDevice,
  serverUrl: string | null,
  options: Partial<HostOptions> = {},
): Host {
  adoptDeviceId(dataDir, dev.id);
  return makeHost(dataDir, {
    ...options,
    sync: serverUrl
      ? {
          serverUrl,
          credential: dev.credential,
          pullIntervalMs: 300,
          retryBaseMs: 50,
          retryMaxMs: 500,
          requestTimeoutMs: 3000,
        }
      : undefined,
  });
}

export const fingerprint = (h: Host) => syncedFingerprint(h.ctx.store.db);

/** The server's merged view of incidents, keyed by id (fields as the projection holds them). */
export async function serverIncidents(databaseUrl: string): Promise<Map<string, Record<string, unknown>>> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ entity_id: string; fields: Record<string, unknown> }>(
      "SELECT entity_id, fields FROM entity_state WHERE entity = 'incident'",
    );
    return new Map(rows.map((r) => [r.entity_id, r.fields]));
  } finally {
    await c.end();
  }
}

/** Differences between a console's incident and the server's projection of it (ignoring the local version). */
export function diffIncident(local: Incident, remote: Record<string, unknown> | undefined): string[] {
  if (!remote) return [`${local.id}: missing on the server`];
  const out: string[] = [];
  for (const [k, v] of Object.entries(local)) {
    if (k === 'id' || k === 'version') continue;
    if (canonical(v) !== canonical(remote[k])) {
      out.push(`${local.id}.${k}: console ${JSON.stringify(v)} server ${JSON.stringify(remote[k])}`);
    }
  }
  return out;
}

export function allIncidents(h: Host): Incident[] {
  return h.ctx.store.incidents.list({ limit: 1_000_000, offset: 0 }).items;
}

export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** JSON with sorted keys (jsonb does not keep key order). */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );
}
