// The watch (veille) end to end: the profile set in the options, the watch turned on, a local stand-in serving
// real BOAMP records at the real API address (Playwright routes the service worker's requests), an API failure
// shown then retried, a second run that adds nothing, the popup's list with seen marks. axe on both pages.
import AxeBuilder from '@axe-core/playwright';
import type { Route } from '@playwright/test';
import { expect, test } from './fixtures';
import { serviceWorker, setWorkerDay } from './extension-helpers';
import { apiAnswer, apiRecords, exportRecords } from '../lib/boamp-standin';

// The service worker's own requests reach context.route only with this switch (read when the browser starts).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

const API = 'https://www.boamp.fr/api/explore/v2.1/catalog/datasets/boamp/records';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

test('the watch: profile in the options, a failure shown, real records listed once, seen marks in the popup and the side panel', async ({ context, extensionId }) => {
  const asked: string[] = [];
  const outside: string[] = [];
  // First answer: the API fails; then the real records as the API answers them.
  const answers: ((r: Route) => Promise<void>)[] = [(r) => r.fulfill({ status: 503, contentType: 'application/json', body: '{"error_code":"ServiceUnavailable"}' })];
  const ok = (r: Route) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(apiAnswer([...exportRecords(), ...apiRecords()])) });
  await context.route(
    (u) => u.protocol.startsWith('http') && u.hostname !== '127.0.0.1' && u.hostname !== 'localhost',
    (route) => {
      const url = route.request().url();
      if (url.startsWith(`${API}?`)) {
        asked.push(url);
        return (answers.shift() ?? ok)(route);
      }
      outside.push(url);
      return route.abort();
    },
  );
  const sw = await serviceWorker(context);
  await setWorkerDay(sw, '2026-03-16T07:00:00Z');

  // The profile, in the options, as a user fills it in.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Type de structure').selectOption('esat');
  for (const trade of ['Propreté et nettoyage', 'Impression, reprographie, routage et mise sous pli', 'Restauration, traiteur et alimentation']) await options.getByLabel(trade, { exact: true }).check();
  await options.getByLabel('Ajouter une commune, son département ou sa région').fill('Gennevilliers');
  await options.getByRole('button', { name: 'Région : Île-de-France' }).click();
  await expect(options.getByRole('button', { name: 'Retirer Île-de-France' })).toBeVisible();
  // What would be sent, and to whom, before turning it on.
  const sends = options.locator('#essor-watch-sends');
  await expect(sends).toContainText(API);
  await expect(sends).toContainText('75, 77, 78, 91, 92, 93, 94, 95');
  await expect(sends).not.toContainText('ESAT');

  await options.getByLabel('Activer la veille').check();
  const status = options.locator('#essor-watch-status');
  await expect(status).toContainText('Le BOAMP n’a pas répondu correctement (HTTP 503)', { timeout: 15_000 });
  expect(asked).toHaveLength(1);
  const where = new URL(asked[0]!).searchParams.get('where') ?? '';
  expect(where).toContain('code_departement in ("75","77","78","91","92","93","94","95")');
  expect(where).toContain(`datelimitereponse >= date'2026-03-16'`);

  // "Check now" retries at once: the real records come back and three calls fit.
  await options.getByRole('button', { name: 'Vérifier maintenant' }).click();
  await expect(status).toContainText('Dernière interrogation réussie', { timeout: 15_000 });
  await expect(status).toContainText('3 non vu(s)');
  expect((await new AxeBuilder({ page: options }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);

  // A second run adds nothing.
  await options.getByRole('button', { name: 'Vérifier maintenant' }).click();
  await expect.poll(() => asked.length, { timeout: 15_000 }).toBe(3);
  await expect(status).toContainText('3 non vu(s)');

  // The popup's "Veille" tab: why each fits, then a seen mark.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.getByRole('tab', { name: /Veille/ }).click();
  const items = popup.locator('.essor-watch-list > li');
  await expect(items).toHaveCount(3);
  await expect(popup.locator('.essor-watch-list')).toContainText('PRESTATIONS DE NETTOYAGE DES BATIMENTS COMMUNAUX');
  await expect(popup.locator('.essor-watch-list')).toContainText('Dans vos métiers : Propreté et nettoyage');
  await expect(popup.locator('.essor-watch-list')).not.toContainText('Mobilier médical');
  expect((await new AxeBuilder({ page: popup }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
  await popup.getByRole('button', { name: /Marquer comme vu : PRESTATIONS DE NETTOYAGE/ }).click();
  await expect(popup.locator('.essor-watch-seen')).toHaveCount(1);
  await expect(status).toContainText('2 non vu(s)');

  // The side panel (Chrome's side panel, Firefox's sidebar: the same page) lists the same notices with the same
  // component: the seen mark made in the popup is there, one made here reaches the popup.
  const side = await context.newPage();
  await side.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await side.getByRole('tab', { name: 'Veille (2)' }).click();
  const sideList = side.locator('.essor-watch-list');
  await expect(sideList.locator(':scope > li')).toHaveCount(3);
  await expect(side.locator('.essor-watch-seen')).toHaveCount(1);
  await expect(side.locator('.essor-watch-seen')).toContainText('PRESTATIONS DE NETTOYAGE DES BATIMENTS COMMUNAUX');
  await expect(sideList).toContainText('Dans vos métiers : Propreté et nettoyage');
  await expect(side.locator('.essor-watch')).toContainText('2 non vu(s)');
  expect((await new AxeBuilder({ page: side }).withTags(AXE_TAGS).analyze()).violations).toEqual([]);
  await side.getByRole('button', { name: 'Tout marquer comme vu' }).click();
  await expect(side.locator('.essor-watch-new')).toHaveCount(0);
  await expect(side.getByRole('tab', { name: 'Veille', exact: true })).toBeVisible();
  await expect(popup.locator('.essor-watch-seen')).toHaveCount(3);
  await expect(status).toContainText('0 non vu(s)');

  // Turning it off clears the list; nothing went anywhere but BOAMP's API.
  await options.getByLabel('Activer la veille').uncheck();
  await expect(popup.getByText('La veille est désactivée')).toBeVisible();
  await expect(side.getByText('La veille est désactivée')).toBeVisible();
  expect(outside).toEqual([]);
});

test('the structure panel’s first line on real notices, from the profile set in the options', async ({ context, extensionId }) => {
  const { realPages, servePortalPage, readRealPage } = await import('./fixtures');
  const pages = await realPages();
  const sw = await serviceWorker(context);
  // The saved notices are from 2020: the worker's clock is set to before their deadlines.
  await setWorkerDay(sw, '2020-09-01T08:00:00Z');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Type de structure').selectOption('esat');
  await options.getByLabel('Propreté et nettoyage', { exact: true }).check();
  await options.getByLabel('Ajouter une commune, son département ou sa région').fill('Rouen');
  await options.getByRole('button', { name: /^Département : Seine-Maritime/ }).click();
  await expect(options.getByRole('button', { name: 'Retirer Seine-Maritime (76)' })).toBeVisible();

  const open = async (file: string) => {
    const p = pages.find((x) => x.file === file)!;
    await servePortalPage(context, p.originalUrl, readRealPage(p.file));
    const page = await context.newPage();
    await page.goto(p.originalUrl);
    const host = page.locator('essor-overlay');
    await host.getByRole('button', { name: /Essor/ }).click();
    const panel = host.getByRole('dialog', { name: 'Essor' });
    await panel.getByRole('button', { name: 'Structure de l’ESS' }).click();
    return { page, panel };
  };

  // A contract reserved for ESAT and EA (box III.1.5), read for an ESAT of Seine-Maritime.
  const reserved = await open('boamp_20-102039.html');
  const fit = reserved.panel.locator('[data-essor-fit]');
  await expect(fit.getByRole('heading', { level: 3 })).toHaveText('À saisir Réservé à votre type de structure');
  await expect(fit).toContainText('L2113-12');
  expect((await new AxeBuilder({ page: reserved.page }).include('essor-overlay').withTags(AXE_TAGS).analyze()).violations).toEqual([]);

  // The same structure as an insertion workshop, on a notice whose object is insertion itself: the natural lead
  // bidder, never a subcontractor of a clause; a look only, since the notice is in the Nord, not in Seine-Maritime.
  await options.getByLabel('Type de structure').selectOption('aci');
  await options.getByLabel('Espaces verts, espaces naturels et cimetières', { exact: true }).check();
  const insertion = await open('boamp_20-96685.html');
  const lead = insertion.panel.locator('[data-essor-fit]');
  await expect(lead.getByRole('heading', { level: 3 })).toHaveText('À regarder L’insertion est l’objet du marché : candidatez en titulaire');
  await expect(lead).toContainText('Hors de votre territoire');
  await expect(lead).not.toContainText('proposez vos heures');
});
