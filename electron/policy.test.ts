import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  consoleWindowOptions,
  isAppUrl,
  isNavigationAllowed,
  isPermissionAllowed,
  APP_ENTRY,
} from './policy';
import { contentSecurityPolicy } from '../host/transports/csp';

describe('Electron hardening (static)', () => {
  const wp = consoleWindowOptions('/app/preload.cjs').webPreferences!;

  it('isolates and sandboxes the renderer with no Node integration', () => {
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.preload).toBe('/app/preload.cjs');
  });

  it('main applies the policy: CSP, navigation and window-open denial, permission handler, sender check, single instance', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    for (const needle of [
      'requestSingleInstanceLock',
      "'Content-Security-Policy'",
      "'will-navigate'",
      "setWindowOpenHandler(() => ({ action: 'deny' }))",
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'isAppUrl(event.senderFrame.url)',
      'resolveInside(rendererDir',
      'app.enableSandbox()',
      'consoleWindowOptions(',
    ]) {
      expect(main, needle).toContain(needle);
    }
    expect(main).not.toMatch(/nodeIntegration:\s*true|sandbox:\s*false|contextIsolation:\s*false/);
  });

  it('the preload exposes only call, subscribe and printToPdf', () => {
    const preload = readFileSync(new URL('./preload.ts', import.meta.url), 'utf8');
    const exposed = [...preload.matchAll(/exposeInMainWorld\('(\w+)'/g)].map((m) => m[1]);
    expect(exposed).toEqual(['fengsui']);
    const api = preload.slice(preload.indexOf('exposeInMainWorld'));
    const keys = [...api.matchAll(/^\s{2}(\w+)\(/gm)].map((m) => m[1]);
    expect(keys).toEqual(['call', 'subscribe', 'printToPdf']);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    // printToPdf forwards to one fixed channel; nothing lets the page pick a channel or reach ipcRenderer.
    const invokes = [...preload.matchAll(/ipcRenderer\.(\w+)\(([^,)]*)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(invokes).toEqual(["once 'fengsui:port'", "send 'fengsui:connect'", "invoke 'fengsui:printToPdf'"]);
  });

  it('the PDF handler checks the sender and validates its request', () => {
    const main = readFileSync(new URL('./main.ts', import.meta.url), 'utf8');
    expect(main).toContain('ipcMain.handle(PRINT_PDF_CHANNEL');
    expect(main).toContain('handlePrintToPdf(');
    const handler = readFileSync(new URL('./printPdf.ts', import.meta.url), 'utf8');
    expect(handler).toContain('isAppUrl(event.senderFrame.url)');
    expect(handler).toContain('PrintPdfRequestSchema.safeParse(raw)');
    expect(handler).toContain("PRINT_PDF_CHANNEL = 'fengsui:printToPdf'");
  });

  it('trusts only our app origin for IPC, navigation and permissions', () => {
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('fengsui://evil/index.html')).toBe(false);
    expect(isAppUrl('https://example.com')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isNavigationAllowed('https://example.com')).toBe(false);
    expect(isPermissionAllowed('media', APP_ENTRY, ['audio'])).toBe(true);
    expect(isPermissionAllowed('media', APP_ENTRY, ['audio', 'video'])).toBe(true);
    expect(isPermissionAllowed('media', 'https://example.com', ['audio'])).toBe(false);
    for (const p of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'usb',
      'serial',
      'hid',
    ]) {
      expect(isPermissionAllowed(p, APP_ENTRY), p).toBe(false);
    }
  });

  it('CSP allows only our own scripts', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
  });
});
