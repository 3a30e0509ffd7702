import { v7 as uuidv7 } from 'uuid';
import { HostFailure, type Unit } from '../../contract';
import type { Geofence, GeofenceAlert } from '../../contract/basemap';
import type { BasemapRepository } from '../../db/basemaps';
import type { HostContext } from '../context';
import { GeofenceTracker, type Fence, type FenceEvent } from '../map/geofence';
import { fenceProblem } from '../map/fenceIndex';
import { auditLocal } from '../radio/audit';

function toFence(f: Geofence): Fence {
  const ring = [...f.ring];
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push(first);
  return { id: f.id, area: { type: 'Polygon', coordinates: [ring] } };
}

/**
 * Geofences and their alerts. Every unit (and drone) position reaches the host as a `unit.moved` event on the
 * host's bus, whichever bridge produced it (APRS, GPS, later the drone link), so this listens there rather than
 * in any one bridge. Alerts are audited (who entered/left what, when) and published as `geofence.alert`.
 */
export class GeofenceWatcher {
  private tracker: GeofenceTracker;
  private readonly names = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: HostContext,
    private readonly repo: BasemapRepository,
  ) {
    const fences = repo.fences();
    this.tracker = new GeofenceTracker(fences.map(toFence));
    for (const f of fences) this.names.set(f.id, f.name);
    // Seed with the positions we know, so a unit already inside raises `enter` only if it moves in later
    // (seeded first sightings are not alerts: nobody crossed anything).
    for (const u of ctx.store.reference.units())
      if (u.position) this.tracker.update(u.id, u.position.lon, u.position.lat, u.positionAt ?? 0);
    this.unsubscribe = ctx.events.subscribe((event, payload) => {
      if (event === 'unit.moved') this.moved((payload as { unit: Unit }).unit);
    });
  }

  list(): Geofence[] {
    return this.repo.fences();
  }

  create(name: string, ring: [number, number][]): Geofence {
    const fence: Geofence = { id: uuidv7(), name, ring, createdAt: this.ctx.now() };
    const problem = fenceProblem(toFence(fence));
    if (problem)
      throw new HostFailure('bad_request', {
        method: 'geofence.create',
        detail: `the fence cannot be used: ${problem}`,
      });
    auditLocal(this.ctx, 'geofence.create', 'geofence', fence.id, { name, corners: ring.length }, () =>
      this.repo.insertFence(fence),
    );
    this.names.set(fence.id, name);
    this.reload();
    return fence;
  }

  delete(id: string): { id: string } {
    // Checked first, so a delete of nothing leaves no audit record.
    if (!this.repo.fences().some((f) => f.id === id))
      throw new HostFailure('not_found', { entity: 'geofence', id });
    auditLocal(this.ctx, 'geofence.delete', 'geofence', id, {}, () => this.repo.deleteFence(id));
    this.reload();
    return { id };
  }

  private reload(): void {
    const fences = this.repo.fences();
    // A new or removed outline re-tests every tracked unit; what changes is reported like a crossing.
    this.alert(this.tracker.replaceFences(fences.map(toFence), this.ctx.now()));
    this.ctx.events.publish('geofence.changed', { fences });
  }

  private moved(unit: Unit): void {
    if (!unit.position) return;
    this.alert(
      this.tracker.update(unit.id, unit.position.lon, unit.position.lat, unit.positionAt ?? this.ctx.now()),
      unit,
    );
  }

  private alert(events: FenceEvent[], unit?: Unit): void {
    for (const e of events) {
      const u = unit ?? this.ctx.store.reference.units().find((x) => x.id === e.entityId);
      const alert: GeofenceAlert = {
        fenceId: e.fenceId,
        fenceName: this.names.get(e.fenceId) ?? '',
        unitId: e.entityId,
        unitName: u?.name ?? e.entityId,
        unitKind: u?.kind ?? 'unit',
        kind: e.kind,
        at: e.at,
        lon: e.lon,
        lat: e.lat,
      };
      try {
        auditLocal(this.ctx, `geofence.${e.kind}`, 'geofence', e.fenceId, {
          unitId: alert.unitId,
          unitName: alert.unitName,
          lon: e.lon,
          lat: e.lat,
        });
      } catch (err) {
        this.ctx.log.error({ err: (err as Error).message }, 'geofence alert audit failed');
      }
      this.ctx.events.publish('geofence.alert', alert);
    }
  }

  close(): void {
    this.unsubscribe();
  }
}
