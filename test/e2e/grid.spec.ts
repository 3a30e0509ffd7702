import { test, expect, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSetting, watchForeignRequests } from './offline';
import { startServe, removeDir, type Served } from './serve';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

type Collection = {
  type: 'FeatureCollection';
  features: { properties: Record<string, unknown>; geometry: unknown }[];
};

/** The three breakages named in the issue: not a polygon, a broken parent, a self-intersection. */
function breakGrid(good: Collection): Collection {
  const g = structuredClone(good);
  const byCode = (code: string) => g.features.find((f) => f.properties.code === code)!;
  byCode('GR01').geometry = {
    type: 'LineString',
    coordinates: [
      [103.66, 36.49],
      [103.67, 36.5],
    ],
  };
  byCode('GR03').properties.parentCode = 'CM99';
  byCode('CP04').geometry = {
    type: 'Polygon',
    coordinates: [
      [
        [103.671, 36.501],
        [103.674, 36.504],
        [103.674, 36.501],
        [103.671, 36.504],
        [103.671, 36.501],
      ],
    ],
  };
  return g;
}

/** Drops a file on the import area the way a file manager would (a real DataTransfer with a File). */
async function dropFile(page: Page, name: string, text: string) {
  const transfer = await page.evaluateHandle(
    ({ name, text }) => {
      // Runs in the page; this file is type-checked without the DOM library.
      const web = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: string[], name: string, options: { type: string }) => unknown;
      };
      const dt = new web.DataTransfer();
      dt.items.add(new web.File([text], name, { type: 'application/geo+json' }));
      return dt;
    },
    { name, text },
  );
  await page.getByTestId('grid-drop').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.getByTestId('grid-drop').dispatchEvent('drop', { dataTransfer: transfer });
}

async function expectCounts(page: Page, testId: string, counts: [number, number, number, number]) {
  const levels = ['street', 'community', 'grid', 'compound'];
  for (const [i, level] of levels.entries()) {
    await expect(page.getByTestId(`${testId}-${level}`)).toHaveText(String(counts[i]));
  }
}

