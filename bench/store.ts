/**
 * `npm run bench -- store [--n 5000] [--rounds 3]`
 * Incidents created through the host's full service path (frame validation, contract check, incident +
 * timeline + audit + outbox in one transaction) versus the same rows inserted with raw prepared better-sqlite3
 * statements, one transaction per incident, same pragmas, same machine, same run. Prints the throughput ratio.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { Host } from '../host/host';
import { openStore } from '../db/open';

const params = (i: number) => ({
  category: 'emergency',
  priority: (['P1', 'P2', 'P3', 'P4'] as const)[i % 4],
  source: 'radio',
  location: { lon: 103.68 + (i % 100) * 1e-4, lat: 36.5 },
  address: `benchmark road ${i}`,
  description: `benchmark incident ${i}`,
});

async function viaHost(n: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'fengsui-bench-host-'));
  const host = new Host({
    dataDir: dir,
    backupIntervalMs: 0,
    log: pino({ level: 'silent' }),
    operator: 'bench',
  });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const res = await host.router.handleFrame(
      { t: 'req', id: i, method: 'incident.create', params: params(i) },
      { transport: 'ws' },
    );
    if (!res.ok) throw new Error(res.error.message);
  }
  const seconds = (performance.now() - t0) / 1000;
  host.close();
  rmSync(dir, { recursive: true, force: true });
  return n / seconds;
}

function raw(n: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'fengsui-bench-raw-'));
  const { db } = openStore(join(dir, 'raw.sqlite3'));
  const consoleId = randomUUID();
  const incident = db.prepare(
    `INSERT INTO incidents (id, category, priority, status, source, lon, lat, address, description, reporter, grid_code,
       is_drill, is_demo, created_at, updated_at, created_by, version)
     VALUES (?, ?, ?, 'reported', ?, ?, ?, ?, ?, '', NULL, 0, 0, ?, ?, 'bench', 1)`,
  );
  const timeline = db.prepare(
    'INSERT INTO incident_timeline (id, incident_id, at, kind, actor, console_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const audit = db.prepare(
    'INSERT INTO audit_log (at, actor, console_id, action, entity, entity_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const outbox = db.prepare(
    'INSERT INTO outbox (entity, entity_id, op, fields, hlc, schema_version, created_at) VALUES (?, ?, ?, ?, ?, 1, ?)',
  );
  const one = db.transaction((i: number) => {
    const p = params(i);
    const at = Date.now();
    const id = uuidv7();
    const tid = uuidv7();
    incident.run(
      id,
      p.category,
      p.priority,
      p.source,
      p.location.lon,
      p.location.lat,
      p.address,
      p.description,
      at,
      at,
    );
    timeline.run(tid, id, at, 'created', 'bench', consoleId, '{"status":"reported"}');
    outbox.run('timeline', tid, 'append', '{}', String(at), at);
    audit.run(at, 'bench', consoleId, 'incident.create', 'incident', id, '{}');
    outbox.run('incident', id, 'insert', JSON.stringify(p), String(at), at);
  });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) one.immediate(i);
  const seconds = (performance.now() - t0) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return n / seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { n: { type: 'string', default: '5000' }, rounds: { type: 'string', default: '3' } },
  });
  const n = Number(values.n);
  const rounds = Number(values.rounds);
  const hostRates: number[] = [];
  const rawRates: number[] = [];
  // Interleave so both sides see the same machine noise.
  for (let r = 0; r < rounds; r++) {
    rawRates.push(raw(n));
    hostRates.push(await viaHost(n));
    console.log(`round ${r + 1}: raw ${rawRates[r]!.toFixed(0)}/s, host ${hostRates[r]!.toFixed(0)}/s`);
  }
  const h = median(hostRates);
  const w = median(rawRates);
  console.log(`incidents/s: host ${h.toFixed(0)}, raw ${w.toFixed(0)} (n=${n}, median of ${rounds})`);
  console.log(`store ratio=${(h / w).toFixed(3)}`);
}
