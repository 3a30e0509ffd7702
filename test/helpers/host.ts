import pino from 'pino';
import { Host, type HostOptions } from '../../host/host';
import type { MethodName, MethodParams, MethodResult, HostError } from '../../contract';

export const silentLog = () => pino({ level: 'silent' });

export function makeHost(dataDir: string, options: Partial<HostOptions> = {}): Host {
  return new Host({
    dataDir,
    backupIntervalMs: 0,
    validateResults: true,
    log: silentLog(),
    operator: 'tester',
    ...options,
  });
}

let nextId = 1;
/** Calls a method through the router exactly as a transport would; throws the HostError on failure. */
export async function call<M extends MethodName>(
  host: Host,
  method: M,
  params?: MethodParams<M>,
): Promise<MethodResult<M>> {
  const res = await host.router.handleFrame({ t: 'req', id: nextId++, method, params }, { transport: 'ws' });
  if (!res.ok) throw Object.assign(new Error(res.error.message), { hostError: res.error as HostError });
  return res.result as MethodResult<M>;
}

const TABLES = [
  'incidents',
  'incident_timeline',
  'audit_log',
  'outbox',
  'grid_cells',
  'units',
  'categories',
  'meta',
] as const;
export function tableCounts(host: Host): Record<(typeof TABLES)[number], number> {
  const db = host.ctx.store.db;
  const out = {} as Record<(typeof TABLES)[number], number>;
  for (const t of TABLES) {
    out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  }
  return out;
}

export const sampleIncident = {
  category: 'fire_safety',
  priority: 'P2',
  source: 'resident_call',
  location: { lon: 103.665, lat: 36.495 },
  address: '东岗小区',
  description: '楼道冒烟',
} as const;
