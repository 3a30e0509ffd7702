import { test, expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { watchForeignRequests } from './offline';
import { startServe, removeDir, type Served } from './serve';
import { demoGridCells } from '../../host/demo/demoDistrict';
import { GridIndex } from '../../host/grid/gridIndex';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

test.describe('dispatch map (WebGL, offline)', () => {
  let served: Served;
  test.afterEach(async () => {
    await served.stop();
    removeDir(served.dataDir);
  });

  test('renders the demo district with no request leaving 127.0.0.1, in both languages', async ({
    browser,
  }) => {
    served = await startServe(['--demo']);
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      const foreign = watchForeignRequests(page);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // The shipped glyphs and sprite, as the map fetched them from the console's own origin.
      const assets = new Map<string, number>();
      page.on('response', (r) => {
        const path = decodeURIComponent(new URL(r.url()).pathname);
        if (path.startsWith('/map/')) assets.set(path, r.status());
      });
      await page.goto(served.url);
      const canvas = page.getByTestId('map-canvas');
      await expect(canvas).toHaveAttribute('data-ready', 'true');
      await expect(page.locator('.maplibregl-canvas')).toBeVisible();
      await expect(page.getByTestId('map-error')).toHaveCount(0);
      // Grid names drawn by the symbol layers (Chinese, whatever the UI language), from the demo polygons.
      await expect.poll(async () => (await canvas.getAttribute('data-grid-labels')) ?? '').not.toBe('');
      const labels = (await canvas.getAttribute('data-grid-labels'))!.split('|');
      const names = new Set(demoGridCells().map((c) => c.name));
      expect(
        labels.every((l) => names.has(l)),
        labels.join('|'),
      ).toBe(true);
      expect(labels.some((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
      expect(assets.get('/map/glyphs/Noto Sans CJK SC/0-255.pbf')).toBe(200);
      expect(assets.get('/map/sprite.json') ?? assets.get('/map/sprite@2x.json')).toBe(200);
      expect(
        [...assets.values()].every((status) => status === 200),
        JSON.stringify([...assets]),
      ).toBe(true);
      // The map's feed loads after the map is ready (map.snapshot), so poll.
      await expect
        .poll(async () => Number(await canvas.getAttribute('data-incidents')))
        .toBeGreaterThanOrEqual(8);
      await expect
        .poll(async () => Number(await canvas.getAttribute('data-units')))
        .toBeGreaterThanOrEqual(5);
      await page.waitForTimeout(500);
      await page.screenshot({ path: `${ARTIFACTS}/map-${locale}.png` });
      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('clicking the map creates an incident in the right grid cell', async ({ browser }) => {
    served = await startServe(['--demo']);
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(served.url);
    const canvas = page.getByTestId('map-canvas');
    await expect(canvas).toHaveAttribute('data-ready', 'true');
    await page.waitForTimeout(300);
    const box = (await canvas.boundingBox())!;
    const x = box.x + box.width * 0.3;
    const y = box.y + box.height * 0.62;
    await page.mouse.move(x, y);
    const [lon, lat] = (await page.getByTestId('map-cursor').innerText()).split(',').map(Number) as [
      number,
      number,
    ];
    expect(lon).toBeGreaterThan(103.6);
    const expected = new GridIndex(demoGridCells()).deepestAt({ lon, lat });
    expect(expected, `the test point ${lon},${lat} should be inside the demo district`).not.toBeNull();

    await page.mouse.click(x, y);
    await page.getByTestId('map-new-incident').click();
    await expect(page.getByTestId('field-lon'))
      .toHaveValue(lon.toFixed(5).slice(0, 8) as string, { timeout: 1 })
      .catch(() => undefined);
    expect(Math.abs(Number(await page.getByTestId('field-lon').inputValue()) - lon)).toBeLessThan(1e-4);
    expect(Math.abs(Number(await page.getByTestId('field-lat').inputValue()) - lat)).toBeLessThan(1e-4);
    await page.getByTestId('field-category').selectOption('illegal_parking');
    await page.getByTestId('field-description').fill('map click incident');
    await page.getByTestId('submit-incident').click();
    const row = page.getByTestId('incident-row').filter({ hasText: 'map click incident' });
    await expect(row).toHaveCount(1);
    await row.click();
    await expect(page.getByTestId('detail-panel')).toContainText(expected!.code);
    await page.screenshot({ path: `${ARTIFACTS}/map-click-en-US.png` });
    await context.close();
  });
});
