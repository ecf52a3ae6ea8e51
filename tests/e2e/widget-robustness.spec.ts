// Bad configuration, a hostile host page and injected text: the widget says what is wrong, keeps to itself,
// and never throws into the page.
import { expect, test } from '@playwright/test';
import { ready, watch } from './widget-helpers';

test('bad configuration: a clear message in each widget, one [essor] warning each, the page keeps working', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/mauvaise-config.html');
  const territory = page.locator('#bad-territory');
  const themeMode = page.locator('#bad-theme-mode');
  const format = page.locator('#bad-format');
  await expect(territory.getByText('Configuration du widget Essor : territoire « 69999 » inconnu', { exact: false })).toBeVisible();
  await expect(themeMode.getByText('mode « maire » inconnu', { exact: false })).toBeVisible();
  await expect(themeMode.getByText('thème « velo » inconnu', { exact: false })).toBeVisible();
  await expect(format.getByText('territoire « Lyon » inconnu', { exact: false })).toBeVisible();
  await expect(format.getByText('langue « de » inconnue', { exact: false })).toBeVisible();
  // Each still works with what was valid: national view, citoyen mode, known theme.
  await ready(territory);
  await ready(themeMode);
  await expect(themeMode.getByText('Territoire : Lyon · Rhône (69) · Auvergne-Rhône-Alpes')).toBeVisible();
  await expect(themeMode.getByRole('tab')).toHaveCount(3);
  await territory.getByRole('tab', { name: 'Acteurs du territoire' }).click();
  await expect(territory.getByText('Vue nationale : aucun territoire choisi.')).toBeVisible();

  const essor = seen.warnings.filter((m) => m.includes('essor'));
  expect(essor).toHaveLength(3);
  expect(essor.every((m) => m.startsWith('[essor] '))).toBe(true);
  expect(seen.errors).toEqual([]);
  await page.getByRole('button', { name: 'Bouton de la page' }).click();
  await page.getByRole('button', { name: 'Bouton de la page' }).click();
  await expect(page.locator('#host-output')).toHaveText('2');
});

test('hostile page: reset CSS, replaced built-ins and our class names do not break the widget', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/hostile.html');
  const w1 = page.locator('#w1');
  const w2 = page.locator('#w2');
  await ready(w1);
  await ready(w2);
  await expect(w2.getByText('Territoire : Ajaccio · Corse-du-Sud (2A) · Corse')).toBeVisible();
  expect(await w1.evaluate((el) => getComputedStyle(el).display)).toBe('block');
  // Usable: search, open, tabs.
  await w1.getByRole('searchbox').fill('clause insertion');
  await w1.getByRole('button', { name: /Clause sociale d'insertion/ }).first().click();
  await expect(w1.getByRole('heading', { level: 3, name: /Clause sociale d'insertion/ })).toBeVisible();
  await w2.getByRole('tab', { name: 'Acteurs du territoire' }).click();
  await expect(w2.getByText('CRESS Corse')).toBeVisible();
  const hostile = await page.evaluate(() => (window as unknown as { __hostile: { fetchCalls: number; jsonParseCalls: number } }).__hostile);
  expect(hostile).toEqual({ fetchCalls: 0, jsonParseCalls: 0 });
  // The page's own element with our class names is left to the page (hidden by its own CSS), ours is shown.
  await expect(page.locator('main > div.essor-root')).toBeHidden();
  expect(seen.errors).toEqual([]);
});

test('injection: a pasted notice with markup renders as text and runs nothing', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/deux-widgets.html');
  const w = page.locator('#nantes');
  await ready(w);
  await w.getByRole('tab', { name: 'Vérifier un marché' }).click();
  const evil =
    'Avis de marché : <img src=x onerror=window.__pwned=1> entretien des espaces verts <script>window.__pwned=1</script> ' +
    '<svg onload=window.__pwned=1></svg> "><iframe src=javascript:window.__pwned=1></iframe> clause d\'insertion sociale, marché réservé aux SIAE.';
  await w.getByRole('textbox', { name: /Collez l’objet ou le texte/ }).fill(evil);
  await w.getByRole('button', { name: 'Analyser' }).click();
  await expect(w.getByRole('heading', { name: 'Conseils pour ce texte' })).toBeVisible();
  await expect(w.getByRole('textbox', { name: /Collez l’objet ou le texte/ })).toHaveValue(evil);
  const found = await w.evaluate((el) => el.shadowRoot!.querySelectorAll('img, script, svg, iframe').length);
  expect(found).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(seen.requests.some((u) => u.endsWith('/x') || u.startsWith('javascript'))).toBe(false);
  expect(seen.errors).toEqual([]);
});
