import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServe, removeDir, type Served } from './serve';
import { startPostgres, type PgCluster } from '../peers/postgres';
import { startTcpProxy, type TcpProxy } from '../peers/tcpProxy';
import { device, startServer, type Running, type TestDevice } from '../../server/testing/fixtures';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

/**
 * Two consoles, the sync server and PostgreSQL. While both links are cut, A resolves and closes an incident and
 * B sends a unit again; when the links return every console lands on B's later "dispatched", and A — where
 * that move looks illegal — flags it. The supervisor finds it from the top bar, reads both sides, and marks it
 * reviewed; the review note reaches B's timeline.
 */
test.describe('supervisor review of sync conflicts', () => {
  let pgc: PgCluster;
  let srv: Running;
  const links: TcpProxy[] = [];
  const served: Served[] = [];

  test.beforeAll(async () => {
    pgc = await startPostgres();
    srv = await startServer(pgc.url, { rateLimit: false, logLevel: 'warn' });
  });
  test.afterAll(async () => {
    for (const s of served) {
      await s.stop();
      removeDir(s.dataDir);
    }
    for (const l of links) await l.close();
    await srv?.server.close();
    await pgc?.stop();
  });

  async function consoleWith(dev: TestDevice): Promise<{ served: Served; link: TcpProxy }> {
    const link = await startTcpProxy([Number(new URL(srv.url).port)]);
    links.push(link);
    process.env.FENGSUI_SYNC_CREDENTIAL = dev.credential;
    process.env.FENGSUI_SYNC_RETRY_MAX_MS = '1000';
    try {
      const s = await startServe(['--server', link.url]);
      served.push(s);
      return { served: s, link };
    } finally {
      delete process.env.FENGSUI_SYNC_CREDENTIAL;
      delete process.env.FENGSUI_SYNC_RETRY_MAX_MS;
    }
  }

  async function openConsole(page: Page, s: Served, firstRun: boolean): Promise<void> {
    await page.goto(s.url);
    if (firstRun) await page.getByTestId('firstrun-empty').click();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
  }

  async function setStatus(page: Page, status: string, note?: string): Promise<void> {
    if (note) await page.getByTestId('status-note').fill(note);
    await page.getByTestId(`status-button-${status}`).click();
    await expect(page.getByTestId('detail-status')).toHaveAttribute('data-status', status);
  }

  test('a status conflict is flagged, shown with both sides, and reviewed', async ({ browser }) => {
    test.setTimeout(150_000);
    const a = await consoleWith(await device(pgc.url, 'console', 'A'));
    const b = await consoleWith(await device(pgc.url, 'console', 'B'));
    const en = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
    const pageA = await en.newPage();
    const pageB = await en.newPage();
    await openConsole(pageA, a.served, true);
    await openConsole(pageB, b.served, true);
    await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-state', 'online');
    await expect(pageB.getByTestId('sync-status')).toHaveAttribute('data-state', 'online');
    await expect(pageA.getByTestId('sync-attention')).toHaveCount(0);

    await pageA.getByTestId('new-incident-button').click();
    await pageA.getByTestId('field-category').selectOption('fire_safety');
    await pageA.getByTestId('field-priority-P1').check();
    await pageA.getByTestId('field-source').selectOption('resident_call');
    await pageA.getByTestId('field-lon').fill('103.6655');
    await pageA.getByTestId('field-lat').fill('36.4945');
    await pageA.getByTestId('field-address').fill('Donggang estate, block 3');
    await pageA.getByTestId('field-description').fill('Smoke in the stairwell');
    await pageA.getByTestId('submit-incident').click();
    const rowA = pageA.getByTestId('incident-row').filter({ hasText: 'Smoke in the stairwell' });
    await rowA.click();
    for (const s of ['accepted', 'dispatched', 'on_scene']) await setStatus(pageA, s);
    const rowB = pageB.getByTestId('incident-row').filter({ hasText: 'Smoke in the stairwell' });
    await rowB.click();
    await expect(pageB.getByTestId('detail-status')).toHaveAttribute('data-status', 'on_scene', {
      timeout: 15_000,
    });

    // Both WAN links down: A closes the incident, B (a moment later) sends a unit again.
    a.link.mode = 'cut';
    b.link.mode = 'cut';
    await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline', {
      timeout: 15_000,
    });
    await setStatus(pageA, 'resolved', 'Smoke cleared');
    await setStatus(pageA, 'closed');
    await pageB.waitForTimeout(20);
    await setStatus(pageB, 'dispatched');

    a.link.mode = 'up';
    b.link.mode = 'up';
    // The later write wins everywhere; A flags the illegal-looking move for a supervisor.
    await expect(pageA.getByTestId('detail-status')).toHaveAttribute('data-status', 'dispatched', {
      timeout: 20_000,
    });
    const attention = pageA.getByTestId('sync-attention');
    await expect(attention).toHaveAttribute('data-conflicts', '1', { timeout: 20_000 });

    // Keyboard: focus the top-bar badge and open the screen with Enter.
    await attention.focus();
    await pageA.keyboard.press('Enter');
    const screen = pageA.getByTestId('sync-review');
    await expect(screen).toBeVisible();
    const card = screen.getByTestId('sync-conflict');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('conflict-here')).toContainText('Closed');
    await expect(card.getByTestId('conflict-arrived')).toContainText('Dispatched');
    await expect(card.getByTestId('conflict-landed')).toContainText('Dispatched');
    await expect(card).toContainText('Donggang estate, block 3');
    await expect(screen.getByTestId('sync-parked')).toContainText('None');
    await pageA.screenshot({ path: join(ARTIFACTS, 'sync-conflicts-en-US.png') });

    // The same screen in Chinese, from the Settings menu of a second window on console A.
    const zh = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    const pageZh = await zh.newPage();
    await openConsole(pageZh, a.served, false);
    await pageZh.getByTestId('settings-menu-button').click();
    await pageZh.getByTestId('nav-sync-review').click();
    const screenZh = pageZh.getByTestId('sync-review');
    await expect(screenZh.getByTestId('sync-conflict')).toHaveCount(1);
    await expect(screenZh).toContainText('同步复核');
    await pageZh.screenshot({ path: join(ARTIFACTS, 'sync-conflicts-zh-CN.png') });
    await pageZh.keyboard.press('Escape');
    await expect(screenZh).toHaveCount(0);
    await zh.close();

    // Review with the keyboard: type a note, Enter submits.
    await card.getByTestId('conflict-note').focus();
    await pageA.keyboard.type('Confirmed by phone: second unit needed');
    await pageA.keyboard.press('Enter');
    await expect(screen.getByTestId('sync-no-conflicts')).toBeVisible();
    await pageA.screenshot({ path: join(ARTIFACTS, 'sync-conflicts-reviewed-en-US.png') });
    await pageA.keyboard.press('Escape');
    await expect(screen).toHaveCount(0);
    await expect(pageA.getByTestId('sync-attention')).toHaveCount(0);

    // The review is on the incident's timeline here and, synced, on B.
    await expect(
      pageA.getByTestId('timeline-entry').filter({ hasText: 'Confirmed by phone: second unit needed' }),
    ).toHaveCount(1);
    await expect(
      pageB.getByTestId('timeline-entry').filter({ hasText: 'Confirmed by phone: second unit needed' }),
    ).toHaveCount(1, { timeout: 15_000 });
    await en.close();
  });
});
