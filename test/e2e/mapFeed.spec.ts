import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { Host } from '../../host/host';
import { startWsServer, type RunningWsServer } from '../../host/transports/wsServer';
import { moveUnits } from '../../host/mapFeed/moveUnits';

const STATIC = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

/**
 * The map's own data path (map.snapshot + incremental events), with the host in this process so the test can
 * move units through the host's real position path and watch the console follow.
 */
test.describe('dispatch map feed', () => {
  let dir: string;
  let host: Host;
  let ws: RunningWsServer;
  test.beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fengsui-e2e-feed-'));
    host = new Host({ dataDir: dir, demo: true, backupIntervalMs: 0, log: pino({ level: 'silent' }) });
    ws = await startWsServer(host, { staticDir: STATIC });
  });
  test.afterEach(async () => {
    await ws.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('shows every open incident beyond the queue cap, and a unit move updates the map without a reload', async ({
    page,
  }) => {
    const db = host.ctx.store.db;
    const ins = db.prepare(
      `INSERT INTO incidents (id, category, priority, status, source, lon, lat, description, created_at, updated_at,
         created_by) VALUES (?, 'fire_safety', 'P3', 'reported', 'resident_call', ?, ?, 'seeded', ?, ?, 't')`,
    );
    db.transaction(() => {
      for (let i = 0; i < 800; i++)
        ins.run(uuidv7(), 103.66 + (i % 40) * 5e-4, 36.49 + (i / 40) * 5e-4, i, i);
    })();
    const open = db
      .prepare(
        `SELECT count(*) FROM incidents WHERE status IN ('reported','accepted','dispatched','en_route','on_scene','reopened')`,
      )
      .pluck()
      .get() as number;
    expect(open).toBeGreaterThan(800);

    await page.goto(ws.url);
    const canvas = page.getByTestId('map-canvas');
    await expect(canvas).toHaveAttribute('data-ready', 'true');
    // The queue's list stops at 500; the map draws them all.
    await expect(canvas).toHaveAttribute('data-incidents', String(open));
    await expect(canvas).toHaveAttribute('data-feed-loads', '1');
    await page.waitForTimeout(500);

    // An empty spot (upper left: outside the district, clear of the legend and the zoom buttons).
    const box = (await canvas.boundingBox())!;
    const x = box.x + box.width * 0.15;
    const y = box.y + box.height * 0.2;
    await page.mouse.move(x, y);
    const [lon, lat] = (await page.getByTestId('map-cursor').innerText()).split(',').map(Number) as [
      number,
      number,
    ];
    expect(Number.isFinite(lon) && Number.isFinite(lat)).toBe(true);
    const mapCanvas = page.locator('.maplibregl-canvas');
    await expect(mapCanvas).not.toHaveCSS('cursor', 'pointer');

    const unit = host.ctx.store.reference.units().find((u) => u.position)!;
    const updatesBefore = Number(await canvas.getAttribute('data-feed-updates'));
    expect(moveUnits(host.ctx, [[unit.id, lon, lat]], 'e2e')).toBe(1);
    await expect
      .poll(async () => Number(await canvas.getAttribute('data-feed-updates')))
      .toBeGreaterThan(updatesBefore);
    await page.waitForTimeout(500);
    // Hover off and back: maplibre's hit test (the rendered features) now finds the unit under the pointer.
    await page.mouse.move(x - 60, y - 60);
    await page.mouse.move(x, y);
    await expect(mapCanvas).toHaveCSS('cursor', 'pointer');
    await expect(canvas).toHaveAttribute('data-feed-loads', '1');
  });
});
