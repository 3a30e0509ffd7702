import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startServe, removeDir, type Served } from './serve';
import { startPostgres, type PgCluster } from '../peers/postgres';
import { startTcpProxy, type TcpProxy } from '../peers/tcpProxy';
import { device, startServer, type Running, type TestDevice } from '../../server/testing/fixtures';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

/**
 * Two consoles in the browser build, the sync server and PostgreSQL: an incident created on console A while
 * its link is cut appears on console B once the link returns.
 */
test.describe('sync between two consoles', () => {
  let pgc: PgCluster;
  let srv: Running;
  let link: TcpProxy;
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
    await link?.close();
    await srv?.server.close();
    await pgc?.stop();
  });

  /** `npm run serve -- --server URL` with the credential in the environment, as an installer would set it. */
  async function consoleWith(dev: TestDevice, serverUrl: string): Promise<Served> {
    process.env.FENGSUI_SYNC_CREDENTIAL = dev.credential;
    process.env.FENGSUI_SYNC_RETRY_MAX_MS = '2000';
    try {
      const s = await startServe(['--server', serverUrl]);
      served.push(s);
      return s;
    } finally {
      delete process.env.FENGSUI_SYNC_CREDENTIAL;
      delete process.env.FENGSUI_SYNC_RETRY_MAX_MS;
    }
  }

  async function openConsole(page: Page, s: Served): Promise<void> {
    await page.goto(s.url);
    await page.getByTestId('firstrun-empty').click();
    await expect(page.getByTestId('connection-status')).toContainText('Connected');
  }

  test('an incident created offline on A appears on B after the link returns', async ({ browser }) => {
    const [devA, devB] = [await device(pgc.url, 'console', 'A'), await device(pgc.url, 'console', 'B')];
    link = await startTcpProxy([Number(new URL(srv.url).port)]);
    const a = await consoleWith(devA, link.url);
    const b = await consoleWith(devB, srv.url);

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    const pageA = await context.newPage();
    const pageB = await context.newPage();
    await openConsole(pageA, a);
    await openConsole(pageB, b);
    await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-state', 'online');
    await expect(pageB.getByTestId('sync-status')).toHaveAttribute('data-state', 'online');

    // A's WAN goes down; the operator keeps working.
    link.mode = 'cut';
    await pageA.getByTestId('new-incident-button').click();
    await pageA.getByTestId('field-category').selectOption('fire_safety');
    await pageA.getByTestId('field-priority-P1').check();
    await pageA.getByTestId('field-source').selectOption('resident_call');
    await pageA.getByTestId('field-lon').fill('103.6655');
    await pageA.getByTestId('field-lat').fill('36.4945');
    await pageA.getByTestId('field-address').fill('Donggang estate, block 3');
    await pageA.getByTestId('field-description').fill('Smoke in the stairwell (entered offline)');
    await pageA.getByTestId('submit-incident').click();
    await expect(
      pageA.getByTestId('incident-row').filter({ hasText: 'Smoke in the stairwell (entered offline)' }),
    ).toHaveCount(1);
    await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-state', 'offline');
    await expect(pageA.getByTestId('sync-status')).toContainText('Offline');
    expect(Number(await pageA.getByTestId('sync-status').getAttribute('data-pending'))).toBeGreaterThan(0);
    await pageA.screenshot({ path: join(ARTIFACTS, 'sync-a-offline.png') });
    await expect(pageB.getByTestId('incident-row')).toHaveCount(0);

    // The link returns: A catches up by itself and B shows the incident without a reload.
    link.mode = 'up';
    const onB = pageB
      .getByTestId('incident-row')
      .filter({ hasText: 'Smoke in the stairwell (entered offline)' });
    await expect(onB).toHaveCount(1, { timeout: 15_000 });
    await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-state', 'online');
    await expect(pageA.getByTestId('sync-status')).toHaveAttribute('data-pending', '0');
    await onB.click();
    await expect(pageB.getByTestId('detail-panel')).toContainText('Donggang estate, block 3');
    await expect(pageB.getByTestId('timeline-entry')).toHaveCount(1);
    await pageB.screenshot({ path: join(ARTIFACTS, 'sync-b-received.png') });
    await context.close();
  });
});
