// Store screenshots (1280×800), taken from the built extension and widget on the real saved pages at their real
// URLs: the panel for the buyer and for the ESS structure, the popup's search, the widget on the municipal demo
// page. Written to dist/store/screenshots/ (STORE_SCREENSHOTS_DIR overrides); `npm run store` collects them.
// Generated on every run, never edited by hand.
import type { Locator, Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, realPages, readRealPage, servePortalPage, ROOT } from './fixtures';
import { PORT } from './playwright.config';
import { expectedBuyer } from './extension-helpers';
import { pngSize } from '../../store/icons';

const OUT = path.resolve(ROOT, process.env.STORE_SCREENSHOTS_DIR ?? 'dist/store/screenshots');
const SIZE = { width: 1280, height: 800 };
const pages = await realPages();
/** A real BOAMP notice that declares social considerations: the panel has evidence and levers to show. */
const notice = pages.find((x) => x.file === 'boamp_20-96685.html') ?? pages[0]!;

test.describe.configure({ mode: 'serial' });
test.beforeAll(() => fs.mkdirSync(OUT, { recursive: true }));

/** Saves a 1280×800 PNG of `page` and checks what was written. */
async function shoot(page: Page, name: string) {
  const file = path.join(OUT, name);
  const png = await page.screenshot({ path: file, animations: 'disabled' });
  expect(pngSize(png)).toEqual(SIZE);
  expect(fs.statSync(file).size).toBeGreaterThan(20_000);
}

async function openPanel(page: Page) {
  await servePortalPage(page.context(), notice.originalUrl, readRealPage(notice.file));
  await page.setViewportSize(SIZE);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(notice.originalUrl);
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

test('panel for the public buyer on a real BOAMP notice', async ({ context }) => {
  const page = await context.newPage();
  const panel = await openPanel(page);
  await expect(panel.getByRole('button', { name: 'Acheteur public' })).toHaveAttribute('aria-pressed', 'true');
  await shoot(page, '1-panneau-acheteur.png');
});

test('panel for an ESS structure on the same notice', async ({ context }) => {
  const page = await context.newPage();
  const panel = await openPanel(page);
  const role = panel.getByRole('button', { name: 'Structure de l’ESS' });
  await role.click();
  await expect(role).toHaveAttribute('aria-pressed', 'true');
  await advised(page, panel);
  await shoot(page, '2-panneau-structure.png');
});

test('popup search over the notice it was opened on', async ({ context, extensionId }) => {
  // The toolbar popup cannot be photographed in place (headless Chromium draws no toolbar), so its real page is
  // shot at a popup's size and placed under the toolbar corner of a shot of the notice, as the browser shows it.
  const page = await context.newPage();
  await servePortalPage(context, notice.originalUrl, readRealPage(notice.file));
  await page.setViewportSize(SIZE);
  await page.goto(notice.originalUrl);
  await expect(page.locator('essor-overlay').getByRole('button', { name: /Essor/ })).toBeVisible();
  const background = await page.screenshot();

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 640 });
  await popup.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('tab', { name: 'Rechercher' }).click();
  await popup.getByLabel('Rechercher une fiche, un levier, un thème, un acteur').fill('clause d’insertion');
  await expect(popup.getByRole('button').filter({ hasText: /insertion/i }).first()).toBeVisible();
  const shot = await popup.screenshot();

  const composed = await context.newPage();
  await composed.setViewportSize(SIZE);
  const b64 = (b: Buffer) => `data:image/png;base64,${b.toString('base64')}`;
  await composed.setContent(`<!doctype html><html><body style="margin:0;width:1280px;height:800px;overflow:hidden;position:relative">
    <img src="${b64(background)}" alt="" style="position:absolute;inset:0;filter:brightness(.9)">
    <img src="${b64(shot)}" alt="" style="position:absolute;top:8px;right:16px;border-radius:8px;box-shadow:0 6px 24px rgba(0,0,0,.35)">
    </body></html>`);
  await composed.evaluate(() => Promise.all(Array.from(document.images, (i) => i.decode())));
  await shoot(composed, '3-recherche-popup.png');
});

test('widget on a municipal website', async ({ context }) => {
  const page = await context.newPage();
  await page.setViewportSize(SIZE);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(`http://127.0.0.1:${PORT}/commune.html`);
  const w = page.locator('essor-widget').first();
  await expect(w.getByRole('tablist')).toBeVisible();
  await w.getByRole('searchbox').fill('alimentation');
  await expect(w.getByRole('button').filter({ hasText: /alimentation/i }).first()).toBeVisible();
  await shoot(page, '4-widget-commune.png');
});
