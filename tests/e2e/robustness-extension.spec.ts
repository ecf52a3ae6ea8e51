// The built extension on hostile host pages and on notices carrying markup: the overlay still works with
// its own styles, the page is left as it was apart from our host element, nothing is thrown into the page,
// and nothing from a notice runs. Each page is a real saved notice served at its real portal URL, with the
// hostile part added around it (tests/fixtures/hostile/).
import type { Browser, BrowserContext, Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, realPages, readRealPage, servePortalPage, ROOT, type RealPage } from './fixtures';
import { overlayStatus, serviceWorker } from './extension-helpers';
import { bigNotice, escapeHtml } from '../fixtures/hostile/big-notice.mjs';

const HOSTILE = path.join(ROOT, 'tests', 'fixtures', 'hostile');
const pages = await realPages();
/** A real BOAMP notice that declares social considerations (so the panel has evidence to show). */
const rich = pages.find((p) => p.file === 'boamp_20-96685.html') ?? pages[0]!;
/** A real PLACE consultation page, whose title, object and buyer fields the injection test rewrites. */
const place = pages.find((p) => p.file === 'place_625646.html') ?? pages[0]!;

function decoded(p: RealPage): string {
  const buf = readRealPage(p.file);
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  return new TextDecoder('utf-8').decode(buf);
}

const fixture = (name: string) => fs.readFileSync(path.join(HOSTILE, name), 'utf8');

/**
 * In every page of the context, before any page script: the page's DOM serialised at DOMContentLoaded
 * (the content script runs at document_idle, after it), and a way to serialise it again without our host.
 * Built-ins are captured first so a page that replaces them cannot change the measurement.
 */
async function recordDomAtDcl(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as { __dom: { atDcl: string | null; now(): string } };
    const cloneNode = Node.prototype.cloneNode;
    const qsa = Element.prototype.querySelectorAll;
    const outer = Object.getOwnPropertyDescriptor(Element.prototype, 'outerHTML')!.get!;
    const children = Object.getOwnPropertyDescriptor(Element.prototype, 'children')!.get!;
    const shadow = Object.getOwnPropertyDescriptor(Element.prototype, 'shadowRoot')!.get!;
    const remove = Element.prototype.remove;
    const now = () => {
      const root = document.documentElement;
      const copy = cloneNode.call(root, true) as Element;
      // Only our host goes: an <essor-overlay> with an open shadow root holding `.essor-root`, child of
      // <html>. A page's own element of the same name stays in the comparison.
      const kids = children.call(root) as HTMLCollection;
      const copies = children.call(copy) as HTMLCollection;
      const drop: Element[] = [];
      for (let i = 0; i < kids.length; i++) {
        const k = kids[i]!;
        const sr = shadow.call(k) as ShadowRoot | null;
        if (k.localName === 'essor-overlay' && sr && sr.querySelector('.essor-root')) drop.push(copies[i]!);
      }
      for (const d of drop) remove.call(d);
      void qsa;
      return outer.call(copy) as string;
    };
    w.__dom = { atDcl: null, now };
    document.addEventListener('DOMContentLoaded', () => (w.__dom.atDcl = now()), { once: true, capture: true });
  });
}

