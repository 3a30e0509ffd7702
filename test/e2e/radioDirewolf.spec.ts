import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Locator, type Page } from '@playwright/test';
import type { Unit } from '../../contract';
import { formatNmeaSentence } from '../../native/radio/nmea/sentence';
import { makeAprsAudio, startDirewolf, waitForTransmitted, type RunningDirewolf } from '../peers/direwolf';
import { startRigctld } from '../peers/rigctld';
import { SocatPair, openDeviceEnd } from '../peers/socat';
import { hostClient } from './radioHelpers';
import { removeDir, startServe, type Served } from './serve';

const zhMapTitle = (
  JSON.parse(readFileSync(new URL('../../renderer/i18n/zh-CN.json', import.meta.url), 'utf8')) as {
    map: { title: string };
  }
).map.title;
const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

const missing = (() => {
  try {
    execFileSync('sh', [
      '-c',
      'for p in direwolf gen_packets atest sox unshare socat rigctld; do command -v $p >/dev/null || { echo $p; exit 1; }; done',
    ]);
    return null;
  } catch (e) {
    return String((e as { stdout?: Buffer }).stdout ?? 'a peer').trim();
  }
})();

/** Where the map drew a unit (`data-drawn-units` on the map canvas: `id@lon,lat@x,y …`), or null. */
async function drawnAt(
  canvas: Locator,
  unitId: string,
): Promise<{ lon: number; lat: number; x: number; y: number } | null> {
  const attr = (await canvas.getAttribute('data-drawn-units')) ?? '';
  const hit = attr.split(' ').find((e) => e.startsWith(`${unitId}@`));
  if (!hit) return null;
  const [, lonLat, xy] = hit.split('@');
  const [lon, lat] = lonLat!.split(',').map(Number);
  const [x, y] = xy!.split(',').map(Number);
  return { lon: lon!, lat: lat!, x: x!, y: y! };
}

/** Test-only: a labelled ring around a drawn unit, so the screenshot shows which dot moved. */
async function ring(canvas: Locator, at: { x: number; y: number }, label: string): Promise<void> {
  const html =
    `<div style="position:absolute;left:${at.x - 14}px;top:${at.y - 14}px;width:28px;height:28px;` +
    `border:3px solid #ffd400;border-radius:50%;pointer-events:none;z-index:5">` +
    `<span style="position:absolute;left:32px;top:2px;color:#ffd400;font-weight:700;white-space:nowrap;` +
    `background:#000c;padding:1px 6px;border-radius:4px">${label}</span></div>`;
  await canvas.evaluate(
    (el, h) =>
      (el as unknown as { insertAdjacentHTML(p: string, h: string): void }).insertAdjacentHTML(
        'beforeend',
        h,
      ),
    html,
  );
}

const dwRowAfterEdit = (page: Page) =>
  page.getByTestId('link-editor').getByTestId('link-row').filter({ hasText: 'direwolf TNC' });

/** Toasts sit over the top right of the screen; close them so screenshots show the editor underneath. */
async function dismissToasts(page: Page): Promise<void> {
  const toasts = page.getByTestId('toast');
  for (let i = 0; i < 10 && (await toasts.count()) > 0; i++)
    await toasts
      .first()
      .locator('button')
      .click({ timeout: 2000 })
      .catch(() => undefined);
}

const near = (a: { lon: number; lat: number } | null, lon: number, lat: number) =>
  a !== null && Math.abs(a.lon - lon) < 2e-4 && Math.abs(a.lat - lat) < 2e-4;

/**
 * The technician wires the radios from the UI against real peers, all on loopback: direwolf (a real KISS TNC in
 * its own network namespace, KISS TCP relayed to 127.0.0.1), a GPS on a socat pty, and rigctld (dummy rig). A
 * handheld's APRS audio fed to direwolf then moves the unit bound to its callsign — in the host and on the map.
 */
