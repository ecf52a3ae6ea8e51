// The content script in two stages, in Chromium with the built extension: only the first stage runs on a
// portal page that is not a notice; the second (reader, panel) comes in on notices, once, whatever injects it
// again; the service worker woken cold answers the badge and the panel; the toolbar says what the panel says.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, realPages, readRealPage, servePortalPage, ROOT } from './fixtures';
import { overlayStatus, serviceWorker, tabIdOf } from './extension-helpers';

declare const chrome: {
  storage: { local: { set(o: Record<string, unknown>): Promise<void>; remove(k: string): Promise<void> } };
  scripting: { executeScript(o: { target: { tabId: number }; files: string[] }): Promise<unknown> };
  action: { getBadgeText(o: { tabId: number }): Promise<string>; getTitle(o: { tabId: number }): Promise<string> };
};

// The service worker's own requests (BOAMP's API) reach context.route only with this switch (read at launch).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

const pages = await realPages();
const rich = pages.find((x) => x.file === 'boamp_20-96685.html') ?? pages[0]!;
/** A BOAMP help page (no notice, no list), the same the bench loads. */
const HELP_URL = 'https://www.boamp.fr/pages/aide/consulter-les-annonces/';
const HELP_HTML = fs.readFileSync(path.join(ROOT, 'tests', 'bench', 'pages', 'plain.html'));

// These tests read our timing marks: the extension writes them on the page's timeline only when its own storage
// allows it (entrypoints/background/timing.ts); by default a page finds nothing of ours there (tested below).
test.beforeEach(async ({ context }) => {
  const sw = await serviceWorker(context);
  await sw.evaluate(() => chrome.storage.local.set({ essorTiming: true }));
});

/** Entries of the page's performance timeline with that name (content scripts share it with the page). */
const entries = (page: Page, name: string) => page.evaluate((n) => performance.getEntriesByName(n).length, name);

function overlay(page: Page) {
  const host = page.locator('essor-overlay');
  return { host, badge: host.getByRole('button', { name: /Essor/ }), panel: host.getByRole('dialog', { name: 'Essor' }) };
}

