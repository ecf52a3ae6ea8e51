// The widget's structure mode: an ESS structure sets its kind, trades and territory in the page (nothing stored,
// nothing sent) and the tender check answers "does this fit us?" with core/fit, on real published notices, in
// French and English, axe-clean. The real widget bundle on the demo server's host pages.
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { hostPage, ready, realNotice, shell, watch } from './widget-helpers';

// Every trade of the knowledge base is offered (data/sectors.json is the list).
const SECTORS = (JSON.parse(readFileSync(new URL('../../data/sectors.json', import.meta.url), 'utf8')) as unknown[]).length;

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function axe(page: Page, state: string) {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(r.violations.map((v) => `${state}: ${v.id} ${v.nodes[0]?.target.join(' ')} ${v.nodes[0]?.failureSummary ?? ''}`)).toEqual([]);
}

/** What the page kept: the widget must keep nothing (no cookie, no web storage). */
const kept = (page: Page) => page.evaluate(() => ({ cookie: document.cookie, local: localStorage.length, session: sessionStorage.length }));

// The saved notices are from 2020: the page's clock is set to before their deadlines (else "deadline passed").
test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(new Date('2020-09-01T08:00:00Z'));
});

test('structure mode: the profile in the page, then "does this fit us?" on real notices', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/double-inclusion.html');
  const w = page.locator('essor-widget');
  await ready(w);
  await w.getByRole('tab', { name: 'Vérifier un marché' }).click();
  await expect(w.getByText('Gardé dans cette page seulement')).toBeVisible();
  // The widget's own commune (Marseille) is where the profile starts.
  await expect(w.getByRole('button', { name: 'Retirer Marseille' })).toBeVisible();
  await axe(page, 'profile form');

  // Kind, a trade found by searching the list, a département found by name; Marseille removed.
  await w.getByLabel('Type de structure', { exact: true }).selectOption('esat');
  const trades = w.getByRole('group', { name: 'Mes métiers' });
  await trades.getByRole('searchbox', { name: 'Filtrer les métiers' }).fill('propre');
  await expect(trades.getByRole('checkbox')).toHaveCount(1);
  await trades.getByRole('checkbox', { name: 'Propreté et nettoyage' }).check();
  await expect(trades.getByText('1 métier(s) choisi(s)')).toBeVisible();
  await trades.getByRole('searchbox', { name: 'Filtrer les métiers' }).fill('');
  await expect(trades.getByRole('checkbox')).toHaveCount(SECTORS);
  const where = w.getByRole('group', { name: 'Où nous intervenons' });
  await where.getByRole('searchbox', { name: 'Ajouter une commune, son département ou sa région' }).fill('seine-mar');
  await where.getByRole('button', { name: 'Département : Seine-Maritime (76)' }).click();
  await where.getByRole('button', { name: 'Retirer Marseille' }).click();
  await expect(where.getByRole('button', { name: 'Retirer Seine-Maritime (76)' })).toBeVisible();

  // A contract reserved for ESAT and EA (box III.1.5), read for an ESAT of Seine-Maritime.
  await w.getByRole('textbox', { name: /Collez l’objet ou le texte/ }).fill(realNotice('boamp-20-102039').text);
  await w.getByRole('button', { name: 'Analyser' }).click();
  const fit = w.locator('[data-essor-fit]');
  await expect(fit.getByRole('heading', { level: 3 })).toHaveText('À saisir Réservé à votre type de structure');
  await expect(fit).toContainText('L2113-12');
  await expect(fit).toHaveAttribute('data-essor-fit', 'yes');
  await axe(page, 'fit shown');

  // A contract above the size it can take (500 000 € HT): worth a look, with a joint bid.
  await w.getByLabel('Montant maximal d’un marché que vous pouvez prendre (€ HT, facultatif)').fill('200 000');
  await w.getByLabel('Montant maximal d’un marché que vous pouvez prendre (€ HT, facultatif)').press('Tab');
  await expect(fit).toHaveAttribute('data-essor-fit', 'maybe');
  await expect(fit).toContainText('au-delà de votre capacité');
  await w.getByLabel('Montant maximal d’un marché que vous pouvez prendre (€ HT, facultatif)').fill('');
  await w.getByLabel('Montant maximal d’un marché que vous pouvez prendre (€ HT, facultatif)').press('Tab');
  await expect(fit).toHaveAttribute('data-essor-fit', 'yes');

  // The answer follows the profile at once. An insertion workshop: the European box names "handicapées ou
  // défavorisées" together, so the consultation rules must say whether SIAE are meant. A SCOP: not for it.
  await w.getByLabel('Type de structure', { exact: true }).selectOption('aci');
  await expect(fit.getByRole('heading', { level: 3 })).toHaveText('À regarder Marché réservé : vérifiez si les SIAE sont visées');
  await w.getByLabel('Type de structure', { exact: true }).selectOption('scop');
  await expect(fit.getByRole('heading', { level: 3 })).toHaveText('Pas pour vous Réservé aux ESAT et entreprises adaptées : pas ouvert à votre structure');
  await expect(fit).toHaveAttribute('data-essor-fit', 'no');
  await w.getByLabel('Type de structure', { exact: true }).selectOption('aci');

  // An insertion workshop on a notice whose object is insertion itself: the natural lead bidder.
  await trades.getByRole('checkbox', { name: 'Espaces verts, espaces naturels et cimetières' }).check();
  await w.getByRole('textbox', { name: /Collez l’objet ou le texte/ }).fill(realNotice('boamp-20-96685').text);
  await w.getByRole('button', { name: 'Analyser' }).click();
  await expect(fit.getByRole('heading', { level: 3 })).toHaveText(/L’insertion est l’objet du marché : candidatez en titulaire$/);
  await expect(fit).not.toContainText('proposez vos heures');

  // No kind, no answer: the check is the plain advice again.
  await w.getByLabel('Type de structure', { exact: true }).selectOption('');
  await expect(fit).toHaveCount(0);
  await expect(w.getByText('Choisissez votre type de structure')).toBeVisible();

  // Kept in the page only: no cookie, no storage, nothing but the widget's own files asked.
  expect(await kept(page)).toEqual({ cookie: '', local: 0, session: 0 });
  expect(seen.requests.every((u) => new URL(u).origin === new URL(page.url()).origin)).toBe(true);
  expect(seen.errors).toEqual([]);

  // Gone with the page.
  await page.reload();
  await ready(w);
  await w.getByRole('tab', { name: 'Vérifier un marché' }).click();
  await expect(w.getByLabel('Type de structure', { exact: true })).toHaveValue('');
});

test('structure mode in English: the profile and the fit', async ({ page }) => {
  const seen = watch(page);
  await hostPage(page, '/structure-en.html', shell('<essor-widget territoire="76" mode="structure" lang="en"></essor-widget>'));
  await page.goto('/structure-en.html');
  const w = page.locator('essor-widget');
  await ready(w);
  await w.getByRole('tab', { name: 'Check a tender' }).click();
  await expect(w.getByText('Kept in this page only')).toBeVisible();
  await expect(w.getByRole('button', { name: 'Remove Seine-Maritime (76)' })).toBeVisible();
  await w.getByLabel('Kind of structure', { exact: true }).selectOption('esat');
  await w.getByRole('textbox', { name: /Paste/ }).fill(realNotice('boamp-20-102039').text);
  await w.getByRole('button', { name: 'Analyse' }).click();
  const fit = w.locator('[data-essor-fit]');
  await expect(fit.getByRole('heading', { level: 3 })).toHaveText(/Reserved for your kind of structure$/);
  await expect(fit).not.toContainText('Réservé');
  await axe(page, 'fit in English');
  expect(seen.errors).toEqual([]);
});
