import { GRID_LEVELS, HostFailure, type GridCell } from '../../contract';
import type { HostContext } from '../context';
import type { HostFeature } from '../feature';
import { mutate } from '../mutation';
import { defineHandlers } from '../router';
import type { GridIndex } from './gridIndex';
import { countByLevel, gridToGeojson, parseGridGeojson } from './gridGeojson';

/** Parents before children, so foreign keys hold as each row is written. */
const byLevel = (a: GridCell, b: GridCell) => GRID_LEVELS.indexOf(a.level) - GRID_LEVELS.indexOf(b.level);

export function gridFeature(
  ctx: HostContext,
  index: () => GridIndex,
  onGridChanged: () => void,
): HostFeature {
  return {
    name: 'grid',
    handlers: [
      defineHandlers({
        'grid.import': (p) => {
          const parsed = parseGridGeojson(p.geojson, ctx.store.reference.gridCells());
          if (!parsed.ok) {
            const first = parsed.problems[0]!;
            throw new HostFailure(
              'bad_request',
              {
                method: 'grid.import',
                detail: `${parsed.problems.length} problem(s) in the file, nothing was imported; first: ${first.path}: ${first.message}`,
              },
              parsed.problems.map((p) => ({ path: p.path, message: p.message })),
            );
          }
          const cells = [...parsed.cells].sort(byLevel);
          if (p.dryRun) return { created: 0, updated: 0, total: cells.length, dryRun: true };
          const counts = mutate(ctx, (m) => {
            let created = 0;
            let updated = 0;
            for (const cell of cells) {
              const how = ctx.store.reference.upsertGridCell(cell);
              if (how === 'created') created++;
              else updated++;
              m.record({
                entity: 'grid',
                entityId: cell.code,
                op: how === 'created' ? 'insert' : 'update',
                fields: {
                  level: cell.level,
                  name: cell.name,
                  parentCode: cell.parentCode,
                  geometry: cell.geometry,
                  responsibleUnits: cell.responsibleUnits,
                },
                action: 'grid.import',
                auditData: { how },
              });
            }
            return { created, updated };
          });
          onGridChanged();
          return { ...counts, total: cells.length, dryRun: false };
        },
        'grid.import.check': (p) => {
          const existing = ctx.store.reference.gridCells();
          const parsed = parseGridGeojson(p.geojson, existing);
          if (!parsed.ok) return { ok: false as const, problems: parsed.problems };
          const known = new Set(existing.map((c) => c.code));
          const updated = parsed.cells.filter((c) => known.has(c.code)).length;
          return {
            ok: true as const,
            total: parsed.cells.length,
            created: parsed.cells.length - updated,
            updated,
            byLevel: countByLevel(parsed.cells),
          };
        },
        'grid.export': () => gridToGeojson(ctx.store.reference.gridCells()),
        'grid.locate': (p) => {
          const cells = index().cellsAt(p);
          return { cells, outside: cells.length === 0 };
        },
      }),
    ],
  };
}
