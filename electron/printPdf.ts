/**
 * The shift report as a PDF: the renderer asks, the main process renders its own page with `printToPDF`, asks
 * where to save it and writes it. Kept free of Electron imports (types only) so a test can run it under Node
 * with a fake webContents and a fake dialog.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import { isAppUrl } from './policy';

export const PRINT_PDF_CHANNEL = 'fengsui:printToPdf';

/**
 * What the renderer may ask for: a file name to suggest and the page layout, nothing else. The name is only a
 * suggestion in the save dialog, but a path in it would pick the folder for the person, so it is refused.
 */
export const PrintPdfRequestSchema = z
  .object({
    suggestedName: z
      .string()
      .trim()
      .min(1)
      .max(120)
      // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
      .regex(/^[^/\\:*?"<>|\u0000-\u001f]+$/u, 'a file name without a folder or reserved characters')
      .refine((n) => !n.startsWith('.'), 'a file name that does not start with a dot'),
    landscape: z.boolean().default(false),
    pageSize: z.enum(['A4', 'A3']).default('A4'),
  })
  .strict();
export type PrintPdfRequest = z.input<typeof PrintPdfRequestSchema>;

export type PrintPdfResult =
  | { ok: true; path: string; bytes: number }
  | { ok: false; reason: 'cancelled' }
  | { ok: false; reason: 'refused' | 'bad_request' | 'failed'; detail: string };

/** The parts of an IpcMainInvokeEvent the handler uses. */
export interface PrintPdfEvent {
  senderFrame: { url: string } | null;
  sender: {
    printToPDF(options: {
      landscape: boolean;
      pageSize: 'A4' | 'A3';
      printBackground: boolean;
      preferCSSPageSize: boolean;
    }): Promise<Uint8Array>;
  };
}

export interface PrintPdfDeps {
  /** Resolves with the chosen path, or null when the person cancels. */
  chooseFile(suggestedPath: string): Promise<string | null>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  /** Where the dialog opens (the person's documents folder). */
  defaultDir: string;
}

/**
 * Handles one request. Only our own pages may print (the same sender check as the host connection), and the
 * PDF is of the sender's page as the print stylesheet lays it out, so a request cannot name another page.
 */
export async function handlePrintToPdf(
  deps: PrintPdfDeps,
  event: PrintPdfEvent,
  raw: unknown,
): Promise<PrintPdfResult> {
  if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) {
    return { ok: false, reason: 'refused', detail: 'only the console’s own pages may save a PDF' };
  }
  const parsed = PrintPdfRequestSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'bad_request',
      detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; '),
    };
  }
  const req = parsed.data;
  const name = req.suggestedName.toLowerCase().endsWith('.pdf')
    ? req.suggestedName
    : `${req.suggestedName}.pdf`;
  const path = await deps.chooseFile(`${deps.defaultDir.replace(/[/\\]+$/, '')}/${basename(name)}`);
  if (!path) return { ok: false, reason: 'cancelled' };
  try {
    const pdf = await event.sender.printToPDF({
      landscape: req.landscape,
      pageSize: req.pageSize,
      printBackground: true,
      preferCSSPageSize: true,
    });
    await deps.writeFile(path, pdf);
    return { ok: true, path, bytes: pdf.byteLength };
  } catch (e) {
    return { ok: false, reason: 'failed', detail: `could not write ${path}: ${(e as Error).message}` };
  }
}
