// Privacy of the built extension: browsing the real saved notices (at their real portal URLs) with the
// extension installed sends no request to any origin other than the page's own and the extension's, and
// the extension stores nothing about the pages visited; only the settings the user changes.
// Playwright reports (and routes) the requests of pages and of the extension's service worker; as a second
// net, every request that reaches the network at all goes through a recording proxy. The same visit
// without the extension is the baseline, so what the saved pages request by themselves (images, a
// translation script) is not counted against us.
import { test as base, expect, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { EXT_DIR, realPages, readRealPage, type RealPage } from './fixtures';
import { recordingProxy } from './recording-proxy';
import { CHROMIUM, CHROMIUM_ARGS } from './playwright.config';

declare const chrome: {
  storage: Record<'local' | 'sync' | 'session', { get(k: null): Promise<Record<string, unknown>> }>;
};

const pages = await realPages();


async function launch(withExtension: boolean, proxy: string): Promise<BrowserContext> {
  const args = withExtension ? [`--disable-extensions-except=${EXT_DIR}`, `--load-extension=${EXT_DIR}`, ...CHROMIUM_ARGS] : CHROMIUM_ARGS;
  return chromium.launchPersistentContext('', { executablePath: CHROMIUM, headless: true, args, proxy: { server: proxy } });
}

/** Serves every saved page at its real URL; every other request to the outside is aborted. */
async function serveAll(context: BrowserContext) {
  const table = new Map(pages.map((p) => [new URL(p.originalUrl).href, readRealPage(p.file)]));
  await context.route(
    (u) => u.protocol.startsWith('http') && u.hostname !== '127.0.0.1' && u.hostname !== 'localhost',
    (route) => {
      const u = new URL(route.request().url());
      u.hash = '';
      const body = route.request().resourceType() === 'document' ? table.get(u.href) : undefined;
      if (!body) return route.abort();
      const type = body[0] === 0xff && body[1] === 0xfe ? 'text/html; charset=utf-16le' : 'text/html; charset=utf-8';
      return route.fulfill({ status: 200, headers: { 'content-type': type }, body });
    },
  );
}

/** Every request the pages and service workers of the context make (aborted ones included). */
function recordRequests(context: BrowserContext) {
  const all: { url: string; fromWorker: boolean }[] = [];
  context.on('request', (r) => all.push({ url: r.url(), fromWorker: r.serviceWorker() !== null }));
  return all;
}

/** Hosts the saved pages name in their own HTML (their scripts, images, links: the browser may preconnect). */
function hostsNamedByPages(): Set<string> {
  const hosts = new Set<string>();
  for (const p of pages) {
    const buf = readRealPage(p.file);
    const html = buf[0] === 0xff && buf[1] === 0xfe ? new TextDecoder('utf-16le').decode(buf.subarray(2)) : buf.toString('utf8');
    for (const m of html.matchAll(/(?:https?:)?\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)) hosts.add(m[1]!.toLowerCase());
  }
  return hosts;
}

/**
 * Chromium's own extension updater asks this endpoint whenever an extension is installed (ours declares no
 * update_url and its code names no such host): the browser's request, not the extension's.
 */
const BROWSER_UPDATER = 'update.googleapis.com';

async function serviceWorker(context: BrowserContext): Promise<Worker> {
  let [sw] = context.serviceWorkers();
  if (!sw) sw = await context.waitForEvent('serviceworker');
  return sw;
}

/** Visits a page as a reader would; with the extension, opens the panel, which is where advice is computed. */
async function visit(context: BrowserContext, p: RealPage, withExtension: boolean): Promise<Page> {
  const page = await context.newPage();
  await page.goto(p.originalUrl);
  await page.waitForLoadState('load');
  if (withExtension) {
    const host = page.locator('essor-overlay');
    await host.getByRole('button', { name: /Essor/ }).click();
    await expect(host.getByRole('dialog', { name: 'Essor' }).getByRole('heading', { name: 'Leviers ESS' })).toBeVisible();
  } else {
    await page.waitForTimeout(300);
  }
  return page;
}

const origin = (u: string) => {
  try {
    return new URL(u).origin;
  } catch {
    return u;
  }
};

base.describe('privacy', () => {
  base.setTimeout(120_000);

  base('browsing the real notices adds no request to another origin, and stores only settings', async () => {
    expect(pages.length).toBeGreaterThan(0);
    const proxyWith = await recordingProxy();
    const proxyWithout = await recordingProxy();
    const withExt = await launch(true, proxyWith.url);
    const without = await launch(false, proxyWithout.url);
    try {
      const sw = await serviceWorker(withExt);
      const extensionOrigin = new URL(sw.url()).origin;
      await serveAll(withExt);
      await serveAll(without);
      const reqWith = recordRequests(withExt);
      const reqWithout = recordRequests(without);

      for (const p of pages) {
        const a = await visit(without, p, false);
        const b = await visit(withExt, p, true);
        await a.close();
        // The page stays open a moment with the panel shown: any late request of ours would show here.
        await b.waitForTimeout(300);
        await b.close();
      }
      // A user action that is saved: the role switch (a setting, nothing about the page).
      const last = await visit(withExt, pages[0]!, true);
      await last.locator('essor-overlay').getByRole('button', { name: 'Structure de l’ESS' }).click();
      await expect(last.locator('essor-overlay').getByRole('heading', { name: 'Comment répondre' })).toBeVisible();
      await last.close();

      // 1. Page-level requests: nothing the page did not request by itself, except to the page's own
      //    origin or the extension's.
      const baseline = new Set(reqWithout.map((r) => r.url));
      const pageOrigins = new Set(pages.map((p) => origin(p.originalUrl)));
      const added = [...new Set(reqWith.map((r) => r.url))].filter((u) => !baseline.has(u));
      const foreign = added.filter((u) => origin(u) !== extensionOrigin && !pageOrigins.has(origin(u)) && !/^(data|blob):/.test(u));
      expect(foreign, 'requests the extension added to other origins').toEqual([]);
      // The service worker fetches nothing but its own files.
      expect(reqWith.filter((r) => r.fromWorker && origin(r.url) !== extensionOrigin).map((r) => r.url)).toEqual([]);

      // 2. What reached the network at all: nothing the browser without the extension did not ask for,
      //    apart from connections to hosts the pages name themselves and the browser's own updater.
      const proxyBaseline = new Set(proxyWithout.seen);
      const named = hostsNamedByPages();
      const hostOf = (entry: string) => (entry.startsWith('CONNECT ') ? entry.slice(8).replace(/:\d+$/, '') : new URL(entry).hostname);
      const unexplained = [...new Set(proxyWith.seen)].filter((u) => !proxyBaseline.has(u) && !named.has(hostOf(u)) && hostOf(u) !== BROWSER_UPDATER);
      expect(unexplained, 'network requests only the browser with the extension made').toEqual([]);

      // 3. Storage: the settings record and nothing else, holding nothing about the pages.
      const stored = await sw.evaluate(async () => {
        const get = async (area: 'local' | 'sync' | 'session') => {
          try {
            return await chrome.storage[area].get(null);
          } catch (e) {
            return { error: String(e) };
          }
        };
        const g = globalThis as unknown as { caches?: CacheStorage; indexedDB?: IDBFactory & { databases?(): Promise<{ name?: string }[]> } };
        return {
          local: await get('local'),
          sync: await get('sync'),
          session: await get('session'),
          caches: g.caches ? await g.caches.keys() : [],
          databases: g.indexedDB?.databases ? (await g.indexedDB.databases()).map((d) => d.name ?? '') : [],
        };
      });
      expect(Object.keys(stored.local)).toEqual(['essor:settings']);
      expect(stored.local['essor:settings']).toMatchObject({ role: 'structure' });
      expect(stored.sync).toEqual({});
      expect(stored.session).toEqual({});
      expect(stored.caches).toEqual([]);
      expect(stored.databases).toEqual([]);
      const text = JSON.stringify(stored).toLowerCase();
      for (const p of pages) {
        const u = new URL(p.originalUrl);
        for (const needle of [u.host, u.pathname.length > 1 ? u.pathname : '', u.search.slice(1), (p.title ?? '').slice(0, 40)]) {
          if (needle.length > 4) expect(text, `storage mentions ${needle}`).not.toContain(needle.toLowerCase());
        }
      }
    } finally {
      await withExt.close();
      await without.close();
      await proxyWith.close();
      await proxyWithout.close();
    }
  });
});
