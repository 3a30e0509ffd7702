import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { watchForeignRequests } from './offline';
import { startServe, removeDir, type Served } from './serve';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

test.describe('incidents in the browser build', () => {
  let served: Served;
  test.afterEach(async () => {
    await served.stop();
    removeDir(served.dataDir);
  });

  test('first run, create in zh-CN, change status, switch to en-US, reload: still there', async ({
    browser,
  }) => {
    served = await startServe();
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const foreign = watchForeignRequests(page);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(served.url);

    // The token leaves the address bar at once.
    await expect.poll(() => page.url()).not.toContain('token=');

    await page.getByTestId('firstrun-empty').click();
    await expect(page.getByTestId('connection-status')).toContainText('已连接');
    await expect(page.getByTestId('sync-status')).toContainText('本地模式');

    await page.getByTestId('new-incident-button').click();
    await page.getByTestId('field-category').selectOption('fire_safety');
    await page.getByTestId('field-priority-P1').check();
    await page.getByTestId('field-source').selectOption('drone_patrol');
    await page.getByTestId('field-lon').fill('103.6655');
    await page.getByTestId('field-lat').fill('36.4945');
    await page.getByTestId('field-address').fill('东岗小区 3 号楼');
    await page.getByTestId('field-description').fill('无人机发现楼顶冒烟');
    await page.getByTestId('field-reporter').fill('无人机 UAV-01');
    await page.getByTestId('submit-incident').click();

    const row = page.getByTestId('incident-row').filter({ hasText: '无人机发现楼顶冒烟' });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('消防安全');
    await row.click();
    const detail = page.getByTestId('detail-panel');
    await expect(detail).toContainText('东岗小区 3 号楼');
    await expect(page.getByTestId('timeline-entry')).toHaveCount(1);

    // Only legal next states are offered; take one.
    await expect(page.getByTestId('status-button-closed')).toHaveCount(0);
    await page.getByTestId('status-button-accepted').click();
    await expect(page.getByTestId('detail-status')).toContainText('已受理');
    await expect(page.getByTestId('timeline-entry')).toHaveCount(2);
    await page.screenshot({ path: join(ARTIFACTS, 'incident-zh-CN.png') });

    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('detail-status')).toContainText('Accepted');
    await expect(row).toContainText('Fire safety');

    await page.reload();
    const again = page.getByTestId('incident-row').filter({ hasText: '无人机发现楼顶冒烟' });
    await expect(again).toHaveCount(1);
    await expect(again).toContainText('Fire safety');
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
    await again.click();
    await expect(page.getByTestId('timeline-entry')).toHaveCount(2);
    await page.screenshot({ path: join(ARTIFACTS, 'incident-en-US.png') });

    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  test('the host refuses a bad form and says why; nothing is created', async ({ browser }) => {
    served = await startServe(['--demo']);
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(served.url);
    await expect(page.getByTestId('demo-badge')).toBeVisible();
    const before = await page.getByTestId('incident-row').count();
    await page.getByTestId('new-incident-button').click();
    await page.getByTestId('field-lon').fill('500');
    await page.getByTestId('submit-incident').click();
    await expect(page.getByTestId('error-lon')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('incident-row')).toHaveCount(before);
    await context.close();
  });

  test('--demo shows the demo district in both languages', async ({ browser }) => {
    served = await startServe(['--demo']);
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      const foreign = watchForeignRequests(page);
      await page.goto(served.url);
      await expect(page.getByTestId('demo-badge')).toBeVisible();
      await expect(page.getByTestId('demo-badge')).toContainText('DEMO');
      expect(await page.getByTestId('incident-row').count()).toBeGreaterThanOrEqual(8);
      await expect(page.getByTestId('operator')).toContainText('值班员甲');
      await page.getByTestId('incident-row').first().click();
      await expect(page.getByTestId('detail-panel')).toContainText(
        locale === 'zh-CN' ? '突发事件' : 'Emergency',
      );
      await page.screenshot({ path: join(ARTIFACTS, `demo-${locale}.png`) });
      expect(foreign).toEqual([]);
      await context.close();
    }
  });
});
