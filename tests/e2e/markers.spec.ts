// Markers on a list of results, in Chromium with the built extension: the saved BOAMP search page (a real rendered
// page) served at its real address, BOAMP's records API answered by a local stand-in serving real records (the
// service worker's requests are routed by Playwright; nothing reaches the internet), a failed request, a profile
// set in the options, markers turned off. axe on the markers.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Route } from '@playwright/test';
import { expect, ROOT, test } from './fixtures';
import { overlayStatus, serviceWorker, setWorkerDay } from './extension-helpers';
import { answerFor, apiRecords, askedIdwebs, exportRecords, rekeyed } from '../lib/boamp-standin';

// The service worker's own requests reach context.route only with this switch (read when the browser starts).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

declare const chrome: { tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: unknown): Promise<unknown> } };

// Each test has a browser of its own: the service worker keeps the records it read (one request per page).

const SEARCH = 'https://www.boamp.fr/pages/recherche/';
const PAGE = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'current', 'boamp_recherche_2026-01-04.html'));
const API = 'https://www.boamp.fr/api/explore/v2.1/catalog/datasets/boamp/records';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const STORE = [...exportRecords(), ...apiRecords()];

type Answer = (route: Route, url: string) => Promise<void>;

/** Serves the saved page at its real address and BOAMP's API by `answer`; anything else is refused and noted. */
async function serve(context: BrowserContext, answer: Answer) {
  const asked: string[] = [];
  // Requests of the extension's service worker to any other address (the page's own requests are its business).
  const outside: string[] = [];
  await context.route(
    (u) => u.protocol.startsWith('http') && u.hostname !== '127.0.0.1' && u.hostname !== 'localhost',
    (route) => {
      const url = route.request().url();
      if (url.startsWith(`${API}?`)) {
        asked.push(url);
        return answer(route, url);
      }
      const u = new URL(url);
      if (u.origin + u.pathname === SEARCH && route.request().resourceType() === 'document') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PAGE });
      if (route.request().serviceWorker()) outside.push(url);
      return route.abort();
    },
  );
  return { asked, outside };
}

const json = (route: Route, body: unknown) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });

interface SeenMarker {
  idweb: string;
  brand: string;
  kind: string;
  source: string;
  label: string;
  detail: string;
}

/** The markers in the page, in order: the result each follows (by its title link), and what it shows and says. */
function markersOf(page: Page): Promise<SeenMarker[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('essor-marker')).map((host) => {
      const m = host.shadowRoot?.querySelector('.m') as HTMLElement | null;
      const href = host.previousElementSibling?.getAttribute('href') ?? '';
      return {
        idweb: /(\d{2}-\d+)/.exec(href)?.[1] ?? '',
        kind: m?.dataset.kind ?? '',
        source: m?.dataset.source ?? '',
        label: m?.querySelector('.l')?.textContent ?? '',
        brand: m?.querySelector('.b')?.textContent ?? '',
        detail: m?.querySelector('.sr')?.textContent ?? '',
      };
    }),
  );
}

/** The page's results, read from its own DOM: idweb and whether BOAMP shows its "Critères sociaux" flag. */
function cardsOf(page: Page): Promise<{ idweb: string; social: boolean }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.card-notification')).map((card) => ({
      idweb: /(\d{2}-\d+)/.exec(card.querySelector('a[href*="idweb"]')?.getAttribute('href') ?? '')?.[1] ?? '',
      social: !!card.querySelector('img[alt="Critères sociaux"]'),
    })),
  );
}

async function openSearch(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(SEARCH);
  return page;
}

