import RBush from 'rbush';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { GridCell, GridLevel, LonLat } from '../../contract';
import { GRID_LEVELS } from '../../contract';

interface Entry {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  cell: GridCell;
}

const DEPTH: Record<GridLevel, number> = Object.fromEntries(GRID_LEVELS.map((l, i) => [l, i])) as Record<
  GridLevel,
  number
>;

/**
 * Point → grid cell at every level. An R-tree of bounding boxes narrows the candidates; turf decides
 * containment exactly (holes respected, boundary counts as inside).
 */
export class GridIndex {
  private readonly tree = new RBush<Entry>();

  constructor(cells: readonly GridCell[]) {
    this.tree.load(
      cells.map((cell) => {
        const ring = cell.geometry.coordinates[0] ?? [];
        const xs = ring.map((p) => p[0]);
        const ys = ring.map((p) => p[1]);
        return {
          minX: Math.min(...xs),
          minY: Math.min(...ys),
          maxX: Math.max(...xs),
          maxY: Math.max(...ys),
          cell,
        };
      }),
    );
  }

  /** Every cell containing the point, street first, compound last. */
  cellsAt(p: LonLat): GridCell[] {
    return this.tree
      .search({ minX: p.lon, minY: p.lat, maxX: p.lon, maxY: p.lat })
      .filter((e) => booleanPointInPolygon([p.lon, p.lat], e.cell.geometry))
      .map((e) => e.cell)
      .sort((a, b) => DEPTH[a.level] - DEPTH[b.level]);
  }

  /** The most specific cell containing the point, or null when it lies outside every grid. */
  deepestAt(p: LonLat): GridCell | null {
    const cells = this.cellsAt(p);
    return cells[cells.length - 1] ?? null;
  }
}
