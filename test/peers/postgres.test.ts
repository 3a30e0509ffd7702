import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PgCluster } from './postgres';

describe('startPostgres', () => {
  let pg: PgCluster;
  beforeAll(async () => {
    pg = await startPostgres();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  it('listens on loopback and runs SQL', async () => {
    expect(pg.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/fengsui_test$/);
    expect(await pg.psql(pg.url, 'SELECT 1 + 1')).toBe('2');
    expect(await pg.psql(pg.url, "SELECT current_setting('listen_addresses')")).toBe('127.0.0.1');
  });

  it('creates databases and round-trips a dump', async () => {
    const url = await pg.createDatabase('src_db');
    await pg.psql(url, 'CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2)');
    const dir = mkdtempSync(join(tmpdir(), 'fengsui-dump-'));
    try {
      await pg.dump(url, join(dir, 'd.dump'));
      const restored = await pg.restore(join(dir, 'd.dump'), 'copy_db');
      expect(await pg.psql(restored, 'SELECT sum(x) FROM t')).toBe('3');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stop() removes the cluster and leaves nothing running', async () => {
    const other = await startPostgres();
    const dir = other.dataDir;
    await other.stop();
    expect(existsSync(dir)).toBe(false);
    await expect(other.psql(other.url, 'SELECT 1')).rejects.toThrow();
  });
});