test('BOAMP’s search page: one marker per result from the records BOAMP serves, inline, text only, axe-clean', async ({ context }) => {
  // The records of the page's own notices are in no public source we have: the stand-in answers the page's
  // request with real records of other notices, one per idweb asked (tests/lib/boamp-standin.ts `rekeyed`).
  const net = await serve(context, (route, url) => json(route, { total_count: 10, results: rekeyed(STORE, askedIdwebs(url)) }));
  const page = await context.newPage();
  await page.goto(SEARCH);
  const cards = await cardsOf(page);
  expect(cards).toHaveLength(10);
  await expect(page.locator('essor-marker')).toHaveCount(cards.length);
  const seen = await markersOf(page);
  expect(seen.map((m) => m.idweb)).toEqual(cards.map((c) => c.idweb));
  for (const [i, m] of seen.entries()) {
    expect(m.source, m.idweb).toBe('record');
    // The records given say nothing of the ESS; BOAMP's "Critères sociaux" flag on the card is kept.
    if (cards[i]!.social) expect(m).toMatchObject({ kind: 'declared', label: 'Déclare : critère social' });
    else expect(m).toMatchObject({ kind: 'nothing', label: 'Rien de déclaré' });
    expect(m.detail).toContain('D’après l’avis publié (données ouvertes du BOAMP)');
  }
  expect(cards.filter((c) => c.social).length).toBeGreaterThan(0);
  // One request for the page, carrying the listed idwebs and nothing else; no other address contacted.
  expect(net.asked).toHaveLength(1);
  expect(askedIdwebs(net.asked[0]!)).toEqual(cards.map((c) => c.idweb));
  expect([...new URL(net.asked[0]!).searchParams.keys()].sort()).toEqual(['limit', 'where']);
  expect(net.outside).toEqual([]);

  // Layout. The saved DOM still hides its results area (Angular's ng-hide, removed once its data came): shown
  // here as Angular shows it. With and without the markers, every title link keeps its box and a card grows by
  // at most one line of its title (a badge that wraps onto a line of its own).
  await page.evaluate(() => document.querySelectorAll('.ng-hide').forEach((e) => e.contains(document.querySelector('.card-notification')) && e.classList.remove('ng-hide')));
  const boxes = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('.card-notification')).map((card) => {
        const a = card.querySelector('a[href*="idweb"]')!;
        const link = a.getBoundingClientRect();
        const c = card.getBoundingClientRect();
        const line = parseFloat(getComputedStyle(a.querySelector('span') ?? a).lineHeight) || 32;
        // The link's place in its own card: a card above that grew moves the whole card, not the link in it.
        return { link: [link.left - c.left, link.top - c.top, link.width, link.height], card: c.height, line };
      }),
    );
  const withMarkers = await boxes();
  await page.evaluate(() => document.querySelectorAll('essor-marker').forEach((h) => (h as HTMLElement).style.setProperty('display', 'none', 'important')));
  const without = await boxes();
  await page.evaluate(() => document.querySelectorAll('essor-marker').forEach((h) => (h as HTMLElement).style.setProperty('display', 'inline-block', 'important')));
  for (const [i, b] of without.entries()) {
    expect(b.link[2], `card ${i} is shown`).toBeGreaterThan(0);
    // Same place and height; the width may gain the link's trailing space, no longer at the end of a line.
    const [left, top, width, height] = withMarkers[i]!.link as [number, number, number, number];
    expect([left, top, height]).toEqual([b.link[0], b.link[1], b.link[3]]);
    expect(Math.abs(width - b.link[2]!)).toBeLessThanOrEqual(8);
    expect(withMarkers[i]!.card - b.card).toBeLessThanOrEqual(b.line + 1);
  }
  const hosts = await page.evaluate(() =>
    Array.from(document.querySelectorAll('essor-marker')).map((h) => ({
      display: getComputedStyle(h).display,
      afterLink: h.previousElementSibling?.localName === 'a',
      tabbable: (h as HTMLElement).tabIndex >= 0 || !!h.shadowRoot?.querySelector('[tabindex], a, button, input'),
      elements: h.shadowRoot ? Array.from(h.shadowRoot.querySelectorAll('*')).map((e) => e.localName) : [],
    })),
  );
  for (const h of hosts) expect(h).toEqual({ display: 'inline-block', afterLink: true, tabbable: false, elements: ['span', 'span', 'span', 'span'] });
  for (const m of seen) expect(m.brand).toBe('Essor');
  // Keyboard users go from link to link as before: Tab never lands on a marker.
  await page.locator('.card-notification a[href*="idweb"]').first().focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.localName)).not.toBe('essor-marker');

  const axe = await new AxeBuilder({ page }).include('essor-marker').withTags(AXE_TAGS).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  // The popup's question is answered by the first stage: a list.
  // The results rendered again, as the page's framework does when it shows another page of results: the old
  // cards go (their markers with them), new ones come from the same markup; each gets one marker, nothing is asked.
  await page.evaluate(() => {
    const list = document.querySelector('#toplist')!;
    const markup = list.innerHTML.replace(/<essor-marker[^>]*><\/essor-marker>/g, '');
    list.innerHTML = '';
    setTimeout(() => (list.innerHTML = markup), 600);
  });
  await expect(page.locator('essor-marker')).toHaveCount(0);
  await expect(page.locator('essor-marker')).toHaveCount(cards.length);
  expect((await markersOf(page)).map((m) => `${m.idweb} ${m.kind} ${m.source}`)).toEqual(seen.map((m) => `${m.idweb} ${m.kind} ${m.source}`));
  expect(await page.evaluate(() => Array.from(document.querySelectorAll('.card-notification')).every((c) => c.querySelectorAll('essor-marker').length === 1))).toBe(true);

  const sw = await serviceWorker(context);
  const status = await overlayStatus(sw, SEARCH);
  expect(status).toMatchObject({ pageKind: 'list', recognised: false });
  await expect(page.locator('essor-overlay')).toHaveCount(0);
  // "Analyser cette page" from the popup brings the reader beside the markers; it reads the same ten results.
  const analysed = (await sw.evaluate(async (target) => {
    for (const t of await chrome.tabs.query({})) {
      const s = (await chrome.tabs.sendMessage(t.id!, { type: 'essor:status' }).catch(() => undefined)) as { url?: string } | undefined;
      if (s?.url === target) return chrome.tabs.sendMessage(t.id!, { type: 'essor:status', analyse: true });
    }
    return undefined;
  }, SEARCH)) as { pageKind?: string; reading?: { entries: unknown[] } } | undefined;
  expect(analysed).toMatchObject({ pageKind: 'list' });
  expect(analysed?.reading?.entries).toHaveLength(cards.length);
  await expect(page.locator('essor-marker')).toHaveCount(cards.length);
  expect(net.asked).toHaveLength(1);
});

