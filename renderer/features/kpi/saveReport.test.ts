import { describe, expect, it } from 'vitest';
import type { UnknownAction } from '@reduxjs/toolkit';
import { PrintPdfRequestSchema } from '../../../electron/printPdf';
import { reportFileName, saveReport } from './saveReport';

function fakeWindow(bridge?: { printToPdf: (r: unknown) => Promise<unknown> }) {
  let printed = 0;
  const w = { print: () => printed++, fengsui: bridge } as unknown as Window;
  return { w, printed: () => printed };
}

describe('saveReport', () => {
  it('uses the browser’s print dialog when there is no Electron bridge', async () => {
    const { w, printed } = fakeWindow();
    const actions: UnknownAction[] = [];
    await saveReport((a) => (actions.push(a as UnknownAction), a), 'KPI', {}, w);
    expect(printed()).toBe(1);
    expect(actions).toEqual([]);
  });

  it('asks Electron for a PDF and tells the person where it went, or why it did not', async () => {
    const requests: unknown[] = [];
    const answers = [
      { ok: true, path: '/home/duty/r.pdf', bytes: 10 },
      { ok: false, reason: 'cancelled' },
      { ok: false, reason: 'failed', detail: 'disk full' },
    ];
    const { w, printed } = fakeWindow({
      printToPdf: async (r) => (requests.push(r), answers.shift()),
    });
    const actions: UnknownAction[] = [];
    const d = (a: UnknownAction) => (actions.push(a), a);
    await saveReport(d as never, '交接班 2026-11-26 0900', { landscape: true }, w);
    await saveReport(d as never, 'r', {}, w);
    await saveReport(d as never, 'r', {}, w);
    expect(printed()).toBe(0);
    expect(requests[0]).toEqual({ suggestedName: '交接班 2026-11-26 0900', landscape: true });
    expect(actions.map((a) => (a.payload as { key: string; kind: string }).key)).toEqual([
      'kpi.pdfSaved',
      'kpi.pdfFailed',
    ]);
  });

  it('makes file names the main process accepts', () => {
    for (const title of ['KPI 报告', 'a/b\\c:d*e?f"g<h>i|j', '交接班记录', 'x'.repeat(300)]) {
      const name = reportFileName(title, Date.UTC(2026, 10, 26, 1, 5));
      expect(PrintPdfRequestSchema.safeParse({ suggestedName: name }).success, name).toBe(true);
    }
  });
});
