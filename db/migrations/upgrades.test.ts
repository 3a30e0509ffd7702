import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadMigrations } from '../migrations';
import { openStore } from '../open';
import { useTempDirs } from '../../test/helpers/tmp';

/**
 * One upgrade test per migration: a database written at version N-1, holding a real incident with a note, a
 * unit, a grid cell and a queued change, is opened by a build that knows N. Every object the migration creates
 * must exist afterwards, integrity must hold, and nothing that was stored may be lost or altered.
 */
const tmp = useTempDirs();
const all = loadMigrations();

function seed(db: Database.Database): void {
  db.exec(`
    INSERT INTO grid_cells (code, level, name, parent_code, geometry) VALUES
      ('ST01', 'street', '示范街道', NULL, '{"type":"Polygon","coordinates":[[[103.66,36.49],[103.7,36.49],[103.7,36.51],[103.66,36.51],[103.66,36.49]]]}');
    INSERT INTO units (id, kind, name, callsign, status, home_grid, lon, lat, position_at, position_source)
      VALUES ('0198c2b0-0000-7000-8000-0000000000a1', 'radio', '对讲机 7 号', 'BH4XYZ-7', 'available', 'ST01', 103.69, 36.5, 1000, 'aprs');
    INSERT INTO incidents (id, category, priority, status, source, lon, lat, address, description, reporter, grid_code,
        created_at, updated_at, created_by)
      VALUES ('0198c2b0-0000-7000-8000-0000000000b1', 'lake_water', 'P2', 'accepted', 'drone_patrol', 103.6975, 36.5021,
        '雁滩湿地公园湖边', '无人机发现有人在禁止游泳区域下水', '无人机 UAV-01', 'ST01', 1000, 2000, '值班员甲');
    INSERT INTO incident_timeline (id, incident_id, at, kind, actor, console_id, data) VALUES
      ('0198c2b0-0000-7000-8000-0000000000c1', '0198c2b0-0000-7000-8000-0000000000b1', 1000, 'created', '值班员甲', 'c1', '{}'),
      ('0198c2b0-0000-7000-8000-0000000000c2', '0198c2b0-0000-7000-8000-0000000000b1', 1500, 'note', '值班员甲', 'c1', '{"text":"已通知湖区保安劝离"}');
    INSERT INTO audit_log (at, actor, console_id, action, entity, entity_id) VALUES (1000, '值班员甲', 'c1', 'incident.create', 'incident', '0198c2b0-0000-7000-8000-0000000000b1');
    INSERT INTO outbox (entity, entity_id, op, fields, hlc, schema_version, created_at)
      VALUES ('incident', '0198c2b0-0000-7000-8000-0000000000b1', 'insert', '{}', '000000000001000-0000-c1', 1, 1000);
  `);
}

const STORED = ['incidents', 'incident_timeline', 'units', 'grid_cells', 'audit_log', 'outbox', 'categories'];
const snapshot = (db: Database.Database) =>
  Object.fromEntries(STORED.map((t) => [t, db.prepare(`SELECT count(*) AS n FROM ${t}`).get()]));

function createdObjects(sql: string): string[] {
  return [
    ...sql.matchAll(/CREATE\s+(?:VIRTUAL\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\s+(?:IF NOT EXISTS\s+)?(\w+)/gi),
  ].map((m) => m[1]!);
}

function atVersion(version: number): { path: string; db: Database.Database } {
  const path = join(tmp(), 'store.sqlite3');
  const { db } = openStore(path, { migrations: all.slice(0, version) });
  return { path, db };
}

describe.each(
  all.slice(1).map((m) => [`${String(m.version).padStart(4, '0')}_${m.name}`, m.version] as const),
)('migration %s', (_name, version) => {
  it('upgrades a populated database from the version before, losing nothing', () => {
    const { path, db } = atVersion(version - 1);
    seed(db);
    const before = snapshot(db);
    const incident = db.prepare('SELECT * FROM incidents').get();
    db.close();

    const { db: up, migratedFrom, schemaVersion } = openStore(path, { migrations: all.slice(0, version) });
    expect([migratedFrom, schemaVersion]).toEqual([version - 1, version]);
    expect(up.pragma('integrity_check', { simple: true })).toBe('ok');
    const names = new Set(
      (up.prepare('SELECT name FROM sqlite_master').all() as { name: string }[]).map((r) => r.name),
    );
    for (const object of createdObjects(all[version - 1]!.sql)) expect(names.has(object), object).toBe(true);
    expect(snapshot(up)).toEqual(before);
    expect(up.prepare('SELECT * FROM incidents').get()).toMatchObject(incident as object);
    up.close();
  });
});

describe('migration specifics', () => {
  it('0002_sync keeps queued changes pending', () => {
    const { path, db } = atVersion(1);
    seed(db);
    db.close();
    const { db: up } = openStore(path, { migrations: all.slice(0, 2) });
    expect(
      up.prepare('SELECT count(*) AS n FROM outbox WHERE pushed_at IS NULL AND parked_at IS NULL').get(),
    ).toEqual({ n: 1 });
    up.close();
  });

  it('0006_incident_extras seeds SLA rules for every priority', () => {
    const { db } = atVersion(6);
    const priorities = db.prepare('SELECT DISTINCT priority FROM sla_rules ORDER BY priority').all() as {
      priority: string;
    }[];
    expect(priorities.map((p) => p.priority)).toEqual(['P1', 'P2', 'P3', 'P4']);
    db.close();
  });

  it('0008_queue indexes what was stored before it, notes included, for Chinese search', () => {
    const { path, db } = atVersion(7);
    seed(db);
    db.close();
    const { db: up } = openStore(path, { migrations: all.slice(0, 8) });
    const find = (q: string) =>
      (
        up.prepare('SELECT count(*) AS n FROM incidents_fts WHERE incidents_fts MATCH ?').get(`"${q}"`) as {
          n: number;
        }
      ).n;
    expect(find('禁止游泳')).toBe(1);
    expect(find('湿地公园')).toBe(1);
    expect(find('湖区保安')).toBe(1);
    expect(find('消防通道')).toBe(0);
    up.close();
  });
});
