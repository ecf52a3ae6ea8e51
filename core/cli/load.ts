// Node-only helpers to turn saved files into text and documents (used by the analyze CLI and tests).
import { Window } from 'happy-dom';
import { draftFormat, readDraft, type DraftResult, type PdfLib } from '../draft/index.ts';

/** How a byte buffer was decoded. */
export interface Decoded {
  text: string;
  encoding: string;
}

function sniffCharset(head: string): string | undefined {
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

/**
 * Decodes an HTML (or text) file: BOM (UTF-16LE/BE, UTF-8), then UTF-16 without BOM (NUL bytes on
 * one side), then `<meta charset>`, else UTF-8.
 */
export function decodeBytes(buf: Uint8Array): Decoded {
  const b0 = buf[0];
  const b1 = buf[1];
  const b2 = buf[2];
  if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8' };
  // UTF-16 without BOM: ASCII markup leaves NUL bytes on every other position.
  const probe = Math.min(buf.length, 512);
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < probe; i++) if (buf[i] === 0) (i % 2 === 0 ? evenNul++ : oddNul++);
  if (probe >= 16 && oddNul > probe * 0.3 && evenNul < probe * 0.05) return { text: new TextDecoder('utf-16le').decode(buf), encoding: 'utf-16le' };
  if (probe >= 16 && evenNul > probe * 0.3 && oddNul < probe * 0.05) return { text: new TextDecoder('utf-16be').decode(buf), encoding: 'utf-16be' };
  const head = new TextDecoder('latin1').decode(buf.subarray(0, 4096));
  const charset = sniffCharset(head);
  if (charset && !/^utf-?8$/.test(charset)) {
    try {
      return { text: new TextDecoder(charset).decode(buf), encoding: charset };
    } catch {
      /* unknown label: fall back to UTF-8 */
    }
  }
  return { text: new TextDecoder('utf-8').decode(buf), encoding: 'utf-8' };
}

/** True when the bytes look like a binary file (NUL bytes or many control characters in the decoded text). */
export function looksBinary(decoded: Decoded): boolean {
  const sample = decoded.text.slice(0, 8192);
  if (!sample) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return bad > sample.length * 0.02;
}

let win: Window | undefined;

/** Parses HTML into a document without running scripts or loading resources. */
export function parseHtml(html: string, url = 'https://localhost/'): Document {
  win ??= new Window({
    url: 'https://localhost/',
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
      handleDisabledFileLoadingAsSuccess: true,
    },
  });
  void url;
  const parser = new win.DOMParser();
  return parser.parseFromString(html, 'text/html') as unknown as Document;
}

/** Releases the parsing window (lets the process exit promptly). */
export async function closeParser(): Promise<void> {
  const w = win;
  win = undefined;
  if (w) await w.happyDOM.close();
}

/** True when the first bytes are a PDF, a zip (DOCX/ODT) or an Office OLE file: a draft for {@link readDraftFile}. */
export function isDraftFile(first: Uint8Array): boolean {
  const fmt = draftFormat({ bytes: first.subarray(0, 16), name: '' });
  return fmt === 'pdf' || fmt === 'zip' || fmt === 'ole';
}

/** Reads a draft of the tender documents (PDF, DOCX, ODT) to plain text, with pdf.js's Node build. */
export function readDraftFile(bytes: Uint8Array, name: string): Promise<DraftResult> {
  return readDraft({ bytes, name }, { loadPdf: () => import('pdfjs-dist/legacy/build/pdf.mjs') as Promise<unknown> as Promise<PdfLib> });
}
