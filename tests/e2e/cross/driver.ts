// One driver for the built extension in two real browsers, so each scenario is written once:
//  - Firefox: Debian's firefox-esr over WebDriver BiDi (puppeteer-core, no browser download); dist/firefox-mv3
//    installed as a temporary add-on with BiDi webExtension.install (Puppeteer's browser.installExtension).
//  - Chromium: Debian's chromium over CDP, dist/chrome-mv3 loaded unpacked.
// Pages are served at their real portal URLs by request interception; every other http(s) request is aborted
// and recorded, so a scenario can check that nothing went to another origin. TRACE=1 prints each wait.
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type HTTPRequest, type Page } from 'puppeteer-core';
import { ROOT, htmlContentType } from '../page-facts';
import type { StandIn } from '../recording-proxy';

export type BrowserKind = 'firefox' | 'chromium';

/** The part of the WebExtension API the driver calls inside extension pages and the service worker. */
interface ExtApi {
  tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(id: number, m: unknown): Promise<unknown>; get(id: number): Promise<{ url?: string }> };
  storage: { local: { clear(): Promise<void> }; session?: { clear(): Promise<void> } };
  contextMenus: { onClicked: unknown };
}
declare const chrome: ExtApi;

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const GECKO_ID = 'essor@essor.invalid';
/**
 * BiDi cannot navigate a tab to a moz-extension:// URL ("not allowed in this context") and the internal UUID
 * is random per profile, so the profile maps our add-on id to a fixed UUID (Firefox's own pref for it).
 */
const FIREFOX_UUID = '0e55e5a0-7e57-4e55-8e55-e55e55e55e55';

/** What a scenario sees: the document of a tab, of the overlay's shadow root, or of the Firefox sidebar. */
export interface Surface {
  /** Visible text (innerText) of the surface, '' while it does not exist. */
  text(): Promise<string>;
  /** Clicks the first element matching `selector` whose accessible name or text contains `name`. */
  click(selector: string, name: string | RegExp): Promise<void>;
  /** Types `value` into the first element matching `selector` (replacing its value). */
  fill(selector: string, value: string): Promise<void>;
  /** Runs `fn(root, arg)` where root is the surface's document or shadow root; returns its JSON value. */
  query<T, A>(fn: (root: Document | ShadowRoot, arg: A) => T, arg: A): Promise<T>;
}

