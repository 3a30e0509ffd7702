import { describe, expect, it } from 'vitest';
import type { HostError, MethodName, MethodParams, MethodResult } from '../../contract';
import { makeHost, sampleIncident } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import type { Host } from '../host';
import { hashPassword, verifyPassword } from './passwords';
import { mayCall, rolesFor, PERMISSIONS } from './permissions';
import { SignInThrottle } from './throttle';
import { queryAudit } from './auditQuery';

const tmp = useTempDirs();
let nextId = 1;

/** Calls through the router as window `clientId` would. */
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
  throw new Error('expected the call to be refused');
}

const ADMIN = { username: 'admin', displayName: '管理员', role: 'admin' as const, password: 'admin-pass-1' };

async function withAdmin(host: Host) {
  const admin = await as(host, 'w1', 'user.create', ADMIN);
  return admin;
}

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const h = await hashPassword('correct horse');
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(h).not.toContain('correct horse');
    expect(await verifyPassword(h, 'correct horse')).toBe(true);
    expect(await verifyPassword(h, 'correct horsE')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
    expect(await hashPassword('correct horse')).not.toBe(h); // salted
  });
});

describe('permission table', () => {
  it('picks the longest prefix; unlisted methods are open to every role; admin may do all', () => {
    expect(rolesFor('user.create')).toEqual(['admin']);
    expect(rolesFor('radio.profile.save')).toEqual(['technician', 'admin']);
    expect(rolesFor('radio.profile.list')).toBeNull();
    expect(rolesFor('incident.create')).toBeNull();
    expect(mayCall('operator', 'incident.create')).toBe(true);
    expect(mayCall('operator', 'user.list')).toBe(false);
    expect(mayCall('technician', 'basemap.setActive')).toBe(true);
    expect(mayCall('operator', 'basemap.setActive')).toBe(false);
    expect(mayCall('supervisor', 'audit.list')).toBe(true);
    expect(mayCall('operator', 'audit.list')).toBe(false);
    for (const [prefix] of PERMISSIONS) expect(mayCall('admin', prefix)).toBe(true);
  });
});

describe('sign-in throttle', () => {
  it('lets a few failures through, then locks for growing periods; success clears it', () => {
    let now = 0;
    const t = new SignInThrottle(() => now, { freeAttempts: 3, baseLockMs: 1000, maxLockMs: 5000 });
    t.fail('Zhang');
    t.fail('zhang');
    expect(t.waitMs('ZHANG')).toBe(0);
    t.fail('zhang');
    expect(t.waitMs('zhang')).toBe(1000);
    now = 1000;
    t.fail('zhang');
    expect(t.waitMs('zhang')).toBe(2000);
    for (let i = 0; i < 5; i++) t.fail('zhang');
    expect(t.waitMs('zhang')).toBe(5000);
    t.succeed('zhang');
    expect(t.waitMs('zhang')).toBe(0);
  });
});

describe('open mode and signed mode', () => {
  it('runs as before while no user exists: no session needed, the console operator acts', async () => {
    const host = makeHost(tmp());
    expect(await as(host, 'w1', 'auth.status')).toMatchObject({
      mode: 'open',
      user: null,
      openOperator: 'tester',
    });
    const inc = await as(host, undefined, 'incident.create', sampleIncident);
    expect(inc.createdBy).toBe('tester');
    await host.close();
  });

  it('the first account must be an admin and signs in the window that created it', async () => {
    const host = makeHost(tmp());
    const e = await refused(as(host, 'w1', 'user.create', { ...ADMIN, role: 'operator' }));
    expect(e.code).toBe('bad_request');
    await withAdmin(host);
    expect(await as(host, 'w1', 'auth.status')).toMatchObject({
      mode: 'signed',
      user: { username: 'admin' },
    });
    await host.close();
  });

  it('checks the session before the params: an unsigned window learns nothing from garbage', async () => {
    const host = makeHost(tmp());
    await withAdmin(host);
    const res = await host.router.handleFrame(
      { t: 'req', id: 1, method: 'incident.create', params: { nonsense: true } },
      { transport: 'ws', clientId: 'w9' },
    );
    expect(res.ok === false && res.error.code).toBe('unauthorized');
    await host.close();
  });

  it('once a user exists, every non-sign-in method needs a session on that client', async () => {
    const host = makeHost(tmp());
    await withAdmin(host);
    expect((await refused(as(host, 'w2', 'incident.list', { limit: 5 }))).code).toBe('unauthorized');
    expect((await refused(as(host, undefined, 'incident.list', { limit: 5 }))).code).toBe('unauthorized');
    // The sign-in methods stay open.
    expect(await as(host, 'w2', 'auth.status')).toMatchObject({ mode: 'signed', user: null });
    expect((await as(host, 'w2', 'system.hello')).product).toBe('fengsui');
    await host.close();
  });
});