async function openNotice(context: BrowserContext, url: string, file: string): Promise<Page> {
  await servePortalPage(context, url, readRealPage(file));
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/**
 * Stops the extension's service worker the way the browser does when it is idle, through the DevTools
 * protocol of one of the extension's own pages (opened once, so that a stop can be timed inside a request).
 * Playwright keeps listing a stopped worker: its running state is read from the protocol's events instead.
 */
async function workerStopper(context: BrowserContext, extensionId: string) {
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/options.html`);
  const cdp = await context.newCDPSession(ext);
  const state = new Map<string, string>();
  const checks = new Set<() => void>();
  cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { versionId: string; scriptURL: string; runningStatus: string }[] }) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) state.set(v.versionId, v.runningStatus);
    for (const c of [...checks]) c();
  });
  await cdp.send('ServiceWorker.enable');
  const running = () => [...state].filter(([, s]) => s === 'running' || s === 'starting').map(([id]) => id);
  const until = (cond: () => boolean, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        checks.delete(check);
        reject(new Error(`the service worker never ${what}`));
      }, 10_000);
      const check = () => {
        if (!cond()) return;
        clearTimeout(timer);
        checks.delete(check);
        resolve();
      };
      checks.add(check);
      check();
    });
  return {
    /** Resolves once a worker of the extension runs. */
    running: () => until(() => running().length > 0, 'started'),
    /** Stops every running worker of the extension (waiting for one to run first with `waitForOne`). */
    async stop(waitForOne = false) {
      if (waitForOne) await until(() => running().length > 0, 'started');
      for (const id of running()) await cdp.send('ServiceWorker.stopWorker', { versionId: id });
      await until(() => running().length === 0, 'stopped');
    },
    close: () => ext.close(),
  };
}

test('a portal page that is not a notice runs the first stage only', async ({ context, extensionId }) => {
  await servePortalPage(context, HELP_URL, HELP_HTML);
  const page = await context.newPage();
  await page.goto(HELP_URL);
  // The first stage ran and decided.
  await expect.poll(() => entries(page, 'essor:probe')).toBeGreaterThan(0);
  // Time for a second stage to come, if one were coming.
  await page.waitForTimeout(1_500);
  expect(await entries(page, 'essor:stage2'), 'no second stage on this page').toBe(0);
  expect(await entries(page, 'essor:read'), 'nothing read').toBe(0);
  await expect(page.locator('essor-overlay')).toHaveCount(0);
  // The first stage answers the popup's question on its own.
  const sw = await serviceWorker(context);
  const tabId = await tabIdOf(sw, HELP_URL);
  expect(tabId).toBeDefined();
  const status = await sw.evaluate((id) => (chrome as unknown as { tabs: { sendMessage(i: number, m: unknown): Promise<unknown> } }).tabs.sendMessage(id, { type: 'essor:status' }), tabId!);
  expect(status).toMatchObject({ ok: true, recognised: false, pageKind: 'other', active: true, portal: 'boamp' });
  // And the toolbar shows nothing there.
  expect(await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId!)).toBe('');
  void extensionId;
});

test('nothing of the extension runs before the page’s load event, on a notice or not', async ({ context }) => {
  for (const [url, body] of [[HELP_URL, HELP_HTML], [rich.originalUrl, readRealPage(rich.file)]] as const) {
    // The newest route serves its page and aborts every other request.
    await servePortalPage(context, url, body);
    const page = await context.newPage();
    await page.goto(url);
    await expect.poll(() => entries(page, 'essor:probe')).toBeGreaterThan(0);
    if (url === rich.originalUrl) await expect(overlay(page).badge).toBeVisible();
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const first = (n: string) => performance.getEntriesByName(n)[0]?.startTime ?? null;
      return { loadEnd: nav.loadEventEnd, injected: first('essor:first-stage'), probe: first('essor:probe'), stage2: first('essor:stage2') };
    });
    expect(t.loadEnd, url).toBeGreaterThan(0);
    // The first stage's script started (its isolated world created) after the load event, not only its decision.
    expect(t.injected!, `first stage injected on ${url}`).toBeGreaterThanOrEqual(t.loadEnd);
    expect(t.probe!, `first stage decided on ${url}`).toBeGreaterThanOrEqual(t.loadEnd);
    if (url === rich.originalUrl) expect(t.stage2!, 'second stage').toBeGreaterThanOrEqual(t.loadEnd);
    else expect(t.stage2).toBeNull();
    await page.close();
  }
});

test('the page hears nothing of the extension: no event named after it on document or window, on a notice and on a list', async ({ context, extensionId }) => {
  // WXT's content-script context announces each start with `<id>:<script>:wxt:content-script-started` on document and
  // follows single-page sites with `<id>:<script>:wxt:locationchange` on window: a page knowing Essor's id would hear them.
  const names = ['probe', 'overlay', 'markers'].flatMap((s) => [`${extensionId}:${s}:wxt:content-script-started`, `${extensionId}:${s}:wxt:locationchange`]);
  await context.addInitScript((ns: string[]) => {
    const heard: string[] = ((window as unknown as { __heard: string[] }).__heard = []);
    for (const n of ns) for (const t of [document, window]) t.addEventListener(n, () => heard.push(n), true);
  }, names);
  const list = 'https://www.boamp.fr/pages/recherche/';
  for (const [url, body] of [[rich.originalUrl, readRealPage(rich.file)], [list, fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'current', 'boamp_recherche_2026-01-04.html'))]] as const) {
    await servePortalPage(context, url, body);
    const page = await context.newPage();
    await page.goto(url);
    if (url === list) await expect(page.locator('essor-marker').first()).toBeAttached();
    else await expect(overlay(page).badge).toBeVisible();
    // A single-page navigation, which the scripts follow.
    await page.evaluate(() => history.pushState({}, '', `${location.pathname}?essor-test=1`));
    await page.waitForTimeout(1_500);
    expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard), url).toEqual([]);
    await page.close();
  }
});

test('by default the page’s performance timeline holds no name of ours, on a notice or a page that is not one', async ({ context }) => {
  const sw = await serviceWorker(context);
  await sw.evaluate(() => chrome.storage.local.remove('essorTiming'));
  for (const [url, body] of [[rich.originalUrl, readRealPage(rich.file)], [HELP_URL, HELP_HTML]] as const) {
    await servePortalPage(context, url, body);
    const page = await context.newPage();
    await page.goto(url);
    if (url === rich.originalUrl) {
      await expect(overlay(page).badge).toBeVisible();
      await overlay(page).badge.click();
      await expect(overlay(page).panel).toBeVisible();
    } else await page.waitForTimeout(2_000);
    const ours = await page.evaluate(() => performance.getEntries().map((e) => e.name).filter((n) => /essor/i.test(n)));
    expect(ours, url).toEqual([]);
    await page.close();
  }
});

test('a notice gets the second stage once; injected again, it does nothing again', async ({ context }) => {
  const page = await openNotice(context, rich.originalUrl, rich.file);
  const o = overlay(page);
  await expect(o.badge).toBeVisible();
  const sw = await serviceWorker(context);
  const tabId = await tabIdOf(sw, rich.originalUrl);
  expect(tabId).toBeDefined();
  const before = { stage2: await entries(page, 'essor:stage2'), read: await entries(page, 'essor:read'), advise: await entries(page, 'essor:advise') };
  expect(before.stage2).toBe(1);
  expect(before.advise).toBeGreaterThan(0);
  await sw.evaluate(async (id) => {
    await chrome.scripting.executeScript({ target: { tabId: id }, files: ['/overlay.js'] });
    await chrome.scripting.executeScript({ target: { tabId: id }, files: ['/overlay.js'] });
  }, tabId!);
  await page.waitForTimeout(1_000);
  expect({ stage2: await entries(page, 'essor:stage2'), read: await entries(page, 'essor:read'), advise: await entries(page, 'essor:advise') }).toEqual(before);
  await expect(o.host).toHaveCount(1);
  await o.badge.click();
  await expect(o.panel.locator('.essor-action').first()).toBeVisible();
});

test('the toolbar shows the headline of the advice, the same as the overlay’s badge', async ({ context }) => {
  const page = await openNotice(context, rich.originalUrl, rich.file);
  const o = overlay(page);
  await expect(o.badge).toHaveAttribute('aria-label', /^Ouvrir le panneau Essor : \S/);
  const title = ((await o.badge.getAttribute('aria-label')) ?? '').replace(/^Ouvrir le panneau Essor : /, '');
  const word = ((await o.badge.textContent()) ?? '').replace(/^Essor · /, '');
  const sw = await serviceWorker(context);
  const tabId = await tabIdOf(sw, rich.originalUrl);
  await expect.poll(() => sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId!)).toBe(word);
  expect(await sw.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId!)).toBe(`Essor — ${title}`);
});

test('cold start: the service worker stopped, a notice still gets its badge and its panel', async ({ context, extensionId }) => {
  await servePortalPage(context, rich.originalUrl, readRealPage(rich.file));
  // The tab first (Playwright does not open pages while a worker it tracks is stopped), then the cold worker.
  const page = await context.newPage();
  const stopper = await workerStopper(context, extensionId);
  await stopper.stop();
  await page.goto(rich.originalUrl);
  const o = overlay(page);
  await expect(o.badge).toBeVisible();
  await o.badge.click();
  await expect(o.panel.locator('.essor-action').first()).toBeVisible();
  await expect(o.panel.getByRole('alert')).toHaveCount(0);
  await stopper.close();
});

test('the panel survives the service worker stopping in the middle of an advice request', async ({ context, extensionId }) => {
  const page = await openNotice(context, rich.originalUrl, rich.file);
  const o = overlay(page);
  await o.badge.click();
  await expect(o.panel.locator('.essor-action').first()).toBeVisible();
  const stopper = await workerStopper(context, extensionId);
  // Each round: a cold worker (the next request has the data to load), a role switch, and the worker it wakes
  // stopped as soon as it runs. The stop may come after the answer: rounds go on until one cut a request.
  const roles = ['Structure de l’ESS', 'Acheteur public'];
  for (let round = 0; round < 6 && (await entries(page, 'essor:retry')) === 0; round++) {
    const answers = await entries(page, 'essor:advise');
    await stopper.stop();
    await o.panel.getByRole('button', { name: roles[round % 2]! }).click();
    await stopper.stop(true);
    // The advice for that role arrives all the same (the content script asked once more if it had to), and the
    // panel shows it, not an error.
    await expect.poll(() => entries(page, 'essor:advise')).toBe(answers + 1);
    await expect(o.panel.getByRole('alert')).toHaveCount(0);
    await expect(o.panel.locator('.essor-action').first()).toBeVisible();
  }
  expect(await entries(page, 'essor:retry'), 'a request was cut and asked once more').toBeGreaterThan(0);
  await stopper.close();
});

test('BOAMP’s current site: a notice page rendered in the browser gets its badge and panel from BOAMP’s record', async ({ context }) => {
  const idweb = '26-80978';
  const url = `https://www.boamp.fr/pages/avis/?q=idweb:${idweb}`;
  // The page as the browser first gets it: the application's shell, the notice not rendered (its scripts are
  // not served here), as on a slow connection.
  const shell = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>BOAMP</title></head><body><div ng-app="boamp"><p>Chargement…</p></div></body></html>';
  await servePortalPage(context, url, shell);
  // A local stand-in for BOAMP's API serving the real record of that notice, at the real address.
  const record = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'current', `boamp-api_${idweb}.json`), 'utf8')) as Record<string, unknown>;
  const asked: { url: string; cookie?: string }[] = [];
  await context.route('https://www.boamp.fr/api/explore/v2.1/catalog/datasets/boamp/records?*', async (route) => {
    asked.push({ url: route.request().url(), cookie: (await route.request().allHeaders())['cookie'] });
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ total_count: 1, results: [record] }) });
  });
  const page = await context.newPage();
  await page.goto(url);
  const o = overlay(page);
  await expect(o.badge).toBeVisible();
  await o.badge.click();
  // What the panel read is the record's: its object and its buyer, which the page never showed.
  await expect(o.panel).toContainText(String(record.objet).slice(0, 40));
  await expect(o.panel).toContainText(String(record.nomacheteur).slice(0, 20));
  await expect(o.panel.getByRole('alert')).toHaveCount(0);
  // One request, carrying the notice number and nothing else; no cookie.
  expect(asked).toHaveLength(1);
  const q = new URL(asked[0]!.url).searchParams;
  expect([...q.keys()].sort()).toEqual(['limit', 'where']);
  expect(q.get('where')).toBe(`idweb="${idweb}"`);
  expect(asked[0]!.cookie).toBeUndefined();
});

