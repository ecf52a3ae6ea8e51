// The built extension in Chromium, on the real saved portal pages served at their real URLs. The scenarios
// shared with Firefox (badge and panel on every real notice with the keyboard, role switch and "Voir dans la
// page", popup search, options repaired, context menus, side panel, privacy) are in tests/e2e/cross/ and run
// in both browsers; this file keeps what only Chromium can drive (the toolbar button through CDP) or what
// the shared scenarios do not cover.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { test, expect, realPages, readRealPage, servePortalPage, type RealPage } from './fixtures';
import { PORT } from './playwright.config';
import { clickToolbarButton, expectedBuyer, overlayStatus, serviceWorker, tabIdOf } from './extension-helpers';

// One Chromium for the file's tests, reset between them (fixtures.ts).
test.use({ sharedContext: true });

const pages = await realPages();
/** A real notice that declares social considerations and calls for levers (used where the page does not matter). */
const rich = pages.find((x) => x.file === 'boamp_20-96685.html') ?? pages[0]!;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The overlay's host, its badge and its panel (Playwright locators pierce the open shadow root). */
function overlay(page: Page) {
  const host = page.locator('essor-overlay');
  return {
    host,
    badge: host.getByRole('button', { name: /Essor/ }),
    panel: host.getByRole('dialog', { name: 'Essor' }),
  };
}

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The value next to a term of the "what Essor read" list. */
function fact(panel: Locator, term: string): Locator {
  return panel.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
}

async function openNotice(context: BrowserContext, p: RealPage): Promise<Page> {
  await servePortalPage(context, p.originalUrl, readRealPage(p.file));
  const page = await context.newPage();
  await page.goto(p.originalUrl);
  return page;
}

async function openPanel(page: Page) {
  const o = overlay(page);
  await expect(o.badge).toBeVisible();
  await o.badge.click();
  await expect(o.panel).toBeVisible();
  await expect(o.panel.locator('.essor-actions-block')).toBeVisible();
  return o;
}

test('no badge on a municipality’s "marchés publics" information page served at a portal host', async ({ context }) => {
  const url = 'https://www.boamp.fr/pages/marches-publics-ville-de-saint-exemple/';
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Marchés publics — Ville de Saint-Exemple</title></head>
  <body><header><nav><a href="/">Accueil</a> · <a href="/vie-municipale">Vie municipale</a></nav></header>
  <main><h1>Les marchés publics de la ville</h1>
  <p>La commune de Saint-Exemple achète chaque année des travaux, des fournitures et des services. Cette page explique comment nous travaillons avec les entreprises du territoire.</p>
  <h2>Où trouver nos consultations ?</h2>
  <p>Toutes nos consultations sont publiées sur notre profil d’acheteur. Créez un compte pour recevoir des alertes.</p>
  <h2>Seuils et procédures</h2>
  <p>En dessous de 40 000 € HT, nous consultons directement plusieurs entreprises. Au-delà, une publicité est faite selon le montant.</p>
  <h2>Achats responsables</h2>
  <p>La ville intègre des clauses sociales et environnementales dans ses marchés lorsque c’est possible.</p>
  <h2>Contact</h2><p>Service de la commande publique, mairie, 1 place de la République.</p></main>
  <footer><p>Mentions légales · Plan du site</p></footer></body></html>`;
  await servePortalPage(context, url, html);
  const page = await context.newPage();
  await page.goto(url);
  const sw = await serviceWorker(context);
  // The overlay script ran there and decided: not a notice.
  await expect.poll(() => overlayStatus(sw, url)).toMatchObject({ recognised: false, active: true });
  await expect(page.locator('essor-overlay')).toHaveCount(0);
});

test('no badge on a list of consultations (PLACE search results)', async ({ context }) => {
  const url = 'https://www.marches-publics.gouv.fr/?page=entreprise.EntrepriseAdvancedSearch&AllCons';
  const item = (i: number, title: string) => `<div class="item_consultation"><div id="ctl0_CONTENU_PAGE_resultSearch_tableauResultSearch_ctl${i}_panelBlocObjet"><span class="truncate-700">${title}</span></div>
    <input type="hidden" name="ctl0$CONTENU_PAGE$resultSearch$tableauResultSearch$ctl${i}$refCons" value="${620000 + i}"><input type="hidden" name="ctl0$CONTENU_PAGE$resultSearch$tableauResultSearch$ctl${i}$orgCons" value="a1b">
    <a href="/index.php?page=entreprise.EntrepriseDetailsConsultation&refConsultation=${620000 + i}&orgAcronyme=a1b">Voir la consultation</a></div>`;
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>PLACE - Recherche avancée</title></head><body><div id="main-part">
    <h1>Résultats de la recherche</h1><p>3 consultations</p>
    ${item(1, 'Nettoyage des locaux de la préfecture')}${item(2, 'Fourniture de repas pour le restaurant administratif')}${item(3, 'Entretien des espaces verts')}
    </div></body></html>`;
  await servePortalPage(context, url, html);
  const page = await context.newPage();
  await page.goto(url);
  const sw = await serviceWorker(context);
  await expect.poll(() => overlayStatus(sw, url)).toMatchObject({ recognised: false, pageKind: 'list' });
  await expect(page.locator('essor-overlay')).toHaveCount(0);
});

