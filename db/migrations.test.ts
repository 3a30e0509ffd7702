import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadMigrations } from './migrations';
import { openStore, StoreOpenError } from './open';
import { useTempDirs } from '../test/helpers/tmp';

const tmp = useTempDirs();

describe('migration runner', () => {
  it('loads the shipped migrations in order with no gaps', () => {
    const ms = loadMigrations();
    expect(ms.length).toBeGreaterThan(0);
    ms.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  it('refuses a folder with a gap or a badly named file', () => {
    const dir = join(tmp(), 'm');
    mkdirSync(dir);
    writeFileSync(join(dir, '0001_a.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '0003_c.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow(/not contiguous: expected version 2/);
    writeFileSync(join(dir, 'oops.sql'), '');
    expect(() => loadMigrations(dir)).toThrow(/not named NNNN_name.sql/);
  });

  it('opens a fresh database with WAL, synchronous=FULL, foreign keys, and the latest schema', () => {
    const path = join(tmp(), 'a.sqlite3');
    const { db, schemaVersion, migratedFrom } = openStore(path);
    expect(migratedFrom).toBe(0);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
    db.close();
  });

  it('upgrades an older database and keeps its rows', () => {
    const path = join(tmp(), 'b.sqlite3');
    const v1 = [
      { version: 1, name: 'a', sql: 'CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (7);' },
    ];
    openStore(path, { migrations: v1 }).db.close();
    const v2 = [...v1, { version: 2, name: 'b', sql: 'ALTER TABLE t ADD COLUMN y TEXT;' }];
    const { db, migratedFrom } = openStore(path, { migrations: v2 });
    expect(migratedFrom).toBe(1);
    expect(db.prepare('SELECT x, y FROM t').get()).toEqual({ x: 7, y: null });
    db.close();
  });

  it('leaves the database untouched when a migration fails half-way', () => {
    const path = join(tmp(), 'c.sqlite3');
    const v1 = [{ version: 1, name: 'a', sql: 'CREATE TABLE t (x INTEGER) STRICT;' }];
    openStore(path, { migrations: v1 }).db.close();
    const broken = [
      ...v1,
      { version: 2, name: 'b', sql: 'CREATE TABLE u (y INTEGER); SELECT nonsense FROM nowhere;' },
    ];
    expect(() => openStore(path, { migrations: broken })).toThrow(/left unchanged at version 1/);
    const db = new Database(path);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'u'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer version, saying what to do', () => {
    const path = join(tmp(), 'd.sqlite3');
    const raw = new Database(path);
    raw.pragma('user_version = 999');
    raw.close();
    try {
      openStore(path);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StoreOpenError);
      expect((e as StoreOpenError).reason).toBe('newer-schema');
      expect((e as Error).message).toMatch(/newer Fengsui \(schema version 999/);
      expect((e as Error).message).toMatch(/Install the newer version/);
    }
  });

  it('refuses a file that is not a database with a clear error', () => {
    const path = join(tmp(), 'e.sqlite3');
    writeFileSync(path, 'this is not sqlite '.repeat(100));
    expect(() => openStore(path)).toThrow(/not a database/);
  });
});
