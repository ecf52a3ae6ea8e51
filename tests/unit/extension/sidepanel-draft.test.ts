// The side panel's draft check: a real notice zipped as DOCX is read by core/draft, put in the text box and
// analysed by the real background; a file that cannot be read says why and sends nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { createKb, type KbData } from '../../../core/kb/index';
import { createSearch } from '../../../core/search/index';
import { readDraft } from '../../../core/draft/index';
import { createSearchModel } from '../../../components/search-model';
import { createSidepanelModel } from '../../../components/extension/sidepanel-model';
import { wireBackground } from './fake-background';

const root = path.resolve(__dirname, '../../..');
const json = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
const search = createSearch(createKb(json('data/kb.json') as KbData), json('data/search-index.json'));
const notice = json('tests/fixtures/draft/boamp-20-81064.json') as { title: string; raw_excerpt: string };

function docxFile(): File {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = [notice.title, notice.raw_excerpt].map((p) => `<w:p><w:r><w:t>${esc(p)}</w:t></w:r></w:p>`).join('');
  const bytes = zipSync({ 'word/document.xml': strToU8(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`) });
  return new File([bytes], 'projet.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
}

// The extension's reader without pdf.js (DOCX here): the same core/draft call draft-reader.ts makes.
const read = async (f: File) => readDraft({ bytes: new Uint8Array(await f.arrayBuffer()), name: f.name, type: f.type });

describe('side panel draft check', () => {
  let requests: string[];
  beforeEach(() => {
    requests = wireBackground();
  });

  it('reads a DOCX draft, fills the text and gets the advice, with what was read said in words', async () => {
    const m = createSidepanelModel({ search: createSearchModel(search), role: 'acheteur', lang: 'fr', readDraft: read });
    await m.checkDraft(docxFile());
    expect(m.draft.value?.error).toBe(false);
    expect(m.draft.value?.status).toMatch(/^projet\.docx : [\d\s\u202f]+ caractères lus\.$/);
    expect(m.text.value.startsWith(notice.title)).toBe(true);
    expect(requests).toEqual(['essor:advise-text']);
    const res = m.textResult.value;
    expect(res?.ok && res.reading.signals.map((s) => s.id)).toContain('clause-insertion');
    expect(m.draftBusy.value).toBe(false);
  }, 30_000);

  it('an unreadable file says why, in the reader\'s language, and sends nothing', async () => {
    const m = createSidepanelModel({ search: createSearchModel(search), role: 'acheteur', lang: 'en', readDraft: read });
    await m.checkDraft(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])], 'scan.png', { type: 'image/png' }));
    expect(m.draft.value).toMatchObject({ error: true, status: 'Unsupported format for scan.png: PDF, DOCX, ODT or plain text.' });
    expect(requests).toEqual([]);
    expect(m.textResult.value).toBeNull();
  });
});
