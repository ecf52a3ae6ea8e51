import { test as base, chromium, type BrowserContext, type Route } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from './playwright.config';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const EXT_DIR = path.resolve(ROOT, process.env.EXT_DIR ?? 'dist/chrome-mv3');
export const REAL_PAGES = path.resolve(ROOT, '..', 'shared', 'fixtures', 'real', 'pages');

export interface RealPage {
  file: string;
  originalUrl: string;
  title: string;
}

/** The saved real pages with the portal URL each one was published at (same list as the demo server). */
export async function realPages(): Promise<RealPage[]> {
  const mod = (await import(path.join(ROOT, 'widget', 'demo', 'server.mjs'))) as { realPages(): RealPage[] };
  return mod.realPages();
}

function contentType(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'text/html; charset=utf-16le';
  return 'text/html; charset=utf-8';
}

/**
 * Serves `file` at its real portal URL inside the browser, so the content script sees the real host.
 * Every other request to the outside is aborted and recorded (the machine is offline anyway).
 */
export async function servePortalPage(context: BrowserContext, originalUrl: string, body: Buffer | string) {
  const outside: string[] = [];
  const target = new URL(originalUrl);
  await context.route(
    (u) => u.protocol.startsWith('http') && u.hostname !== '127.0.0.1' && u.hostname !== 'localhost',
    (route: Route) => {
      const u = new URL(route.request().url());
      if (u.host === target.host && u.pathname === target.pathname && route.request().resourceType() === 'document') {
        const buf = typeof body === 'string' ? Buffer.from(body) : body;
        return route.fulfill({ status: 200, headers: { 'content-type': contentType(buf) }, body: buf });
      }
      outside.push(u.href);
      return route.abort();
    },
  );
  return { outside };
}

export function readRealPage(file: string): Buffer {
  return fs.readFileSync(path.join(REAL_PAGES, file));
}

/** The worker's shared browser (sharedContext), started by the first test that asks for it. */
let shared: BrowserContext | undefined;

async function launchWithExtension(): Promise<BrowserContext> {
  if (!fs.existsSync(path.join(EXT_DIR, 'manifest.json'))) throw new Error(`No built extension at ${EXT_DIR}: run npm run build first`);
  return chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${EXT_DIR}`, `--load-extension=${EXT_DIR}`, ...CHROMIUM_ARGS],
  });
}

declare const chrome: { storage: Record<'local' | 'session', { clear(): Promise<void> }> };

/**
 * Leaves a shared context as a fresh one: no tab, no route, no granted permission, the extension's storage
 * empty (settings back to their defaults).
 */
async function resetContext(context: BrowserContext) {
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await context.clearPermissions();
  for (const p of context.pages()) await p.close().catch(() => undefined);
  let [sw] = context.serviceWorkers();
  if (!sw) sw = await context.waitForEvent('serviceworker');
  await sw.evaluate(async () => {
    await chrome.storage.local.clear();
    await chrome.storage.session.clear();
  });
}

export const test = base.extend<{ context: BrowserContext; extensionId: string; sharedContext: boolean }, { workerContext: BrowserContext | undefined }>({
  /**
   * `test.use({ sharedContext: true })`: the file's tests share one Chromium per worker, reset between tests
   * (resetContext), instead of starting a browser for each test. For tests that leave nothing else behind.
   */
  sharedContext: [false, { option: true }],
  // Closes the worker's shared browser when the worker ends.
  workerContext: [
    async ({}, use) => {
      await use(undefined);
      await shared?.close().catch(() => undefined);
      shared = undefined;
    },
    { scope: 'worker', auto: true },
  ],
  context: async ({ sharedContext }, use, testInfo) => {
    if (!sharedContext) {
      const context = await launchWithExtension();
      await use(context);
      await context.close();
      return;
    }
    const context = (shared ??= await launchWithExtension());
    await use(context);
    if (testInfo.status !== testInfo.expectedStatus) {
      // A failed test may leave anything behind: the next one gets a new browser.
      shared = undefined;
      await context.close().catch(() => undefined);
    } else await resetContext(context);
  },
  extensionId: async ({ context }, use) => {
    let [sw] = context.serviceWorkers();
    if (!sw) sw = await context.waitForEvent('serviceworker');
    await use(new URL(sw.url()).host);
  },
});
export const expect = test.expect;