/** Page errors and console errors of a page (our content script must throw nothing into it). */
function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The saved pages ask for images and scripts that servePortalPage aborts: those are the page's own.
    if (m.type() === 'error' && !/Failed to load resource|ERR_FAILED|net::/i.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

function overlay(page: Page) {
  const host = page.locator('essor-overlay').filter({ has: page.locator('.essor-root') });
  return { host, badge: host.getByRole('button', { name: /Essor/ }), panel: host.getByRole('dialog', { name: 'Essor' }) };
}

const STYLE_PROPS = ['display', 'position', 'font-size', 'font-family', 'color', 'background-color', 'padding-top', 'border-top-left-radius', 'z-index', 'visibility', 'opacity'] as const;

/** Computed style of an element of ours (the badge by default), inside our shadow root. */
async function ourStyle(page: Page, selector = 'button.essor-badge') {
  return page.evaluate(([props, sel]) => {
    const host = Array.from(document.querySelectorAll('essor-overlay')).find((h) => h.shadowRoot?.querySelector('.essor-root'));
    const b = host?.shadowRoot?.querySelector(sel);
    if (!b) return null;
    const cs = getComputedStyle(b);
    const out: Record<string, string> = {};
    for (const p of props) out[p] = cs.getPropertyValue(p);
    const r = b.getBoundingClientRect();
    out.size = `${Math.round(r.width)}x${Math.round(r.height)}`;
    return out;
  }, [STYLE_PROPS, selector] as const);
}

/** The badge's style, then the open panel's and its heading's; the panel is closed again. */
async function overlayLook(page: Page) {
  const o = overlay(page);
  await expect(o.badge).toBeVisible();
  // The badge shows the advice's headline once it arrives: measure it then, on both pages.
  await expect(o.badge).toHaveText(/·/);
  const badge = await ourStyle(page);
  await o.badge.click();
  await expect(o.panel.getByRole('heading', { name: 'Leviers ESS' })).toBeVisible();
  // The panel fades in: compare it once its animations are over.
  await o.panel.evaluate(async (el) => {
    const running = el.getAnimations({ subtree: true });
    for (const a of running) await a.finished.catch(() => undefined);
  });
  const panel = await ourStyle(page, '.essor-panel');
  const heading = await ourStyle(page, '.essor-panel h2');
  await page.keyboard.press('Escape');
  await expect(o.panel).toHaveCount(0);
  return { badge, panel, heading };
}

/** The errors the page throws by itself: the same HTML in a browser without the extension. */
async function ownErrors(browser: Browser, url: string, html: string): Promise<string[]> {
  const plain = await browser.newContext();
  try {
    await servePortalPage(plain, url, html);
    const page = await plain.newPage();
    const errors = watchErrors(page);
    await page.goto(url);
    await page.waitForLoadState('load');
    await page.waitForTimeout(500);
    return errors;
  } finally {
    await plain.close();
  }
}

async function openHostile(context: BrowserContext, url: string, html: string) {
  await servePortalPage(context, url, html);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url);
  return { page, errors };
}

/** Uses the overlay as a person would: badge, panel, "show in page", close. */
async function useOverlay(page: Page) {
  const o = overlay(page);
  await expect(o.badge).toBeVisible();
  await o.badge.click();
  await expect(o.panel).toBeVisible();
  await expect(o.panel.getByRole('heading', { name: 'Leviers ESS' })).toBeVisible();
  await expect(o.panel.locator('.essor-actions li').first()).toBeVisible();
  const show = o.panel.getByRole('button', { name: 'Voir dans la page' }).first();
  if (await show.count()) await show.click();
  await page.keyboard.press('Escape');
  await expect(o.panel).toHaveCount(0);
  await expect(o.badge).toBeVisible();
}

async function expectPageUnchanged(page: Page) {
  const r = await page.evaluate(() => {
    const d = (window as unknown as { __dom: { atDcl: string | null; now(): string } }).__dom;
    const now = d.now();
    const before = d.atDcl ?? '';
    let i = 0;
    while (i < before.length && before[i] === now[i]) i++;
    return { recorded: d.atDcl !== null, same: now === before, at: i, before: before.slice(Math.max(0, i - 80), i + 120), after: now.slice(Math.max(0, i - 80), i + 120) };
  });
  expect(r.recorded, 'the DOM was recorded at DOMContentLoaded').toBe(true);
  expect(r.same ? '' : `first difference at ${r.at}:\n  before: ${r.before}\n  after:  ${r.after}`, 'the page DOM is unchanged apart from our host').toBe('');
}

