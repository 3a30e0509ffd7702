import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServe, removeDir, type Served } from './serve';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

/** Web Mercator y of a latitude (x is linear in longitude). */
const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));

/**
 * Lon/lat → page pixels for the map as it stands, read from the map's own cursor readout at two points (no
 * test hook in the app): Web Mercator is linear in lon and in mercY(lat) at a fixed zoom.
 */
async function projector(page: Page): Promise<(lon: number, lat: number) => { x: number; y: number }> {
  const box = (await page.getByTestId('map-canvas').boundingBox())!;
  const read = async (x: number, y: number) => {
    await page.mouse.move(x, y);
    const [lon, lat] = (await page.getByTestId('map-cursor').innerText()).split(',').map(Number) as [
      number,
      number,
    ];
    return { x, y, lon, lat };
  };
  const a = await read(box.x + box.width * 0.85, box.y + box.height * 0.25);
  const b = await read(box.x + box.width * 0.3, box.y + box.height * 0.5);
  const sx = (b.x - a.x) / (b.lon - a.lon);
  const sy = (b.y - a.y) / (mercY(b.lat) - mercY(a.lat));
  return (lon, lat) => ({ x: a.x + (lon - a.lon) * sx, y: a.y + (mercY(lat) - mercY(a.lat)) * sy });
}

async function createIncident(page: Page, description: string, lon: number, lat: number): Promise<void> {
  await page.getByTestId('new-incident-button').click();
  await page.getByTestId('field-category').selectOption('public_security');
  await page.getByTestId('field-lon').fill(String(lon));
  await page.getByTestId('field-lat').fill(String(lat));
  await page.getByTestId('field-description').fill(description);
  await page.getByTestId('submit-incident').click();
  const row = page.getByTestId('incident-row').filter({ hasText: description });
  await expect(row).toHaveCount(1);
  await row.click();
  await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'reported');
}

/** A demo unit's position as the units list shows it. */
async function unitPosition(page: Page, name: string): Promise<{ id: string; lon: number; lat: number }> {
  await page.getByTestId('units-open').click();
  const row = page.getByTestId('unit-row').filter({ hasText: name });
  const pos = row.getByTestId('unit-position');
  const out = {
    id: (await row.getAttribute('data-unit-id'))!,
    lon: Number(await pos.getAttribute('data-lon')),
    lat: Number(await pos.getAttribute('data-lat')),
  };
  await page.getByTestId('units-close').click();
  return out;
}

const TEXT = {
  'zh-CN': { unit: '网格员 李娜', dispatched: '已派遣', ack: '已确认', closed: '已办结' },
  'en-US': { unit: '网格员 李娜', dispatched: 'Dispatched', ack: 'Acknowledged', closed: 'Closed' },
} as const;

