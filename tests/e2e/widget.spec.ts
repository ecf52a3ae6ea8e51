// The widget bundle, served by the demo server, on host pages: both embedding forms, several widgets,
// double inclusion, the JS API, the configurator, deep links, and what it must never do (requests,
// cookies, storage, exceptions).
import { expect, test } from '@playwright/test';
import { hostPage, ready, rootInfo, shell, watch } from './widget-helpers';

test('the widget renders in a shadow root on the municipal demo page', async ({ page, context, baseURL }) => {
  const seen = watch(page);
  await page.goto('/commune.html');
  await expect(page.locator('essor-widget').first()).toBeVisible();
  const hasShadow = await page.evaluate(() => !!document.querySelector('essor-widget')?.shadowRoot?.querySelector('.essor-root'));
  expect(hasShadow).toBe(true);
  const w = page.locator('essor-widget');
  await ready(w);
  await expect(w.getByRole('heading', { level: 2 })).toHaveText('L’économie sociale et solidaire sur votre territoire');
  await expect(w.getByText('Territoire : Lyon · Rhône (69) · Auvergne-Rhône-Alpes')).toBeVisible();
  expect(await rootInfo(w)).toEqual({ count: 1, lang: 'fr', open: true });
  // The host's typeface (commune.css: Georgia) reaches inside the shadow root.
  expect(await w.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('.essor-root')!).fontFamily)).toMatch(/^Georgia/);

  // Search, open a fiche, come back.
  await w.getByRole('searchbox').fill('coopérative intérêt collectif');
  await w.getByRole('button', { name: /Sociétés Coopératives d'Intérêt Collectif/i }).first().click();
  await expect(w.getByRole('heading', { level: 3, name: /Sociétés Coopératives d'Intérêt Collectif/i })).toBeVisible();
  await expect(w.getByRole('heading', { name: 'En bref' })).toBeVisible();
  await expect(w.getByRole('link', { name: 'Lien direct vers cette fiche' })).toHaveAttribute('href', /^#essor-fiche=municipal-2026-10$/);
  await w.getByRole('button', { name: /Retour/ }).click();
  await expect(w.getByRole('searchbox')).toHaveValue('coopérative intérêt collectif');

  // Privacy: only its own files, from the page's origin; no cookie, no storage.
  const origin = new URL(baseURL!).origin;
  const own = seen.requests.filter((u) => !u.endsWith('/favicon.ico'));
  expect(own.every((u) => u.startsWith(origin))).toBe(true);
  expect(own.map((u) => new URL(u).pathname).sort()).toEqual(['/commune.css', '/commune.html', '/widget/communes/69.js', '/widget/essor-data.js', '/widget/essor-widget.js', '/widget/fiches/municipal-2026-10.js']);
  expect(await context.cookies()).toEqual([]);
  const storage = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    caches: 'caches' in window ? (await caches.keys()).length : 0,
    cookie: document.cookie,
  }));
  expect(storage).toEqual({ local: 0, session: 0, idb: 0, caches: 0, cookie: '' });
  expect(seen.errors).toEqual([]);
  expect(seen.warnings.filter((m) => m.includes('[essor]'))).toEqual([]);
});

test('data- attribute form and two independent widgets on one page', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/deux-widgets.html');
  const nantes = page.locator('#nantes');
  const metro = page.locator('#metropole');
  await ready(nantes);
  await ready(metro);
  await expect(nantes.getByText('Territoire : Nantes · Loire-Atlantique (44) · Pays de la Loire')).toBeVisible();
  await expect(metro.getByText('Territory: Métropole de Lyon · Rhône (69) · Auvergne-Rhône-Alpes')).toBeVisible();
  expect(await rootInfo(metro)).toEqual({ count: 1, lang: 'en', open: true });
  await expect(nantes.getByRole('tab')).toHaveText(['Rechercher', 'Parcourir par thème', 'Acteurs du territoire', 'Vérifier un marché']);
  await expect(metro.getByRole('tab')).toHaveText(['Search', 'Browse by theme', 'Local actors']);

  // Independent state: a search in one leaves the other alone.
  await nantes.getByRole('searchbox').fill('monnaie locale');
  await metro.getByRole('tab', { name: 'Local actors' }).click();
  await expect(metro.getByRole('heading', { name: 'The CRESS of your region' })).toBeVisible();
  await expect(metro.getByText('CRESS Auvergne-Rhône-Alpes')).toBeVisible();
  await expect(nantes.getByRole('searchbox')).toHaveValue('monnaie locale');
  await expect(nantes.getByRole('tab', { name: 'Rechercher' })).toHaveAttribute('aria-selected', 'true');

  // The shared data file is fetched once for both widgets.
  const paths = seen.requests.map((u) => new URL(u).pathname);
  expect(paths.filter((p) => p === '/widget/essor-data.js')).toHaveLength(1);
  expect(paths).toContain('/widget/epci.js');
  expect(paths).not.toContain('/widget/essor-check.js');
  expect(seen.errors).toEqual([]);
});

