import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { startServe, removeDir, type Served } from './serve';
import { hostClient } from './radioHelpers';
import { SocatPair, openDeviceEnd } from '../peers/socat';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

/** `N0CALL-9>APRS,WIDE1-1:!3630.00N/10340.00E>test 1` as a KISS frame (from ../shared/PEERS.md). */
const KISS_FRAME = Buffer.from(
  'c000 82a0a4a64040e0 9c6086829898f2 ae92888a624063 03f0 21333633302e30304e2f31303334302e303045 3e746573742031 c0'.replace(
    /\s+/g,
    '',
  ),
  'hex',
);

test.describe('serial monitor on a real pty (socat) behind a KISS link', () => {
  let served: Served;
  let pair: SocatPair;
  let tmp: string;
  test.afterEach(async () => {
    await served?.stop();
    await pair?.kill();
    if (served) removeDir(served.dataDir);
    removeDir(tmp);
  });

  test('hex + ASCII + decoded frames, garbage counted, filter, pause, save capture', async ({ browser }) => {
    tmp = mkdtempSync(join(tmpdir(), 'fengsui-mon-'));
    pair = new SocatPair(join(tmp, 'ttyA'), join(tmp, 'ttyB'));
    await pair.start();
    served = await startServe();
    const host = await hostClient(served);
    const link = await host.call('radio.link.save', {
      name: 'TNC pty',
      callsign: 'BG7ABC',
      endpoint: { kind: 'kiss_serial', serial: { path: pair.a, baudRate: 9600 } },
    });

    const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await page.getByTestId('firstrun-empty').click();
    await page.getByTestId('nav-technician').click();
    await page.getByTestId('tech-tab-ports').click();
    const row = page.getByTestId('link-row').filter({ hasText: 'TNC pty' });
    await expect(row).toBeVisible();
    await row.getByRole('checkbox').check();
    await expect(row.getByRole('checkbox')).toBeChecked();
    await page.getByTestId('tech-tab-monitor').click();

    const dev = await openDeviceEnd(pair.b);
    await dev.write(Buffer.from('line noise!\r\n', 'latin1'));
    await dev.write(KISS_FRAME);
    await expect(page.getByTestId('monitor-row').first()).toBeVisible({ timeout: 10_000 });
    await expect(page.getByTestId('monitor-list')).toContainText('N0CALL-9>APRS,WIDE1-1');
    await expect(page.getByTestId('monitor-list')).toContainText('c0 00 82 a0');
    await expect(page.getByTestId('monitor-list')).toContainText('line noise!');
    const counters = page
      .locator(`[data-testid="counter-row"][data-source="${link.id}"], [data-testid="counter-row"]`)
      .first();
    await expect(counters.locator('[data-counter="frames"]')).not.toHaveText('0');
    await expect(counters.locator('[data-counter="garbage"]')).not.toHaveText('0');
    await page.screenshot({ path: join(ARTIFACTS, 'radio-monitor-en-US.png') });

    // Filter by decoded text, then problems only.
    await page.getByTestId('mon-filter').fill('test 1');
    await expect(page.getByTestId('monitor-row')).not.toHaveCount(0);
    for (const r of await page.getByTestId('monitor-row').all()) await expect(r).toContainText('test 1');
    await page.getByTestId('mon-filter').fill('');

    // Pause: new records are held, not shown, until resumed.
    const before = await page.getByTestId('monitor-row').count();
    await page.getByTestId('mon-pause').click();
    await dev.write(KISS_FRAME);
    await expect(page.getByTestId('mon-pause')).toContainText('Resume (1');
    expect(await page.getByTestId('monitor-row').count()).toBe(before);
    await page.getByTestId('mon-pause').click();
    await expect(page.getByTestId('monitor-row')).toHaveCount(before + 1);

    // Save capture: a JSON-lines file with the records.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('mon-save').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^fengsui-capture-\d{8}-\d{6}\.jsonl$/);
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ fengsuiCapture: 1, count: before + 1 });
    expect(lines.slice(1).some((l) => String(l.hex).startsWith('c0 00 82 a0'))).toBe(true);

    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('tech-tab-monitor')).toHaveText('串口监视');
    await page.screenshot({ path: join(ARTIFACTS, 'radio-monitor-zh-CN.png') });
    await dev.close();
    host.close();
    expect(errors).toEqual([]);
    await context.close();
  });
});
