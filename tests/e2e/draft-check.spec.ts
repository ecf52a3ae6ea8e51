// The draft check: a real notice saved as PDF (printed by Chromium) and as DOCX (a minimal zip made here), dropped
// into the side panel, the widget (under a strict CSP) and the CLI. Nothing is uploaded: the extension page and the
// widget page make no request outside their own files.
import AxeBuilder from '@axe-core/playwright';
import { test as pageTest, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { expect, ROOT, test } from './fixtures';
import { recordCspViolations, ready, watch } from './widget-helpers';

const NOTICE = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'draft', 'boamp-20-81064.json'), 'utf8')) as { title: string; raw_excerpt: string };
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Paragraphs of the notice at its section marks ("II.1.1)", "Section III :"), as a buyer's draft has them. */
function paragraphs(): string[] {
  return [NOTICE.title, ...NOTICE.raw_excerpt.split(/\s(?=(?:[IVX]+\.\d+(?:\.\d+)?\)|Section [IVX]+ :))/)].map((p) => p.trim()).filter(Boolean);
}

/** The notice printed to PDF by Chromium from an HTML page of its text. */
async function makePdf(page: Page): Promise<Buffer> {
  await page.setContent(`<!doctype html><html lang="fr"><meta charset="utf-8"><title>${esc(NOTICE.title)}</title><body style="font:11pt serif">${paragraphs().map((p, i) => (i ? `<p>${esc(p)}</p>` : `<h1>${esc(p)}</h1>`)).join('')}</body></html>`);
  return page.pdf({ format: 'A4' });
}

/** The notice as a minimal DOCX: the content types and word/document.xml, one paragraph each. */
function makeDocx(): Buffer {
  const body = paragraphs().map((p) => `<w:p><w:r><w:t xml:space="preserve">${esc(p)}</w:t></w:r></w:p>`).join('');
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
      'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`),
    }),
  );
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

test('side panel: the PDF and the DOCX of a real notice are read locally and checked', async ({ context, extensionId }) => {
  test.setTimeout(90_000);
  const outside: string[] = [];
  context.on('request', (r) => {
    if (!r.url().startsWith('chrome-extension://') && !r.url().startsWith('data:') && !r.url().startsWith('about:')) outside.push(r.url());
  });
  const printer = await context.newPage();
  const pdf = await makePdf(printer);
  await printer.close();
  const files = { 'projet-avis.pdf': { mimeType: 'application/pdf', buffer: pdf }, 'projet-avis.docx': { mimeType: DOCX, buffer: makeDocx() } };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'essor-draft-e2e-'));

  const side = await context.newPage();
  await side.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await side.getByRole('tab', { name: 'Analyser un texte de marché' }).click();
  const seen: Record<string, string[]> = {};
  for (const [name, f] of Object.entries(files)) {
    fs.writeFileSync(path.join(tmp, name), f.buffer);
    await side.getByLabel('Choisir un fichier').setInputFiles({ name, mimeType: f.mimeType, buffer: f.buffer });
    await expect(side.getByRole('status').filter({ hasText: `${name} :` })).toContainText('caractères lus');
    if (name.endsWith('.pdf')) await expect(side.getByRole('status').filter({ hasText: name })).toContainText(/caractères lus, \d+ pages?\./);
    const has = side.locator('section', { has: side.getByRole('heading', { name: 'Ce que le projet contient déjà' }) });
    await expect(has).toBeVisible();
    // The notice's own insertion clause ("clause sociale d'insertion", III.2.2) is found in the draft.
    await expect(has.locator('.essor-declared').first()).toHaveText('Clause d’insertion');
    const add = side.locator('.essor-actions-block');
    await expect(add.getByRole('heading', { name: /À ajouter, avec une formulation à coller/ })).toBeVisible();
    // The wording to paste is in view, with its copy button.
    if (await add.locator('.essor-wording').count()) await expect(add.getByRole('button', { name: 'Copier la formulation' }).first()).toBeVisible();
    seen[name] = (await has.locator('.essor-declared').allInnerTexts()).map((s) => s.trim());
    // The text read is the notice's: its title leads the text box.
    expect((await side.locator('#essor-side-text').inputValue()).replace(/\s+/g, ' ')).toContain(NOTICE.title.replace(/’/g, '’').slice(0, 40));
    const text = await side.locator('body').innerText();
    expect(text).not.toMatch(/\.txt\b|clause-insertion|reserve-siae|lignes \d/);
  }
  // Both formats give the same findings.
  expect(seen['projet-avis.pdf']).toEqual(seen['projet-avis.docx']);
  const scan = await new AxeBuilder({ page: side }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // A file Essor cannot read says why, visibly.
  await side.getByLabel('Choisir un fichier').setInputFiles({ name: 'scan.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });
  await expect(side.locator('.essor-warn').filter({ hasText: 'Format non pris en charge pour scan.png' })).toBeVisible();
  expect(outside, 'nothing left the browser').toEqual([]);

  // The CLI reads the very same files.
  for (const name of Object.keys(files)) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'core', 'cli', 'analyze.ts'), path.join(tmp, name)], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { signals: { id: string }[]; tender: { title?: string } };
    expect(doc.signals.map((s) => s.id), name).toContain('clause-insertion');
  }
});

pageTest('widget (buyer, strict CSP): a dropped PDF is read in the page by essor-draft.js, nothing refused', async ({ page, browser }) => {
  pageTest.setTimeout(90_000);
  const printer = await browser.newPage();
  const pdf = await makePdf(printer);
  await printer.close();
  const seen = watch(page);
  const violations = await recordCspViolations(page);
  await page.goto('/commune.csp.html');
  const w = page.locator('essor-widget');
  await ready(w);
  await w.getByRole('tab', { name: 'Vérifier un marché' }).click();
  expect(seen.requests.some((u) => u.endsWith('/essor-draft.js'))).toBe(false);
  await w.getByLabel('Vérifier un projet de DCE').setInputFiles({ name: 'projet-avis.pdf', mimeType: 'application/pdf', buffer: pdf });
  await expect(w.getByRole('heading', { name: 'Ce que le projet contient déjà' })).toBeVisible({ timeout: 60_000 });
  await expect(w.locator('section').filter({ has: page.getByRole('heading', { name: 'Ce que le projet contient déjà' }) }).locator('.essor-declared').first()).toHaveText('Clause d’insertion');
  await expect(w.getByRole('heading', { name: /À ajouter, avec une formulation à coller/ })).toBeVisible();
  await expect(w.getByRole('status').filter({ hasText: 'projet-avis.pdf' })).toContainText('caractères lus');
  expect(seen.requests.map((u) => new URL(u).pathname)).toContain('/widget/essor-draft.js');
  expect(seen.requests.filter((u) => !u.startsWith('http://127.0.0.1'))).toEqual([]);
  expect(await violations()).toEqual([]);
  expect(seen.errors).toEqual([]);
  // The host page's globals are left as they were.
  expect(await page.evaluate(() => 'pdfjsWorker' in globalThis)).toBe(false);
});
