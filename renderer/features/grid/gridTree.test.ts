import { describe, expect, it } from 'vitest';
import { demoGridCells } from '../../../host/demo/demoDistrict';
import { exportFileName, gridTree, levelCounts, MAX_GRID_FILE_BYTES, readGridFile } from './gridTree';

describe('grid hierarchy summary', () => {
  it('counts the demo district per level and nests it street → community → grid → compound', () => {
    const cells = demoGridCells();
    expect(levelCounts(cells)).toEqual({ street: 1, community: 2, grid: 8, compound: 4 });
    const tree = gridTree(cells);
    expect(tree.map((n) => n.code)).toEqual(['ST01']);
    expect(tree[0]!.children.map((n) => n.level)).toEqual(['community', 'community']);
    const all = (ns: typeof tree): number => ns.reduce((s, n) => s + 1 + all(n.children), 0);
    expect(all(tree)).toBe(15);
    const gr01 = tree[0]!.children.flatMap((c) => c.children).find((g) => g.code === 'GR01');
    expect(gr01?.children.map((c) => c.code)).toEqual(['CP01']);
  });

  it('shows an orphan at the top instead of hiding it', () => {
    const tree = gridTree([{ code: 'GR9', name: 'x', level: 'grid', parentCode: 'CM404' }]);
    expect(tree.map((n) => n.code)).toEqual(['GR9']);
  });

  it('refuses a file the host could not receive, and one that is not JSON, before sending anything', () => {
    expect(readGridFile('{"type":"FeatureCollection","features":[]}', 40)).toMatchObject({ ok: true });
    expect(readGridFile('{', 1)).toMatchObject({ ok: false, reason: 'not_json' });
    expect(readGridFile('{}', MAX_GRID_FILE_BYTES + 1)).toMatchObject({ ok: false, reason: 'too_large' });
  });

  it('names the export by date', () => {
    expect(exportFileName(new Date(2026, 10, 26, 9).getTime())).toBe('grid-2026-11-26.geojson');
  });
});