test.describe('hostile host pages', () => {
  test.beforeEach(async ({ context }) => {
    await recordDomAtDcl(context);
  });

  test('a stylesheet that unsets and restyles everything does not reach the badge or the panel', async ({ context }) => {
    // Reference: the same notice without the hostile stylesheet.
    const ref = await openHostile(context, rich.originalUrl, decoded(rich));
    const expected = await overlayLook(ref.page);
    expect(expected.badge).not.toBeNull();
    expect(expected.panel).not.toBeNull();
    await ref.page.close();
    await context.unrouteAll();

    const { page, errors } = await openHostile(context, rich.originalUrl, `<style>${fixture('reset-everything.css')}</style>${decoded(rich)}`);
    // The page's stylesheet did apply to the page itself (the control that the attack is real).
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).getPropertyValue('color'))).toBe('rgb(255, 0, 0)');
    expect(await overlayLook(page)).toEqual(expected);
    await useOverlay(page);
    await expectPageUnchanged(page);
    expect(errors).toEqual([]);
  });

  test('a page that replaced Array.prototype.map, JSON.parse, fetch and customElements.define', async ({ context }) => {
    const { page, errors } = await openHostile(context, rich.originalUrl, `<script>${fixture('replaced-builtins.js')}</script>${decoded(rich)}`);
    // The replacements are in place in the page's world.
    expect(await page.evaluate(() => (window as unknown as { __hostile: { installed: boolean } }).__hostile.installed)).toBe(true);
    await useOverlay(page);
    // The content script runs in its own world: it never called the page's versions.
    expect(await page.evaluate(() => (window as unknown as { __hostile: { calls: Record<string, number> } }).__hostile.calls)).toEqual({});
    await expectPageUnchanged(page);
    expect(errors).toEqual([]);
  });

  test('page elements using our class names, ids and tag name are left alone and do not confuse the overlay', async ({ context }) => {
    const names = fixture('our-names.html');
    const { page, errors } = await openHostile(context, rich.originalUrl, `${decoded(rich)}${names}`);
    const pageStyle = () =>
      page.evaluate(() => {
        const out: Record<string, string> = {};
        for (const id of ['page-essor-root', 'page-essor-badge', 'page-essor-panel', 'essor-ov-title', 'page-essor-overlay']) {
          const el = document.getElementById(id);
          out[id] = el ? `${getComputedStyle(el).display}|${getComputedStyle(el).color}|${getComputedStyle(el).position}|${getComputedStyle(el).backgroundColor}` : 'missing';
        }
        return out;
      });
    const before = await pageStyle();
    const o = overlay(page);
    await expect(o.badge).toBeVisible();
    // Exactly one host of ours; the page's own <essor-overlay> is still there.
    await expect(o.host).toHaveCount(1);
    await expect(page.locator('#page-essor-overlay')).toHaveCount(1);
    await o.badge.click();
    // The panel is labelled by its own heading, not by the page's element with the same id.
    await expect(o.panel).toBeVisible();
    await expect(o.panel.getByRole('heading', { name: 'Essor', level: 2 })).toBeFocused();
    await expect(o.panel.getByRole('heading', { name: 'Leviers ESS' })).toBeVisible();
    // Our stylesheet stays in our shadow root: the page's look-alikes keep their own style.
    expect(await pageStyle()).toEqual(before);
    await expect(page.locator('#page-essor-badge')).toHaveText('Bouton de la page');
    await page.keyboard.press('Escape');
    await expectPageUnchanged(page);
    expect(errors).toEqual([]);
  });

  test('a 5 MB notice: the badge and the panel work and the page is unchanged', async ({ context }) => {
    test.setTimeout(120_000);
    const records = fs
      .readFileSync(path.join(ROOT, 'tests', 'fixtures', 'real', 'tenders.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { title?: string });
    const html = bigNotice(decoded(rich), records, 5 * 1024 * 1024);
    expect(Buffer.byteLength(html)).toBeGreaterThan(5 * 1024 * 1024);
    const { page, errors } = await openHostile(context, rich.originalUrl, html);
    expect(await page.evaluate(() => document.querySelectorAll('table.lot-detail').length)).toBeGreaterThan(300);
    const o = overlay(page);
    await expect(o.badge).toBeVisible({ timeout: 30_000 });
    await o.badge.click();
    await expect(o.panel.getByRole('heading', { name: 'Leviers ESS' })).toBeVisible({ timeout: 30_000 });
    const sw = await serviceWorker(context);
    const status = (await overlayStatus(sw, rich.originalUrl)) as { recognised?: boolean; reading?: { text: string } } | undefined;
    expect(status?.recognised).toBe(true);
    // The reading is bounded whatever the page's size (the background gets a bounded message).
    expect(status?.reading?.text.length ?? 0).toBeLessThanOrEqual(30_000);
    await page.keyboard.press('Escape');
    await expectPageUnchanged(page);
    expect(errors).toEqual([]);
  });
});