test('BOAMP’s current site: when the API does not answer, the rendered page is read', async ({ context }) => {
  // A rendered notice (the saved page of 20-96685) at the current site's notice address; the API fails.
  const url = 'https://www.boamp.fr/pages/avis/?q=idweb:20-96685';
  await servePortalPage(context, url, readRealPage(rich.file));
  let asked = 0;
  await context.route('https://www.boamp.fr/api/explore/v2.1/catalog/datasets/boamp/records?*', (route) => {
    asked++;
    return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error_code":"ServiceUnavailable"}' });
  });
  const page = await context.newPage();
  await page.goto(url);
  const o = overlay(page);
  await expect(o.badge).toBeVisible();
  await o.badge.click();
  await expect(o.panel).toContainText('Pévèle Carembault');
  await expect(o.panel.getByRole('alert')).toHaveCount(0);
  expect(asked).toBeGreaterThan(0);
});

test('BOAMP’s current search page: the list stage comes in instead of the second stage, a marker on every rendered result, no badge', async ({ context }) => {
  const url = 'https://www.boamp.fr/pages/recherche/';
  await servePortalPage(context, url, fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'current', 'boamp_recherche_2026-01-04.html')));
  const page = await context.newPage();
  await page.goto(url);
  // The saved page shows one page of results (its pager says 10 per page): every card gets its marker.
  const cards = await page.locator('.card-notification.fr-callout').count();
  expect(cards).toBeGreaterThan(0);
  await expect(page.locator('essor-marker')).toHaveCount(cards);
  const sw = await serviceWorker(context);
  expect(await overlayStatus(sw, url)).toMatchObject({ pageKind: 'list', recognised: false });
  // No reader, no panel: the second stage never ran on the list.
  expect(await entries(page, 'essor:stage2')).toBe(0);
  await expect(page.locator('essor-overlay')).toHaveCount(0);
});
