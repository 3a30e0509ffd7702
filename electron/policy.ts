/**
 * The Electron security policy as plain data and pure functions, so a test can read and assert it without an
 * Electron binary. main.ts applies exactly these.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export const APP_SCHEME = 'fengsui';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export function consoleWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1600,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    backgroundColor: '#0b1220',
    title: '烽燧 Fengsui',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** True for a URL served by our own app protocol (the only origin allowed to talk to the host). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Only the microphone and camera (intercom, walkie-talkie audio), and only for our own pages. */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  mediaTypes: readonly string[] = [],
): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission === 'media') return mediaTypes.every((t) => t === 'audio' || t === 'video');
  return false;
}

/** Navigation away from the app is never allowed; links to the web are not opened either. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}
