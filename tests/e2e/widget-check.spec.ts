// "Check a tender": a real published notice pasted into the widget, read and advised on, for a buyer and
// for an ESS structure.
import { expect, test } from '@playwright/test';
import { ready, realNotice, watch } from './widget-helpers';

test('a buyer pastes a real BOAMP notice and gets the ESS levers, the local actors and links', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/deux-widgets.html');
  const w = page.locator('#nantes');
  await ready(w);
  expect(seen.requests.some((u) => u.endsWith('/widget/essor-check.js'))).toBe(false);
  await w.getByRole('tab', { name: 'Vérifier un marché' }).click();
  const notice = realNotice('boamp-20-96685');
  await w.getByRole('textbox', { name: /Collez l’objet ou le texte/ }).fill(notice.text);
  await w.getByRole('button', { name: 'Analyser' }).click();
  await expect(w.getByRole('heading', { name: 'Conseils pour ce texte' })).toBeVisible();

  // What was read, from the notice itself.
  await expect(w.getByText(notice.title, { exact: true })).toBeVisible();
  await expect(w.getByText('Communauté Communes Pévèle Carembault')).toBeVisible();
  // What it declares, with its words, and the ladder's step.
  await expect(w.getByRole('heading', { name: 'Ce que l’avis déclare déjà' })).toBeVisible();
  await expect(w.locator('.essor-declared').first()).toHaveText('Clause d’insertion');
  // No internal id beside it (issue 17).
  await expect(w.locator('.essor-declared').first()).not.toHaveAttribute('title', /.+/);
  // The headline of the advice beside the first block's title (issue 17: no rung sentence repeated).
  await expect(w.locator('.essor-headline')).not.toBeEmpty();
  await expect(w.getByText("Marché réservé aux structures d'insertion (SIAE)", { exact: true })).toBeVisible();
  // For a buyer: ready-to-adapt wording, no role switch.
  await expect(w.getByRole('button', { name: 'Acheteur public' })).toHaveCount(0);
  // Actors where the notice's buyer is (Nord, Hauts-de-France), links out.
  await expect(w.getByRole('heading', { name: 'Acteurs à solliciter' })).toBeVisible();
  // Actors and fiches are folded: one click unfolds them.
  await w.getByRole('heading', { name: 'Acteurs à solliciter' }).click();
  await expect(w.getByRole('listitem').filter({ hasText: 'CRESS Hauts-de-France' })).toBeVisible();
  await expect(w.getByRole('link', { name: /Marché de l’inclusion/ }).first()).toHaveAttribute('href', /^https:\/\/lemarche\.inclusion\.gouv\.fr\//);
  // A fiche unfolds in place, with its body.
  await w.getByRole('heading', { name: 'Fiches à lire' }).click();
  await w.getByRole('button', { name: 'Commande publique responsable' }).first().click();
  await expect(w.getByRole('heading', { level: 5, name: 'Cadre juridique' }).first()).toBeVisible();
  expect(seen.requests.some((u) => u.endsWith('/widget/essor-check.js'))).toBe(true);
  expect(seen.errors).toEqual([]);
});

test('an ESS structure gets "can I bid?" on the same notice', async ({ page }) => {
  await page.goto('/double-inclusion.html');
  const w = page.locator('essor-widget');
  await ready(w);
  await w.getByRole('tab', { name: 'Vérifier un marché' }).click();
  await w.getByRole('textbox', { name: /Collez l’objet ou le texte/ }).fill(realNotice('boamp-20-96685').text);
  await w.getByRole('textbox', { name: 'Codes CPV (facultatif)' }).fill('80530000');
  await w.getByRole('button', { name: 'Analyser' }).click();
  await expect(w.getByRole('heading', { name: 'Puis-je répondre ?' })).toBeVisible();
  await expect(w.getByRole('heading', { name: 'Comment répondre' })).toBeVisible();
  await w.getByRole('heading', { name: 'Acteurs à solliciter' }).click();
  await expect(w.getByRole('listitem').filter({ hasText: 'CRESS Hauts-de-France' })).toBeVisible();
  await w.getByRole('button', { name: 'Effacer' }).click();
  await expect(w.getByRole('heading', { name: 'Conseils pour ce texte' })).toHaveCount(0);
  await expect(w.getByRole('textbox', { name: /Collez l’objet ou le texte/ })).toHaveValue('');
});

test('a draft that names no place gets the actors of the widget’s own territory', async ({ page }) => {
  await page.goto('/commune.csp.html');
  const w = page.locator('essor-widget');
  await ready(w);
  await w.getByRole('tab', { name: 'Vérifier un marché' }).click();
  await w
    .getByRole('textbox', { name: /Collez l’objet ou le texte/ })
    .fill('Projet de marché : fourniture de repas pour la restauration scolaire des écoles de la ville, produits bio et locaux, avec une clause sociale d’insertion.');
  await w.getByRole('button', { name: 'Analyser' }).click();
  await expect(w.getByRole('heading', { name: 'Conseils pour ce texte' })).toBeVisible();
  await w.getByRole('heading', { name: 'Acteurs à solliciter' }).click();
  await expect(w.getByRole('listitem').filter({ hasText: 'CRESS Auvergne-Rhône-Alpes' })).toBeVisible();
  await expect(w.getByText(/Thèmes :.*Agriculture et alimentation durables/)).toBeVisible();
});
