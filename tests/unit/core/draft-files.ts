// Builds real draft files from a real notice text, for the draft reader's tests: a DOCX and an ODT as minimal
// zips (fflate), and a PDF with a text layer written by hand (one Helvetica text object per line).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { ROOT } from './helpers.ts';

/** The real BOAMP notice 20-81064 (insertion clause in its conditions), copied from ../shared/fixtures/real. */
export function noticeText(): { title: string; text: string } {
  const r = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'draft', 'boamp-20-81064.json'), 'utf8')) as { title: string; raw_excerpt: string };
  return { title: r.title, text: r.raw_excerpt };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Splits a long text into paragraphs of about `n` characters at spaces. */
export function paragraphs(text: string, n = 600): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > n) {
    const at = rest.lastIndexOf(' ', n);
    out.push(rest.slice(0, at > 0 ? at : n));
    rest = rest.slice(at > 0 ? at + 1 : n);
  }
  if (rest) out.push(rest);
  return out;
}

/** A minimal DOCX: [Content_Types].xml and word/document.xml, one `w:p` per paragraph. */
export function docx(paras: string[]): Uint8Array {
  const body = paras.map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`).join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
  });
}

/** A minimal ODT: mimetype (stored first) and content.xml, one `text:p` per paragraph. */
export function odt(paras: string[], encrypted = false): Uint8Array {
  const body = paras.map((p) => `<text:p>${esc(p)}</text:p>`).join('');
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'content.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>${body}</office:text></office:body></office:document-content>`),
    'META-INF/manifest.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">${encrypted ? '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/>' : ''}</manifest:file-entry></manifest:manifest>`,
    ),
  });
}

/** A PDF with one text line per entry, wrapped to pages of 60 lines; no lines gives a page with no text (a "scan"). */
export function pdf(lines: string[]): Uint8Array {
  // WinAnsi covers French letters; typographic quotes and ligatures are folded to what it has.
  const latin = (s: string) => s.replace(/[’‘]/g, "'").replace(/[“”«»]/g, '"').replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/[–—]/g, '-').replace(/…/g, '...').replace(/[^\x20-\xff]/g, ' ');
  const pdfStr = (s: string) => latin(s).replace(/[\\()]/g, (c) => `\\${c}`);
  const pages: string[][] = [];
  for (let i = 0; i < Math.max(1, lines.length); i += 60) pages.push(lines.slice(i, i + 60));
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  pages.forEach((pl, i) => {
    const content = pl.length ? `BT /F1 9 Tf 11 TL 36 806 Td ${pl.map((l) => `(${pdfStr(l)}) Tj T*`).join(' ')} ET` : '';
    objects[pageIds[i]!] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`;
    objects[pageIds[i]! + 1] = `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
  });
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = Buffer.byteLength(out, 'latin1');
    out += `${i} 0 obj\n${objects[i]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