export interface Session {
  kind: BrowserKind;
  browser: Browser;
  /** moz-extension://<uuid> or chrome-extension://<id> */
  extOrigin: string;
  /** Every http(s) request aborted because it went to an origin no test page is served at. */
  outside: string[];
  /**
   * Everything that reached the network at all (the background's requests included, which page interception
   * does not see): the URLs and CONNECT targets a recording proxy was asked for, when launched with one.
   */
  network: string[];
  /** Opens a tab on `url`, serving `body` as that document. */
  openNotice(url: string, body: Buffer | string): Promise<Page>;
  /** Opens one of the extension's pages (`popup.html?tab=3`) in a tab. */
  openExtensionPage(pathAndQuery: string): Promise<Page>;
  /** Evaluates `fn(arg)` with the extension's API (`browser`/`chrome`), in an extension page. */
  inExtension<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  /** Id of the tab showing `url`, found the way the popup finds it (asking each tab's overlay). */
  tabIdOf(url: string): Promise<number | undefined>;
  /**
   * Selects `text` in the page and chooses one of Essor's context-menu items. Firefox: the real context
   * menu, opened with a right click and its item activated (a user gesture). Chromium: native menus cannot be
   * driven, so the service worker's contextMenus.onClicked is dispatched with the same data.
   * Returns where the result is shown.
   */
  contextMenu(page: Page, item: 'essor-analyse' | 'essor-search', text: string): Promise<Surface>;
  /** Firefox's sidebar (sidebar_action); undefined in Chromium. */
  sidebar(): Surface | undefined;
  /** Firefox: whether Essor's sidebar is the one open; `close` hides it first. */
  sidebarShown(close?: boolean): Promise<boolean>;
  /** Firefox: shows Essor's sidebar (as View → Sidebar → Essor does); resolves once it is the one open. */
  showSidebar(): Promise<void>;
  /**
   * Puts a stand-in behind `https://<host>` for this session's browser (through the recording proxy, which ends
   * TLS for that host: the browser accepts its certificate); `null` removes it. Requests to it are still recorded
   * in `network`.
   */
  standIn(host: string, handler: StandIn | null): void;
  /**
   * Sets the clock of the extension's background (Chromium's service worker, Firefox's event page) to `iso`, the
   * rest of the browser unchanged; `null` gives it back. Firefox: the event page is kept awake meanwhile (a
   * restarted one would come back with the real clock).
   */
  backgroundClock(iso: string | null): Promise<void>;
  /** Closes every tab but one and clears the extension's storage: the next scenario starts fresh. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Shifts `g.Date` (a global object of the background) to `target`, or back when null. Runs in a browser. */
function shiftClock(g: { Date: DateConstructor; __essorRealDate?: DateConstructor }, target: string | null) {
  const Real = g.__essorRealDate ?? g.Date;
  g.__essorRealDate = Real;
  if (target === null) {
    g.Date = Real;
    return Real.now();
  }
  const offset = Real.parse(target) - Real.now();
  class Shifted extends Real {
    constructor(...args: unknown[]) {
      if (args.length) super(...(args as [number]));
      else super(Real.now() + offset);
    }
    static override now() {
      return Real.now() + offset;
    }
  }
  g.Date = Shifted as unknown as DateConstructor;
  return g.Date.now();
}

/** The built extension: dist/<browser>-mv3, or $EXT_DIR_FIREFOX / $EXT_DIR_CHROMIUM (a copy to experiment on). */
export function extensionDir(kind: BrowserKind): string {
  const env = kind === 'firefox' ? process.env.EXT_DIR_FIREFOX : process.env.EXT_DIR_CHROMIUM;
  return path.resolve(ROOT, env ?? path.join('dist', kind === 'firefox' ? 'firefox-mv3' : 'chrome-mv3'));
}

export function browserPath(kind: BrowserKind): string {
  return kind === 'firefox' ? FIREFOX : CHROMIUM;
}

/**
 * tsx (esbuild keepNames) wraps named functions in `__name(...)`, which does not exist in the page: every
 * function sent to a browser goes through this, which defines it.
 */
export function source(fn: Function | string, ...args: unknown[]): string {
  return `(() => { const __name = (f) => f; return (${fn.toString()})(${args.map((a) => JSON.stringify(a) ?? 'undefined').join(', ')}); })()`;
}

/** page.evaluate for functions compiled by tsx (see `source`). */
export function evaluate<T>(page: Page, fn: Function, ...args: unknown[]): Promise<T> {
  return page.evaluate(source(fn, ...args)) as Promise<T>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until `ok(value)` or the timeout; throws with the last value seen. */
export async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeout = 10_000): Promise<T> {
  if (process.env.TRACE) console.log(`  … ${what}`);
  const end = Date.now() + timeout;
  let last: T | undefined;
  let error: unknown;
  while (Date.now() < end) {
    try {
      // A call that never answers (a page evaluated while it navigates) counts as a failed try.
      let timer: NodeJS.Timeout | undefined;
      last = await Promise.race([fn(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer in 5 s')), 5000)))]).finally(() => clearTimeout(timer));
      error = undefined;
      if (ok(last)) return last;
    } catch (e) {
      error = e;
    }
    await sleep(100);
  }
  const seen = error ? String(error) : JSON.stringify(last)?.slice(0, 400);
  throw new Error(`timed out waiting for ${what}; last: ${seen}`);
}

/** In-page finder (serialised into the page): first element of `sel` under `root` whose name matches. */
function finder(root: Document | ShadowRoot, arg: { sel: string; name: string; flags: string; re: boolean }): Element | undefined {
  const test = (s: string) => (arg.re ? new RegExp(arg.name, arg.flags).test(s) : s.includes(arg.name));
  return Array.from(root.querySelectorAll(arg.sel)).find((e) => {
    const el = e as HTMLElement;
    const labelled = el.getAttribute('aria-labelledby');
    const byId = labelled ? (el.getRootNode() as Document).getElementById?.(labelled)?.textContent ?? '' : '';
    const own = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
    return [el.getAttribute('aria-label') ?? '', byId, own, el.textContent ?? ''].some((s) => test(s.replace(/\s+/g, ' ').trim()));
  });
}

function nameArg(sel: string, name: string | RegExp) {
  return typeof name === 'string' ? { sel, name, flags: '', re: false } : { sel, name: name.source, flags: name.flags, re: true };
}

/** A surface over a tab: the whole document, or the open shadow root of `hostTag`. */
export function pageSurface(page: Page, hostTag?: string): Surface {
  const rootExpr = (fnSrc: string, arg: unknown) =>
    `(() => { const __name = (f) => f; const root = ${hostTag ? `document.querySelector(${JSON.stringify(hostTag)})?.shadowRoot` : 'document'}; if (!root) return undefined; return (${fnSrc})(root, ${JSON.stringify(arg)}); })()`;
  const handle = async (sel: string, name: string | RegExp): Promise<ElementHandle<Element>> => {
    const h = await until(
      `${sel} named ${String(name)}`,
      async () => {
        const js = hostTag
          ? `document.querySelector(${JSON.stringify(hostTag)})?.shadowRoot`
          : 'document';
        const el = await page.evaluateHandle(`(() => { const __name = (f) => f; const root = ${js}; return root ? (${finder.toString()})(root, ${JSON.stringify(nameArg(sel, name))}) : undefined; })()`);
        const e = el.asElement();
        return e ? (e as ElementHandle<Element>) : undefined;
      },
      (v) => v !== undefined,
    );
    return h!;
  };
  return {
    text: async () => ((await page.evaluate(rootExpr('(r) => (r.body ?? r.querySelector("*") ?? r).innerText ?? ""', null))) as string | undefined) ?? '',
    // Real input goes to the front tab: a tab left behind another (the helper page) never paints and the click
    // would wait for it forever.
    async click(sel, name) {
      const el = await handle(sel, name);
      await page.bringToFront();
      await el.click();
    },
    async fill(sel, value) {
      const el = await handle(sel, /.*/);
      await page.bringToFront();
      await el.click({ count: 3 });
      await el.evaluate((e) => {
        (e as HTMLInputElement).value = '';
      });
      await el.type(value);
    },
    query: async (fn, arg) => page.evaluate(rootExpr(fn.toString(), arg)) as never,
  };
}

function contentType(body: Buffer | string): string {
  return typeof body === 'string' ? 'text/html; charset=utf-8' : htmlContentType(body);
}

/** Launches `kind` with the built extension installed. */
export async function launch(kind: BrowserKind, opts: { proxy?: { url: string; seen: string[]; standIn?(host: string, h: StandIn): void; removeStandIn?(host: string): void } } = {}): Promise<Session> {
  const dir = extensionDir(kind);
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`No built extension at ${dir}: run npm run build:ext first`);
  const exe = browserPath(kind);
  if (!fs.existsSync(exe)) throw new Error(`${kind} not found at ${exe}: apt-get install -y ${kind === 'firefox' ? 'firefox-esr' : 'chromium'}`);

  let browser: Browser;
  let extOrigin: string;
  if (kind === 'firefox') {
    const prefs: Record<string, unknown> = { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }) };
    if (opts.proxy) {
      const u = new URL(opts.proxy.url);
      Object.assign(prefs, {
        'network.proxy.type': 1,
        'network.proxy.http': u.hostname,
        'network.proxy.http_port': Number(u.port),
        'network.proxy.ssl': u.hostname,
        'network.proxy.ssl_port': Number(u.port),
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
      });
    }
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: exe,
      headless: true,
      // The recording proxy's stand-ins end TLS with their own certificate.
      acceptInsecureCerts: !!opts.proxy,
      // Lets BiDi evaluate in the browser's own window (moz:scope "chrome"): the only way to open an extension
      // page in a tab, to drive the real context menu and to look at the sidebar.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: prefs,
    });
    const id = await browser.installExtension(dir);
    if (id !== GECKO_ID) throw new Error(`installed ${id}, expected ${GECKO_ID}`);
    extOrigin = `moz-extension://${FIREFOX_UUID}`;
  } else {
    browser = await puppeteer.launch({
      browser: 'chrome',
      executablePath: exe,
      headless: true,
      acceptInsecureCerts: !!opts.proxy,
      pipe: true,
      enableExtensions: [dir],
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...(opts.proxy ? [`--proxy-server=${opts.proxy.url}`, '--proxy-bypass-list=<-loopback>'] : [])],
    });
    const sw = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 15_000 });
    extOrigin = `chrome-extension://${new URL(sw.url()).host}`;
  }

  const served = new Map<string, Buffer | string>();
  const outside: string[] = [];
  const intercepted = new WeakSet<Page>();

  async function intercept(page: Page) {
    if (intercepted.has(page)) return;
    intercepted.add(page);
    await page.setRequestInterception(true);
    page.on('request', (r: HTTPRequest) => {
      const u = new URL(r.url());
      u.hash = '';
      const body = served.get(u.href);
      if (body !== undefined && r.isNavigationRequest()) {
        void r.respond({ status: 200, headers: { 'content-type': contentType(body) }, body: typeof body === 'string' ? Buffer.from(body) : body });
        return;
      }
      if (u.protocol.startsWith('http') && u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') {
        outside.push(u.href);
        void r.abort();
        return;
      }
      void r.continue();
    });
  }

  /** BiDi script.evaluate in the browser window (Firefox only). */
  async function inChrome(expression: string): Promise<unknown> {
    // Puppeteer's BiDi browser keeps its connection on a field its types do not declare.
    const conn = (browser as unknown as { connection: unknown }).connection as { send(m: string, p: object): Promise<{ result: { contexts?: { context: string }[]; result?: { value?: unknown }; exceptionDetails?: { text: string } } }> };
    const tree = await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
    const ctx = tree.result.contexts![0]!.context;
    const r = await conn.send('script.evaluate', { expression, target: { context: ctx }, awaitPromise: true });
    if (r.result.exceptionDetails) throw new Error(`chrome scope: ${r.result.exceptionDetails.text}`);
    return r.result.result?.value;
  }

  // 20 s: each try asks every open tab for its address, and a busy tab may take the 5 s of a failed try (seen once
  // on a loaded machine with the markers scenario's BOAMP page open).
  async function pageAt(url: string, timeout = 20_000): Promise<Page> {
    return until(
      `a tab at ${url}`,
      async () => {
        for (const p of await browser.pages()) {
          const href = await p.evaluate(() => location.href).catch(() => '');
          if (href === url) return p;
        }
        return undefined;
      },
      (p) => p !== undefined,
      timeout,
    ) as Promise<Page>;
  }

  async function openExtensionPage(pathAndQuery: string): Promise<Page> {
    const url = `${extOrigin}/${pathAndQuery.replace(/^\//, '')}`;
    if (kind === 'chromium') {
      const page = await browser.newPage();
      await page.goto(url);
      return page;
    }
    // A tab opened by the browser itself with the system principal, as if typed in the address bar.
    const open = () =>
      inChrome(`(() => { const w = Services.wm.getMostRecentWindow('navigator:browser');
      const t = w.gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
      w.gBrowser.selectedTab = t; return true; })()`);
    await open();
    // On a loaded machine the new tab was twice never listed to the driver (BiDi): open it once more rather than
    // wait on a tab that will not come.
    const page = await pageAt(url, 10_000).catch(async () => (await open(), pageAt(url, 15_000)));
    await page.waitForFunction(() => document.readyState === 'complete');
    return page;
  }

  let helper: Page | undefined;
  async function extensionPage(): Promise<Page> {
    if (helper && !helper.isClosed()) return helper;
    helper = await openExtensionPage('options.html?essor-test-helper');
    return helper;
  }

  const inExtension = async <T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> => {
    const p = await extensionPage();
    return p.evaluate(source(fn, arg)) as Promise<T>;
  };

  async function tabIdOf(url: string): Promise<number | undefined> {
    return inExtension(async (target: string) => {
      const api = (globalThis as unknown as { browser?: ExtApi }).browser ?? chrome;
      for (const t of await api.tabs.query({})) {
        if (t.id === undefined) continue;
        try {
          const s = (await api.tabs.sendMessage(t.id, { type: 'essor:status' })) as { url?: string } | undefined;
          if (s && s.url === target) return t.id;
        } catch {
          /* no overlay script in that tab */
        }
      }
      return undefined;
    }, url);
  }

  /** The Firefox sidebar's document, reached from an extension page (extension.getViews, same process). */
  function sidebarSurface(): Surface {
    const run = async <T, A>(fn: (root: Document | ShadowRoot, arg: A) => T, arg: A): Promise<T> => {
      const p = await extensionPage();
      return p.evaluate(
        `(() => { const __name = (f) => f; const v = browser.extension.getViews({ type: 'sidebar' })[0]; if (!v) return undefined; return (${fn.toString()})(v.document, ${JSON.stringify(arg)}); })()`,
      ) as Promise<T>;
    };
    return {
      text: async () => (await run((d) => (d as Document).body?.innerText ?? '', null)) ?? '',
      async click(sel, name) {
        const ok = await until(`sidebar ${sel} ${String(name)}`, () => run(new Function('root', 'arg', `const el = (${finder.toString()})(root, arg); if (el) el.click(); return !!el;`) as never, nameArg(sel, name)), (v) => v === true);
        if (!ok) throw new Error('not clicked');
      },
      async fill(sel, value) {
        await run(
          (root, a: { sel: string; value: string }) => {
            const el = root.querySelector(a.sel) as HTMLInputElement;
            el.value = a.value;
            el.dispatchEvent(new Event('input', { bubbles: true }));
          },
          { sel, value },
        );
      },
      query: run,
    };
  }

  async function contextMenu(page: Page, item: 'essor-analyse' | 'essor-search', text: string): Promise<Surface> {
    // The selection, as a user would make it, in a paragraph added to the page.
    await page.evaluate((t) => {
      const p = document.createElement('p');
      p.id = 'essor-test-selection';
      p.textContent = t;
      p.style.cssText = 'position:fixed;top:10px;left:10px;z-index:2147483646;background:#fff;font-size:16px;width:600px';
      document.body.append(p);
      const r = document.createRange();
      r.selectNodeContents(p);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
    }, text);
    if (kind === 'firefox') {
      const box = await (await page.$('#essor-test-selection'))!.boundingBox();
      await page.mouse.click(box!.x + 30, box!.y + box!.height / 2, { button: 'right' });
      const menuId = `${GECKO_ID.replace(/[@.]/g, '_')}-menuitem-_${item}`;
      const found = await until(
        `context menu item ${menuId}`,
        () =>
          inChrome(`(() => { const w = Services.wm.getMostRecentWindow('navigator:browser');
            const m = w.document.getElementById('contentAreaContextMenu'); if (m.state !== 'open') return 'closed';
            const it = w.document.getElementById(${JSON.stringify(menuId)}); if (!it || it.hidden) return 'missing';
            // Two items of one add-on sit in a submenu named after it: open it, then choose the item.
            const popup = it.parentNode; const menu = popup.parentNode;
            if (popup !== m && popup.state !== 'open') { menu.openMenu(true); return 'submenu ' + popup.state; }
            popup.activateItem(it); return 'clicked'; })()`),
        (v) => v === 'clicked',
      );
      void found;
      await until(
        'the sidebar to show sidepanel.html',
        () => inChrome(`(() => { const w = Services.wm.getMostRecentWindow('navigator:browser'); return w.SidebarController.isOpen && w.SidebarController.currentID; })()`),
        (v) => typeof v === 'string' && v.includes('sidebar-action'),
      );
      return sidebarSurface();
    }
    const tabId = await tabIdOf(page.url());
    const before = new Set(await browser.pages());
    const swTarget = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(extOrigin));
    const sw = await swTarget.worker();
    await sw!.evaluate(
      async (id: number, menuItemId: string, selectionText: string) => {
        const tab = await chrome.tabs.get(id);
        (chrome.contextMenus.onClicked as unknown as { dispatch(i: object, t: object): void }).dispatch({ menuItemId, selectionText, editable: false, pageUrl: tab.url }, tab);
      },
      tabId!,
      item,
      text,
    );
    const opened = await until('the side panel page in a new tab', async () => (await browser.pages()).find((p) => !before.has(p) && p.url().includes('/sidepanel.html')), (p) => p !== undefined);
    return pageSurface(opened!);
  }

  const session: Session = {
    kind,
    browser,
    extOrigin,
    outside,
    network: opts.proxy?.seen ?? [],
    async openNotice(url, body) {
      served.set(new URL(url).href.replace(/#.*$/, ''), body);
      const page = await browser.newPage();
      await intercept(page);
      await page.goto(url);
      return page;
    },
    openExtensionPage,
    inExtension,
    tabIdOf,
    contextMenu,
    sidebar: () => (kind === 'firefox' ? sidebarSurface() : undefined),
    async sidebarShown(close = false) {
      if (kind !== 'firefox') return false;
      const r = await inChrome(`(() => { const c = Services.wm.getMostRecentWindow('navigator:browser').SidebarController;
        if (${close}) c.hide(); return !!c.isOpen && String(c.currentID).startsWith(${JSON.stringify(GECKO_ID.replace(/[@.]/g, '_'))}); })()`);
      return r === true;
    },
    async showSidebar() {
      if (kind !== 'firefox') throw new Error('no sidebar in Chromium');
      const id = `${GECKO_ID.replace(/[@.]/g, '_')}-sidebar-action`;
      await inChrome(`(() => { Services.wm.getMostRecentWindow('navigator:browser').SidebarController.show(${JSON.stringify(id)}); return true; })()`);
      await until('Essor’s sidebar', () => session.sidebarShown(), (v) => v === true);
    },
    standIn(host, handler) {
      if (!opts.proxy?.standIn || !opts.proxy.removeStandIn) throw new Error('stand-ins need the recording proxy');
      if (handler) opts.proxy.standIn(host, handler);
      else opts.proxy.removeStandIn(host);
    },
    async backgroundClock(iso) {
      if (kind === 'chromium') {
        const swTarget = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(extOrigin));
        const sw = await swTarget.worker();
        await sw!.evaluate(`(() => { const __name = (f) => f; return (${shiftClock.toString()})(globalThis, ${JSON.stringify(iso)}); })()`);
        return;
      }
      await inChrome(iso === null ? `Services.prefs.clearUserPref('extensions.background.idle.timeout')` : `Services.prefs.setIntPref('extensions.background.idle.timeout', 600000)`);
      const p = await extensionPage();
      await p.evaluate(
        `(async () => { const __name = (f) => f; const bg = await browser.runtime.getBackgroundPage(); return (${shiftClock.toString()})(bg, ${JSON.stringify(iso)}); })()`,
      );
    },
    async reset() {
      await inExtension(async () => {
        const api = (globalThis as unknown as { browser?: ExtApi }).browser ?? chrome;
        await api.storage.local.clear();
        await api.storage.session?.clear();
      }, null).catch(() => undefined);
      const keep = await extensionPage();
      for (const p of await browser.pages()) if (p !== keep) await p.close().catch(() => undefined);
      outside.length = 0;
      if (opts.proxy) opts.proxy.seen.length = 0;
      served.clear();
    },
    close: () => browser.close(),
  };
  return session;
}

export { recordingProxy } from '../recording-proxy';