test('the records request fails: markers from what each card shows, which say so', async ({ context }) => {
  const net = await serve(context, (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error_code":"ServiceUnavailable"}' }));
  const page = await openSearch(context);
  const cards = await cardsOf(page);
  await expect(page.locator('essor-marker')).toHaveCount(cards.length);
  const seen = await markersOf(page);
  for (const [i, m] of seen.entries()) {
    expect(m.source).toBe('list');
    if (cards[i]!.social) expect(m).toMatchObject({ kind: 'declared', label: 'Déclare : critère social (d’après la liste)' });
    else expect(m).toMatchObject({ kind: 'nothing', label: 'Rien de visible dans la liste' });
    expect(m.detail).toContain('D’après le seul résumé affiché dans la liste');
  }
  expect(net.asked).toHaveLength(1);
  const axe = await new AxeBuilder({ page }).include('essor-marker').withTags(AXE_TAGS).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
});

test('a profile set in the options changes the markers on the open page; English too', async ({ context, extensionId }) => {
  // The stand-in answers as BOAMP would for notices it holds no record of here: nothing; the cards speak.
  const net = await serve(context, (route, url) => json(route, answerFor(url, STORE)));
  const sw = await serviceWorker(context);
  await setWorkerDay(sw, '2026-01-04T09:00:00Z');
  const page = await openSearch(context);
  await expect(page.locator('essor-marker')).toHaveCount(10);
  const plain = await markersOf(page);
  expect(new Set(plain.map((m) => m.kind))).toEqual(new Set(['declared', 'nothing']));

  // An insertion enterprise whose trade is cleaning, as a user fills it in.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Type de structure').selectOption('ei');
  await options.getByLabel('Propreté et nettoyage', { exact: true }).check();

  const cleaning = plain.find((m) => m.idweb === '26-43')!;
  expect(cleaning).toBeDefined();
  await expect.poll(async () => (await markersOf(page)).find((m) => m.idweb === '26-43')?.kind).toBe('fits');
  const fitted = await markersOf(page);
  expect(fitted).toHaveLength(10);
  for (const m of fitted) expect(['fits', 'not-for-you']).toContain(m.kind);
  expect(fitted.filter((m) => m.kind === 'fits').map((m) => m.idweb)).toContain('26-43');
  expect(fitted.find((m) => m.idweb === '26-43')).toMatchObject({ label: 'Pour votre profil (d’après la liste)' });
  expect(fitted.find((m) => m.idweb === '26-43')!.detail).toMatch(/Propreté et nettoyage/);
  // The records were read once: a new profile asks BOAMP nothing more.
  expect(net.asked).toHaveLength(1);

  await options.getByLabel('English').check();
  await expect.poll(async () => (await markersOf(page)).find((m) => m.idweb === '26-43')?.label).toBe('Fits your profile (from the list)');
  const axe = await new AxeBuilder({ page }).include('essor-marker').withTags(AXE_TAGS).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
  const axeOptions = await new AxeBuilder({ page: options }).withTags(AXE_TAGS).analyze();
  expect(axeOptions.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
});

test('markers turned off in the options: removed from the open page, nothing injected or asked on the next', async ({ context, extensionId }) => {
  const net = await serve(context, (route, url) => json(route, answerFor(url, STORE)));
  const page = await openSearch(context);
  await expect(page.locator('essor-marker')).toHaveCount(10);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const box = options.getByRole('checkbox', { name: /Afficher sur chaque résultat d’une liste/ });
  await expect(box).toBeChecked();
  await box.uncheck();
  await expect(page.locator('essor-marker')).toHaveCount(0);

  const asked = net.asked.length;
  const next = await openSearch(context);
  // The first stage decides, then the background declines: give it the time a marker would take to appear.
  await next.waitForTimeout(2_000);
  await expect(next.locator('essor-marker')).toHaveCount(0);
  expect(await next.evaluate(() => Array.from(document.documentElement.querySelectorAll('*')).some((e) => e.localName.startsWith('essor-')))).toBe(false);
  expect(net.asked).toHaveLength(asked);

  // On again: the open page gets its markers back without a reload.
  await box.check();
  await expect(next.locator('essor-marker')).toHaveCount(10);
});
