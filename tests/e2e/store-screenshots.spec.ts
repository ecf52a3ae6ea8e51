// Store screenshots (1280×800), taken from the built extension and widget on the real saved pages at their real
// URLs: the panel for the buyer and for the ESS structure, the popup's search, the widget on a municipal page —
// in French and in English (each store lists screenshots per language). Written to
// dist/store/screenshots/<lang>/ (STORE_SCREENSHOTS_DIR overrides the folder); `npm run store` collects them.
// Generated on every run, never edited by hand.
import type { BrowserContext, Locator, Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, realPages, readRealPage, servePortalPage, ROOT } from './fixtures';
import { PORT } from './playwright.config';
import { expectedBuyer } from './extension-helpers';
import { fr } from '../../components/i18n/fr';
import { en } from '../../components/i18n/en';
import { pngSize } from '../../store/icons';

const OUT = path.resolve(ROOT, process.env.STORE_SCREENSHOTS_DIR ?? 'dist/store/screenshots');
const SIZE = { width: 1280, height: 800 };
const pages = await realPages();
/** A real BOAMP notice that declares social considerations: the panel has evidence and levers to show. */
const notice = pages.find((x) => x.file === 'boamp_20-96685.html') ?? pages[0]!;
const LANGS = [
  { lang: 'fr', ui: fr, query: 'clause d’insertion', widgetQuery: 'alimentation', language: 'Français' },
  { lang: 'en', ui: en, query: 'insertion clause', widgetQuery: 'alimentation', language: 'English' },
] as const;

test.describe.configure({ mode: 'serial' });

/** Saves a 1280×800 PNG of `page` and checks what was written. */
async function shoot(page: Page, lang: string, name: string) {
  fs.mkdirSync(path.join(OUT, lang), { recursive: true });
  const file = path.join(OUT, lang, name);
  const png = await page.screenshot({ path: file, animations: 'disabled' });
  expect(pngSize(png)).toEqual(SIZE);
  expect(fs.statSync(file).size).toBeGreaterThan(20_000);
}

/** Chooses the interface language in the real options page, as a user would. */
async function chooseLanguage(context: BrowserContext, extensionId: string, language: string, title: string) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('radio', { name: language }).check();
  await expect(options.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await options.close();
}

async function openNotice(page: Page) {
  await servePortalPage(page.context(), notice.originalUrl, readRealPage(notice.file));
  await page.setViewportSize(SIZE);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(notice.originalUrl);
}

async function openPanel(page: Page) {
  await openNotice(page);
  const host = page.locator('essor-overlay');
  await host.getByRole('button', { name: /Essor/ }).click();
  const panel = host.getByRole('dialog', { name: 'Essor' });
  await expect(panel).toBeVisible();
  await advised(page, panel);
  return panel;
}

/** Waits until the panel shows advice on this notice: the buyer the page names, and at least one heading. */
async function advised(page: Page, panel: Locator) {
  const buyer = await expectedBuyer(page);
  expect(buyer.length, 'the saved page names its buyer').toBeGreaterThan(3);
  await expect(panel).toContainText(buyer.split(' ').slice(0, 2).join(' '), { ignoreCase: true });
  await expect(panel.getByRole('heading', { level: 3 }).first()).toBeVisible();
}

for (const { lang, ui, query, widgetQuery, language } of LANGS) {
  test.describe(`${lang}`, () => {
    test.beforeEach(async ({ context, extensionId }) => chooseLanguage(context, extensionId, language, ui.optionsTitle));

    test(`panel for the public buyer on a real BOAMP notice (${lang})`, async ({ context }) => {
      const page = await context.newPage();
      const panel = await openPanel(page);
      await expect(panel.getByRole('button', { name: ui.roleAcheteur })).toHaveAttribute('aria-pressed', 'true');
      await shoot(page, lang, '1-panel-buyer.png');
    });

    test(`panel for an ESS structure on the same notice (${lang})`, async ({ context }) => {
      const page = await context.newPage();
      const panel = await openPanel(page);
      const role = panel.getByRole('button', { name: ui.roleStructure });
      await role.click();
      await expect(role).toHaveAttribute('aria-pressed', 'true');
      await advised(page, panel);
      await shoot(page, lang, '2-panel-structure.png');
    });

    test(`popup search over the notice it was opened on (${lang})`, async ({ context, extensionId }) => {
      // Headless Chromium draws no toolbar, so the popup's real page is shot at a popup's size and placed under
      // the toolbar corner of a shot of the notice, where the browser shows it.
      const page = await context.newPage();
      await openNotice(page);
      await expect(page.locator('essor-overlay').getByRole('button', { name: /Essor/ })).toBeVisible();
      const background = await page.screenshot();

      const popup = await context.newPage();
      await popup.setViewportSize({ width: 400, height: 640 });
      await popup.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      await popup.getByRole('tab', { name: ui.tabSearch }).click();
      await popup.getByLabel(ui.searchLabel).fill(query);
      // Lever names in the reader's language ("Social integration clause" in English).
      await expect(popup.getByRole('button').filter({ hasText: /insertion|integration/i }).first()).toBeVisible();
      const shot = await popup.screenshot();

      const composed = await context.newPage();
      await composed.setViewportSize(SIZE);
      const src = (b: Buffer) => `data:image/png;base64,${b.toString('base64')}`;
      await composed.setContent(`<!doctype html><html><body style="margin:0;width:1280px;height:800px;overflow:hidden;position:relative">
        <img src="${src(background)}" alt="" style="position:absolute;inset:0;filter:brightness(.9)">
        <img src="${src(shot)}" alt="" style="position:absolute;top:8px;right:16px;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.35)">
        </body></html>`);
      await composed.evaluate(() => Promise.all(Array.from(document.images, (i) => i.decode())));
      await shoot(composed, lang, '3-popup-search.png');
    });

    test(`widget on a municipal website (${lang})`, async ({ context }) => {
      const page = await context.newPage();
      await page.setViewportSize(SIZE);
      await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
      // The demo's municipal page (Lyon), with its widget switched to the listing's language (the fiches
      // themselves are written in French only).
      await page.goto(`http://127.0.0.1:${PORT}/commune.html`);
      const w = page.locator('essor-widget').first();
      await w.evaluate((el, l) => el.setAttribute('lang', l), lang);
      await expect(w.getByRole('tablist')).toBeVisible();
      await expect(w.getByRole('tab', { name: ui.tabSearch })).toBeVisible();
      await w.getByRole('searchbox').fill(widgetQuery);
      await expect(w.getByRole('button').filter({ hasText: new RegExp(widgetQuery, 'i') }).first()).toBeVisible();
      await shoot(page, lang, '4-widget.png');
    });
  });
}
