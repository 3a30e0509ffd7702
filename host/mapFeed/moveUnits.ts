import { UNITS_MOVED_CHUNK, type UnitMove } from '../../contract';
import type { HostContext } from '../context';
import { mutate } from '../mutation';

/**
 * Moves many units at once (a fleet/AVL feed, a GPS gateway's batch): every row, audit record and outbox
 * record commit in ONE transaction, then `units.moved` goes out in compact chunks. The per-report path
 * (`moveUnit`, radio/GPS bridges) emits one `unit.moved` each, which at thousands per second would cost every
 * console a WebSocket message, a JSON parse and a cache update per unit. Unknown units and non-finite
 * coordinates are skipped.
 */
export function moveUnits(ctx: HostContext, moves: readonly UnitMove[], source: string): number {
  // Prepared once per batch, not once per unit (ReferenceRepository.updateUnitPosition prepares per call).
  const isDemo = ctx.store.db.prepare('SELECT is_demo FROM units WHERE id = ?').pluck(true);
  const update = ctx.store.db.prepare(
    'UPDATE units SET lon = ?, lat = ?, position_at = ?, position_source = ? WHERE id = ?',
  );
  return mutate(ctx, (m) => {
    const applied: UnitMove[] = [];
    for (const mv of moves) {
      const [id, lon, lat] = mv;
      // In-process callers skip the wire's schema: a NaN would be stored as NULL and drawn nowhere.
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
      const demo = isDemo.get(id) as number | undefined;
      if (demo === undefined) continue;
      update.run(lon, lat, m.at, source, id);
      m.record({
        entity: 'unit',
        entityId: id,
        op: 'update',
        fields: { lon, lat, positionAt: m.at, positionSource: source },
        action: 'unit.position',
        localOnly: demo === 1,
        auditData: { source, lon, lat },
      });
      applied.push(mv);
    }
    for (let i = 0; i < applied.length; i += UNITS_MOVED_CHUNK) {
      m.emit('units.moved', { at: m.at, source, moves: applied.slice(i, i + UNITS_MOVED_CHUNK) });
    }
    return applied.length;
  });
}