test('role switch, show in page, copy the summary', async ({ context }) => {
  // A notice that declares social considerations, so there is evidence to show.
  const p = rich;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(p.originalUrl).origin });
  const page = await openNotice(context, p);
  const o = await openPanel(page);

  await o.panel.getByRole('button', { name: 'Structure de l’ESS' }).click();
  await expect(o.panel.getByRole('heading', { name: 'Comment répondre' })).toBeVisible();
  await expect(o.panel.getByRole('button', { name: 'Structure de l’ESS' })).toHaveAttribute('aria-pressed', 'true');
  await o.panel.getByRole('button', { name: 'Acheteur public' }).click();
  await expect(o.panel.getByRole('heading', { name: 'Leviers ESS' })).toBeVisible();

  const show = o.panel.getByRole('button', { name: 'Voir dans la page' }).first();
  await expect(show).toBeVisible();
  const evidence = norm(await o.panel.locator('.essor-evidence').first().innerText());
  await show.click();
  const outlined = await page.evaluate(() => {
    const el = Array.from(document.body.querySelectorAll<HTMLElement>('*')).find((e) => e.style.outline.includes('3px'));
    return el ? el.textContent ?? '' : null;
  });
  expect(outlined, 'an element of the page is outlined').not.toBeNull();
  expect(norm(outlined!)).toContain(evidence.slice(0, 20));

  await o.panel.getByRole('button', { name: 'Copier le résumé' }).click();
  await expect(o.panel.getByRole('status').filter({ hasText: 'Résumé copié' })).toHaveCount(1);
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toContain('Essor — synthèse ESS de l’avis');
  expect(norm(clip)).toContain(norm(await expectedBuyer(page)));

  // Closing removes the outline: the page is left as it was.
  await page.keyboard.press('Escape');
  expect(await page.evaluate(() => Array.from(document.body.querySelectorAll<HTMLElement>('*')).some((e) => e.style.outline.includes('3px')))).toBe(false);
});

