// The panel a buyer keeps open, on the real saved notices: at most three actions first, one count everywhere
// (overlay badge, toolbar badge, panel, copied summary), no internal word anywhere people look (panel, popup,
// side panel, widget), and a header that stays in view after "Voir dans la page".
import type { Locator, Page, Worker } from '@playwright/test';
import { expect, realPages, readRealPage, servePortalPage, test } from './fixtures';
import { serviceWorker, tabIdOf } from './extension-helpers';
import { PORT } from './playwright.config';
import { ready, realNotice } from './widget-helpers';

declare const chrome: { action: { getBadgeText(d: { tabId: number }): Promise<string>; getTitle(d: { tabId: number }): Promise<string> } };

const pages = await realPages();
const rich = pages.find((x) => x.file === 'boamp_20-96685.html') ?? pages[0]!;

// Lever and signal ids, source file names, line ranges, XML paths: our words, never shown.
const INTERNAL =
  /\b(?:reserve-(?:handicap|siae|ess)|clause-(?:insertion|environnementale)|critere-(?:social|environnemental)|label-equitable|marche-sans-publicite|achat-innovant|plan-de-progres|not-reserved)\b|\.txt\b|lignes \d+–\d+|\bBT-\d+|\bcac:|\bcbc:|Allotissement text|municipal-2026-\d|regional-2021-\d/;

