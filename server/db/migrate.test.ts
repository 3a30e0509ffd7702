import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PgCluster } from '../../test/peers/postgres';
import { createServer } from '../app';
import { LogCapture } from '../testing/fixtures';
import { loadMigrations, migrate, NewerDatabaseError } from './migrate';
import { createPool } from './pool';

let pg: PgCluster;
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

describe('migrations', () => {
  it('are numbered without gaps and apply once', async () => {
    const all = loadMigrations();
    expect(all[0]?.name).toBe('0001_init');
    const pool = createPool(pg.url, () => undefined);
    try {
      expect(await migrate(pool)).toEqual(all.map((m) => m.version));
      expect(await migrate(pool)).toEqual([]);
      expect(await pg.psql(pg.url, 'SELECT max(version) FROM schema_migrations')).toBe(String(all.length));
    } finally {
      await pool.end();
    }
  });

  it('roll back completely when one fails', async () => {
    const db = await pg.createDatabase('broken');
    const pool = createPool(db, () => undefined);
    try {
      const bad = [
        ...loadMigrations(),
        {
          version: loadMigrations().length + 1,
          name: 'NNNN_bad',
          sql: 'CREATE TABLE x (); SELECT no_such_function();',
        },
      ];
      await expect(migrate(pool, bad)).rejects.toThrow(/no_such_function/);
      expect(
        await pg.psql(
          db,
          "SELECT count(*) FROM pg_tables WHERE tablename IN ('changes', 'schema_migrations')",
        ),
      ).toBe('0');
    } finally {
      await pool.end();
    }
  });

  it('refuse a database from a newer server, clearly, without touching it', async () => {
    const db = await pg.createDatabase('future');
    const pool = createPool(db, () => undefined);
    await migrate(pool);
    await pool.end();
    await pg.psql(db, "INSERT INTO schema_migrations (version, name) VALUES (99, '0099_future')");
    const err = await createServer({ databaseUrl: db, port: 0, logStream: new LogCapture() }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NewerDatabaseError);
    expect((err as Error).message).toMatch(
      new RegExp(
        `newer Fengsui server \\(schema version 99; this server knows up to ${loadMigrations().length}\\)`,
      ),
    );
  });
});
