import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PgCluster } from '../../test/peers/postgres';
import { createServer } from '../app';
import { LogCapture } from '../testing/fixtures';
import { loadMigrations, migrate, NewerDatabaseError } from './migrate';
import { createPool } from './pool';
import { decodeStamps } from '../projection/stamps';

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

  it("regroup the projection's per-field stamps by stamp, keeping what each field had", async () => {
    const db = await pg.createDatabase('stamps');
    const pool = createPool(db, () => undefined);
    try {
      const all = loadMigrations();
      const at = all.findIndex((m) => m.name.endsWith('_projection_stamps'));
      expect(at).toBeGreaterThan(0);
      await migrate(pool, all.slice(0, at));
      const before = { a: 's1|c1', b: 's2|c2', c: 's1|c1' };
      await pool.query(
        `INSERT INTO entity_state (entity, entity_id, fields, field_hlcs, last_server_seq)
         VALUES ('incident', 'x', '{"a":1,"b":2,"c":3}', $1, 7), ('incident', 'empty', '{}', '{}', 8)`,
        [JSON.stringify(before)],
      );
      await migrate(pool, all);
      const { rows } = await pool.query<{ entity_id: string; field_hlcs: unknown }>(
        'SELECT entity_id, field_hlcs FROM entity_state ORDER BY entity_id',
      );
      expect(rows).toEqual([
        { entity_id: 'empty', field_hlcs: [] },
        {
          entity_id: 'x',
          field_hlcs: [
            ['s1|c1', ['a', 'c']],
            ['s2|c2', ['b']],
          ],
        },
      ]);
      expect(decodeStamps(rows[1]!.field_hlcs, { a: 1, b: 2, c: 3 })).toEqual(before);
    } finally {
      await pool.end();
    }
  });
});
