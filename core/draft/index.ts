// Reading a draft of the tender documents (PDF, DOCX, ODT or plain text) into plain text, locally: bytes and a
// file name in, text out, or a clear reason why not (encrypted, scanned, unsupported). The PDF library is passed
// in by the caller (extension page, widget, Node CLI), each with its own way to run pdf.js.
import { unzipSync } from 'fflate';
import { odfXmlText, wordXmlText } from './xml-text';

/** The formats Essor reads. */
export type DraftFormat = 'pdf' | 'docx' | 'odt' | 'text';

/** Why a draft could not be read. */
export type DraftErrorCode = 'unsupported' | 'encrypted' | 'scanned' | 'corrupt' | 'too-large' | 'empty';

/** A file handed to {@link readDraft}. */
export interface DraftInput {
  bytes: Uint8Array;
  /** File name, for its extension and for messages. */
  name: string;
  /** MIME type when the browser gives one. */
  type?: string;
}

export type DraftResult = { ok: true; format: DraftFormat; text: string; pages?: number } | { ok: false; code: DraftErrorCode; message: string };

/** The part of pdf.js {@link readDraft} uses (`getDocument` of `pdfjs-dist`). */
export interface PdfLib {
  getDocument(src: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy?: () => Promise<void> };
}
interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }>; cleanup?: () => void }>;
  destroy?: () => Promise<void>;
}

export interface DraftOptions {
  /** Loads pdf.js (a dynamic import, so it is fetched only when a PDF is dropped). */
  loadPdf?: () => Promise<PdfLib>;
  /** Largest file accepted, in bytes. @default 30 MB */
  maxBytes?: number;
}

const MAX_BYTES = 30 * 1024 * 1024;
// Below this many letters per page, a PDF is taken for a scan (images of pages, no text layer).
const MIN_LETTERS_PER_PAGE = 40;
// Limits on unpacked office XML, against zip bombs.
const MAX_XML = 60 * 1024 * 1024;

const fail = (code: DraftErrorCode, message: string): DraftResult => ({ ok: false, code, message });

function startsWith(b: Uint8Array, sig: number[]): boolean {
  return sig.every((x, i) => b[i] === x);
}

const ext = (name: string) => /\.([a-z0-9]+)$/i.exec(name.trim())?.[1]?.toLowerCase() ?? '';

/** The format of a file from its first bytes, then its name and type; undefined when Essor cannot read it. */
export function draftFormat(input: DraftInput): DraftFormat | 'zip' | 'ole' | undefined {
  const b = input.bytes;
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46])) return 'pdf';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return ext(input.name) === 'odt' ? 'odt' : ext(input.name) === 'docx' ? 'docx' : 'zip';
  // An OLE compound file: an old .doc, or a DOCX/ODT saved with a password (Office wraps those in OLE).
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  const e = ext(input.name);
  if (['txt', 'md', 'text', 'csv'].includes(e) || /^text\//.test(input.type ?? '')) return 'text';
  return looksLikeText(b) ? 'text' : undefined;
}

function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  if (!n) return false;
  for (let i = 0; i < n; i++) if (b[i] === 0) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, n - 4 > 0 ? n - 4 : n));
    return true;
  } catch {
    return false;
  }
}

function decodeText(b: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b).replace(/^\ufeff/, '');
  } catch {
    // Windows-1252 drafts saved as "text" by older tools.
    return new TextDecoder('windows-1252').decode(b);
  }
}

