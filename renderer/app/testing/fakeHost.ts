/**
 * An in-memory host for unit and component tests. Implements the methods the renderer uses with the contract's
 * status machine and error shapes, and emits events like the real host. Not bundled into the app.
 */
import type { EventName, EventPayload } from '../../../contract/events';
import type { MethodName, MethodParams, MethodResult } from '../../../contract/methods';
import { methods } from '../../../contract/methods';
import { makeHostError } from '../../../contract/errorMessages';
import { zodIssues, type HostError } from '../../../contract/errors';
import type { Category, Incident, TimelineEntry } from '../../../contract/domain/incident';
import { SEED_CATEGORIES, isLegalTransition, allowedNextStatuses } from '../../../contract/domain/incident';
import type { Hello } from '../../../contract/system';
import type { ConnectionState, HostClient } from '../hostClient';
import { fakeIncidentQuery } from '../../features/incidents/fakeQuery';

const CATEGORY_ZH: Record<string, string> = {
  fire_safety: '消防安全',
  illegal_parking: '违章停车',
  shop_operation: '店外经营',
  mobile_vendor: '流动摊贩',
  lake_water: '湖面水域',
  garbage_sorting: '垃圾分类',
  epidemic_control: '疫情防控',
  public_security: '社会治安',
  emergency: '突发事件',
  other: '其他',
};

export interface FakeHostOptions {
  firstRun?: boolean;
  demo?: boolean;
  incidents?: Incident[];
  now?: () => number;
}

export interface FakeHost extends HostClient {
  incidents: Map<string, Incident>;
  timelines: Map<string, TimelineEntry[]>;
  calls: { method: string; params: unknown }[];
  hello: Hello;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  setConnection(s: ConnectionState): void;
  /** Make the next call of `method` fail with this error. */
  failNext(method: MethodName, error: HostError): void;
}

