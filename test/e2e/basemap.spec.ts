import { test, expect, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { openSetting, watchForeignRequests } from './offline';
import { startServe, removeDir, type Served } from './serve';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));
const MAP = fileURLToPath(new URL('../../../shared/data/map/', import.meta.url));

async function openConsole(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByTestId('map-canvas')).toHaveAttribute('data-ready', 'true');
}

async function importFile(page: Page, file: string, attribution = '') {
  await page.getByTestId('basemap-file').setInputFiles(`${MAP}${file}`);
  await page.getByTestId('basemap-import-attribution').fill(attribution);
  await page.getByTestId('basemap-import-submit').click();
}

test.describe('basemaps, measure and geofences (WebGL, offline)', () => {
  let served: Served;
  test.afterEach(async () => {
    await served.stop();
    removeDir(served.dataDir);
  });

  test('the demo district basemap renders with no request leaving 127.0.0.1, in both languages', async ({
    browser,
  }) => {
    served = await startServe(['--demo']);
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      const foreign = watchForeignRequests(page);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await openConsole(page, served.url);
      const attribution = page.getByTestId('basemap-attribution');
      await expect(attribution).toContainText('Demo district basemap');
      await expect(attribution).toHaveAttribute('data-drawn', 'true');
      await expect(page.getByTestId('basemap-error')).toHaveCount(0);
      await expect(page.getByTestId('map-error')).toHaveCount(0);
      await page.waitForTimeout(800);
      await page.screenshot({ path: `${ARTIFACTS}/basemap-demo-${locale}.png` });
      await openSetting(page, 'nav-basemap');
      await expect(page.getByTestId('basemap-row')).toHaveCount(1);
      await page.screenshot({ path: `${ARTIFACTS}/basemap-settings-${locale}.png` });
      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('invalid and empty files are refused with a clear message; the Stamen raster imports and renders with its attribution', async ({
    browser,
  }) => {
    served = await startServe(['--demo']);
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const foreign = watchForeignRequests(page);
    await openConsole(page, served.url);
    await openSetting(page, 'nav-basemap');

    await importFile(page, 'invalid.pmtiles');
    const err = page.getByTestId('basemap-import-error');
    await expect(err).toContainText('"invalid.pmtiles"');
    await expect(err).toContainText(/PMTiles/);
    await importFile(page, 'empty.pmtiles');
    await expect(err).toHaveAttribute('data-reason', 'empty');
    await expect(err).toContainText('"empty.pmtiles"');
    await expect(page.getByTestId('basemap-row')).toHaveCount(1);

    await importFile(
      page,
      'stamen_toner_raster_z3.pmtiles',
      '© Stamen Design (CC BY 4.0) · © OpenStreetMap contributors (ODbL)',
    );
    await expect(page.getByTestId('basemap-import-done')).toBeVisible();
    const row = page.getByTestId('basemap-row').filter({ hasText: 'Stamen' });
    await expect(row).toContainText('0–3');
    await row.getByTestId('basemap-choose').click(); // controlled: checked once the host confirms
    await expect(row).toHaveAttribute('data-active', 'true');
    await page.screenshot({ path: `${ARTIFACTS}/basemap-import-en-US.png` });
    await page.getByTestId('basemap-close').click();
    const attribution = page.getByTestId('basemap-attribution');
    await expect(attribution).toContainText('OpenStreetMap');
    await expect(attribution).toHaveAttribute('data-drawn', 'true');
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${ARTIFACTS}/basemap-stamen-en-US.png` });
    expect(foreign).toEqual([]);
    await context.close();
  });

  test('a failing online source shows a specific error and falls back to the last working basemap', async ({
    browser,
  }) => {
    served = await startServe(['--demo']);
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await openConsole(page, served.url);
    await expect(page.getByTestId('basemap-attribution')).toHaveAttribute('data-drawn', 'true');
    await openSetting(page, 'nav-basemap');
    await page.getByTestId('xyz-name').fill('天地图（断网）');
    await page.getByTestId('xyz-template').fill('http://127.0.0.1:1/vec_w/{z}/{x}/{y}.png?tk={key}');
    await page.getByTestId('xyz-key').fill('not-a-real-key');
    await page.getByTestId('xyz-submit').click();
    const row = page.getByTestId('basemap-row').filter({ hasText: '天地图' });
    await expect(row).toContainText('GCJ-02');
    await row.getByTestId('basemap-test').click();
    await expect(row.getByTestId('basemap-test-result')).toContainText('could not be reached');
    await expect(row.getByTestId('basemap-test-result')).not.toContainText('not-a-real-key');
    await row.getByTestId('basemap-choose').click(); // controlled: checked once the host confirms
    await page.getByTestId('basemap-close').click();
    const banner = page.getByTestId('basemap-error');
    await expect(banner).toContainText('天地图（断网）');
    await expect(banner).toContainText('could not be reached');
    await expect(banner).toContainText('Demo district basemap');
    await expect(page.getByTestId('basemap-attribution')).toContainText('Demo district basemap');
    await expect(page.getByTestId('map-error')).toHaveCount(0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${ARTIFACTS}/basemap-fallback-zh-CN.png` });
    // The console keeps working.
    await expect(page.getByTestId('incident-row').first()).toBeVisible();
    await context.close();
  });

  test('measure distance, then draw a geofence and get an alert for the units inside it', async ({
    browser,
  }) => {
    served = await startServe(['--demo']);
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await openConsole(page, served.url);
    const box = (await page.getByTestId('map-canvas').boundingBox())!;
    const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;

    await page.getByTestId('tool-measure').click();
    await page.mouse.click(...at(0.3, 0.5));
    await page.mouse.click(...at(0.7, 0.5));
    const distance = page.getByTestId('measure-distance');
    await expect(distance).toContainText(/\d( m| km)/);
    expect(Number(await distance.getAttribute('data-metres'))).toBeGreaterThan(200);
    await expect(page.getByTestId('map-pick')).toHaveCount(0);
    await page.screenshot({ path: `${ARTIFACTS}/basemap-measure-en-US.png` });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('measure-panel')).toHaveCount(0);

    await page.getByTestId('tool-fence').click();
    for (const [fx, fy] of [
      [0.2, 0.25],
      [0.8, 0.25],
      [0.7, 0.72],
      [0.2, 0.8],
    ] as const)
      await page.mouse.click(...at(fx, fy));
    await page.getByTestId('fence-name').fill('Cordon A');
    await page.getByTestId('fence-save').click();
    await expect(page.getByTestId('fence-list')).toContainText('Cordon A');
    const alerts = page.getByTestId('fence-alerts');
    await expect(alerts).toContainText(/entered geofence “Cordon A”/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${ARTIFACTS}/basemap-geofence-en-US.png` });
    await context.close();
  });
});
