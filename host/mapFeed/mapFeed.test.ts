import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
  MAP_PAGE_MAX,
  MAX_FRAME_BYTES,
  UNITS_MOVED_CHUNK,
  type EventPayload,
  type MapIncidentRow,
  type UnitMove,
} from '../../contract';
import { call, makeHost } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import type { Host } from '../host';
import { moveUnits } from './moveUnits';

const tmp = useTempDirs();

/** Direct SQL: the point here is reading many rows back, not the create path. */
function seedIncidents(host: Host, n: number, status: string): string[] {
  const db = host.ctx.store.db;
  const ins = db.prepare(
    `INSERT INTO incidents (id, category, priority, status, source, lon, lat, description, created_at, updated_at,
       created_by) VALUES (?, 'fire_safety', 'P1', ?, 'resident_call', ?, ?, 'seeded', 1, 1, 't')`,
  );
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = uuidv7();
      // Worst-case doubles: the longest JSON a coordinate can take.
      ins.run(id, status, 103.12345678901234 + i * 1e-9, 36.123456789012344);
      ids.push(id);
    }
  })();
  return ids;
}

function seedUnits(host: Host, n: number): string[] {
  const db = host.ctx.store.db;
  const ins = db.prepare(
    `INSERT INTO units (id, kind, name, status, lon, lat, position_at) VALUES (?, 'vehicle', ?, 'available', 103.7, 36.5, 1)`,
  );
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = uuidv7();
      ins.run(id, `u${i}`);
      ids.push(id);
    }
  })();
  return ids;
}

describe('map.snapshot', () => {
  it('pages through every open incident (far beyond the queue cap), none closed, each page under the frame limit', async () => {
    const host = makeHost(tmp());
    const open = seedIncidents(host, MAP_PAGE_MAX + 1234, 'reported');
    seedIncidents(host, 50, 'closed');
    const seen: MapIncidentRow[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof call<'map.snapshot'>>> = await call(host, 'map.snapshot', {
        layer: 'incidents',
        after,
      });
      const frame = JSON.stringify({ t: 'res', id: 1, ok: true, result: page });
      expect(Buffer.byteLength(frame)).toBeLessThan(MAX_FRAME_BYTES);
      seen.push(...page.incidents);
      after = page.next;
      pages++;
    } while (after);
    expect(pages).toBe(2);
    expect(seen.map((r) => r[0]).sort()).toEqual([...open].sort());
    expect(seen[0]).toEqual([open[0], expect.any(Number), expect.any(Number), 'P1', 'reported', false, 1, 1]);
    await host.close();
  });

  it('lists units that have a position', async () => {
    const host = makeHost(tmp());
    const ids = seedUnits(host, 30);
    host.ctx.store.db.prepare('UPDATE units SET lon = NULL, lat = NULL WHERE id = ?').run(ids[0]);
    const page = await call(host, 'map.snapshot', { layer: 'units', after: null, limit: 100 });
    expect(page.units.map((u) => u[0])).toEqual(ids.slice(1));
    expect(page.next).toBeNull();
    await host.close();
  });
});

describe('moveUnits', () => {
  it('commits every move in one transaction and publishes compact units.moved chunks after it', async () => {
    const host = makeHost(tmp());
    const ids = seedUnits(host, UNITS_MOVED_CHUNK + 10);
    const heard: EventPayload<'units.moved'>[] = [];
    host.events.subscribe((e, p) => {
      if (e === 'units.moved') heard.push(p as EventPayload<'units.moved'>);
      if (e === 'unit.moved') throw new Error('no per-unit events for a batch');
    });
    const moves: UnitMove[] = ids.map((id, i) => [id, 103.8, 36.6 + i * 1e-6]);
    moves.push(['0190a000-0000-7000-8000-000000000000', 1, 1]); // unknown: skipped
    expect(moveUnits(host.ctx, moves, 'avl:test')).toBe(ids.length);
    expect(heard.map((h) => h.moves.length)).toEqual([UNITS_MOVED_CHUNK, 10]);
    expect(heard[0]!.source).toBe('avl:test');
    for (const h of heard) expect(Buffer.byteLength(JSON.stringify(h))).toBeLessThan(MAX_FRAME_BYTES / 4);
    const u = host.ctx.store.reference.unit(ids[5]!)!;
    expect(u.position).toEqual({ lon: 103.8, lat: 36.6 + 5e-6 });
    expect(u.positionSource).toBe('avl:test');
    const audited = host.ctx.store.db
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'unit.position'")
      .pluck()
      .get();
    expect(audited).toBe(ids.length);
    await host.close();
  });
});
