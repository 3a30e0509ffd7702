import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHost, sampleIncident } from '../../test/helpers/host';
import { useTempDirs } from '../../test/helpers/tmp';
import { openWs, type Opened } from '../../test/helpers/wsClient';
import type { Host } from '../host';
import { eventAudience, type SessionLookup } from './audience';
import { startWsServer, type RunningWsServer } from './wsServer';
import type { Role, SessionUser } from '../../contract';

const tmp = useTempDirs();
const TOKEN = 'c'.repeat(64);
const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);
const PASSWORD = 'correct horse battery';

/** A real browser-mode connection that records the events it hears. */
interface Window extends Opened {
  heard: { event: string; payload: Record<string, unknown> }[];
  call(method: string, params?: unknown): Promise<Record<string, unknown>>;
  /** Resolves once every event published before it has reached this window (frames keep their order). */
  settle(): Promise<void>;
  names(): string[];
}

let nextId = 1;
async function open(server: RunningWsServer): Promise<Window> {
  const o = await openWs(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`);
  const heard: Window['heard'] = [];
  o.ws.on('message', (d) => {
    const f = JSON.parse(String(d)) as { t: string; event: string; payload: Record<string, unknown> };
    if (f.t === 'evt') heard.push({ event: f.event, payload: f.payload });
  });
  const call = async (method: string, params?: unknown) => {
    const res = await o.request(JSON.stringify({ t: 'req', id: nextId++, method, params }));
    if (!res.ok) throw new Error(`${method}: ${JSON.stringify(res.error)}`);
    return res.result as Record<string, unknown>;
  };
  return {
    ...o,
    heard,
    call,
    settle: async () => {
      await call('system.hello');
    },
    names: () => heard.map((h) => h.event),
  };
}

describe('event delivery over the real WebSocket transport', () => {
  let host: Host;
  let server: RunningWsServer;
  const clock = { t: T0 };

  beforeEach(async () => {
    clock.t = T0;
    host = makeHost(tmp(), { now: () => clock.t, dispatch: { ackLimitMs: 180_000, sweepEveryMs: 0 } });
    server = await startWsServer(host, { token: TOKEN });
  });
  afterEach(async () => {
    await server.close();
    await host.close();
  });

  it('open mode: every window hears everything, escalations included', async () => {
    const a = await open(server);
    const b = await open(server);
    await a.call('incident.create', sampleIncident);
    await Promise.all([a.settle(), b.settle()]);
    expect(b.names()).toContain('incident.changed');
    a.close();
    b.close();
  });

  it('signed mode: nothing before sign-in but the sign-in screen’s events; escalations only to supervisors and admins', async () => {
    const admin = await open(server);
    const anon = await open(server);
    // The first account signs in the window that created it.
    await admin.call('user.create', {
      username: 'admin',
      displayName: '管理员',
      role: 'admin',
      password: PASSWORD,
    });
    await admin.call('user.create', {
      username: 'sup',
      displayName: '值班长',
      role: 'supervisor',
      password: PASSWORD,
    });
    await admin.call('user.create', {
      username: 'op',
      displayName: '接警员',
      role: 'operator',
      password: PASSWORD,
    });
    const op = await open(server);
    const sup = await open(server);
    await op.call('auth.signIn', { username: 'op', password: PASSWORD });
    await sup.call('auth.signIn', { username: 'sup', password: PASSWORD });
    const all = [admin, anon, op, sup];
    await Promise.all(all.map((w) => w.settle()));
    // Account changes reach the sign-in screen (an id, no secrets).
    expect(anon.names()).toContain('user.changed');

    const inc = await admin.call('incident.create', sampleIncident);
    const unit = await admin.call('unit.create', {
      kind: 'patrol_team',
      name: '巡逻一队',
      position: { lon: 103.665, lat: 36.496 },
    });
    await op.call('dispatch.send', { incidentId: inc.id, unitIds: [unit.id] });
    clock.t += 181_000;
    expect(host.dispatch.service.escalateOverdue()).toBe(1);
    await Promise.all(all.map((w) => w.settle()));

    for (const w of [admin, op, sup]) {
      expect(w.names()).toEqual(
        expect.arrayContaining(['incident.changed', 'unit.changed', 'dispatch.changed']),
      );
    }
    // The window nobody signed in to heard none of the district's incidents, units or dispatches.
    expect(anon.names().every((n) => n === 'user.changed' || n === 'sync.status')).toBe(true);
    // The escalation is for the supervisor role (and the administrator); the operator sees its timeline entry.
    expect(sup.names()).toContain('dispatch.escalated');
    expect(admin.names()).toContain('dispatch.escalated');
    expect(op.names()).not.toContain('dispatch.escalated');
    expect(
      op.heard.some(
        (h) =>
          h.event === 'incident.changed' &&
          (h.payload.entry as { data?: { action?: string } } | null)?.data?.action === 'escalate',
      ),
    ).toBe(true);

    // Signing in starts delivery from the next event; signing out stops it.
    await anon.call('auth.signIn', { username: 'op', password: PASSWORD });
    await sup.call('auth.signOut');
    const before = { anon: anon.heard.length, sup: sup.heard.length };
    await op.call('incident.create', { ...sampleIncident, description: '第二起' });
    await Promise.all(all.map((w) => w.settle()));
    expect(anon.heard.slice(before.anon).map((h) => h.event)).toContain('incident.changed');
    expect(sup.heard.slice(before.sup).map((h) => h.event)).not.toContain('incident.changed');
    for (const w of all) w.close();
  });
});

describe('eventAudience', () => {
  const as = (role: Role | null, signed = true): SessionLookup => ({
    isSignedMode: () => signed,
    session: () =>
      role ? ({ id: 'u', username: role, displayName: role, role } satisfies SessionUser) : null,
  });

  it('sends role-targeted events to supervisors and admins only', () => {
    for (const event of ['sla.escalated', 'dispatch.escalated'] as const) {
      expect(eventAudience(as('supervisor'))('c', event)).toBe(true);
      expect(eventAudience(as('admin'))('c', event)).toBe(true);
      for (const role of ['operator', 'coordinator', 'technician'] as const) {
        expect(eventAudience(as(role))('c', event), role).toBe(false);
      }
      expect(eventAudience(as(null))('c', event)).toBe(false);
      expect(eventAudience(as(null, false))('c', event)).toBe(true);
    }
  });

  it('keeps ordinary events from windows that have not signed in, in signed mode only', () => {
    expect(eventAudience(as(null))('c', 'incident.changed')).toBe(false);
    expect(eventAudience(as(null))('c', 'sync.status')).toBe(true);
    expect(eventAudience(as('operator'))('c', 'incident.changed')).toBe(true);
    expect(eventAudience(as(null, false))('c', 'incident.changed')).toBe(true);
  });
});
