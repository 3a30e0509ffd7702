import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { openWs } from '../helpers/wsClient';
import { startServe, removeDir, type Served } from './serve';
import { openSetting } from './offline';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));
/** A real 40×30 PNG; the host checks the bytes' signature, not the name. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAACgAAAAeCAIAAADRv8uKAAAAKklEQVR4nO3NsQ0AAAgDoJ7t9/qCWxcSdrKTis4qFovFYLFYLBaLxeKXAzHY3iub8JLNAAAAAElFTkSuQmCC',
  'base64',
);

/** Sets a rule through the host's own WebSocket API (there is no SLA editor yet): P1 accept in 10 s. */
async function shortSla(served: Served): Promise<void> {
  const u = new URL(served.url);
  const c = await openWs(`ws://${u.host}/ws?token=${u.searchParams.get('token')}`, { Origin: served.origin });
  const res = await c.request(
    JSON.stringify({
      t: 'req',
      id: 1,
      method: 'sla.setRule',
      params: { category: '*', priority: 'P1', stage: 'accept', limitMs: 10_000 },
    }),
  );
  c.close();
  expect(res.ok).toBe(true);
}

async function createIncident(
  page: Page,
  f: { lon: string; lat: string; description: string; address: string; priority?: string },
): Promise<void> {
  await page.getByTestId('new-incident-button').click();
  await page.getByTestId('field-category').selectOption('fire_safety');
  await page.getByTestId(`field-priority-${f.priority ?? 'P1'}`).check();
  await page.getByTestId('field-source').selectOption('resident_call');
  await page.getByTestId('field-lon').fill(f.lon);
  await page.getByTestId('field-lat').fill(f.lat);
  await page.getByTestId('field-address').fill(f.address);
  await page.getByTestId('field-description').fill(f.description);
}

for (const locale of ['zh-CN', 'en-US'] as const) {
  test.describe(`incident extras (${locale})`, () => {
    let served: Served;
    test.afterEach(async () => {
      await served.stop();
      removeDir(served.dataDir);
    });

    test('overdue highlight and count, duplicate suggestion and merge, attach an image', async ({
      browser,
    }) => {
      test.setTimeout(90_000);
      process.env.FENGSUI_SLA_SWEEP_MS = '300';
      served = await startServe();
      await shortSla(served);
      const context = await browser.newContext({ locale, viewport: { width: 1600, height: 900 } });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(served.url);
      await page.getByTestId('firstrun-empty').click();
      if ((await page.getByTestId('lang-switch').getAttribute('data-locale')) !== locale) {
        await page.getByTestId('lang-switch').click();
      }
      await expect(page.getByTestId('overdue-count')).toHaveAttribute('data-count', '0');

      // First report.
      await createIncident(page, {
        lon: '103.6655',
        lat: '36.4945',
        address: '东岗小区 3 号楼',
        description: locale === 'zh-CN' ? '楼道冒烟' : 'Smoke in the stairwell',
      });
      await page.getByTestId('submit-incident').click();
      await expect(page.getByTestId('incident-row')).toHaveCount(1);

      // Second report of the same fire 40 m away: the form suggests the first before it is sent.
      await createIncident(page, {
        lon: '103.6656',
        lat: '36.4948',
        address: '东岗小区 3 号楼北侧',
        description: locale === 'zh-CN' ? '三楼有烟，住户报警' : 'Smoke on the 3rd floor, resident calling',
      });
      await expect(page.getByTestId('duplicate-suggestion')).toHaveCount(1);
      await page.screenshot({ path: join(ARTIFACTS, `extras-duplicate-${locale}.png`) });
      await page.getByTestId('submit-incident').click();
      await expect(page.getByTestId('incident-row')).toHaveCount(2);

      // A short SLA: both are overdue to accept after 10 s; rows highlighted, counted in the top bar.
      await expect(page.getByTestId('overdue-count')).toHaveAttribute('data-count', '2', { timeout: 20_000 });
      await expect(page.locator('[data-testid="incident-row"].overdue')).toHaveCount(2);
      const detail = page.getByTestId('detail-panel');
      await expect(detail.getByTestId('sla-escalation-entry')).toHaveCount(1);
      await expect(detail.locator('.sla-stage[data-stage="accept"]')).toHaveAttribute(
        'data-state',
        'overdue',
      );

      // Attach an image to the second report.
      await detail.getByTestId('attachment-input').setInputFiles({
        name: 'scene.png',
        mimeType: 'image/png',
        buffer: PNG,
      });
      await expect(detail.getByTestId('attachment-image')).toBeVisible();
      // A non-image named .png is refused with a reason.
      await detail.getByTestId('attachment-input').setInputFiles({
        name: 'fake.png',
        mimeType: 'image/png',
        buffer: Buffer.from('MZ not an image at all'),
      });
      await expect(detail.getByTestId('extras-error')).toContainText(
        locale === 'zh-CN' ? '不是 PNG' : 'not a PNG',
      );
      await detail.getByTestId('sla-panel').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `extras-overdue-${locale}.png`) });

      // Merge the second report into the first: it closes, the first shows its timeline with the image.
      await detail.getByTestId('merge-into').first().click();
      await detail.getByTestId('merge-confirm').click();
      await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'closed');
      await expect(page.getByTestId('incident-row')).toHaveCount(1);
      await expect(page.getByTestId('overdue-count')).toHaveAttribute('data-count', '1');
      await page.getByTestId('incident-row').first().click();
      await expect(detail.getByTestId('merged-timelines')).toBeVisible();
      await detail.getByTestId('merged-timelines').scrollIntoViewIfNeeded();
      await expect(detail.getByTestId('merged-timelines').getByTestId('attachment-image')).toBeVisible();
      await page.screenshot({ path: join(ARTIFACTS, `extras-merged-${locale}.png`) });

      // Categories: add one, retire it; the new-incident form no longer offers it.
      await openSetting(page, 'category-admin-button');
      const admin = page.getByTestId('category-admin');
      await admin.getByTestId('category-code').fill('noise');
      await admin.getByTestId('category-name-zh').fill('噪声扰民');
      await admin.getByTestId('category-name-en').fill('Noise nuisance');
      await admin.getByTestId('category-save').click();
      const noise = admin.locator('[data-testid="category-row"][data-code="noise"]');
      await expect(noise).toHaveCount(1);
      await expect(admin.getByTestId('sla-limit-P1-accept')).toHaveValue('0.17');
      await page.screenshot({ path: join(ARTIFACTS, `extras-settings-${locale}.png`) });
      await noise.getByTestId('category-retire').click();
      await expect(noise).toHaveClass(/retired/);
      await page.keyboard.press('Escape');
      await page.getByTestId('new-incident-button').click();
      await expect(page.locator('[data-testid="field-category"] option[value="noise"]')).toHaveCount(0);
      await expect(page.locator('[data-testid="field-category"] option[value="fire_safety"]')).toHaveCount(1);
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  });
}