test.describe('injection', () => {
  const EVIL_TITLE = 'Nettoyage <img src=x onerror="window.__pwned=1"> des locaux <script>window.__pwned=1</script> \u202Eesolc\u202C ze\u200Bro\u200Dwidth\uFEFF';
  const EVIL_OBJECT =
    "Marché comportant une clause sociale d'insertion <img src=x onerror=\"window.__pwned=2\"> <svg onload=window.__pwned=3></svg> " +
    '"><iframe src="javascript:window.__pwned=4"></iframe> \u202Bمرحبا\u202C pour les personnes éloignées de l\'emploi.';
  const EVIL_BUYER = '<script>window.__pwned=5</script>Mairie <b onmouseover=window.__pwned=6>de Test</b>';

  /** The real PLACE page with its title, object and buyer fields holding markup as text, and a javascript: DCE link. */
  function injected(): string {
    let html = decoded(place);
    const field = (suffix: string, value: string) => {
      const re = new RegExp(`(id="ctl0_CONTENU_PAGE_[a-z0-9]+_${suffix}"[^>]*>)[^<]*`);
      expect(re.test(html), `field ${suffix} exists in the saved page`).toBe(true);
      html = html.replace(re, (_m, open: string) => open + escapeHtml(value));
    };
    field('intitule', EVIL_TITLE);
    field('objet', EVIL_OBJECT);
    field('entiteAchat', EVIL_BUYER);
    const link = fixture('javascript-dce-link.html');
    return html.includes('</body>') ? html.replace('</body>', `${link}</body>`) : html + link;
  }

  test('notice titles and texts with markup, javascript: URLs and bidi/zero-width characters render as text and run nothing', async ({ context, browser }) => {
    await recordDomAtDcl(context);
    const html = injected();
    // The saved PLACE page throws by itself (its libraries are not served): those errors are the page's.
    const own = await ownErrors(browser, place.originalUrl, html);
    const { page, errors } = await openHostile(context, place.originalUrl, html);
    // Control: the page itself shows the markup as text and ran nothing.
    await expect(page.getByText('<img src=x onerror="window.__pwned=1">', { exact: false }).first()).toBeVisible();
    const o = overlay(page);
    await expect(o.badge).toBeVisible();
    await o.badge.click();
    await expect(o.panel.getByRole('heading', { name: 'Leviers ESS' })).toBeVisible();

    const sw = await serviceWorker(context);
    const status = (await overlayStatus(sw, place.originalUrl)) as { reading?: { tender: { title?: string; buyer?: string }; signals: { evidence: string }[] } };
    const title = status.reading?.tender.title ?? '';
    const buyer = status.reading?.tender.buyer ?? '';
    expect(title).toContain('<img src=x onerror="window.__pwned=1">');
    expect(title).toContain('<script>window.__pwned=1</script>');
    expect(buyer).toContain('<script>window.__pwned=5</script>');

    const shadow = await page.evaluate(() => {
      const host = Array.from(document.querySelectorAll('essor-overlay')).find((h) => h.shadowRoot?.querySelector('.essor-root'))!;
      const root = host.shadowRoot!;
      const all = Array.from(root.querySelectorAll('*'));
      return {
        text: root.textContent ?? '',
        dangerous: Array.from(root.querySelectorAll('img, script, iframe, object, embed, svg[onload], b[onmouseover]')).map((e) => e.outerHTML.slice(0, 80)),
        handlers: all.flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${e.localName}[${a.name}]`)),
        jsLinks: Array.from(root.querySelectorAll('a[href]')).map((a) => a.getAttribute('href') ?? '').filter((h) => /^\s*javascript:/i.test(h)),
        strongTitle: Array.from(root.querySelectorAll('strong')).map((s) => s.textContent ?? ''),
      };
    });
    // Shown exactly as read, as text.
    expect(shadow.strongTitle).toContain(title);
    expect(shadow.text).toContain(buyer);
    expect(shadow.text).toContain('<img src=x onerror="window.__pwned=1">');
    expect(shadow.dangerous).toEqual([]);
    expect(shadow.handlers).toEqual([]);
    expect(shadow.jsLinks).toEqual([]);
    // Signals' evidence quoting the markup is text too, and "show in page" on it runs nothing.
    const show = o.panel.getByRole('button', { name: 'Voir dans la page' });
    for (let i = 0; i < (await show.count()); i++) await show.nth(i).click();
    // Copying the summary puts the same text on the clipboard, runs nothing.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(place.originalUrl).origin });
    await o.panel.getByRole('button', { name: 'Copier le résumé' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('<script>window.__pwned=1</script>');
    await page.keyboard.press('Escape');

    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await expectPageUnchanged(page);
    expect(errors.filter((e) => !own.includes(e))).toEqual([]);
  });
});
