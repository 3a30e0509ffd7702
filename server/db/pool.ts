import pg from 'pg';

/** One pool per server instance. Errors on idle clients (server restart, network) must not crash the process. */
export function createPool(databaseUrl: string, onError: (err: Error) => void, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, application_name: 'fengsui-server' });
  pool.on('error', onError);
  return pool;
}

/** Run `fn` in one transaction; roll back on any throw. */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** bigint columns arrive as strings; our sequences stay far below 2^53. */
export const toNumber = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
