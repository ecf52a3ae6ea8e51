// essor-draft.js: reading a dropped draft of the tender documents (PDF, DOCX, ODT, text) into text, in the
// browser. Built on its own (`vite build --mode draft`) and loaded by the widget only when someone drops or picks
// a file in the "check a tender" tab. pdf.js runs in the page's main thread, with its worker code bundled here:
// no Worker, no blob: URL, no eval and no font loading, so a host CSP that allows essor-widget.js with
// `script-src` allows this file too (see widget/README.md). The file is never sent anywhere.
import { hostWorker } from './draft-globals';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { WorkerMessageHandler } from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { readDraft, type DraftInput, type DraftResult, type PdfLib } from '../core/draft/index';
import { DRAFT_FILE } from '../core/widget/files';

/** What essor-draft.js registers. */
export interface DraftModule {
  read(input: DraftInput): Promise<DraftResult>;
}

type WithWorker = { pdfjsWorker?: unknown };
const g = globalThis as WithWorker;

/** Puts the host page's `pdfjsWorker` back as it was before essor-draft.js. */
function restoreHost(): void {
  if (hostWorker.had) g.pdfjsWorker = hostWorker.value;
  else delete g.pdfjsWorker;
}
// pdf.js's worker module set the global as it loaded: the page gets its own back at once.
restoreHost();

async function read(input: DraftInput): Promise<DraftResult> {
  // pdf.js looks for a main-thread worker on this global while it opens the document; the host's own value is
  // put back afterwards.
  try {
    return await readDraft(input, {
      loadPdf: async () => {
        g.pdfjsWorker = { WorkerMessageHandler };
        return pdfjs as unknown as PdfLib;
      },
    });
  } finally {
    restoreHost();
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
