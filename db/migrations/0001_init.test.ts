import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadMigrations } from '../migrations';
import { openStore } from '../open';
import { useTempDirs } from '../../test/helpers/tmp';

const tmp = useTempDirs();

describe('migration 0001_init', () => {
  const open = () => openStore(join(tmp(), 'x.sqlite3'), { migrations: loadMigrations().slice(0, 1) }).db;

  it('creates STRICT tables for the incident slice, reference data, audit and outbox', () => {
    const db = open();
    const tables = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string; sql: string }[];
    const names = tables.map((t) => t.name).sort();
    expect(names).toEqual([
      'audit_log',
      'categories',
      'grid_cells',
      'incident_timeline',
      'incidents',
      'meta',
      'outbox',
      'units',
    ]);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT$/);
    db.close();
  });

  it('seeds the ten categories in both languages', () => {
    const db = open();
    const rows = db.prepare('SELECT code, name_zh, name_en FROM categories').all() as {
      code: string;
      name_zh: string;
      name_en: string;
    }[];
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.name_zh && r.name_en)).toBe(true);
    db.close();
  });

  it('enforces types, checks and the append-only audit log', () => {
    const db = open();
    expect(() =>
      db
        .prepare(
          `INSERT INTO incidents (id, category, priority, status, source, lon, lat, description, created_at, updated_at, created_by)
                  VALUES ('x', 'fire_safety', 'P9', 'reported', 'radio', 0, 0, 'd', 0, 0, 'me')`,
        )
        .run(),
    ).toThrow(/CHECK constraint/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO incidents (id, category, priority, status, source, lon, lat, description, created_at, updated_at, created_by)
                  VALUES ('x', 'no_such', 'P1', 'reported', 'radio', 0, 0, 'd', 0, 0, 'me')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO incidents (id, category, priority, status, source, lon, lat, description, created_at, updated_at, created_by)
                  VALUES ('x', 'other', 'P1', 'reported', 'radio', 'east', 0, 'd', 0, 0, 'me')`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in REAL column/);
    db.prepare(
      "INSERT INTO audit_log (at, actor, console_id, action, entity, entity_id) VALUES (1, 'a', 'c', 'x', 'e', 'i')",
    ).run();
    expect(() => db.prepare('UPDATE audit_log SET actor = ?').run('b')).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });
});
