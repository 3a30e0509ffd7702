/**
 * A hash of everything sync makes equal on every console: real (non-demo) incidents without the local
 * `version` counter, and their timelines without this console's own conflict flags. Two consoles that have
 * seen the same changes have the same fingerprint (the fault and property tests compare them).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/open';

export function syncedFingerprint(db: Db): { hash: string; incidents: number; timeline: number } {
  const h = createHash('sha256');
  const incidents = db
    .prepare(
      `SELECT id, category, priority, status, source, lon, lat, address, description, reporter, grid_code,
              is_drill, created_at, updated_at, created_by
         FROM incidents WHERE is_demo = 0 ORDER BY id`,
    )
    .raw()
    .all();
  for (const r of incidents) h.update(JSON.stringify(r)).update('\n');
  const timeline = db
    .prepare(
      `SELECT t.id, t.incident_id, t.at, t.kind, t.actor, t.console_id, t.data
         FROM incident_timeline t JOIN incidents i ON i.id = t.incident_id
        WHERE i.is_demo = 0 AND json_extract(t.data, '$.syncConflict') IS NULL ORDER BY t.id`,
    )
    .raw()
    .all();
  // The server stores fields as jsonb, which does not keep key order: compare the data, not its spelling.
  for (const r of timeline as unknown[][]) {
    h.update(JSON.stringify([...r.slice(0, 6), canonical(JSON.parse(r[6] as string))])).update('\n');
  }
  return { hash: h.digest('hex'), incidents: incidents.length, timeline: timeline.length };
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return v;
}