test('including the script twice mounts each widget once', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/double-inclusion.html');
  const a = page.locator('essor-widget');
  const b = page.locator('[data-essor]');
  await ready(a);
  await ready(b);
  expect(await rootInfo(a)).toEqual({ count: 1, lang: 'fr', open: true });
  expect(await rootInfo(b)).toEqual({ count: 1, lang: 'fr', open: true });
  const paths = seen.requests.map((u) => new URL(u).pathname);
  // The same URL twice may be fetched once; the ?v=2 copy is a second fetch and a second execution.
  expect(seen.requests.filter((u) => u.endsWith('/widget/essor-widget.js?v=2'))).toHaveLength(1);
  expect(paths.filter((p) => p === '/widget/essor-data.js')).toHaveLength(1);
  expect(await page.evaluate(() => typeof (window as unknown as { Essor?: { version?: string } }).Essor?.version)).toBe('string');
  await expect(a.getByRole('tablist')).toHaveCount(1);
  expect(seen.errors).toEqual([]);
  expect(seen.warnings).toEqual([]);
});

test('JS API: Essor.mount, the open-fiche event, Essor.unmount', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/dynamique.html');
  await page.getByRole('button', { name: 'Monter (Bordeaux, acheteur)' }).click();
  const slot = page.locator('#slot');
  await ready(slot);
  await expect(slot.getByText('Territoire : Bordeaux · Gironde (33) · Nouvelle-Aquitaine')).toBeVisible();
  await slot.getByRole('tab', { name: 'Parcourir par thème' }).click();
  await slot.getByRole('button', { name: /Commande publique responsable/ }).first().click();
  await expect(page.locator('#log li')).toHaveCount(1);
  await expect(page.locator('#log li')).toHaveText(/^(municipal-2026-8|regional-2021-11) — Commande publique responsable$/);
  await page.getByRole('button', { name: 'Démonter' }).click();
  await expect(slot.getByRole('tablist')).toHaveCount(0);
  expect(await rootInfo(slot)).toMatchObject({ count: 0 });
  // Bad calls never throw into the page.
  const results = await page.evaluate(() => {
    const E = (window as unknown as { Essor: { mount(e: unknown, o?: unknown): unknown; unmount(e: unknown): boolean } }).Essor;
    return [E.mount(null), E.mount('div'), E.unmount(document.body), typeof E.mount(document.getElementById('slot'), { themes: 42, territoire: {}, mode: ['x'] })];
  });
  expect(results).toEqual([undefined, undefined, false, 'object']);
  expect(seen.errors).toEqual([]);
  expect(seen.warnings.every((m) => m.startsWith('[essor]'))).toBe(true);
});

test('configurator: pick a commune, a mode and themes, see the live widget, copy a snippet that works', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const seen = watch(page);
  await page.goto('/configurateur.html');
  const preview = page.locator('#preview');
  await ready(preview);
  await page.getByLabel('Département').selectOption('33');
  await expect(page.getByLabel('Commune')).toContainText('Bordeaux');
  await page.getByLabel('Commune').selectOption({ label: 'Bordeaux' });
  await page.getByLabel('Acheteurs publics (acheteur)').check();
  await page.getByLabel('Agriculture et alimentation durables').check();
  await page.getByLabel('Mobilité durable').check();
  const snippet = page.locator('#snippet');
  await expect(snippet).toContainText('<essor-widget territoire="33063" mode="acheteur" themes="alimentation,mobilite" lang="fr"></essor-widget>');
  await expect(snippet).toContainText(`<script src="${baseURL}/widget/essor-widget.js" defer></script>`);
  await expect(preview.getByText('Territoire : Bordeaux · Gironde (33) · Nouvelle-Aquitaine')).toBeVisible();
  await expect(preview.getByRole('tab', { name: 'Vérifier un marché' })).toBeVisible();
  await page.getByRole('button', { name: 'Copier la balise' }).click();
  await expect(page.getByText('Balise copiée.')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await snippet.textContent());
  expect(seen.errors).toEqual([]);

  // The copied snippet, pasted as is into another page, gives the same widget.
  await hostPage(page, '/colle.html', `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Collé</title></head><body><main><h1>Collé</h1>${copied}</main></body></html>`);
  await page.goto('/colle.html');
  const pasted = page.locator('essor-widget');
  await ready(pasted);
  await expect(pasted.getByText('Territoire : Bordeaux · Gironde (33) · Nouvelle-Aquitaine')).toBeVisible();
  await expect(pasted.getByRole('tab')).toHaveCount(4);
});

test('a #essor-fiche= link opens the fiche in the widget', async ({ page }) => {
  await page.goto('/commune.html#essor-fiche=municipal-2026-9');
  const w = page.locator('essor-widget');
  await expect(w.getByRole('heading', { level: 3, name: /Agriculture et alimentation durables/ })).toBeVisible();
  await w.getByRole('button', { name: /Retour/ }).click();
  await page.evaluate(() => (location.hash = '#essor-fiche=municipal-2026-14'));
  await expect(w.getByRole('heading', { level: 3, name: /foncier/i })).toBeVisible();
});

test('the region, département and EPCI forms of territoire', async ({ page }) => {
  await hostPage(page, '/territoires.html', shell('<essor-widget id="r" territoire="reg:53"></essor-widget><essor-widget id="d" territoire="2B" lang="en"></essor-widget><essor-widget id="e" territoire="244400404"></essor-widget>'));
  await page.goto('/territoires.html');
  await expect(page.locator('#r').getByText('Territoire : Bretagne', { exact: true })).toBeVisible();
  await expect(page.locator('#d').getByText('Territory: Haute-Corse · Corse')).toBeVisible();
  await expect(page.locator('#e').getByText('Territoire : Nantes Métropole · Loire-Atlantique (44) · Pays de la Loire')).toBeVisible();
  await page.locator('#r').getByRole('tab', { name: 'Acteurs du territoire' }).click();
  await expect(page.locator('#r').getByText('CRESS Bretagne')).toBeVisible();
});
