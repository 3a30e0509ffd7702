import { v7 as uuidv7 } from 'uuid';
import { HostFailure, UnitSchema, type Change, type MethodParamsParsed, type Unit } from '../../contract';
import type { HostContext } from '../context';
import { mutate, type Mutation } from '../mutation';
import { UnitWriter } from '../../db/units';
import { fieldClocksFor } from '../../db/fieldClocks';
import { remoteActor, winningFields } from '../sync/merge';
import type { RemoteOutcome } from '../incidents/service';

/** A unit as it travels in sync changes: the position flattened to lon/lat, as host/radio moves them. */
export function unitFields(u: Unit): Record<string, unknown> {
  return {
    kind: u.kind,
    name: u.name,
    callsign: u.callsign,
    sipUri: u.sipUri,
    status: u.status,
    homeGrid: u.homeGrid,
    lon: u.position?.lon ?? null,
    lat: u.position?.lat ?? null,
    positionAt: u.position ? u.positionAt : null,
    positionSource: u.position ? u.positionSource : null,
    isDemo: u.isDemo,
  };
}

function fromFields(id: string, f: Record<string, unknown>, base?: Unit): unknown {
  const lon = 'lon' in f ? f.lon : base?.position?.lon;
  const lat = 'lat' in f ? f.lat : base?.position?.lat;
  return {
    ...base,
    ...Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'lon' && k !== 'lat')),
    id,
    isDemo: base?.isDemo ?? false,
    position: typeof lon === 'number' && typeof lat === 'number' ? { lon, lat } : null,
  };
}

/** Units: create, edit, status by hand; and remote unit changes (last-writer-wins per field). */
export class UnitService {
  readonly writer: UnitWriter;

  constructor(private readonly ctx: HostContext) {
    this.writer = new UnitWriter(ctx.store.db);
  }

  require(id: string): Unit {
    const u = this.ctx.store.reference.unit(id);
    if (!u) throw new HostFailure('not_found', { entity: 'unit', id });
    return u;
  }

  create(p: MethodParamsParsed<'unit.create'>): Unit {
    this.checkGrid(p.homeGrid, 'unit.create');
    return mutate(this.ctx, (m) => {
      const unit: Unit = {
        id: uuidv7(),
        kind: p.kind,
        name: p.name,
        callsign: p.callsign,
        sipUri: p.sipUri,
        status: 'available',
        homeGrid: p.homeGrid || null,
        position: p.position,
        positionAt: p.position ? m.at : null,
        positionSource: p.position ? 'operator' : null,
        isDemo: false,
      };
      this.ctx.store.reference.insertUnit(unit);
      m.record({
        entity: 'unit',
        entityId: unit.id,
        op: 'insert',
        fields: unitFields(unit),
        action: 'unit.create',
        auditData: { kind: unit.kind, name: unit.name },
      });
      m.emit('unit.changed', { unit });
      return unit;
    });
  }

  update(p: MethodParamsParsed<'unit.update'>): Unit {
    this.checkGrid(p.homeGrid, 'unit.update');
    return mutate(this.ctx, (m) => {
      const current = this.require(p.id);
      const next: Unit = {
        ...current,
        ...(p.kind !== undefined ? { kind: p.kind } : {}),
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.callsign !== undefined ? { callsign: p.callsign } : {}),
        ...(p.sipUri !== undefined ? { sipUri: p.sipUri } : {}),
        ...(p.homeGrid !== undefined ? { homeGrid: p.homeGrid || null } : {}),
      };
      // A position typed by the operator is a fresh report from the operator.
      if (p.position !== undefined) {
        next.position = p.position;
        next.positionAt = p.position ? m.at : null;
        next.positionSource = p.position ? 'operator' : null;
      }
      const before = unitFields(current);
      const after = unitFields(next);
      const changed = Object.fromEntries(Object.entries(after).filter(([k, v]) => before[k] !== v));
      this.writer.save(next);
      m.record({
        entity: 'unit',
        entityId: next.id,
        op: 'update',
        fields: changed,
        action: 'unit.update',
        localOnly: next.isDemo,
        auditData: { changed: Object.keys(changed) },
      });
      m.emit('unit.changed', { unit: next });
      return next;
    });
  }

  setStatus(p: MethodParamsParsed<'unit.setStatus'>, busyWith: (unitId: string) => boolean): Unit {
    return mutate(this.ctx, (m) => {
      const current = this.require(p.id);
      // A unit on a dispatch is freed by recalling or closing it, so the incident's timeline says why.
      if (current.status === 'dispatched' && busyWith(current.id)) {
        throw new HostFailure('unit_unavailable', { unit: current.name, status: current.status });
      }
      return this.changeStatus(m, current, p.status, 'unit.setStatus', {});
    });
  }

  /** Status change inside the caller's mutation (dispatch steps); audited and synced as a unit change. */
  changeStatus(
    m: Mutation,
    unit: Unit,
    status: Unit['status'],
    action: string,
    auditData: Record<string, unknown>,
  ): Unit {
    const next: Unit = { ...unit, status };
    this.writer.setStatus(unit.id, status);
    m.record({
      entity: 'unit',
      entityId: unit.id,
      op: 'update',
      fields: { status },
      action,
      localOnly: unit.isDemo,
      auditData: { from: unit.status, to: status, ...auditData },
    });
    m.emit('unit.changed', { unit: next });
    return next;
  }

  /** A unit change from another console. A home grid this console does not know is dropped, not refused. */
  applyRemote(c: Change): RemoteOutcome {
    if (c.op === 'delete' || c.op === 'append')
      return { kind: 'unsupported', reason: `units are never ${c.op}d` };
    const origin = { consoleId: c.consoleId, hlc: c.hlc, actor: remoteActor(c) };
    const current = this.ctx.store.reference.unit(c.entityId);
    const winners = current
      ? winningFields(c, fieldClocksFor(this.ctx.store.db).forEntity('unit', current.id))
      : Object.fromEntries(Object.entries(c.fields).filter(([k]) => k !== 'id' && k !== 'isDemo'));
    if (!current && c.op !== 'insert') return { kind: 'waiting', for: c.entityId };
    const parsed = UnitSchema.safeParse(fromFields(c.entityId, winners, current ?? undefined));
    if (!parsed.success) return { kind: 'unsupported', reason: parsed.error.message.slice(0, 500) };
    const unit = parsed.data;
    if (unit.homeGrid && !this.writer.gridExists(unit.homeGrid)) unit.homeGrid = null;
    mutate(
      this.ctx,
      (m) => {
        if (current) this.writer.save(unit);
        else this.ctx.store.reference.insertUnit(unit);
        m.record({
          entity: 'unit',
          entityId: unit.id,
          op: current ? 'update' : 'insert',
          fields: winners,
          action: `sync.unit.${c.op}`,
          auditData: { hlc: c.hlc, seq: c.seq, won: Object.keys(winners) },
        });
        if (Object.keys(winners).length > 0) m.emit('unit.changed', { unit });
      },
      origin,
    );
    return { kind: 'applied' };
  }

  private checkGrid(code: string | null | undefined, method: string): void {
    if (code && !this.writer.gridExists(code)) {
      throw new HostFailure(
        'bad_request',
        { method, detail: `home grid "${code}" is not in the grid list` },
        [{ path: 'homeGrid', message: 'choose a grid cell code from the grid list, or leave it empty' }],
      );
    }
  }
}