test('position, collapse and role persist across a reload', async ({ context }) => {
  const p = rich;
  const page = await openNotice(context, p);
  let o = await openPanel(page);
  await o.panel.getByRole('button', { name: 'Placer à gauche' }).click();
  await o.panel.getByRole('button', { name: 'Structure de l’ESS' }).click();
  await expect(o.panel.getByRole('heading', { name: 'Comment répondre' })).toBeVisible();
  await o.panel.getByRole('button', { name: 'Réduire' }).click();
  await expect(o.panel.getByRole('button', { name: 'Déplier' })).toHaveAttribute('aria-expanded', 'false');
  await page.reload();
  o = overlay(page);
  await expect(o.badge).toBeVisible();
  await expect(o.badge).toHaveClass(/essor-left/);
  await o.badge.click();
  await expect(o.panel).toHaveClass(/essor-left/);
  await o.panel.getByRole('button', { name: 'Déplier' }).click();
  await expect(o.panel.getByRole('heading', { name: 'Comment répondre' })).toBeVisible();
});

test('single-page navigation: re-read in the same host, never a second panel', async ({ context }) => {
  const [a, b] = [pages.find((x) => x.file === 'place_625646.html')!, pages.find((x) => x.file === 'place_623776.html')!];
  const page = await openNotice(context, a);
  const o = await openPanel(page);
  const first = norm(await fact(o.panel, 'Acheteur').innerText());
  // The next notice's body, as a portal's router would swap it in.
  const other = await context.newPage();
  await servePortalPage(context, b.originalUrl, readRealPage(b.file));
  await other.goto(b.originalUrl);
  const nextBody = await other.evaluate(() => document.body.innerHTML);
  const expected = await expectedBuyer(other);
  await other.close();
  await page.evaluate(
    ([url, html]) => {
      history.pushState({}, '', url);
      document.body.innerHTML = html;
    },
    [b.originalUrl, nextBody] as const,
  );
  await expect(page.locator('essor-overlay')).toHaveCount(1);
  await expect.poll(async () => norm((await overlay(page).host.locator('dt', { hasText: 'Acheteur' }).locator('xpath=following-sibling::dd[1]').first().textContent().catch(() => '')) ?? '')).toContain(norm(expected));
  expect(norm(expected)).not.toBe(first);
  await expect(page.locator('essor-overlay')).toHaveCount(1);
  expect(await page.evaluate(() => document.querySelectorAll('essor-overlay').length)).toBe(1);
});

test('options persist across a reload and change what the panel shows', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('radio', { name: 'English' }).check();
  await expect(options.getByRole('heading', { name: 'Essor options' })).toBeVisible();
  await options.getByRole('radio', { name: 'ESS structure' }).check();
  await options.getByLabel('Search a commune').fill('44000');
  await options.getByRole('button', { name: /^Nantes/ }).first().click();
  await expect(options.getByText(/Territory: Nantes/)).toBeVisible();
  await options.reload();
  await expect(options.getByRole('radio', { name: 'English' })).toBeChecked();
  await expect(options.getByRole('radio', { name: 'ESS structure' })).toBeChecked();
  await expect(options.getByText(/Territory: Nantes/)).toBeVisible();

  const page = await openNotice(context, rich);
  const o = overlay(page);
  await o.badge.click();
  await expect(o.panel.getByRole('heading', { name: 'How to bid' })).toBeVisible();
  await expect(o.panel.getByRole('button', { name: 'Close' })).toBeVisible();

  // Back to French from the options: the open panel follows.
  await options.getByRole('radio', { name: 'Français' }).check();
  await expect(o.panel.getByRole('button', { name: 'Fermer' })).toBeVisible();
  await options.getByRole('button', { name: 'Réinitialiser les options' }).click();
  await expect(options.getByRole('radio', { name: 'Acheteur public' })).toBeChecked();
  await expect(o.panel.getByRole('heading', { name: 'Leviers ESS' })).toBeVisible();
});

test('portals switched off in the options stay silent', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('checkbox', { name: /BOAMP/ }).uncheck();
  await expect(options.getByRole('status').filter({ hasText: 'Options enregistrées' })).toHaveCount(1);
  const p = pages.find((x) => x.file.startsWith('boamp_'))!;
  const page = await openNotice(context, p);
  const sw = await serviceWorker(context);
  await expect.poll(() => overlayStatus(sw, p.originalUrl)).toMatchObject({ active: false, recognised: false });
  await expect(page.locator('essor-overlay')).toHaveCount(0);
});

