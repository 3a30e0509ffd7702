import { fileURLToPath } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { startServe, removeDir, type Served } from './serve';
import { hostClient, writeToneWav } from './radioHelpers';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

/**
 * The walkie-talkie and the technician screens in Debian Chromium. The "radio sound card" is Chromium's fake
 * capture device playing a WAV made here (1 s silence, 1.2 s tone, 2 s silence, looped), so the receive VAD
 * sees a transmission every 4.2 s; the same device is the operator microphone.
 */
test.describe('radio: technician profile, walkie-talkie, recordings', () => {
  let served: Served;
  let browser: Browser;
  let tmp: string;

  test.beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'fengsui-radio-e2e-'));
    const wav = join(tmp, 'radio.wav');
    writeToneWav(wav);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${wav}`,
      ],
    });
  });
  test.afterAll(async () => {
    await browser?.close();
    removeDir(tmp);
  });
  test.afterEach(async () => {
    await served?.stop();
    if (served) removeDir(served.dataDir);
  });

  async function open(locale: 'en-US' | 'zh-CN'): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale, viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(served.url);
    await page.getByTestId('firstrun-empty').click();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'open');
    return { page, errors };
  }

  test('a bad profile is refused with a clear message; a good one is saved', async () => {
    served = await startServe();
    const { page, errors } = await open('en-US');
    await page.getByTestId('nav-technician').click();
    await expect(page.getByTestId('technician-screen')).toBeVisible();

    // RTS keying without the keying line, no name, a bad callsign: refused, each next to its field.
    await page.getByTestId('pf-ptt-method').selectOption('rts');
    await page.getByTestId('pf-callsign').fill('NOT A CALL');
    await page.getByTestId('pf-tot').fill('2');
    await page.getByTestId('profile-save').click();
    await expect(page.getByTestId('err-name')).toHaveText('Give the radio a name.');
    await expect(page.getByTestId('err-pttSerialPath')).toContainText('needs the serial port');
    await expect(page.getByTestId('err-callsign')).toBeVisible();
    await expect(page.getByTestId('err-totSeconds')).toContainText('5–600');
    await expect(page.getByTestId('profile-refused')).toBeVisible();
    await page.screenshot({ path: join(ARTIFACTS, 'radio-profile-refused-en-US.png') });

    const host = await hostClient(served);
    expect(await host.call('radio.profile.list', undefined)).toEqual([]);

    // rigctld keying without CAT control is refused too (the rule lives in the contract, checked on both sides).
    await page.getByTestId('pf-name').fill('Base FM');
    await page.getByTestId('pf-ptt-method').selectOption('rigctld');
    await page.getByTestId('pf-control-none').check();
    await page.getByTestId('pf-callsign').fill('bg7abc-9');
    await page.getByTestId('pf-tot').fill('30');
    await page.getByTestId('profile-save').click();
    await expect(page.getByTestId('err-pttMethod')).toContainText('needs rig control');
    expect(await host.call('radio.profile.list', undefined)).toEqual([]);

    // Fixed: VOX keying, two presets.
    await page.getByTestId('pf-ptt-method').selectOption('vox');
    await page.getByTestId('pf-presets').fill('值班, 145.500, FM\nBackup, 438.500, FM');
    await page.getByTestId('profile-save').click();
    await expect(page.getByTestId('profile-row')).toHaveCount(1);
    await expect(page.getByTestId('profile-refused')).toHaveCount(0);
    const saved = await host.call('radio.profile.list', undefined);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      name: 'Base FM',
      callsign: 'BG7ABC-9',
      totSeconds: 30,
      ptt: { method: 'vox' },
    });
    expect(saved[0]!.presets.map((p) => p.frequencyHz)).toEqual([145_500_000, 438_500_000]);
    await page.screenshot({ path: join(ARTIFACTS, 'radio-technician-en-US.png') });
    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('tech-tab-profiles')).toHaveText('电台');
    await page.screenshot({ path: join(ARTIFACTS, 'radio-technician-zh-CN.png') });
    host.close();
    expect(errors).toEqual([]);
  });

  test('walkie-talkie: channel busy from the receive audio, recordings stored in the host and played back, PTT', async () => {
    served = await startServe();
    const host = await hostClient(served);
    const profile = await host.call('radio.profile.save', {
      name: 'Base FM',
      model: 1,
      control: { kind: 'none' },
      ptt: { method: 'vox' },
      callsign: 'BG7ABC-9',
      totSeconds: 5,
    });
    const incident = await host.call('incident.create', {
      category: 'fire_safety',
      priority: 'P2',
      source: 'radio',
      location: { lon: 103.66, lat: 36.49 },
      description: 'Radio report of smoke',
    });
    const { page, errors } = await open('en-US');
    await page.getByTestId('nav-radio').click();
    const panel = page.getByTestId('radio-panel');
    await expect(panel).toBeVisible();
    await expect(page.getByTestId('radio-profile')).toHaveValue(profile.id);

    await page.getByTestId('audio-start').click();
    await expect(page.getByTestId('audio-state')).toHaveAttribute('data-running', 'true');

    // The tone opens the channel, the silence after it closes it (hang time) — both events are logged.
    await expect(page.getByTestId('busy-light')).toHaveAttribute('data-busy', 'true', { timeout: 15_000 });
    await expect(page.getByTestId('nav-radio-light')).toHaveClass(/busy/);
    await expect(page.locator('[data-testid="busy-event"][data-busy="false"]').first()).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.locator('[data-testid="busy-event"][data-busy="true"]').first()).toBeVisible();

    // …and the received transmission was recorded and stored in the host.
    const rxRow = page.locator('[data-testid="recording-row"][data-direction="rx"]').first();
    await expect(rxRow).toBeVisible({ timeout: 15_000 });
    await expect
      .poll(
        async () =>
          (await host.call('radio.recording.list', { limit: 50 })).filter(
            (r) => r.direction === 'rx' && r.state === 'complete',
          ).length,
      )
      .toBeGreaterThan(0);
    // The newest may still be uploading (the fake microphone loops, so a new transmission can be under way).
    const rx = (await host.call('radio.recording.list', { limit: 50 })).find(
      (r) => r.direction === 'rx' && r.state === 'complete',
    )!;
    expect(rx).toMatchObject({
      state: 'complete',
      channel: 'Base FM',
      pttSource: 'vad',
      profileId: profile.id,
    });
    expect(rx.bytes).toBeGreaterThan(1000);
    expect(rx.endedAt! - rx.startedAt).toBeGreaterThan(1000);
    expect(rx.endedAt! - rx.startedAt).toBeLessThan(3500);
    expect(rx.mimeType).toMatch(/^audio\/webm/);
    await page.screenshot({ path: join(ARTIFACTS, 'radio-panel-en-US.png') });

    // Play it back in the page.
    // Pin the row by id: the looping fake microphone keeps adding newer recordings at the top of the list.
    const playRow = page.locator(`[data-testid="recording-row"][data-id="${rx.id}"]`);
    await playRow.getByTestId('recording-play').click();
    const audio = playRow.getByTestId('recording-audio');
    await expect(audio).toBeVisible();
    // Playback advanced (or already finished): the stored file decodes. A loaded machine plays slowly, so
    // ask for progress, not a fixed amount of it.
    await expect
      .poll(
        () =>
          audio.evaluate((a) => {
            const el = a as unknown as { currentTime: number; ended: boolean };
            return el.ended || el.currentTime > 0.05;
          }),
        { timeout: 20_000 },
      )
      .toBe(true);

    // On-screen PTT: hold the button ~1.2 s. The host keys (VOX) and shows the time-out countdown.
    const ptt = page.getByTestId('ptt-button');
    await ptt.hover();
    await page.mouse.down();
    await expect(page.getByTestId('ptt-status')).toHaveAttribute('data-state', 'keyed');
    await expect(page.getByTestId('ptt-tot')).toContainText('Time-out in');
    await expect(page.getByTestId('busy-light')).toHaveAttribute('data-busy', 'false');
    await page.waitForTimeout(1200);
    await page.mouse.up();
    await expect(page.getByTestId('ptt-status')).toHaveAttribute('data-state', 'idle');
    await expect
      .poll(
        async () =>
          // Wait for the upload to finish, not just to start: the row exists from the first chunk.
          (await host.call('radio.recording.list', { limit: 50 })).filter(
            (r) => r.direction === 'tx' && r.state === 'complete',
          ).length,
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
    const tx = (await host.call('radio.recording.list', { limit: 50 })).find((r) => r.direction === 'tx')!;
    expect(tx).toMatchObject({ pttSource: 'button', state: 'complete' });
    expect(tx.endedAt! - tx.startedAt).toBeGreaterThan(900);

    // Space bar held while the panel has focus keys too; a text field keeps its space.
    await page.getByTestId('radio-tab-messages').click();
    await page.getByTestId('msg-text').fill('hello');
    await page.getByTestId('msg-text').press('Space');
    await expect(page.getByTestId('msg-text')).toHaveValue('hello ');
    await expect(page.getByTestId('ptt-status')).toHaveAttribute('data-state', 'idle');
    await page.getByTestId('radio-tab-recordings').focus();
    await page.keyboard.down(' ');
    await expect(page.getByTestId('ptt-status')).toHaveAttribute('data-state', 'keyed');
    await page.waitForTimeout(700);
    await page.keyboard.up(' ');
    await expect(page.getByTestId('ptt-status')).toHaveAttribute('data-state', 'idle');
    await expect
      .poll(
        async () =>
          (await host.call('radio.recording.list', { limit: 50 })).filter(
            (r) => r.pttSource === 'spacebar' && r.state === 'complete',
          ).length,
        {
          timeout: 20_000,
        },
      )
      .toBe(1);
    const log = await host.call('radio.ptt.log', { limit: 10 });
    expect(log.map((l) => l.source).sort()).toEqual(['button', 'spacebar']);
    expect(log.every((l) => l.reason === 'released')).toBe(true);
    expect(log.every((l) => l.operator === '值班员甲')).toBe(true);

    // Held past the 5 s transmit time-out: the host unkeys by itself, the page closes the microphone and says why.
    await page.getByTestId('ptt-button').hover();
    await page.mouse.down();
    await expect(page.getByTestId('ptt-status')).toHaveAttribute('data-state', 'keyed');
    await expect(page.getByTestId('ptt-ended')).toContainText('time-out', { timeout: 10_000 });
    await expect(page.getByTestId('ptt-status')).toHaveAttribute('data-state', 'idle');
    await page.mouse.up();
    await expect
      .poll(async () => (await host.call('radio.ptt.log', { limit: 10 })).map((l) => l.reason).sort())
      .toEqual(['released', 'released', 'tot']);

    // Attach the received transmission to an incident's timeline.
    await page.getByTestId('incident-row').filter({ hasText: 'Radio report of smoke' }).click();
    await page.getByTestId('radio-tab-recordings').click();
    const row = page.locator(`[data-testid="recording-row"][data-id="${rx.id}"]`);
    await row.getByTestId('recording-attach').click();
    await expect(row.getByTestId('recording-attach')).toHaveText('Attached');
    const detail = await host.call('incident.get', { id: incident.id });
    expect(detail.timeline.some((e) => e.kind === 'link' && e.data.recordingId === rx.id)).toBe(true);

    await page.getByTestId('lang-switch').click();
    await expect(page.getByTestId('radio-tab-recordings')).toHaveText('录音');
    await page.screenshot({ path: join(ARTIFACTS, 'radio-panel-zh-CN.png') });
    host.close();
    expect(errors).toEqual([]);
  });
});
