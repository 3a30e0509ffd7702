import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServe, removeDir, type Served } from './serve';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

async function open(page: Page, served: Served) {
  await page.goto(served.url);
  await expect(page.getByTestId('incident-row').first()).toBeVisible();
}

test.describe('queue at scale and KPIs (browser build)', () => {
  let served: Served;
  test.afterEach(async () => {
    await served.stop();
    removeDir(served.dataDir);
  });

  test('filters, Chinese full-text search, keyboard, KPI dashboard with CSV (zh-CN)', async ({ browser }) => {
    served = await startServe(['--demo']);
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1600, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await open(page, served);
    await page.getByTestId('filter-all').click();
    const rows = page.getByTestId('incident-row');
    // The "all" page replaces the open one when it arrives: wait for the count to settle.
    await page.waitForTimeout(1000);
    const all = await rows.count();
    expect(all).toBeGreaterThan(5);

    // Full-text search in Chinese: a trigram phrase (FTS index) and a two-character word (shorter than a trigram).
    await page.getByTestId('queue-search').fill('占道经营');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('流动摊贩占道经营');
    await page.getByTestId('queue-search').fill('无人机');
    await expect(rows).toHaveCount(3);
    await page.getByTestId('queue-search').fill('车辆');
    await expect(rows.first()).toContainText('车辆');
    await page.getByTestId('queue-search').fill('');
    await expect(rows).toHaveCount(all);

    // Filters: priority, source, category; the clear button puts everything back.
    await page.getByTestId('filter-source').selectOption('drone_patrol');
    await expect(rows).toHaveCount(3);
    await page.getByTestId('filter-priority-P1').click();
    await expect(page.locator('[data-testid="incident-row"]:not([data-priority="P1"])')).toHaveCount(0);
    await page.getByTestId('filter-clear').click();
    await expect(rows).toHaveCount(all);
    await page.getByTestId('filter-category').selectOption('fire_safety');
    await expect(rows.filter({ hasNotText: '消防' })).toHaveCount(0);
    await expect(rows.first()).toContainText('消防');
    await page.getByTestId('filter-category').selectOption('');

    // Grid picker: a street takes every cell under it.
    const firstGrid = await page.getByTestId('filter-grid').locator('option').nth(1).getAttribute('value');
    await page.getByTestId('filter-grid').selectOption(firstGrid!);
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBeLessThanOrEqual(all);
    await page.getByTestId('filter-clear').click();

    // Keyboard: j/k move the selection in queue order; ? lists the status keys.
    await page.locator('body').click({ position: { x: 800, y: 5 } });
    await page.keyboard.press('j');
    await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('j');
    await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('k');
    await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('?');
    await expect(page.getByTestId('help-overlay')).toContainText('Shift');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(ARTIFACTS, 'queue-zh-CN.png') });

    // KPI dashboard: demo data is excluded unless asked.
    await page.getByTestId('kpi-open').click();
    const dash = page.getByTestId('kpi-dashboard');
    await expect(dash).toBeVisible();
    await page.getByTestId('kpi-preset-month').click();
    await expect(page.getByTestId('kpi-total')).toContainText('0');
    await page.getByTestId('kpi-demo').check();
    await expect(page.getByTestId('kpi-chart').locator('canvas')).toHaveCount(1);
    await expect(page.getByTestId('kpi-drone-share')).toContainText('%');
    await expect(page.getByTestId('kpi-table-category')).toContainText('消防安全');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('kpi-csv').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[1]).toContain('*');
    expect(csv).toContain('消防安全');
    await page.screenshot({ path: join(ARTIFACTS, 'kpi-zh-CN.png') });
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  test('en-US: queue and KPI dashboard', async ({ browser }) => {
    served = await startServe(['--demo']);
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await open(page, served);
    await page.screenshot({ path: join(ARTIFACTS, 'queue-en-US.png') });
    await page.getByTestId('kpi-open').click();
    await page.getByTestId('kpi-demo').check();
    await expect(page.getByTestId('kpi-table-load')).toBeVisible();
    await expect(page.getByTestId('kpi-drone-share')).toContainText('Found by drone patrol');
    await page.screenshot({ path: join(ARTIFACTS, 'kpi-en-US.png') });
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