function officeText(b: Uint8Array, name: string): DraftResult {
  let files: Record<string, Uint8Array>;
  let total = 0;
  try {
    files = unzipSync(b, {
      filter: (f) => {
        const want = f.name === 'word/document.xml' || f.name === 'content.xml' || f.name === 'mimetype' || f.name === 'META-INF/manifest.xml' || /^word\/(?:footnotes|header\d*|footer\d*)\.xml$/.test(f.name);
        if (want) total += f.originalSize;
        return want && total <= MAX_XML;
      },
    });
  } catch {
    return fail('corrupt', `${name}: not a readable zip archive`);
  }
  const dec = new TextDecoder('utf-8');
  const word = files['word/document.xml'];
  if (word) {
    // Headers, footers and footnotes after the body: the reference and the buyer often sit in a header.
    const extra = Object.keys(files)
      .filter((k) => /^word\/(?:header|footer|footnotes)/.test(k))
      .sort()
      .map((k) => wordXmlText(dec.decode(files[k]!)))
      .filter(Boolean);
    const text = [wordXmlText(dec.decode(word)), ...extra].join('\n\n').trim();
    return text ? { ok: true, format: 'docx', text } : fail('empty', `${name}: the document holds no text`);
  }
  const content = files['content.xml'];
  const mime = files.mimetype ? dec.decode(files.mimetype).trim() : '';
  const manifest = files['META-INF/manifest.xml'] ? dec.decode(files['META-INF/manifest.xml']) : '';
  if (/<manifest:encryption-data\b/.test(manifest)) return fail('encrypted', `${name}: the document is password-protected`);
  if (content && (!mime || mime === 'application/vnd.oasis.opendocument.text' || mime.startsWith('application/vnd.oasis.opendocument'))) {
    const text = odfXmlText(dec.decode(content));
    return text ? { ok: true, format: 'odt', text } : fail('empty', `${name}: the document holds no text`);
  }
  return fail('unsupported', `${name}: a zip archive that is neither DOCX nor ODT`);
}

interface TextItem {
  str?: string;
  hasEOL?: boolean;
}

async function pdfText(b: Uint8Array, name: string, loadPdf: (() => Promise<PdfLib>) | undefined): Promise<DraftResult> {
  if (!loadPdf) return fail('unsupported', `${name}: no PDF reader in this build`);
  const lib = await loadPdf();
  // pdf.js takes ownership of the buffer it is given: hand it a copy. No eval, no fonts in the page, no fetch.
  const task = lib.getDocument({ data: new Uint8Array(b), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (e) {
    const n = (e as { name?: string })?.name ?? '';
    if (n === 'PasswordException') return fail('encrypted', `${name}: the PDF is password-protected`);
    return fail('corrupt', `${name}: the PDF could not be read (${n || 'error'})`);
  }
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let s = '';
      for (const it of content.items as TextItem[]) {
        if (typeof it.str === 'string') s += it.str;
        if (it.hasEOL) s += '\n';
      }
      pages.push(s.replace(/[ \t]+\n/g, '\n').trim());
      page.cleanup?.();
    }
    const text = pages.join('\n\n').trim();
    const letters = (text.match(/\p{L}/gu) ?? []).length;
    if (letters < MIN_LETTERS_PER_PAGE * Math.min(Math.max(1, doc.numPages), 3))
      return fail('scanned', `${name}: the PDF holds no text layer (a scanned document?)`);
    return { ok: true, format: 'pdf', text, pages: doc.numPages };
  } finally {
    await doc.destroy?.();
  }
}

/**
 * Reads a draft into plain text. Never throws: every failure comes back as `{ ok: false, code, message }`
 * (`message` in English for logs and the CLI; interfaces show their own words for `code`).
 */
export async function readDraft(input: DraftInput, options: DraftOptions = {}): Promise<DraftResult> {
  const { bytes, name } = input;
  try {
    if (bytes.length > (options.maxBytes ?? MAX_BYTES)) return fail('too-large', `${name}: larger than ${Math.round((options.maxBytes ?? MAX_BYTES) / 1048576)} MB`);
    if (!bytes.length) return fail('empty', `${name}: the file is empty`);
    const format = draftFormat(input);
    if (format === 'pdf') return await pdfText(bytes, name, options.loadPdf);
    if (format === 'docx' || format === 'odt' || format === 'zip') return officeText(bytes, name);
    if (format === 'ole')
      return ['docx', 'odt', 'xlsx'].includes(ext(name))
        ? fail('encrypted', `${name}: the document is password-protected`)
        : fail('unsupported', `${name}: an old Word (.doc) file; save it as DOCX, ODT or PDF`);
    if (format === 'text') {
      const text = decodeText(bytes).replace(/\r\n?/g, '\n').trim();
      return text ? { ok: true, format: 'text', text } : fail('empty', `${name}: the file holds no text`);
    }
    return fail('unsupported', `${name}: not a PDF, DOCX, ODT or text file`);
  } catch (e) {
    return fail('corrupt', `${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
