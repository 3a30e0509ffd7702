import type { Dispatch } from '@reduxjs/toolkit';
import { pushToast } from '../toasts/toastsSlice';

/** What the Electron preload's `printToPdf` answers (electron/printPdf.ts). */
type PdfResult = { ok: true; path: string; bytes: number } | { ok: false; reason: string; detail?: string };

interface PdfBridge {
  printToPdf(request: { suggestedName: string; landscape?: boolean }): Promise<PdfResult>;
}

function pdfBridge(w: Window): PdfBridge | null {
  const bridge = w.fengsui as Partial<PdfBridge> | undefined;
  return typeof bridge?.printToPdf === 'function' ? (bridge as PdfBridge) : null;
}

/**
 * Saves what the print stylesheet shows (the KPI report, a signed handover) as a PDF. In Electron the main
 * process renders it with `printToPDF` behind a save dialog; in the browser the browser's own print dialog
 * does it (its "Save as PDF" destination).
 */
export async function saveReport(
  dispatch: Dispatch,
  suggestedName: string,
  options: { landscape?: boolean } = {},
  w: Window = window,
): Promise<void> {
  const bridge = pdfBridge(w);
  if (!bridge) {
    w.print();
    return;
  }
  let r: PdfResult;
  try {
    r = await bridge.printToPdf({ suggestedName, ...options });
  } catch (e) {
    r = { ok: false, reason: 'failed', detail: (e as Error)?.message ?? String(e) };
  }
  if (r.ok) dispatch(pushToast({ kind: 'success', key: 'kpi.pdfSaved', params: { path: r.path } }));
  else if (r.reason !== 'cancelled')
    dispatch(pushToast({ kind: 'error', key: 'kpi.pdfFailed', params: { detail: r.detail ?? r.reason } }));
}

/** A file name for the report: what it is and when, safe on every file system. */
export function reportFileName(title: string, at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}${pad(d.getMinutes())}`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
  return `${title.replace(/[/\\:*?"<>|\u0000-\u001f]+/gu, ' ').trim()} ${stamp}`.slice(0, 110);
}