let seq = 0;
export function uuid(): string {
  seq += 1;
  const hex = seq.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export function makeIncident(over: Partial<Incident> = {}): Incident {
  const now = over.createdAt ?? Date.now();
  return {
    id: uuid(),
    category: 'fire_safety',
    priority: 'P3',
    status: 'reported',
    source: 'hotline',
    location: { lon: 114.3, lat: 30.5 },
    address: '示例路 1 号',
    description: 'Smoke seen from a window',
    reporter: 'Li',
    gridCode: null,
    isDrill: false,
    isDemo: false,
    createdAt: now,
    updatedAt: now,
    createdBy: 'Zhang',
    version: 1,
    ...over,
  };
}

export function createFakeHost(opts: FakeHostOptions = {}): FakeHost {
  const now = opts.now ?? Date.now;
  const incidents = new Map<string, Incident>();
  const timelines = new Map<string, TimelineEntry[]>();
  const eventSubs = new Map<string, Set<(p: unknown) => void>>();
  const connSubs = new Set<(s: ConnectionState) => void>();
  let conn: ConnectionState = 'open';
  const failures = new Map<string, HostError>();
  const calls: { method: string; params: unknown }[] = [];
  const categories: Category[] = SEED_CATEGORIES.map((code) => ({
    code,
    nameZh: CATEGORY_ZH[code] ?? code,
    nameEn: code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    active: true,
  }));
  const hello: Hello = {
    product: 'fengsui',
    version: '0.1.0-test',
    consoleId: '11111111-1111-4111-8111-111111111111',
    operator: 'Zhang San',
    schemaVersion: 1,
    firstRun: opts.firstRun ?? false,
    demo: opts.demo ?? false,
    transport: 'ws',
  };

  function emit(event: string, payload: unknown) {
    for (const cb of [...(eventSubs.get(event) ?? [])]) cb(payload);
  }
  function entry(
    incidentId: string,
    kind: TimelineEntry['kind'],
    data: Record<string, unknown>,
  ): TimelineEntry {
    const e: TimelineEntry = {
      id: uuid(),
      incidentId,
      at: now(),
      kind,
      actor: hello.operator,
      consoleId: hello.consoleId,
      data,
    };
    timelines.set(incidentId, [...(timelines.get(incidentId) ?? []), e]);
    return e;
  }
  for (const i of opts.incidents ?? []) {
    incidents.set(i.id, i);
    timelines.set(i.id, [
      {
        id: uuid(),
        incidentId: i.id,
        at: i.createdAt,
        kind: 'created',
        actor: i.createdBy,
        consoleId: hello.consoleId,
        data: {},
      },
    ]);
  }

  const handlers: { [M in MethodName]?: (p: MethodParams<M>) => MethodResult<M> } = {
    'system.hello': () => ({ ...hello }),
    'system.setup': (p) => {
      hello.firstRun = false;
      hello.demo = p.mode === 'demo';
      if (p.mode === 'demo') {
        const i = makeIncident({ isDemo: true, priority: 'P1', description: 'Demo fire', createdAt: now() });
        incidents.set(i.id, i);
        timelines.set(i.id, []);
        entry(i.id, 'created', {});
      }
      return { ...hello };
    },
    'system.syncStatus': () => ({ state: 'local', pending: 0, lastSuccessAt: null, lastError: null }),
    'backup.now': () => ({
      file: '/data/backups/fengsui-20260101.db',
      at: now(),
      bytes: 4096,
      verified: true,
      reason: 'manual',
    }),
    'backup.list': () => [],
    'category.list': () => categories,
    'unit.list': () => [],
    'grid.list': () => [],
    'incident.list': (p) => {
      const parsed = methods['incident.list'].params.parse(p);
      const items = [...incidents.values()].filter(
        (i) => !parsed.statuses || parsed.statuses.includes(i.status),
      );
      return { items: items.slice(parsed.offset, parsed.offset + parsed.limit), total: items.length };
    },
    'incident.query': (p) => fakeIncidentQuery([...incidents.values()], p),
    'incident.get': (p) => {
      const inc = incidents.get(p.id);
      if (!inc) throw makeHostError('not_found', { entity: 'incident', id: p.id });
      return { incident: inc, timeline: timelines.get(p.id) ?? [] };
    },
    'incident.create': (p) => {
      const r = methods['incident.create'].params.safeParse(p);
      if (!r.success) {
        throw makeHostError(
          'bad_request',
          { method: 'incident.create', detail: r.error.issues[0]?.message ?? '' },
          zodIssues(r.error),
        );
      }
      const t = now();
      const inc: Incident = {
        ...r.data,
        id: uuid(),
        status: 'reported',
        gridCode: null,
        isDemo: false,
        createdAt: t,
        updatedAt: t,
        createdBy: hello.operator,
        version: 1,
      };
      incidents.set(inc.id, inc);
      timelines.set(inc.id, []);
      const e = entry(inc.id, 'created', {});
      emit('incident.changed', { incident: inc, entry: e });
      return inc;
    },
    'incident.setStatus': (p) => {
      const inc = incidents.get(p.id);
      if (!inc) throw makeHostError('not_found', { entity: 'incident', id: p.id });
      if (!isLegalTransition(inc.status, p.status)) {
        throw makeHostError('illegal_transition', {
          from: inc.status,
          to: p.status,
          allowed: allowedNextStatuses(inc.status).join(', '),
        });
      }
      const next: Incident = { ...inc, status: p.status, version: inc.version + 1, updatedAt: now() };
      incidents.set(inc.id, next);
      const e = entry(inc.id, 'status', {
        from: inc.status,
        to: p.status,
        ...(p.note ? { note: p.note } : {}),
      });
      emit('incident.changed', { incident: next, entry: e });
      return next;
    },
    'incident.addNote': (p) => {
      const inc = incidents.get(p.id);
      if (!inc) throw makeHostError('not_found', { entity: 'incident', id: p.id });
      const e = entry(inc.id, 'note', { text: p.text });
      emit('incident.changed', { incident: inc, entry: e });
      return e;
    },
  };

  return {
    incidents,
    timelines,
    calls,
    hello,
    async call(method, params) {
      calls.push({ method, params });
      await Promise.resolve();
      const f = failures.get(method);
      if (f) {
        failures.delete(method);
        throw f;
      }
      const h = handlers[method] as ((p: unknown) => unknown) | undefined;
      if (!h) throw makeHostError('unknown_method', { method });
      return h(params) as never;
    },
    subscribe(event, cb) {
      let set = eventSubs.get(event);
      if (!set) eventSubs.set(event, (set = new Set()));
      const fn = cb as (p: unknown) => void;
      set.add(fn);
      return () => set.delete(fn);
    },
    onConnection(cb) {
      connSubs.add(cb);
      cb(conn);
      return () => connSubs.delete(cb);
    },
    emit(event, payload) {
      emit(event, payload);
    },
    setConnection(s) {
      conn = s;
      for (const cb of [...connSubs]) cb(s);
    },
    failNext(method, error) {
      failures.set(method, error);
    },
  };
}
