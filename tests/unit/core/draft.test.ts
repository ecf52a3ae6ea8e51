import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDraft } from '../../../core/draft/index.ts';
import { odfXmlText, wordXmlText } from '../../../core/draft/xml-text.ts';
import { readDraftFile } from '../../../core/cli/load.ts';
import { readText } from '../../../core/read/index.ts';
import { docx, noticeText, odt, paragraphs, pdf } from './draft-files.ts';
import { analyze } from './run-analyze.ts';

const { title, text } = noticeText();
const paras = [title, ...paragraphs(text)];
const squash = (s: string) => s.replace(/[’']/g, "'").replace(/œ/g, 'oe').replace(/\s+/g, ' ').trim();

describe('core/draft: a real notice saved as a draft reads back as text', () => {
  it('DOCX: every paragraph, in order, and the reading finds the insertion clause', async () => {
    const r = await readDraft({ bytes: docx(paras), name: 'projet-avis.docx' });
    expect(r.ok && r.format).toBe('docx');
    if (!r.ok) return;
    expect(r.text.split('\n')[0]).toBe(title);
    expect(squash(r.text)).toBe(squash(paras.join(' ')));
    const reading = readText(r.text);
    expect(reading.signals.map((s) => s.id)).toContain('clause-insertion');
  });

  it('ODT: the same text', async () => {
    const r = await readDraft({ bytes: odt(paras), name: 'projet-avis.odt' });
    expect(r.ok && r.format).toBe('odt');
    if (r.ok) expect(squash(r.text)).toBe(squash(paras.join(' ')));
  });

  it('PDF (pdf.js): the text layer of every page', async () => {
    const lines = paragraphs(text, 95);
    const r = await readDraftFile(pdf([title, ...lines]), 'projet-avis.pdf');
    expect(r.ok && r.format).toBe('pdf');
    if (!r.ok) return;
    expect(r.pages).toBe(Math.ceil((lines.length + 1) / 60));
    expect(squash(r.text)).toContain(squash(title.replace(/’/g, "'").replace(/œ/g, 'oe')));
    expect(readText(r.text).signals.map((s) => s.id)).toContain('clause-insertion');
  });

  it('plain text, UTF-8 or Windows-1252', async () => {
    const utf = await readDraft({ bytes: new TextEncoder().encode(`${title}\n${text}`), name: 'avis.txt' });
    expect(utf.ok && utf.text.startsWith(title)).toBe(true);
    const cp1252 = await readDraft({ bytes: new Uint8Array(Buffer.from('Clause d\'insertion : 5 % des heures réservées\n', 'latin1')), name: 'avis.txt' });
    expect(cp1252.ok && cp1252.text).toContain('réservées');
  });
});

describe('core/draft: clear errors, never a throw', () => {
  it('a scanned PDF (pages without text) says so', async () => {
    const r = await readDraftFile(pdf([]), 'scan.pdf');
    expect(r).toMatchObject({ ok: false, code: 'scanned' });
  });
  it('a damaged PDF is corrupt', async () => {
    const r = await readDraftFile(new TextEncoder().encode('%PDF-1.7\nthis is not a pdf body'), 'broken.pdf');
    expect(r.ok).toBe(false);
  });
  it('a password-protected DOCX (an OLE wrapper) or ODT (encryption data) is encrypted', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await readDraft({ bytes: ole, name: 'dce.docx' })).toMatchObject({ ok: false, code: 'encrypted' });
    expect(await readDraft({ bytes: ole, name: 'dce.doc' })).toMatchObject({ ok: false, code: 'unsupported' });
    expect(await readDraft({ bytes: odt(paras, true), name: 'dce.odt' })).toMatchObject({ ok: false, code: 'encrypted' });
  });
  it('images, other zips, empty and oversized files are refused with their reason', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(await readDraft({ bytes: png, name: 'scan.png' })).toMatchObject({ ok: false, code: 'unsupported' });
    expect(await readDraft({ bytes: docx(paras).slice(0, 40), name: 'cut.docx' })).toMatchObject({ ok: false });
    expect(await readDraft({ bytes: new Uint8Array(0), name: 'vide.txt' })).toMatchObject({ ok: false, code: 'empty' });
    expect(await readDraft({ bytes: new Uint8Array(2048), name: 'gros.txt' }, { maxBytes: 1024 })).toMatchObject({ ok: false, code: 'too-large' });
    expect(await readDraft({ bytes: docx(paras), name: 'a.pdf' }, {})).toMatchObject({ ok: true, format: 'docx' });
  });
  it('a PDF without a PDF reader in the build is unsupported, not a crash', async () => {
    expect(await readDraft({ bytes: pdf(['Objet : entretien des espaces verts']), name: 'a.pdf' })).toMatchObject({ ok: false, code: 'unsupported' });
  });
});

describe('core/draft: office XML', () => {
  it('keeps tabs, breaks and entities, drops deleted revisions', () => {
    expect(wordXmlText('<w:p><w:r><w:t>Lot 1</w:t><w:tab/><w:t>Espaces verts &amp; propret&#233;</w:t><w:br/><w:t>suite</w:t></w:r></w:p><w:p><w:del><w:r><w:t>retiré</w:t></w:r></w:del></w:p>')).toBe('Lot 1\tEspaces verts & propreté\nsuite');
    expect(odfXmlText('<office:body><text:h>Objet</text:h><text:p>a<text:s text:c="2"/>b<text:tab/>c<text:line-break/>d</text:p></office:body>')).toBe('Objet\na  b\tc\nd');
  });
});

describe('analyze CLI reads drafts', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'essor-draft-'));
  const run = (file: string) => analyze([file]);
  it('PDF and DOCX of the same real notice give the same reading', async () => {
    const files = { 'avis.docx': docx(paras), 'avis.pdf': pdf([title, ...paragraphs(text, 95)]) };
    const docs = [];
    for (const [name, bytes] of Object.entries(files)) {
      const f = join(tmp, name);
      writeFileSync(f, bytes);
      const r = await run(f);
      expect(r.err, name).toBe('');
      expect(r.code, name).toBe(0);
      docs.push(JSON.parse(r.out) as { tender: { cpv: string[] }; signals: { id: string }[]; levers: { id: string }[] });
    }
    for (const d of docs) expect(d.signals.map((s) => s.id)).toContain('clause-insertion');
    expect(docs[0]!.signals.map((s) => s.id)).toEqual(docs[1]!.signals.map((s) => s.id));
    expect(docs[0]!.levers.map((l) => l.id)).toEqual(docs[1]!.levers.map((l) => l.id));
  }, 120_000);
  it('an encrypted draft fails with its reason on one line', async () => {
    const f = join(tmp, 'protege.docx');
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    writeFileSync(f, ole);
    const r = await run(f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/password-protected/);
  }, 60_000);
});
