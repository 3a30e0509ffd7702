/**
 * The live sync client against a real server (PostgreSQL, server/app.ts) through a TCP proxy: offline from the
 * first second, catch-up after the link returns, status, refused changes parked, newer-schema changes held,
 * and a status conflict flagged for a supervisor.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc, type Incident, type SyncStatus } from '../../contract';
import type { Host } from '../../host/host';
import { startPostgres, type PgCluster } from '../peers/postgres';
import { startTcpProxy, type TcpProxy } from '../peers/tcpProxy';
import pino from 'pino';
import { call, device, LogCapture, startServer, type Running } from '../../server/testing/fixtures';
import { sampleIncident, call as hostCall } from '../helpers/host';
import { useTempDirs } from '../helpers/tmp';
import { consoleFor, fingerprint, waitFor } from './syncHarness';

let pgc: PgCluster;
let srv: Running;
const tmp = useTempDirs();
const open: { hosts: Host[]; proxies: TcpProxy[] } = { hosts: [], proxies: [] };

beforeAll(async () => {
  pgc = await startPostgres();
  srv = await startServer(pgc.url, { rateLimit: false });
});
afterEach(async () => {
  for (const h of open.hosts.splice(0)) await h.close();
  for (const p of open.proxies.splice(0)) await p.close();
});
afterAll(async () => {
  await srv?.server.close();
  await pgc?.stop();
});

const serverPort = () => Number(new URL(srv.url).port);

async function linkedConsole(
  logs?: LogCapture,
): Promise<{ host: Host; proxy: TcpProxy; id: string; credential: string }> {
  const dev = await device(pgc.url);
  const proxy = await startTcpProxy([serverPort()]);
  const host = consoleFor(tmp(), dev, proxy.url, logs ? { log: pino({ level: 'debug' }, logs) } : {});
  open.hosts.push(host);
  open.proxies.push(proxy);
  return { host, proxy, id: dev.id, credential: dev.credential };
}

const create = (h: Host, description = '楼道冒烟'): Promise<Incident> =>
  hostCall(h, 'incident.create', { ...sampleIncident, description });
const status = (h: Host): Promise<SyncStatus> => hostCall(h, 'system.syncStatus');

describe('sync client', () => {
  it('works offline from the first second and catches up when the link returns', async () => {
    const logs = new LogCapture();
    const a = await linkedConsole(logs);
    a.proxy.mode = 'cut';
    const b = await linkedConsole();
    const events: SyncStatus[] = [];
    a.host.events.subscribe((e, p) => e === 'sync.status' && events.push(p as SyncStatus));

    const inc = await create(a.host, 'created while the WAN is down');
    expect(a.host.incidents.get(inc.id).incident.description).toBe('created while the WAN is down');
    await waitFor('A to report offline with its change pending', async () => {
      const s = await status(a.host);
      return s.state === 'offline' && s.pending === 2 && s.lastError !== null;
    });
    expect((await status(a.host)).lastError).toMatch(/not reachable/);

    a.proxy.mode = 'up';
    await waitFor('the incident on B', () => b.host.ctx.store.incidents.get(inc.id) !== null);
    await waitFor('A online with nothing pending', async () => {
      const s = await status(a.host);
      return s.state === 'online' && s.pending === 0 && s.lastSuccessAt !== null;
    });
    expect(events.some((e) => e.state === 'online' && e.pending === 0)).toBe(true);
    // Remote changes are applied as the other console's, and never queued again.
    expect(b.host.ctx.store.outbox.pendingCount()).toBe(0);
    const audit = b.host.ctx.store.db
      .prepare("SELECT console_id, action FROM audit_log WHERE entity_id = ? AND action LIKE 'sync.%'")
      .all(inc.id);
    expect(audit).toEqual([{ console_id: a.id, action: 'sync.incident.insert' }]);
    expect(b.host.incidents.get(inc.id).timeline.map((t) => t.kind)).toEqual(['created']);

    // And back: B accepts it, A hears of it through the server's WebSocket hint.
    await hostCall(b.host, 'incident.setStatus', { id: inc.id, status: 'accepted' });
    await waitFor('accepted on A', () => a.host.ctx.store.incidents.get(inc.id)?.status === 'accepted');
    await waitFor('equal fingerprints', () => fingerprint(a.host).hash === fingerprint(b.host).hash);
    // The credential's secret part never reaches a log line, even at debug level.
    expect(logs.lines.length).toBeGreaterThan(0);
    expect(logs.text).not.toContain(a.credential.split('.')[1]);
  });

  it('parks a change the server refuses and carries on with the rest', async () => {
    const a = await linkedConsole();
    a.proxy.mode = 'cut';
    const first = await create(a.host, 'before');
    // A change this server refuses (isDrill may not change after creation) sits in the middle of the queue.
    a.host.ctx.store.outbox.append(
      {
        entity: 'incident',
        entityId: first.id,
        op: 'update',
        fields: { isDrill: true },
        hlc: a.host.ctx.clock.tick(),
      },
      Date.now(),
    );
    const second = await create(a.host, 'after');
    a.proxy.mode = 'up';
    await waitFor('the queue drained past the refused change', async () => {
      const s = await status(a.host);
      return s.state === 'online' && s.pending === 0;
    });
    const s = await status(a.host);
    expect(s.lastError).toMatch(/1 change\(s\) refused by the server and parked.*isDrill/);
    const details = await hostCall(a.host, 'sync.details');
    expect(details.parked).toBe(1);
    const onServer = await call<{ changes: { entityId: string }[] }>(srv.url, '/v1/pull', {
      body: { cursor: 0, limit: 1000 },
      credential: (await device(pgc.url)).credential,
    });
    const ids = new Set(onServer.body.changes.map((c) => c.entityId));
    expect(ids.has(first.id) && ids.has(second.id)).toBe(true);
  });

  it('keeps changes from a newer schema (held), and flags a status conflict for a supervisor', async () => {
    const a = await linkedConsole();
    const b = await linkedConsole();
    const inc = await create(a.host);
    await waitFor('on B', () => b.host.ctx.store.incidents.get(inc.id) !== null);
    for (const st of ['accepted', 'dispatched', 'on_scene'] as const) {
      await hostCall(a.host, 'incident.setStatus', { id: inc.id, status: st });
    }
    await waitFor('on_scene on B', () => b.host.ctx.store.incidents.get(inc.id)?.status === 'on_scene');

    // Both links down: A closes it, B (later) sends a unit again.
    a.proxy.mode = 'cut';
    b.proxy.mode = 'cut';
    await hostCall(a.host, 'incident.setStatus', { id: inc.id, status: 'resolved' });
    await hostCall(a.host, 'incident.setStatus', { id: inc.id, status: 'closed' });
    await new Promise((r) => setTimeout(r, 5));
    await hostCall(b.host, 'incident.setStatus', { id: inc.id, status: 'dispatched' });

    // Meanwhile a console on a newer version writes something this one cannot read yet.
    const future = await device(pgc.url);
    const pushed = await call(srv.url, '/v1/push', {
      credential: future.credential,
      body: {
        epoch: null,
        changes: [
          {
            consoleId: future.id,
            seq: 1,
            entity: 'incident',
            entityId: inc.id,
            op: 'update',
            fields: { triage: { level: 2 } },
            hlc: encodeHlc({ wall: Date.now(), counter: 0, node: future.id }),
            schemaVersion: 2,
          },
        ],
      },
    });
    expect(pushed.status).toBe(200);

    a.proxy.mode = 'up';
    b.proxy.mode = 'up';
    await waitFor('both consoles agree', async () => {
      const [sa, sb] = [await status(a.host), await status(b.host)];
      return sa.pending === 0 && sb.pending === 0 && fingerprint(a.host).hash === fingerprint(b.host).hash;
    });
    // The later write wins everywhere; both moves stay in the timeline; A (where it looked illegal) flags it.
    expect(a.host.ctx.store.incidents.get(inc.id)?.status).toBe('dispatched');
    const kinds = a.host.incidents
      .get(inc.id)
      .timeline.filter((t) => t.kind === 'status')
      .map((t) => t.data.to);
    expect(kinds).toEqual(expect.arrayContaining(['closed', 'dispatched']));
    const da = await hostCall(a.host, 'sync.details');
    expect(da.conflicts).toHaveLength(1);
    expect(da.conflicts[0]).toMatchObject({ entityId: inc.id, kind: 'illegal_status_transition' });
    expect(da.conflicts[0]!.detail).toMatchObject({ from: 'closed', to: 'dispatched' });
    expect(da.inbox.held).toBe(1);
    expect((await hostCall(b.host, 'sync.details')).inbox.held).toBe(1);
  });

  it('stays local without a server', async () => {
    const host = consoleFor(tmp(), await device(pgc.url), null);
    open.hosts.push(host);
    await create(host);
    expect(await status(host)).toEqual({ state: 'local', pending: 2, lastSuccessAt: null, lastError: null });
  });
});