async function visibleText(l: Locator): Promise<string> {
  return l.evaluate((el) => {
    const root = el as HTMLElement;
    const attrs = [...root.querySelectorAll('[title],[aria-label]')].map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`);
    return `${root.innerText} ${attrs.join(' ')}`;
  });
}

function overlay(page: Page) {
  const host = page.locator('essor-overlay');
  return { host, badge: host.locator('button.essor-badge'), panel: host.getByRole('dialog', { name: 'Essor' }) };
}

async function toolbar(sw: Worker, tabId: number) {
  return sw.evaluate(async (id) => ({ text: await chrome.action.getBadgeText({ tabId: id }), title: await chrome.action.getTitle({ tabId: id }) }), tabId);
}

test.describe('buyer panel on the real pages', () => {
  for (const p of pages) {
    test(`${p.file}: three actions at most, one count for badge, toolbar, panel and summary, no internal word`, async ({ context }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(p.originalUrl).origin });
      await servePortalPage(context, p.originalUrl, readRealPage(p.file));
      const page = await context.newPage();
      await page.goto(p.originalUrl);
      const o = overlay(page);
      await expect(o.badge).toBeVisible();
      // The badge shows the headline, not the same pill on every notice.
      await expect(o.badge).toHaveText(/^Essor · \S/);
      const badgeWord = (await o.badge.innerText()).replace(/^Essor · /, '').trim();
      const sw = await serviceWorker(context);
      const tabId = (await tabIdOf(sw, p.originalUrl))!;
      await expect.poll(async () => (await toolbar(sw, tabId)).text).toBe(badgeWord);
      const badgeName = (await o.badge.getAttribute('aria-label')) ?? '';

      await o.badge.click();
      await expect(o.panel).toBeVisible();
      const block = o.panel.locator('.essor-actions-block');
      await expect(block).toBeVisible();
      const n = await block.locator('ol.essor-actions > li').count();
      expect(n).toBeLessThanOrEqual(3);
      expect(await block.getAttribute('data-essor-actions')).toBe(String(n));
      // The headline sentence is the same in the panel, the overlay badge's name and the toolbar's title.
      const title = (await block.locator(':scope > p.essor-muted').first().innerText()).trim();
      expect(badgeName).toContain(title);
      expect((await toolbar(sw, tabId)).title).toContain(title);
      if (n) expect(title).toMatch(new RegExp(`\\b${n} actions?\\b`));
      // Each action is one line with its strength; its "how" is folded.
      for (const li of await block.locator('ol.essor-actions > li').all()) {
        await expect(li.locator('.essor-tag').first()).toHaveText(/^(fort|possible|faible)$/);
        await expect(li.locator('details')).not.toHaveAttribute('open', '');
      }

      await o.panel.getByRole('button', { name: 'Copier le résumé' }).click();
      // Visible feedback, for everyone.
      await expect(o.panel.locator('.essor-status').filter({ hasText: 'Résumé copié' })).toBeVisible();
      const clip = await page.evaluate(() => navigator.clipboard.readText());
      expect(clip.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(n);
      expect(clip).toContain(title);
      expect(clip).not.toMatch(INTERNAL);

      const text = await visibleText(o.panel);
      expect(text, 'internal words in the panel').not.toMatch(INTERNAL);
    });
  }
});

test('the header stays in view after "Voir dans la page"; header pictograms offer no such button', async ({ context }) => {
  await servePortalPage(context, rich.originalUrl, readRealPage(rich.file));
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto(rich.originalUrl);
  const o = overlay(page);
  await o.badge.click();
  await expect(o.panel).toBeVisible();
  const heading = o.panel.getByRole('heading', { name: 'Essor', level: 2 });
  // Signals read from the header pictograms are not in the page's text: no button for them.
  for (const li of await o.panel.locator('li:has(> .essor-declared)').all()) {
    if ((await li.innerText()).includes('pictogramme')) await expect(li.getByRole('button', { name: 'Voir dans la page' })).toHaveCount(0);
  }
  const shows = o.panel.getByRole('button', { name: 'Voir dans la page' });
  // The buttons come with the page's own reading, which may land after the panel first shows.
  await expect(shows.first()).toBeVisible();
  for (const show of await shows.all()) {
    await show.scrollIntoViewIfNeeded();
    await show.click();
    await expect(heading).toBeInViewport();
    const box = await o.panel.boundingBox();
    const h = await heading.boundingBox();
    expect(h!.y).toBeGreaterThanOrEqual(box!.y - 1);
    // The panel itself never scrolls: only its body does.
    expect(await o.panel.evaluate((el) => el.scrollTop)).toBe(0);
  }
});

test('no internal word in the popup search, the side panel and the widget', async ({ context, extensionId }) => {
  // Popup: searches for a kind of structure and a lever.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('tab', { name: 'Rechercher' }).click();
  for (const q of ['ESAT', 'clause insertion', 'restauration collective']) {
    await popup.getByLabel('Rechercher une fiche, un levier, un thème, un acteur').fill(q);
    await expect(popup.locator('.essor-results li').first()).toBeVisible();
    expect(await visibleText(popup.locator('body')), q).not.toMatch(INTERNAL);
  }
  // A fiche opened in full: its source is the kit and its number, not our file and line numbers.
  await popup.getByLabel('Rechercher une fiche, un levier, un thème, un acteur').fill('Commande publique responsable');
  await popup.getByRole('button', { name: 'Commande publique responsable', exact: true }).first().click();
  await expect(popup.getByRole('heading', { name: 'Commande publique responsable', level: 3 })).toBeVisible();
  await expect(popup.getByText(/^Source : Kit /)).toBeVisible();
  expect(await visibleText(popup.locator('body'))).not.toMatch(INTERNAL);

  // Side panel on a real notice's tab.
  await servePortalPage(context, rich.originalUrl, readRealPage(rich.file));
  const page = await context.newPage();
  await page.goto(rich.originalUrl);
  await expect(overlay(page).badge).toBeVisible();
  const sw = await serviceWorker(context);
  const tabId = await tabIdOf(sw, rich.originalUrl);
  const side = await context.newPage();
  await side.goto(`chrome-extension://${extensionId}/sidepanel.html?tab=${tabId}`);
  await expect(side.locator('.essor-actions-block')).toBeVisible();
  // Unfold everything folded, fiches included, then read it all.
  for (const s of await side.locator('details > summary').all()) await s.click();
  const firstFiche = side.locator('.essor-fold .essor-results > li > button').first();
  if (await firstFiche.count()) await firstFiche.click();
  expect(await visibleText(side.locator('body'))).not.toMatch(INTERNAL);

  // Widget, buyer mode, a real notice pasted.
  const w = await context.newPage();
  await w.goto(`http://127.0.0.1:${PORT}/deux-widgets.html`);
  const widget = w.locator('#nantes');
  await ready(widget);
  await widget.getByRole('tab', { name: 'Vérifier un marché' }).click();
  await widget.getByRole('textbox', { name: /Collez l’objet ou le texte/ }).fill(realNotice('boamp-20-96685').text);
  await widget.getByRole('button', { name: 'Analyser' }).click();
  await expect(widget.locator('.essor-actions-block')).toBeVisible();
  for (const s of await widget.locator('details > summary').all()) await s.click();
  expect(await visibleText(widget.locator('.essor-root'))).not.toMatch(INTERNAL);
});
