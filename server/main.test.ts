import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PgCluster } from '../test/peers/postgres';
import { call, startServer } from './testing/fixtures';

const run = promisify(execFile);
let pg: PgCluster;
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

describe('server/main.ts device add', () => {
  it('prints the credential once, stores only its hash, and the credential works', async () => {
    const { stdout } = await run('npx', [
      'tsx',
      'server/main.ts',
      'device',
      'add',
      '--name',
      'Duty console 1',
      '--database-url',
      pg.url,
    ]);
    const id = /device id:\s+(\S+)/.exec(stdout)?.[1];
    const credential = /credential:\s+(\S+)/.exec(stdout)?.[1];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(credential?.startsWith(`${id}.`)).toBe(true);
    const token = credential!.split('.')[1]!;
    const stored = await pg.psql(pg.url, "SELECT name, role, encode(token_hash, 'hex') FROM devices");
    expect(stored).toMatch(/^Duty console 1\|console\|[0-9a-f]{64}$/);
    expect(stored).not.toContain(token);
    const dump = await pg.psql(pg.url, 'SELECT row_to_json(d)::text FROM devices d');
    expect(dump).not.toContain(token);

    const s = await startServer(pg.url);
    try {
      expect((await call(s.url, '/v1/pull?cursor=0', { credential })).status).toBe(200);
    } finally {
      await s.server.close();
    }
  }, 30_000);

  it('exits 2 with usage on a bad command line', async () => {
    const err = await run('npx', ['tsx', 'server/main.ts', 'device', 'add', '--database-url', pg.url]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toMatch(/--name/);
  }, 30_000);
});