describe('sessions', () => {
  it('bind to one client: another window is not signed in, sign-out and a closed window end it', async () => {
    const host = makeHost(tmp());
    await withAdmin(host);
    await as(host, 'w1', 'user.create', {
      username: 'li',
      displayName: '李四',
      role: 'operator',
      password: 'li-pass-123',
    });
    await as(host, 'w2', 'auth.signIn', { username: 'LI', password: 'li-pass-123' });
    // The actor of each call is that window's user, not the process's.
    const a = await as(host, 'w2', 'incident.create', sampleIncident);
    const b = await as(host, 'w1', 'incident.create', sampleIncident);
    expect(a.createdBy).toBe('li');
    expect(b.createdBy).toBe('admin');
    expect((await as(host, 'w2', 'system.hello')).operator).toBe('li');

    await as(host, 'w2', 'auth.signOut');
    expect((await refused(as(host, 'w2', 'incident.list', { limit: 5 }))).code).toBe('unauthorized');

    host.clientDisconnected('w1');
    expect((await refused(as(host, 'w1', 'incident.list', { limit: 5 }))).code).toBe('unauthorized');
    await host.close();
  });

  it('refuses a wrong password with sign_in_failed, then throttles the name', async () => {
    const host = makeHost(tmp());
    await withAdmin(host);
    const e = await refused(as(host, 'w2', 'auth.signIn', { username: 'admin', password: 'Wr0ngSecret' }));
    expect(e.code).toBe('sign_in_failed');
    expect(e.message).not.toContain('Wr0ngSecret');
    for (let i = 0; i < 4; i++)
      await refused(as(host, 'w2', 'auth.signIn', { username: 'admin', password: 'x' }));
    const t = await refused(as(host, 'w2', 'auth.signIn', { username: 'admin', password: ADMIN.password }));
    expect(t.code).toBe('sign_in_throttled');
    expect(t.params?.seconds).toBeGreaterThan(0);
    await host.close();
  });

  it('refuses a role-limited method with forbidden naming the role; admin may manage users', async () => {
    const host = makeHost(tmp());
    await withAdmin(host);
    const op = await as(host, 'w1', 'user.create', {
      username: 'wang',
      displayName: '王五',
      role: 'operator',
      password: 'wang-pass-1',
    });
    await as(host, 'w2', 'auth.signIn', { username: 'wang', password: 'wang-pass-1' });
    const f = await refused(as(host, 'w2', 'user.list'));
    expect(f.code).toBe('forbidden');
    expect(f.message).toMatch(/admin/);
    // Disabling ends the user's sessions at once.
    await as(host, 'w1', 'user.update', { id: op.id, disabled: true });
    expect((await refused(as(host, 'w2', 'incident.list', { limit: 5 }))).code).toBe('unauthorized');
    expect(
      (await refused(as(host, 'w3', 'auth.signIn', { username: 'wang', password: 'wang-pass-1' }))).code,
    ).toBe('sign_in_failed');
    // The last admin cannot lock everyone out.
    const me = (await as(host, 'w1', 'auth.status')).user!;
    expect((await refused(as(host, 'w1', 'user.update', { id: me.id, role: 'operator' }))).code).toBe(
      'forbidden',
    );
    // No result carries a password hash.
    expect(JSON.stringify(await as(host, 'w1', 'user.list'))).not.toMatch(/argon2/);
    await host.close();
  });

  it('resets a password; the old one stops working', async () => {
    const host = makeHost(tmp());
    await withAdmin(host);
    const u = await as(host, 'w1', 'user.create', {
      username: 'zhao',
      displayName: '赵六',
      role: 'technician',
      password: 'zhao-pass-1',
    });
    await as(host, 'w1', 'user.resetPassword', { id: u.id, password: 'zhao-pass-2' });
    await refused(as(host, 'w2', 'auth.signIn', { username: 'zhao', password: 'zhao-pass-1' }));
    expect(
      (await as(host, 'w2', 'auth.signIn', { username: 'zhao', password: 'zhao-pass-2' })).user?.role,
    ).toBe('technician');
    await host.close();
  });
});

