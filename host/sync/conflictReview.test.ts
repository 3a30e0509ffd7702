/**
 * A status conflict produced the real way (two consoles, a server, both links cut, incompatible moves), then
 * reviewed by a supervisor: shown with both sides, refused to an operator, recorded in audit and timeline.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeHlc,
  SYNC_SCHEMA_VERSION,
  type HostError,
  type Incident,
  type MethodName,
  type MethodParams,
  type MethodResult,
} from '../../contract';
import { startPostgres, type PgCluster } from '../../test/peers/postgres';
import { startTcpProxy, type TcpProxy } from '../../test/peers/tcpProxy';
import { consoleFor, fingerprint, waitFor } from '../../test/integration/syncHarness';
import { sampleIncident } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import { call, device, startServer, type Running } from '../../server/testing/fixtures';
import type { Host } from '../host';

let pgc: PgCluster;
let srv: Running;
const tmp = useTempDirs();
const open: { hosts: Host[]; proxies: TcpProxy[] } = { hosts: [], proxies: [] };
let nextId = 1;

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

async function as<M extends MethodName>(
  host: Host,
  clientId: string | undefined,
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
async function refused(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    return (e as { hostError: HostError }).hostError;
  }
  throw new Error('expected a refusal');
}

async function linked() {
  const dev = await device(pgc.url);
  const proxy = await startTcpProxy([Number(new URL(srv.url).port)]);
  const host = consoleFor(tmp(), dev, proxy.url);
  open.hosts.push(host);
  open.proxies.push(proxy);
  return { host, proxy, id: dev.id };
}

describe('supervisor review of sync conflicts', () => {
  it('lists a conflict with both sides and records a supervisor review through the one write path', async () => {
    const a = await linked();
    const b = await linked();
    const inc: Incident = await as(a.host, undefined, 'incident.create', sampleIncident);
    await waitFor('on B', () => b.host.ctx.store.incidents.get(inc.id) !== null);
    for (const status of ['accepted', 'dispatched', 'on_scene'] as const)
      await as(a.host, undefined, 'incident.setStatus', { id: inc.id, status });
    await waitFor('on_scene on B', () => b.host.ctx.store.incidents.get(inc.id)?.status === 'on_scene');
    a.proxy.mode = 'cut';
    b.proxy.mode = 'cut';
    await as(a.host, undefined, 'incident.setStatus', { id: inc.id, status: 'resolved' });
    await as(a.host, undefined, 'incident.setStatus', { id: inc.id, status: 'closed' });
    await new Promise((r) => setTimeout(r, 5));
    await as(b.host, undefined, 'incident.setStatus', { id: inc.id, status: 'dispatched' });
    a.proxy.mode = 'up';
    b.proxy.mode = 'up';
    await waitFor(
      'converged',
      () =>
        fingerprint(a.host).hash === fingerprint(b.host).hash && a.host.ctx.store.outbox.pendingCount() === 0,
    );

    // A console on a newer version writes something this one cannot apply yet: parked, not dropped.
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
            schemaVersion: SYNC_SCHEMA_VERSION + 1,
          },
        ],
      },
    });
    expect(pushed.status).toBe(200);
    await as(a.host, undefined, 'sync.now');
    await waitFor('parked on A', async () => (await as(a.host, undefined, 'sync.review')).parked.count === 1);

    const review = await as(a.host, undefined, 'sync.review');
    expect(review.parked).toEqual({
      count: 1,
      needsVersion: SYNC_SCHEMA_VERSION + 1,
      thisVersion: SYNC_SCHEMA_VERSION,
    });
    expect(review.conflicts).toHaveLength(1);
    const c = review.conflicts[0]!;
    expect(c).toMatchObject({
      incidentId: inc.id,
      incidentLabel: sampleIncident.address,
      here: { status: 'closed', consoleId: a.id, actor: 'tester' },
      arrived: { status: 'dispatched', consoleId: b.id, actor: 'tester' },
      landedOn: 'dispatched',
    });
    expect(c.here.at).toBeLessThanOrEqual(c.arrived.at!);

    // Accounts: only a supervisor (or admin) may mark it reviewed.
    await as(a.host, 'w0', 'user.create', {
      username: 'admin',
      displayName: 'A',
      role: 'admin',
      password: 'admin-pass-1',
    });
    await as(a.host, 'w0', 'user.create', {
      username: 'op',
      displayName: 'O',
      role: 'operator',
      password: 'op-pass-123',
    });
    await as(a.host, 'w0', 'user.create', {
      username: 'sup',
      displayName: 'S',
      role: 'supervisor',
      password: 'sup-pass-123',
    });
    await as(a.host, 'w1', 'auth.signIn', { username: 'op', password: 'op-pass-123' });
    expect((await refused(as(a.host, 'w1', 'sync.conflict.review', { id: c.id }))).code).toBe('forbidden');
    // Anyone on duty may look.
    expect((await as(a.host, 'w1', 'sync.review')).conflicts).toHaveLength(1);

    await as(a.host, 'w2', 'auth.signIn', { username: 'sup', password: 'sup-pass-123' });
    await as(a.host, 'w2', 'sync.conflict.review', { id: c.id, note: '已电话确认，继续派遣' });
    expect((await as(a.host, 'w2', 'sync.review')).conflicts).toHaveLength(0);
    expect((await refused(as(a.host, 'w2', 'sync.conflict.review', { id: c.id }))).code).toBe('conflict');
    expect((await refused(as(a.host, 'w2', 'sync.conflict.review', { id: 9999 }))).code).toBe('not_found');

    const audit = a.host.ctx.store.db
      .prepare("SELECT actor, data FROM audit_log WHERE action = 'sync.conflict.review' AND entity_id = ?")
      .all(inc.id) as { actor: string; data: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe('sup');
    expect(JSON.parse(audit[0]!.data)).toMatchObject({
      conflictId: c.id,
      here: 'closed',
      arrived: 'dispatched',
    });
    const note = a.host.incidents.get(inc.id).timeline.find((e) => e.data.syncConflictReview !== undefined);
    expect(note).toMatchObject({ kind: 'note', actor: 'sup' });
    expect(String(note!.data.text)).toContain('已电话确认');
    // The review note is a timeline entry like any other: it reaches the other console.
    await waitFor('the review note on B', () =>
      b.host.incidents.get(inc.id).timeline.some((e) => e.id === note!.id),
    );
  }, 40_000);
});
