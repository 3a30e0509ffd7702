import type { Unit } from '../../contract';
import type { HostContext } from '../context';
import { mutate } from '../mutation';

/**
 * Moves a unit: the row, its audit record and its outbox record commit together (units sync), then
 * `unit.moved` goes out for the map. Demo units move too, but stay on this console.
 */
export function moveUnit(
  ctx: HostContext,
  unit: Unit,
  pos: { lon: number; lat: number },
  source: string,
  extra: { courseDeg?: number; speedKmh?: number; altitudeM?: number } = {},
): Unit {
  return mutate(ctx, (m) => {
    ctx.store.reference.updateUnitPosition(unit.id, pos.lon, pos.lat, m.at, source);
    const moved: Unit = { ...unit, position: pos, positionAt: m.at, positionSource: source };
    m.record({
      entity: 'unit',
      entityId: unit.id,
      op: 'update',
      fields: { lon: pos.lon, lat: pos.lat, positionAt: m.at, positionSource: source },
      action: 'unit.position',
      localOnly: unit.isDemo,
      auditData: { source, lon: pos.lon, lat: pos.lat },
    });
    m.emit('unit.moved', {
      unit: moved,
      source,
      courseDeg: extra.courseDeg ?? null,
      speedKmh: extra.speedKmh ?? null,
      altitudeM: extra.altitudeM ?? null,
    });
    return moved;
  });
}
