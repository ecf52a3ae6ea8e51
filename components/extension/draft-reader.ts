// The extension's reader of drafts, imported dynamically when a file is dropped, so pdf.js, its worker and the
// zip reader stay out of every page until then. The worker is a file of the extension itself (same origin, allowed
// by the extension pages' CSP); nothing is fetched from elsewhere and the file never leaves the browser.
// The legacy build: the modern one needs Promise.withResolvers (Chrome 119, Firefox 121), newer than our minimum.
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import { readDraft, type DraftResult, type PdfLib } from '../../core/draft/index';

/** Reads a dropped or picked file to plain text. Never throws. */
export async function readDraftFile(file: File): Promise<DraftResult> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, code: 'corrupt', message: `${file.name}: the file could not be opened` };
  }
  return readDraft(
    { bytes, name: file.name, type: file.type },
    {
      loadPdf: async () => {
        const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
        lib.GlobalWorkerOptions.workerSrc = workerUrl;
        return lib as unknown as PdfLib;
      },
    },
  );
}