test.describe('the four-level grid: GeoJSON export and import', () => {
  const started: Served[] = [];
  test.afterEach(async () => {
    for (const s of started.splice(0)) {
      await s.stop();
      removeDir(s.dataDir);
    }
  });

  for (const locale of ['zh-CN', 'en-US'] as const) {
    test(`export the demo grid, refuse a broken copy (nothing changes), import it into a fresh console (${locale})`, async ({
      browser,
    }) => {
      // Two consoles, two uploads and a WebGL map on a busy two-core machine.
      test.setTimeout(150_000);
      const work = mkdtempSync(join(tmpdir(), 'fengsui-grid-e2e-'));
      const demo = await startServe(['--demo']);
      started.push(demo);
      const context = await browser.newContext({ locale, acceptDownloads: true });
      const page = await context.newPage();
      const foreign = watchForeignRequests(page);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));

      // 1. The demo console: hierarchy summary and export.
      await page.goto(demo.url);
      await expect(page.getByTestId('connection-status')).toBeVisible();
      await openSetting(page, 'nav-grid');
      const dialog = page.getByTestId('grid-dialog');
      await expect(dialog).toBeVisible();
      await expectCounts(page, 'grid-counts', [1, 2, 8, 4]);
      await expect(page.getByTestId('grid-tree')).toContainText('ST01');
      await page.screenshot({ path: join(ARTIFACTS, `grid-demo-${locale}.png`) });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('grid-export').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^grid-\d{4}-\d{2}-\d{2}\.geojson$/);
      const exportedPath = join(work, download.suggestedFilename());
      await download.saveAs(exportedPath);
      const exported = JSON.parse(readFileSync(exportedPath, 'utf8')) as Collection;
      expect(exported.type).toBe('FeatureCollection');
      expect(exported.features).toHaveLength(15);

      // 2. A fresh console: no grid yet.
      const fresh = await startServe();
      started.push(fresh);
      await page.goto(fresh.url);
      await page.getByTestId('firstrun-empty').click();
      await openSetting(page, 'nav-grid');
      await expect(page.getByTestId('grid-empty')).toBeVisible();
      await expectCounts(page, 'grid-counts', [0, 0, 0, 0]);

      // 3. A broken copy, dropped on the screen: every bad feature listed with its reason; nothing imported.
      await dropFile(page, 'broken.geojson', JSON.stringify(breakGrid(exported)));
      await expect(page.getByTestId('grid-status')).toHaveAttribute('data-step', 'refused');
      const problems = page.getByTestId('grid-problem');
      await expect(problems).toHaveCount(4);
      const row = (code: string) => problems.filter({ has: page.locator(`td:text-is("${code}")`) });
      await expect(row('GR01')).toHaveAttribute('data-reason', 'not_polygon');
      await expect(row('GR01')).toContainText('LineString');
      await expect(row('GR03')).toHaveAttribute('data-reason', 'parent_unknown');
      await expect(row('GR03')).toContainText('CM99');
      await expect(row('CP04')).toHaveAttribute('data-reason', 'self_intersection');
      await expect(row('CP01')).toHaveAttribute('data-reason', 'parent_refused');
      const wording =
        locale === 'zh-CN'
          ? { line: '只接受 Polygon', self: '自相交', none: '未导入任何内容' }
          : { line: 'only Polygon is accepted', self: 'intersects itself', none: 'nothing was imported' };
      await expect(row('GR01')).toContainText(wording.line);
      await expect(row('CP04')).toContainText(wording.self);
      await expect(page.getByTestId('grid-status')).toContainText(wording.none);
      await expectCounts(page, 'grid-counts', [0, 0, 0, 0]);
      await page.screenshot({ path: join(ARTIFACTS, `grid-refused-${locale}.png`) });

      // A file that is not JSON at all is refused before it is sent.
      const notJson = join(work, 'notes.geojson');
      writeFileSync(notJson, '{"type": "FeatureCollection", ');
      await page.getByTestId('grid-file').setInputFiles(notJson);
      await expect(page.getByTestId('grid-status')).toHaveAttribute('data-step', 'unreadable');

      // 4. The exported file through the file picker: checked, counted per level, then imported.
      await page.getByTestId('grid-file').setInputFiles(exportedPath);
      await expect(page.getByTestId('grid-status')).toHaveAttribute('data-step', 'ready');
      await expectCounts(page, 'grid-file-counts', [1, 2, 8, 4]);
      await expectCounts(page, 'grid-counts', [0, 0, 0, 0]);
      await page.getByTestId('grid-import-confirm').click();
      await expect(page.getByTestId('grid-status')).toHaveAttribute('data-step', 'done');
      await expectCounts(page, 'grid-imported', [1, 2, 8, 4]);
      await expectCounts(page, 'grid-counts', [1, 2, 8, 4]);
      await expect(page.getByTestId('grid-tree')).toContainText('CP01');
      await page.screenshot({ path: join(ARTIFACTS, `grid-imported-${locale}.png`) });
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);

      // 5. An incident at a point inside compound CP01 gets that cell.
      await page.getByTestId('new-incident-button').click();
      await page.getByTestId('field-category').selectOption('fire_safety');
      await page.getByTestId('field-priority-P2').check();
      await page.getByTestId('field-source').selectOption('grid_worker');
      await page.getByTestId('field-lon').fill('103.6655');
      await page.getByTestId('field-lat').fill('36.4945');
      await page.getByTestId('field-address').fill('东岗小区 5 号楼');
      await page.getByTestId('field-description').fill('网格导入后的事件');
      await page.getByTestId('submit-incident').click();
      const incident = page.getByTestId('incident-row').filter({ hasText: '网格导入后的事件' });
      await expect(incident).toHaveCount(1);
      await incident.click();
      await expect(page.getByTestId('detail-panel')).toContainText('CP01');

      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
      removeDir(work);
    });
  }
});