test.describe('radio: link editor against direwolf, a GPS pty and rigctld', () => {
  test.skip(missing !== null, `peer tool not installed: ${missing}`);
  // ~35 s on an idle machine; the margin is for a loaded CI box (three peers, WebGL in software).
  test.setTimeout(120_000);

  let tmp: string;
  let served: Served | undefined;
  let dw: RunningDirewolf | undefined;
  let rig: Awaited<ReturnType<typeof startRigctld>> | undefined;
  let pair: SocatPair | undefined;

  test.afterEach(async () => {
    await served?.stop();
    await Promise.all([dw?.stop(), rig?.stop(), pair?.kill()]);
    if (served) removeDir(served.dataDir);
    removeDir(tmp);
  });

  test('configure KISS TCP, GPS and rigctld links, bind a callsign, the handheld moves on the map', async ({
    browser,
  }) => {
    tmp = mkdtempSync(join(tmpdir(), 'fengsui-dw-e2e-'));
    pair = new SocatPair(join(tmp, 'gpsA'), join(tmp, 'gpsB'));
    // Wait for every peer (settled, not the first failure) so afterEach stops those that did start.
    const started = await Promise.allSettled([
      startDirewolf(join(tmp, 'dw')).then((d) => (dw = d)),
      startServe(['--demo']).then((s) => (served = s)),
      startRigctld().then((r) => (rig = r)),
      pair.start(),
    ]);
    for (const r of started) if (r.status === 'rejected') throw r.reason;
    if (!dw || !served || !rig) throw new Error('a peer did not start');
    const host = await hostClient(served);
    const units = await host.call('unit.list', undefined);
    const walker = units.find((u) => u.name === '网格员 张伟')!; // no callsign in the demo district
    const gpsUnit = units.find((u) => u.name === '网格员 李娜')!;
    expect(walker.callsign).toBe('');
    const unit = async (id: string): Promise<Unit> =>
      (await host.call('unit.list', undefined)).find((u) => u.id === id)!;

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1600, height: 900 } });
    const page: Page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.goto(served.url);
    const canvas = page.getByTestId('map-canvas');
    await expect(canvas).toHaveAttribute('data-ready', 'true');
    await page.getByTestId('nav-technician').click();

    // A radio profile for the external rigctld (Radios tab).
    await page.getByTestId('pf-name').fill('Base rig');
    await page.getByTestId('pf-control-connect').check();
    await page.getByTestId('pf-port').fill(String(rig.port));
    await page.getByTestId('profile-save').click();
    await expect(page.getByTestId('profile-row')).toHaveCount(1);
    const [profile] = await host.call('radio.profile.list', undefined);

    await page.getByTestId('tech-tab-ports').click();
    const editor = page.getByTestId('link-editor');

    // KISS TCP to direwolf. A bad port is refused by the contract's schema before anything is sent…
    await page.getByTestId('lf-kind-kiss_tcp').check();
    await page.getByTestId('lf-name').fill('direwolf');
    await page.getByTestId('lf-port').fill('70000');
    await page.getByTestId('link-save').click();
    await expect(page.getByTestId('lerr-port')).toHaveText('Enter a TCP port between 1 and 65535.');
    await expect(page.getByTestId('lf-port')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByTestId('link-refused')).toBeVisible();
    // …and without the callsign it sends as, the host refuses it, next to the callsign field.
    await page.getByTestId('lf-port').fill(String(dw.kissTcpPort));
    await page.getByTestId('link-save').click();
    await expect(page.getByTestId('lerr-callsign')).toContainText('needs the callsign');
    await expect(page.getByTestId('link-error')).toContainText('radio.link.save');
    expect(await host.call('radio.link.list', undefined)).toEqual([]);
    await dismissToasts(page);
    await page.screenshot({ path: join(ARTIFACTS, 'radio-link-refused-en-US.png') });
    await page.getByTestId('lf-callsign').fill('bh4con-2');
    await page.getByTestId('link-save').click();
    const dwRow = editor.getByTestId('link-row').filter({ hasText: 'direwolf' });
    await expect(dwRow).toHaveAttribute('data-state', 'up');
    await expect(page.getByTestId('lerr-callsign')).toHaveCount(0);

    // Edit it: rename.
    await dwRow.getByTestId('link-edit').click();
    await expect(page.getByTestId('lf-callsign')).toHaveValue('BH4CON-2');
    await page.getByTestId('lf-name').fill('direwolf TNC');
    await page.getByTestId('link-save').click();
    await expect(editor.getByTestId('link-row').filter({ hasText: 'direwolf TNC' })).toHaveAttribute(
      'data-state',
      'up',
    );

    // NMEA GPS on a pty, moving the second grid worker.
    await page.getByTestId('link-new').click();
    await page.getByTestId('lf-kind-nmea_serial').check();
    await page.getByTestId('lf-name').fill('Tracker');
    await page.getByTestId('lf-path').fill(pair.a);
    await expect(page.getByTestId('lf-baud')).toHaveValue('4800');
    await page.getByTestId('link-save').click();
    await expect(page.getByTestId('lerr-unitId')).toHaveText('Pick the unit this link moves.');
    await page.getByTestId('lf-unit').selectOption(gpsUnit.id);
    await page.getByTestId('lf-interval').fill('0');
    await page.getByTestId('link-save').click();
    const gpsRow = editor.getByTestId('link-row').filter({ hasText: 'Tracker' });
    await expect(gpsRow).toHaveAttribute('data-state', 'up');
    // A KISS TNC on the same device: the host refuses it next to the device field.
    await page.getByTestId('link-new').click();
    await page.getByTestId('lf-kind-kiss_serial').check();
    await page.getByTestId('lf-name').fill('TNC on the GPS port');
    await page.getByTestId('lf-callsign').fill('BH4CON-3');
    await page.getByTestId('lf-path').fill(pair.a);
    await page.getByTestId('link-save').click();
    await expect(page.getByTestId('lerr-path')).toHaveText('Another link already uses this serial device.');

    // rigctld for the radio profile.
    await page.getByTestId('link-new').click();
    await page.getByTestId('lf-kind-rigctld').check();
    await page.getByTestId('lf-name').fill('Base rig CAT');
    await page.getByTestId('lf-profile').selectOption(profile!.id);
    await page.getByTestId('link-save').click();
    await expect(editor.getByTestId('link-row').filter({ hasText: 'Base rig CAT' })).toHaveAttribute(
      'data-state',
      'up',
    );
    const links = await host.call('radio.link.list', undefined);
    expect(links.map((l) => l.link.endpoint.kind).sort()).toEqual(['kiss_tcp', 'nmea_serial', 'rigctld']);
    expect(links.find((l) => l.link.endpoint.kind === 'kiss_tcp')!.link).toMatchObject({
      name: 'direwolf TNC',
      callsign: 'BH4CON-2',
      endpoint: { host: '127.0.0.1', port: dw.kissTcpPort, kissPort: 0 },
    });

    // Bind the walker to a callsign; a callsign another unit holds is refused.
    await page.getByTestId('bind-unit').selectOption(walker.id);
    await page.getByTestId('bind-callsign').fill('BH4ABC-9');
    await page.getByTestId('bind-save').click();
    await expect(page.getByTestId('bind-error')).toContainText('already bound to');
    await page.getByTestId('bind-callsign').fill('bh4zw-9');
    await page.getByTestId('bind-save').click();
    await expect(page.getByTestId('bound-unit').filter({ hasText: walker.name })).toContainText('BH4ZW-9');
    expect((await unit(walker.id)).callsign).toBe('BH4ZW-9');
    await dwRowAfterEdit(page).getByTestId('link-edit').click();
    await dismissToasts(page);
    await page.screenshot({ path: join(ARTIFACTS, 'radio-link-editor-en-US.png') });

    // The handheld's position over the air: audio → direwolf → KISS TCP → the host → the walker moves.
    dw.feed(makeAprsAudio(join(tmp, 'rx'), ['BH4ZW-9>APRS,WIDE1-1:!3630.30N/10340.80E[on foot to the gate']));
    await expect
      .poll(async () => (await unit(walker.id)).positionSource, { timeout: 15_000 })
      .toBe('aprs:BH4ZW-9');
    const moved = await unit(walker.id);
    expect(moved.position!.lat).toBeCloseTo(36.505, 5);
    expect(moved.position!.lon).toBeCloseTo(103.68, 5);

    // The GPS receiver reports; the second worker moves.
    const dev = await openDeviceEnd(pair.b);
    const gga = formatNmeaSentence('GPGGA', [
      '031500.00',
      '3629.700',
      'N',
      '10340.200',
      'E',
      '1',
      '08',
      '0.9',
      '1520.0',
      'M',
      '-30.0',
      'M',
      '',
      '',
    ]);
    const rmc = formatNmeaSentence('GNRMC', [
      '031500.00',
      'A',
      '3629.700',
      'N',
      '10340.200',
      'E',
      '0.0',
      '0.0',
      '251126',
      '',
      '',
      'A',
    ]);
    await dev.write(`${gga}\r\n${rmc}\r\n`);
    await dev.close();
    const gpsLinkId = links.find((l) => l.link.endpoint.kind === 'nmea_serial')!.link.id;
    await expect
      .poll(async () => (await unit(gpsUnit.id)).positionSource, { timeout: 10_000 })
      .toBe(`gps:${gpsLinkId}`);
    expect((await unit(gpsUnit.id)).position!.lat).toBeCloseTo(36.495, 5);

    // Test beacon on the direwolf link: direwolf puts it on air, atest decodes it from the transmit audio.
    await editor
      .getByTestId('link-row')
      .filter({ hasText: 'direwolf TNC' })
      .getByTestId('test-beacon')
      .click();
    await expect(page.getByTestId('ports-message')).toContainText('Beacon sent: BH4CON-2>APZFSU');
    await waitForTransmitted(dw.txRaw, 'BH4CON-2>APZFSU,WIDE1-1:>Fengsui test beacon');

    // Delete the GPS link: gone from the list and from the host.
    await gpsRow.getByTestId('link-delete').click();
    await expect(gpsRow).toHaveCount(0);
    expect((await host.call('radio.link.list', undefined)).map((l) => l.link.id)).not.toContain(gpsLinkId);

    // Read frequency from the real rigctld (Radios tab, test actions).
    await host.call('radio.rig.setFrequency', { profileId: profile!.id, frequencyHz: 145_525_000 });
    await page.getByTestId('tech-tab-profiles').click();
    await page.getByTestId('profile-row').first().click();
    await page.getByTestId('test-read-freq').click();
    await expect(page.getByTestId('test-result')).toContainText('145.5250 MHz');

    // On the map: the walker is drawn where the handheld said it is.
    await page.getByTestId('technician-screen').locator('.panel-head > .btn-icon').click();
    await expect(page.getByTestId('technician-screen')).toHaveCount(0);
    await expect.poll(async () => near(await drawnAt(canvas, walker.id), 103.68, 36.505)).toBe(true);
    await expect.poll(async () => near(await drawnAt(canvas, gpsUnit.id), 103.67, 36.495)).toBe(true);
    // The pointer on the drawn dot reads back the handheld's position (the map's own coordinate readout).
    const at = (await drawnAt(canvas, walker.id))!;
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + at.x, box.y + at.y);
    await expect
      .poll(async () => {
        const [lon, lat] = ((await page.getByTestId('map-cursor').textContent()) ?? '')
          .split(',')
          .map(Number);
        return near({ lon: lon!, lat: lat! }, 103.68, 36.505);
      })
      .toBe(true);
    await dismissToasts(page);
    await ring(canvas, at, `${walker.name} · BH4ZW-9 (APRS)`);
    await ring(canvas, (await drawnAt(canvas, gpsUnit.id))!, `${gpsUnit.name} (GPS)`);
    await page.screenshot({ path: join(ARTIFACTS, 'radio-unit-moved-en-US.png') });

    await page.getByTestId('lang-switch').click();
    await expect(page.locator('#map-title')).toHaveText(zhMapTitle);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'radio-unit-moved-zh-CN.png') });
    await page.getByTestId('nav-technician').click();
    await page.getByTestId('tech-tab-ports').click();
    await editor.getByTestId('link-row').filter({ hasText: 'direwolf TNC' }).getByTestId('link-edit').click();
    await expect(page.getByTestId('link-save')).toHaveText('保存链路');
    await dismissToasts(page);
    await page.screenshot({ path: join(ARTIFACTS, 'radio-link-editor-zh-CN.png') });

    host.close();
    await context.close();
    expect(errors).toEqual([]);
  });
});