describe('shift handover', () => {
  async function twoOperators(host: Host) {
    await withAdmin(host);
    for (const [username, displayName] of [
      ['zhang', '张三'],
      ['li', '李四'],
    ] as const) {
      await as(host, 'w1', 'user.create', {
        username,
        displayName,
        role: 'operator',
        password: `${username}-pass-1`,
      });
    }
    await as(host, 'w2', 'auth.signIn', { username: 'zhang', password: 'zhang-pass-1' });
    await as(host, 'w2', 'incident.create', sampleIncident);
  }

  it('needs both signatures: a wrong outgoing or incoming password, or the same person, stores nothing', async () => {
    const host = makeHost(tmp());
    await twoOperators(host);
    const base = {
      outgoingPassword: 'zhang-pass-1',
      incomingUsername: 'li',
      incomingPassword: 'li-pass-1',
      note: '',
    };
    expect((await refused(as(host, 'w2', 'handover.sign', { ...base, outgoingPassword: 'bad' }))).code).toBe(
      'sign_in_failed',
    );
    expect((await refused(as(host, 'w2', 'handover.sign', { ...base, incomingPassword: 'bad' }))).code).toBe(
      'sign_in_failed',
    );
    expect(
      (
        await refused(
          as(host, 'w2', 'handover.sign', {
            ...base,
            incomingUsername: 'zhang',
            incomingPassword: 'zhang-pass-1',
          }),
        )
      ).code,
    ).toBe('bad_request');
    expect((await as(host, 'w2', 'handover.list')).total).toBe(0);
    await host.close();
  });

  it('stores the signed summary append-only, audits it, and hands the window to the incoming operator', async () => {
    const host = makeHost(tmp());
    await twoOperators(host);
    const preview = await as(host, 'w2', 'handover.preview');
    expect(preview.openCount).toBe(1);
    const h = await as(host, 'w2', 'handover.sign', {
      outgoingPassword: 'zhang-pass-1',
      incomingUsername: 'li',
      incomingPassword: 'li-pass-1',
      note: '东门积水持续关注',
    });
    expect(h).toMatchObject({
      outgoing: { username: 'zhang' },
      incoming: { username: 'li' },
      note: '东门积水持续关注',
    });
    expect(h.summary.open).toHaveLength(1);
    expect(h.digest).toMatch(/^[0-9a-f]{64}$/);
    expect((await as(host, 'w2', 'auth.status')).user?.username).toBe('li');
    expect(await as(host, 'w2', 'handover.get', { id: h.id })).toEqual(h);
    expect((await as(host, 'w2', 'handover.list')).items[0]?.id).toBe(h.id);
    expect(() => host.ctx.store.db.prepare('DELETE FROM shift_handovers').run()).toThrow(/append-only/);
    const audit = queryAudit(host.ctx.store.db, { action: 'handover.', limit: 10, offset: 0 });
    expect(audit.items[0]).toMatchObject({ action: 'handover.sign', actor: 'zhang', entityId: h.id });
    await host.close();
  });
});

describe('audit filters', () => {
  it('filters by actor, action prefix, entity, time range and text, newest first, paged', async () => {
    let now = 1_700_000_000_000;
    const host = makeHost(tmp(), { now: () => now });
    await withAdmin(host);
    now += 1000;
    await as(host, 'w1', 'user.create', {
      username: 'li',
      displayName: '李四 50%',
      role: 'operator',
      password: 'li-pass-1',
    });
    now += 1000;
    await as(host, 'w1', 'incident.create', sampleIncident);
    const db = host.ctx.store.db;
    const q = (over: object) => queryAudit(db, { limit: 50, offset: 0, ...over });
    expect(q({ action: 'user.' }).items.map((r) => r.action)).toEqual(['user.create', 'user.create']);
    expect(q({ actor: 'ADMIN' }).total).toBeGreaterThan(2);
    expect(q({ actor: 'nobody' }).total).toBe(0);
    expect(q({ entity: 'incident' }).items).toHaveLength(1);
    expect(q({ from: now, to: now }).items.every((r) => r.at === now)).toBe(true);
    expect(q({ text: '50%' }).total).toBeGreaterThanOrEqual(1);
    expect(q({ text: '5_%' }).total).toBe(0); // wildcards are literal
    const page1 = q({ limit: 2 });
    const page2 = q({ limit: 2, offset: 2 });
    expect(page1.items[0]!.seq).toBeGreaterThan(page1.items[1]!.seq);
    expect(page2.items[0]!.seq).toBeLessThan(page1.items[1]!.seq);
    expect((await as(host, 'w1', 'audit.list', { text: 'li', limit: 5 })).items.length).toBeGreaterThan(0);
    await host.close();
  });
});
