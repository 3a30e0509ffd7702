import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDirs } from '../test/helpers/tmp';
import { writeFile } from 'node:fs/promises';
import { handlePrintToPdf, type PrintPdfDeps, type PrintPdfEvent } from './printPdf';
import { APP_ENTRY } from './policy';

const tmp = useTempDirs();
const PDF = new TextEncoder().encode('%PDF-1.7\n%fake page\n%%EOF\n');

function fakeSender(url: string | null) {
  const printed: unknown[] = [];
  const event: PrintPdfEvent = {
    senderFrame: url === null ? null : { url },
    sender: {
      printToPDF: async (options) => {
        printed.push(options);
        return PDF;
      },
    },
  };
  return { event, printed };
}

function deps(choose: string | null, dir = '/home/duty/Documents/'): PrintPdfDeps & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    defaultDir: dir,
    chooseFile: async (p) => {
      asked.push(p);
      return choose;
    },
    writeFile: (p, data) => writeFile(p, data),
  };
}

describe('shift report PDF (main-process handler)', () => {
  it('renders the sender’s page, asks where to save it, and writes the PDF there', async () => {
    const out = join(tmp(), '交接班报告.pdf');
    const d = deps(out);
    const { event, printed } = fakeSender(APP_ENTRY);
    const r = await handlePrintToPdf(d, event, { suggestedName: '交接班报告 2026-11-26', landscape: true });
    expect(r).toEqual({ ok: true, path: out, bytes: PDF.byteLength });
    expect(readFileSync(out)).toEqual(Buffer.from(PDF));
    expect(d.asked).toEqual(['/home/duty/Documents/交接班报告 2026-11-26.pdf']);
    expect(printed).toEqual([
      { landscape: true, pageSize: 'A4', printBackground: true, preferCSSPageSize: true },
    ]);
  });

  it('does nothing when the person cancels the save dialog', async () => {
    const { event, printed } = fakeSender(APP_ENTRY);
    const r = await handlePrintToPdf(deps(null), event, { suggestedName: 'shift-report.pdf' });
    expect(r).toEqual({ ok: false, reason: 'cancelled' });
    expect(printed).toEqual([]);
  });

  it('refuses other origins and frameless senders before looking at the request', async () => {
    for (const url of ['https://example.com/', 'fengsui://evil/index.html', 'file:///etc/passwd', null]) {
      const d = deps('/tmp/x.pdf');
      const { event, printed } = fakeSender(url);
      const r = await handlePrintToPdf(d, event, { suggestedName: 'report' });
      expect(r, String(url)).toMatchObject({ ok: false, reason: 'refused' });
      expect(d.asked).toEqual([]);
      expect(printed).toEqual([]);
    }
  });

  it('validates the request: a plain file name and a known page layout only', async () => {
    for (const bad of [
      undefined,
      'report',
      {},
      { suggestedName: '' },
      { suggestedName: '../../etc/cron.d/x' },
      { suggestedName: 'C:\\Windows\\x' },
      { suggestedName: '.bashrc' },
      { suggestedName: 'a'.repeat(121) },
      { suggestedName: 'r', pageSize: 'Letter' },
      { suggestedName: 'r', landscape: 'yes' },
      { suggestedName: 'r', path: '/tmp/x.pdf' },
    ]) {
      const d = deps('/tmp/x.pdf');
      const { event, printed } = fakeSender(APP_ENTRY);
      const r = await handlePrintToPdf(d, event, bad);
      expect(r, JSON.stringify(bad)).toMatchObject({ ok: false, reason: 'bad_request' });
      expect(d.asked).toEqual([]);
      expect(printed).toEqual([]);
    }
  });

  it('reports a write that fails with the path, instead of pretending it saved', async () => {
    const { event } = fakeSender(APP_ENTRY);
    const missing = join(tmp(), 'no-such-folder', 'r.pdf');
    const r = await handlePrintToPdf(deps(missing), event, { suggestedName: 'r' });
    expect(r).toMatchObject({ ok: false, reason: 'failed' });
    expect((r as { detail: string }).detail).toContain(missing);
  });
});
