/**
 * Console sign-in carried to the central server: a real server (PostgreSQL) behind a TCP proxy we can cut, a
 * real host in signed mode. Local sign-in never waits for the server; the server sign-in follows when it can.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { HostError, MethodName, MethodParams, MethodResult } from '../../contract';
import { startPostgres, type PgCluster } from '../../test/peers/postgres';
import { startTcpProxy, type TcpProxy } from '../../test/peers/tcpProxy';
import { consoleFor, waitFor } from '../../test/integration/syncHarness';
import { sampleIncident } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import { addOperator } from '../../server/db/operators';
import { createPool } from '../../server/db/pool';
import { device, LogCapture, startServer, type Running } from '../../server/testing/fixtures';
import type { Host } from '../host';

let pgc: PgCluster;
let srv: Running;
const tmp = useTempDirs();
const open: { hosts: Host[]; proxies: TcpProxy[] } = { hosts: [], proxies: [] };
const PASSWORD = 'shift-pass-1';
let nextId = 1;

beforeAll(async () => {
  pgc = await startPostgres();
  srv = await startServer(pgc.url, { rateLimit: false });
  const pool = createPool(pgc.url, () => undefined, 1);
  try {
    await addOperator(pool, 'admin', 'admin', PASSWORD);
    await addOperator(pool, 'zhang.wei', 'operator', PASSWORD);
    // On the server with another password than on the console.
    await addOperator(pool, 'li.na', 'operator', 'server-side-password');
  } finally {
    await pool.end();
  }
}, 120_000);
afterEach(async () => {
  for (const h of open.hosts.splice(0)) await h.close();
  for (const p of open.proxies.splice(0)) await p.close();
});
afterAll(async () => {
  await srv?.server.close();
  await pgc?.stop();
});

async function as<M extends MethodName>(
  host: Host,
  clientId: string,
  method: M,
  params?: MethodParams<M>,
): Promise<MethodResult<M>> {
  const res = await host.router.handleFrame(
    { t: 'req', id: nextId++, method, params },
    { transport: 'ws', clientId },
  );
  if (!res.ok) throw Object.assign(new Error(res.error.message), { hostError: res.error as HostError });
  return res.result as MethodResult<M>;
}

/** A signed-mode console (accounts admin, zhang.wei, li.na, all with PASSWORD) linked through a proxy. */
async function signedConsole(logs?: LogCapture) {
  const dev = await device(pgc.url);
  const proxy = await startTcpProxy([Number(new URL(srv.url).port)]);
  const host = consoleFor(tmp(), dev, proxy.url, logs ? { log: pino({ level: 'debug' }, logs) } : {});
  open.hosts.push(host);
  open.proxies.push(proxy);
  await as(host, 'setup', 'user.create', {
    username: 'admin',
    displayName: 'Admin',
    role: 'admin',
    password: PASSWORD,
  });
  for (const username of ['zhang.wei', 'li.na'])
    await as(host, 'setup', 'user.create', {
      username,
      displayName: username,
      role: 'operator',
      password: PASSWORD,
    });
  // The set-up window's own server sign-in (admin) is not what these tests look at.
  await as(host, 'setup', 'auth.signOut');
  return { host, proxy, id: dev.id };
}

const operatorState = async (host: Host, username: string) =>
  (await as(host, 'w1', 'sync.details')).operators.find((o) => o.username === username);
const pushedBy = (consoleId: string) =>
  pgc.psql(
    pgc.url,
    `SELECT coalesce(username, '-') FROM push_operators WHERE console_id = '${consoleId}' ORDER BY id`,
  );

describe('operator sign-in at the server from a console', () => {
  it('signs the operator in at the server too, and the pushes name them', async () => {
    const logs = new LogCapture();
    const c = await signedConsole(logs);
    await as(c.host, 'w1', 'auth.signIn', { username: 'zhang.wei', password: PASSWORD });
    await waitFor(
      'server sign-in',
      async () => (await operatorState(c.host, 'zhang.wei'))?.state === 'signed_in',
    );
    await as(c.host, 'w1', 'incident.create', sampleIncident);
    await waitFor('the push recorded with the operator', async () =>
      (await pushedBy(c.id)).split('\n').includes('zhang.wei'),
    );
    // Neither the password nor the server token reach the host's log or its data folder's database.
    expect(logs.text).not.toContain(PASSWORD);
    const dump = JSON.stringify(c.host.ctx.store.db.prepare('SELECT * FROM meta').all());
    expect(dump).not.toContain(PASSWORD);

    await as(c.host, 'w1', 'auth.signOut');
    await waitFor(
      'server session ended',
      async () =>
        Number(
          await pgc.psql(
            pgc.url,
            `SELECT count(*) FROM operator_sessions WHERE device_id = '${c.id}' AND ended_at IS NULL`,
          ),
        ) === 0,
    );
  });

  it('offline: local sign-in works at once; the server sign-in follows when the link returns', async () => {
    const c = await signedConsole();
    c.proxy.mode = 'cut';
    const t0 = Date.now();
    const status = await as(c.host, 'w1', 'auth.signIn', { username: 'zhang.wei', password: PASSWORD });
    expect(status.user?.username).toBe('zhang.wei');
    expect(Date.now() - t0).toBeLessThan(2000);
    await as(c.host, 'w1', 'incident.create', { ...sampleIncident, description: 'while offline' });
    await new Promise((r) => setTimeout(r, 500));
    expect((await operatorState(c.host, 'zhang.wei'))?.state).toBe('pending');

    c.proxy.mode = 'up';
    await waitFor(
      'server sign-in after the link returns',
      async () => (await operatorState(c.host, 'zhang.wei'))?.state === 'signed_in',
      20_000,
    );
    await as(c.host, 'w1', 'incident.create', { ...sampleIncident, description: 'after the server sign-in' });
    await waitFor('a push recorded with the operator', async () =>
      (await pushedBy(c.id)).split('\n').includes('zhang.wei'),
    );
  }, 40_000);

  it('a server refusal (other password there) is shown, not retried, and local work goes on', async () => {
    const c = await signedConsole();
    await as(c.host, 'w1', 'auth.signIn', { username: 'li.na', password: PASSWORD });
    await waitFor('refused', async () => (await operatorState(c.host, 'li.na'))?.state === 'refused');
    expect((await operatorState(c.host, 'li.na'))?.detail).toMatch(/li\.na/);
    // One failed attempt only: the console did not lock the account out by retrying.
    expect(await pgc.psql(pgc.url, "SELECT failed_attempts FROM operators WHERE username = 'li.na'")).toBe(
      '1',
    );
    await as(c.host, 'w1', 'incident.create', sampleIncident);
    await waitFor(
      'pushed without an operator',
      async () => (await as(c.host, 'w1', 'system.syncStatus')).pending === 0,
    );
    expect(await pushedBy(c.id)).not.toContain('li.na');
  });
});
