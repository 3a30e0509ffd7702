/**
 * The thin Electron shell: one window, the security policy, the app protocol, and the host in a
 * utilityProcess. Everything else lives in the host (plain Node) and the renderer (plain web code).
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  MessageChannelMain,
  protocol,
  session,
  utilityProcess,
  net,
} from 'electron';
import type { UtilityProcess } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../host/transports/csp';
import { resolveInside } from '../host/transports/safePath';
import {
  APP_ENTRY,
  APP_SCHEME,
  consoleWindowOptions,
  isAppUrl,
  isNavigationAllowed,
  isPermissionAllowed,
} from './policy';
import { handlePrintToPdf, PRINT_PDF_CHANNEL } from './printPdf';

const distDir = join(__dirname, '..');
const rendererDir = join(distDir, 'renderer');
const dataDir = process.env.FENGSUI_DATA_DIR || app.getPath('userData');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | null = null;
  let host: UtilityProcess | null = null;
  let quitting = false;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  const startHost = () => {
    host = utilityProcess.fork(join(distDir, 'host', 'utility.mjs'), ['--data', dataDir], {
      serviceName: 'Fengsui host',
      stdio: 'inherit',
    });
    host.on('exit', (code) => {
      host = null;
      if (!quitting && code !== 0 && win && !win.isDestroyed()) {
        dialog.showErrorBox(
          'Fengsui',
          `The console host stopped (exit code ${code}). It is being restarted.`,
        );
        startHost();
        win.webContents.reload();
      }
    });
  };

  app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, (request) => {
      const url = new URL(request.url);
      const file = resolveInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
      if (!file) return new Response('Bad path', { status: 400 });
      return net.fetch(pathToFileURL(file).toString());
    });

    const ses = session.defaultSession;
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] },
      });
    });
    ses.setPermissionRequestHandler((wc, permission, callback, details) => {
      callback(
        isPermissionAllowed(
          permission,
          details.requestingUrl,
          (details as { mediaTypes?: string[] }).mediaTypes,
        ),
      );
    });
    ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
      isPermissionAllowed(permission, requestingOrigin),
    );

    app.on('web-contents-created', (_e, contents) => {
      contents.on('will-navigate', (event, url) => {
        if (!isNavigationAllowed(url)) event.preventDefault();
      });
      contents.on('will-attach-webview', (event) => event.preventDefault());
      contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    });

    // A renderer asks for its host connection; only our own pages get one.
    ipcMain.on('fengsui:connect', (event) => {
      if (!event.senderFrame || !isAppUrl(event.senderFrame.url) || !host) return;
      const { port1, port2 } = new MessageChannelMain();
      host.postMessage({ type: 'client' }, [port1]);
      event.sender.postMessage('fengsui:port', null, [port2]);
    });

    // The shift report as a PDF: the sender check and the request's validation live in handlePrintToPdf.
    ipcMain.handle(PRINT_PDF_CHANNEL, (event, request: unknown) =>
      handlePrintToPdf(
        {
          defaultDir: app.getPath('documents'),
          writeFile: (path, data) => writeFile(path, data),
          chooseFile: async (defaultPath) => {
            const owner = BrowserWindow.fromWebContents(event.sender);
            const options = { defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
            const r = owner
              ? await dialog.showSaveDialog(owner, options)
              : await dialog.showSaveDialog(options);
            return r.canceled || !r.filePath ? null : r.filePath;
          },
        },
        event,
        request,
      ),
    );

    startHost();
    win = new BrowserWindow(consoleWindowOptions(join(__dirname, 'preload.cjs')));
    win.once('ready-to-show', () => win?.show());
    void win.loadURL(APP_ENTRY);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    quitting = true;
    host?.kill();
  });
}
