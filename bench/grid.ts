/**
 * `npm run bench -- grid [--cells 5000] [--points 100000]`
 * Point → grid cell lookups through the console's GridIndex (R-tree prefilter + exact turf test) against brute
 * force (turf over every polygon), same polygons, same points, same run. Brute force is timed on a sample of
 * the points (it would take minutes on all of them) and compared per lookup.
 */
import { parseArgs } from 'node:util';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { GridCell } from '../contract';
import { GridIndex } from '../host/grid/gridIndex';

/** A district of slightly irregular quadrilateral cells (irregular so no test can shortcut on rectangles). */
function makeCells(n: number): GridCell[] {
  const cols = Math.ceil(Math.sqrt(n * 2));
  const rows = Math.ceil(n / cols);
  const size = 0.002;
  const jitter = (i: number, j: number) => Math.sin(i * 12.9898 + j * 78.233) * size * 0.2;
  const cells: GridCell[] = [];
  for (let r = 0; r < rows && cells.length < n; r++) {
    for (let c = 0; c < cols && cells.length < n; c++) {
      const corner = (i: number, j: number): [number, number] => [
        103 + i * size + jitter(i, j),
        36 + j * size + jitter(j, i),
      ];
      const ring = [corner(c, r), corner(c + 1, r), corner(c + 1, r + 1), corner(c, r + 1), corner(c, r)];
      cells.push({
        code: `G${r}-${c}`,
        level: 'grid',
        name: `grid ${r}-${c}`,
        parentCode: null,
        geometry: { type: 'Polygon', coordinates: [ring] },
        responsibleUnits: [],
        isDemo: false,
      });
    }
  }
  return cells;
}

export async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { cells: { type: 'string', default: '5000' }, points: { type: 'string', default: '100000' } },
  });
  const cells = makeCells(Number(values.cells));
  const n = Number(values.points);
  let seed = 42;
  const rand = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const xs = cells.flatMap((c) => c.geometry.coordinates[0]!.map((p) => p[0]));
  const ys = cells.flatMap((c) => c.geometry.coordinates[0]!.map((p) => p[1]));
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const points = Array.from({ length: n }, () => ({
    lon: minX + rand() * (maxX - minX),
    lat: minY + rand() * (maxY - minY),
  }));

  const index = new GridIndex(cells);
  let t0 = performance.now();
  const indexed = points.map((p) => index.deepestAt(p)?.code ?? null);
  const indexedMs = (performance.now() - t0) / n;

  const sample = points.slice(0, Math.min(n, 2000));
  t0 = performance.now();
  const brute = sample.map(
    (p) => cells.find((c) => booleanPointInPolygon([p.lon, p.lat], c.geometry))?.code ?? null,
  );
  const bruteMs = (performance.now() - t0) / sample.length;

  // Same answers, or the speed means nothing. (Brute force takes the first match on shared edges.)
  const disagree = sample.filter(
    (p, i) => brute[i] !== indexed[i] && !index.cellsAt(p).some((c) => c.code === brute[i]),
  ).length;
  if (disagree > 0)
    throw new Error(`index and brute force disagree on ${disagree} of ${sample.length} points`);
  console.log(
    `cells=${cells.length} points=${n} indexed ${(indexedMs * 1000).toFixed(1)} µs/lookup, brute ${(bruteMs * 1000).toFixed(1)} µs/lookup (on ${sample.length})`,
  );
  console.log(`grid speedup=${(bruteMs / indexedMs).toFixed(1)}`);
}
