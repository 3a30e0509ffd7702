import { fileURLToPath } from 'node:url';
import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Electron binary path, or why there is none (the one skip the suite allows). Read from electron's own
 * path.txt rather than require('electron'), which would try to download the binary.
 */
function electronBinary(): { path?: string; reason?: string } {
  const pkg = fileURLToPath(new URL('../../node_modules/electron/', import.meta.url));
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const pathFile = join(pkg, 'path.txt');
  if (!override && !existsSync(pathFile)) {
    return {
      reason:
        'Electron binary not installed (node_modules/electron/path.txt missing: installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1)',
    };
  }
  const exe = override
    ? join(override, 'electron')
    : join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(exe) ? { path: exe } : { reason: `Electron binary not found at ${exe}` };
}

test('desktop app: hardened window, host over MessagePort, incident round trip', async () => {
  const bin = electronBinary();
  if (!bin.path) console.log(`SKIP electron smoke: ${bin.reason}`);
  test.skip(!bin.path, bin.reason);

  const dataDir = mkdtempSync(join(tmpdir(), 'fengsui-electron-'));
  const app = await electron.launch({
    executablePath: bin.path,
    args: [fileURLToPath(new URL('../..', import.meta.url))],
    env: { ...process.env, FENGSUI_DATA_DIR: dataDir },
  });
  try {
    const win = await app.firstWindow();
    await expect(win.getByTestId('firstrun-empty')).toBeVisible();
    const url = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.webContents.getURL(),
    );
    expect(url).toMatch(/^fengsui:\/\/app\//);
    // Isolated and sandboxed: the page sees no Node, only the bridge functions (host calls, events, the report PDF).
    const page = await win.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as { fengsui?: object }).fengsui ?? {}).sort(),
    }));
    expect(page).toEqual({
      require: 'undefined',
      process: 'undefined',
      bridge: ['call', 'printToPdf', 'subscribe'],
    });
    await win.getByTestId('firstrun-empty').click();
    await win.getByTestId('new-incident-button').click();
    await win.getByTestId('field-category').selectOption('emergency');
    await win.getByTestId('field-lon').fill('103.68');
    await win.getByTestId('field-lat').fill('36.5');
    await win.getByTestId('field-description').fill('electron smoke');
    await win.getByTestId('submit-incident').click();
    await expect(win.getByTestId('incident-row').filter({ hasText: 'electron smoke' })).toHaveCount(1);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