test.describe('dispatch in the browser build (demo district)', () => {
  let served: Served;
  test.afterEach(async () => {
    await served.stop();
    removeDir(served.dataDir);
  });

  test('create → drag a unit onto the incident → ack → on scene → resolve → close, in both languages', async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    served = await startServe(['--demo']);
    for (const locale of ['zh-CN', 'en-US'] as const) {
      const context = await browser.newContext({ locale, viewport: { width: 1600, height: 900 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(served.url);
      await expect(page.getByTestId('map-canvas')).toHaveAttribute('data-ready', 'true');

      const where = { lon: 103.6785, lat: 36.4985 };
      const description = `${locale} 巷口有人打架 fight at the lane`;
      await createIncident(page, description, where.lon, where.lat);

      // Selecting the incident opens the nearest-units panel on the map, with straight-line distances.
      const panel = page.getByTestId('map-dispatch');
      await expect(panel.getByTestId('suggestion').first()).toBeVisible();
      await expect(panel.getByTestId('suggestion').first()).toContainText(locale === 'zh-CN' ? '米' : ' m');

      const unit = await unitPosition(page, TEXT[locale].unit);
      await page.waitForTimeout(700); // the map eases to the selected incident
      const project = await projector(page);
      const from = project(unit.lon, unit.lat);
      const to = project(where.lon, where.lat);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.screenshot({ path: join(ARTIFACTS, `dispatch-drag-${locale}.png`) });
      await page.mouse.up();

      const detail = page.getByTestId('detail-panel');
      await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'dispatched');
      await expect(page.getByTestId('detail-status')).toContainText(TEXT[locale].dispatched);
      const row = detail.getByTestId('dispatch-row').filter({ hasText: TEXT[locale].unit });
      await expect(row).toHaveAttribute('data-state', 'awaiting_ack');
      // The unit turns "dispatched" at once (event → cache), in the list too.
      await page.getByTestId('units-open').click();
      await expect(page.locator(`[data-testid="unit-row"][data-unit-id="${unit.id}"]`)).toHaveAttribute(
        'data-status',
        'dispatched',
      );
      await page.screenshot({ path: join(ARTIFACTS, `dispatch-units-${locale}.png`) });
      await page.getByTestId('units-close').click();

      await row.getByTestId('dispatch-ack').click();
      await expect(row).toHaveAttribute('data-state', 'acknowledged');
      await expect(row).toContainText(TEXT[locale].ack);
      await page.getByTestId('status-button-on_scene').click();
      await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'on_scene');
      await page
        .getByTestId('status-note')
        .fill(locale === 'zh-CN' ? '双方已劝离，现场恢复秩序' : 'Parties separated');
      await page.getByTestId('status-button-resolved').click();
      await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'resolved');
      await expect(row).toHaveAttribute('data-state', 'released');
      await page.getByTestId('status-button-closed').click();
      await expect(page.getByTestId('detail-status')).toContainText(TEXT[locale].closed);

      // Every step is on the timeline (newest first).
      const entries = detail.getByTestId('timeline-entry');
      await expect(entries).toHaveCount(9);
      const kinds = await entries.evaluateAll((els) =>
        els.map(
          (e) =>
            `${e.getAttribute('data-kind')}${e.querySelector('[data-action]')?.getAttribute('data-action') ?? ''}`,
        ),
      );
      expect(kinds.reverse()).toEqual([
        'created',
        'status',
        'status',
        'dispatchdispatch',
        'ackack',
        'status',
        'status',
        'dispatchrelease',
        'status',
      ]);
      await page.getByTestId('units-open').click();
      await expect(page.locator(`[data-testid="unit-row"][data-unit-id="${unit.id}"]`)).toHaveAttribute(
        'data-status',
        'available',
      );
      await page.getByTestId('units-close').click();
      await page.getByTestId('detail-panel').locator('.timeline').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `dispatch-${locale}.png`) });
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  test('keyboard: d opens the nearest units, ↓ and Enter dispatch; no ack escalates to the supervisor', async ({
    browser,
  }) => {
    process.env.FENGSUI_DISPATCH_ACK_LIMIT_S = '10';
    try {
      served = await startServe(['--demo']);
    } finally {
      delete process.env.FENGSUI_DISPATCH_ACK_LIMIT_S;
    }
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    await page.goto(served.url);
    await expect(page.getByTestId('map-canvas')).toHaveAttribute('data-ready', 'true');
    await createIncident(page, 'keyboard dispatch', 103.683, 36.502);
    await page.locator('body').click({ position: { x: 5, y: 890 } });
    await page.keyboard.press('d');
    const list = page.getByTestId('detail-suggestions');
    await expect(list).toBeFocused();
    // ↓ moves to the second-nearest unit; Enter sends it (the queue's own ↓ shortcut stays out of it).
    const second = (await list.getByTestId('suggestion').nth(1).locator('.sugg-name').innerText()).trim();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', 'dispatched');
    const rows = page.getByTestId('dispatch-row');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-unit', second);
    await expect(page.getByTestId('incident-row').filter({ hasText: 'keyboard dispatch' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    // Nobody records the acknowledgement: after the 10 s limit the supervisor gets an alert.
    await expect(page.getByTestId('escalation')).toHaveCount(1, { timeout: 25_000 });
    await expect(rows.first()).toContainText('escalated');
    await page.screenshot({ path: join(ARTIFACTS, 'dispatch-escalated-en-US.png') });
    // Recording the ack clears the alert.
    await rows.first().getByTestId('dispatch-ack').click();
    await expect(page.getByTestId('escalation')).toHaveCount(0);
    await context.close();
  });
});
