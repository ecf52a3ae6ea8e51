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

export const test = base.extend<{ context: BrowserContext; extensionId: string }>({
  context: async ({}, use) => {
    if (!fs.existsSync(path.join(EXT_DIR, 'manifest.json'))) throw new Error(`No built extension at ${EXT_DIR}: run npm run build first`);
    const context = await chromium.launchPersistentContext('', {
      executablePath: CHROMIUM,
      headless: true,
      args: [`--disable-extensions-except=${EXT_DIR}`, `--load-extension=${EXT_DIR}`, ...CHROMIUM_ARGS],
    });
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    let [sw] = context.serviceWorkers();
    if (!sw) sw = await context.waitForEvent('serviceworker');
    await use(new URL(sw.url()).host);
  },
});
export const expect = test.expect;