test('toolbar: on-demand analysis of a notice on a host Essor does not know', async ({ context, extensionId }) => {
  // The demo server's mirror of a BOAMP notice, at 127.0.0.1: no content script is registered there.
  const p = pages.find((x) => x.file === 'boamp_20-96685.html')!;
  const u = new URL(p.originalUrl);
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${PORT}/portail/${u.host}${u.pathname}${u.search}`);
  await expect(page.locator('h1, h2').first()).toBeVisible();
  const sw = await serviceWorker(context);
  expect(await overlayStatus(sw, page.url())).toBeUndefined();

  const popup = await clickToolbarButton(context, extensionId, page);
  await expect.poll(() => popup.evaluate(`!!Array.from(document.querySelectorAll('button')).find(b => b.textContent.includes('Analyser cette page'))`)).toBe(true);
  await popup.evaluate(`Array.from(document.querySelectorAll('button')).find(b => b.textContent.includes('Analyser cette page')).click(), true`);
  await expect.poll(() => popup.evaluate(`document.body.innerText.includes('Avis de marché reconnu')`), { timeout: 15_000 }).toBe(true);
  await popup.close();
  const o = overlay(page);
  await expect(o.badge).toBeVisible();
  await o.badge.click();
  expect(norm(await fact(o.panel, 'Acheteur').innerText())).toContain(norm(await expectedBuyer(page)));
});

test.describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
  // A fresh browser: after 'options persist…' in the shared one, the next notice sometimes showed no badge
  // even with the storage cleared (some state outlives the reset; see the report of issue 18).
  test.use({ sharedContext: false });
  for (const scheme of ['light', 'dark'] as const) {
    test(`overlay panel, popup, options and side panel (${scheme})`, async ({ context, extensionId }) => {
      const p = rich;
      const page = await openNotice(context, p);
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      const o = await openPanel(page);
      // Open a fiche too, so its content is scanned.
      await o.panel.getByRole('heading', { name: /Fiches à lire/ }).click();
      await o.panel.locator('.essor-results button.essor-link').first().click();
      const overlayScan = await new AxeBuilder({ page }).include('essor-overlay').withTags(AXE_TAGS).analyze();
      expect(overlayScan.passes.length, 'axe looked inside the shadow root').toBeGreaterThan(5);
      expect(overlayScan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      // Collapsed, the badge alone.
      await page.keyboard.press('Escape');
      const badgeScan = await new AxeBuilder({ page }).include('essor-overlay').withTags(AXE_TAGS).analyze();
      expect(badgeScan.violations.map((v) => v.id)).toEqual([]);

      const sw = await serviceWorker(context);
      const tabId = await tabIdOf(sw, p.originalUrl);
      for (const [name, path, ready] of [
        ['popup', `popup.html?tab=${tabId}`, 'Avis de marché reconnu'],
        ['options', 'options.html', 'Options d’Essor'],
        ['side panel', `sidepanel.html?tab=${tabId}`, 'Avis de marché reconnu'],
      ] as const) {
        const ext = await context.newPage();
        await ext.emulateMedia({ colorScheme: scheme });
        await ext.goto(`chrome-extension://${extensionId}/${path}`);
        await expect(ext.getByText(ready).first()).toBeVisible();
        if (name === 'popup') {
          await ext.getByRole('tab', { name: 'Rechercher' }).click();
          await ext.getByLabel('Rechercher une fiche, un levier, un thème, un acteur').fill('alimentation');
        }
        if (name === 'options') await ext.getByLabel('Rechercher une commune').fill('Nant');
        const scan = await new AxeBuilder({ page: ext }).withTags(AXE_TAGS).analyze();
        expect(scan.violations.map((v) => `${name} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        await ext.close();
      }
    });
  }
});
