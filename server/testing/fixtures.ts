/** Shared helpers for the server's tests (not shipped). */
import { Writable } from 'node:stream';
import pg from 'pg';
import { encodeHlc } from '../../contract/hlc';
import { SYNC_SCHEMA_VERSION, type Change } from '../../contract/sync';
import { createServer, type SyncServer } from '../app';
import type { ServerConfig } from '../config';
import { addDevice } from '../db/devices';
import type { DeviceRole } from '../../contract/sync';

/** Captures log lines (as text) so tests can look for leaked secrets. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, cb: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    cb();
  }
  get text(): string {
    return this.lines.join('\n');
  }
  json(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface Running {
  server: SyncServer;
  url: string;
  logs: LogCapture;
}

/** In-process servers by base URL, so `call` can wait for their projector after a write. */
const running = new Map<string, SyncServer>();

export async function startServer(databaseUrl: string, config: Partial<ServerConfig> = {}): Promise<Running> {
  const logs = new LogCapture();
  const server = await createServer({ databaseUrl, port: 0, logStream: logs, logLevel: 'info', ...config });
  const url = await server.listen();
  running.set(url, server);
  return { server, url, logs };
}

export interface TestDevice {
  id: string;
  credential: string;
}

export async function device(
  databaseUrl: string,
  role: DeviceRole = 'console',
  name = `test-${role}`,
): Promise<TestDevice> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const d = await addDevice(client, name, role);
    return { id: d.id, credential: d.credential };
  } finally {
    await client.end();
  }
}

let wall = Date.now();
/** A valid change by `consoleId`; HLCs increase across calls. */
export function change(consoleId: string, seq: number, over: Partial<Change> = {}): Change {
  return {
    consoleId,
    seq,
    entity: 'incident',
    entityId: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    op: 'update',
    fields: { description: `change ${seq}` },
    hlc: encodeHlc({ wall: ++wall, counter: 0, node: consoleId }),
    schemaVersion: SYNC_SCHEMA_VERSION,
    ...over,
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = Record<string, unknown>>(
  base: string,
  path: string,
  opts: {
    method?: string;
    body?: unknown;
    rawBody?: string | Buffer;
    credential?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.credential) headers.authorization = `Bearer ${opts.credential}`;
  let body: string | Buffer | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(base + path, {
    method: opts.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const text = await res.text();
  // The merged view (entity_state) is projected after the push commits. Tests read it right after a write, so
  // a write through a server started here returns once that server's projector has caught up.
  if (res.ok && (path.startsWith('/v1/push') || path.startsWith('/v1/intake'))) {
    await running.get(base)?.projector.idle();
  }
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
}

export async function count(databaseUrl: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(sql);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
