// essor-draft.js: reading a dropped draft of the tender documents (PDF, DOCX, ODT, text) into text, in the
// browser. Built on its own (`vite build --mode draft`) and loaded by the widget only when someone drops or picks
// a file in the "check a tender" tab. pdf.js runs in the page's main thread, with its worker code bundled here:
// no Worker, no blob: URL, no eval and no font loading, so a host CSP that allows essor-widget.js with
// `script-src` allows this file too (see widget/README.md). The file is never sent anywhere.
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { WorkerMessageHandler } from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { readDraft, type DraftInput, type DraftResult, type PdfLib } from '../core/draft/index';
import { DRAFT_FILE } from '../core/widget/files';

/** What essor-draft.js registers. */
export interface DraftModule {
  read(input: DraftInput): Promise<DraftResult>;
}

type WithWorker = { pdfjsWorker?: unknown };

async function read(input: DraftInput): Promise<DraftResult> {
  // pdf.js looks for a main-thread worker on this global while it opens the document; the host's own value
  // (a page may use pdf.js itself) is put back afterwards.
  const g = globalThis as WithWorker;
  const had = Object.prototype.hasOwnProperty.call(g, 'pdfjsWorker');
  const before = g.pdfjsWorker;
  try {
    return await readDraft(input, {
      loadPdf: async () => {
        g.pdfjsWorker = { WorkerMessageHandler };
        return pdfjs as unknown as PdfLib;
      },
    });
  } finally {
    if (had) g.pdfjsWorker = before;
    else delete g.pdfjsWorker;
  }
}

try {
  const w = window as unknown as { __essorData?: Record<string, unknown> };
  const registry = w.__essorData && typeof w.__essorData === 'object' ? w.__essorData : (w.__essorData = {});
  const mod: DraftModule = { read };
  registry[DRAFT_FILE.key] = mod;
} catch {
  // The widget reports the missing module itself.
}
