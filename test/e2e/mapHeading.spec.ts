import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { formatNmeaSentence } from '../../native/radio/nmea/sentence';
import { SocatPair, openDeviceEnd } from '../peers/socat';
import { hostClient } from './radioHelpers';
import { removeDir, startServe, type Served } from './serve';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

const socatMissing = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v socat']);
    return false;
  } catch {
    return true;
  }
})();

/** ddmm.mmm / dddmm.mmm as NMEA writes them. */
const nmeaLat = (lat: number) => {
  const d = Math.floor(lat);
  return `${String(d).padStart(2, '0')}${((lat - d) * 60).toFixed(4).padStart(7, '0')}`;
};
const nmeaLon = (lon: number) => {
  const d = Math.floor(lon);
  return `${String(d).padStart(3, '0')}${((lon - d) * 60).toFixed(4).padStart(7, '0')}`;
};

/** One fix as a receiver sends it: GGA (the fix) and RMC (speed and course over ground). */
function fix(lon: number, lat: number, courseDeg: number, time: string): string {
  const gga = formatNmeaSentence('GPGGA', [
    time,
    nmeaLat(lat),
    'N',
    nmeaLon(lon),
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
    time,
    'A',
    nmeaLat(lat),
    'N',
    nmeaLon(lon),
    'E',
    '12.0',
    courseDeg.toFixed(1),
    '261126',
    '',
    '',
    'A',
  ]);
  return `${gga}\r\n${rmc}\r\n`;
}

/**
 * A vehicle tracker's NMEA on a real pty (socat) moves a unit through the host's GPS bridge: the map turns its
 * heading pointer to the reported course over ground, in both languages.
 */
test.describe('unit heading on the map (NMEA course over ground)', () => {
  test.skip(socatMissing, 'socat not installed');
  let served: Served | undefined;
  let pair: SocatPair | undefined;
  let tmp = '';
  test.afterEach(async () => {
    await served?.stop();
    await pair?.kill();
    if (served) removeDir(served.dataDir);
    removeDir(tmp);
  });

  test('the pointer follows the course the receiver reports', async ({ browser }) => {
    tmp = mkdtempSync(join(tmpdir(), 'fengsui-heading-e2e-'));
    pair = new SocatPair(join(tmp, 'gpsA'), join(tmp, 'gpsB'));
    [served] = await Promise.all([startServe(['--demo']), pair.start()]);
    const host = await hostClient(served);
    const units = await host.call('unit.list', undefined);
    const unit = units.find((u) => u.position && u.kind !== 'drone')!;
    await host.call('radio.link.save', {
      name: 'Tracker',
      endpoint: { kind: 'nmea_serial', serial: { path: pair.a }, unitId: unit.id, minIntervalMs: 0 },
    });
    const dev = await openDeviceEnd(pair.b);
    const { lon, lat } = unit.position!;
    try {
      for (const [i, locale] of (['en-US', 'zh-CN'] as const).entries()) {
        const context = await browser.newContext({ locale, viewport: { width: 1600, height: 900 } });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(served.url);
        const canvas = page.getByTestId('map-canvas');
        await expect(canvas).toHaveAttribute('data-ready', 'true');
        await expect.poll(async () => Number(await canvas.getAttribute('data-units'))).toBeGreaterThan(0);
        // No course reported yet (a snapshot carries none): a plain dot.
        expect((await canvas.getAttribute('data-headings')) ?? '').not.toContain(unit.id);

        const course = i === 0 ? 90 : 225;
        await dev.write(fix(lon + 1e-4 * (i + 1), lat, course, `03150${i}.00`));
        await expect
          .poll(async () => (await canvas.getAttribute('data-headings')) ?? '', { timeout: 15_000 })
          .toContain(`${unit.id}@${course}`);
        await page.screenshot({ path: `${ARTIFACTS}/map-heading-${locale}.png` });
        // And a close-up of the unit, to look at the pointer itself.
        const drawn = ((await canvas.getAttribute('data-drawn-units')) ?? '')
          .split(' ')
          .find((d) => d.startsWith(`${unit.id}@`));
        const box = (await canvas.boundingBox())!;
        const [x, y] = drawn!.split('@')[2]!.split(',').map(Number) as [number, number];
        await page.screenshot({
          path: `${ARTIFACTS}/map-heading-${locale}-closeup.png`,
          clip: { x: box.x + x - 60, y: box.y + y - 60, width: 120, height: 120 },
        });
        expect(errors).toEqual([]);
        await context.close();
      }
    } finally {
      await dev.close();
      host.close();
    }
  });
});
