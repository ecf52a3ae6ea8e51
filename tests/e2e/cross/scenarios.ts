// The extension's user scenarios, written once and run in Firefox and in Chromium (tests/e2e/cross/run.ts).
// They assert on what a user sees: the overlay host <essor-overlay>, the panel's text, roles and names; never
// on the content script's internals, which are free to change.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expertLeverNames, expertsExpectLevers, hostsNamedBy, norm, pageBuyer, readRealPage, realPages, type RealPage } from '../page-facts';
import { evaluate, extensionDir, pageSurface, until, type BrowserKind, type Session } from './driver';
import type { Page } from 'puppeteer-core';
import { apiAnswer, apiRecords, exportRecords } from '../../lib/boamp-standin';

export interface Scenario {
  name: string;
  /** Browsers the scenario applies to (both when absent). */
  only?: BrowserKind;
  run(s: Session): Promise<void>;
}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

const pages = await realPages();
assert(pages.length > 0, 'no saved real pages in ../shared/fixtures/real/pages');
const rich = pages.find((x) => x.file === 'boamp_20-96685.html') ?? pages[0]!;

const overlay = (page: Page) => pageSurface(page, 'essor-overlay');

/** The panel's text ('' while it is closed). */
async function panelText(page: Page): Promise<string> {
  return overlay(page).query((root) => (root.querySelector('[role="dialog"]') as HTMLElement | null)?.innerText ?? '', null).then((t) => t ?? '');
}

/** The value next to a term of the "what Essor read" list in `root`. */
function factIn(root: Document | ShadowRoot, term: string): string {
  const dt = Array.from(root.querySelectorAll('dt')).find((d) => (d.textContent ?? '').includes(term));
  const dd = dt?.nextElementSibling;
  return dd && dd.tagName === 'DD' ? (dd.textContent ?? '') : '';
}

/** Reloads a tab (BiDi's reload of an extension page never reports its end in Firefox: wait for the document). */
async function reload(page: Page) {
  const marker = await page.evaluate(() => ((window as unknown as { essorMark?: number }).essorMark = Math.random()));
  await page.evaluate(() => location.reload());
  await until('the reload', () => page.evaluate(() => (window as unknown as { essorMark?: number }).essorMark ?? null).catch(() => marker), (v) => v === null);
  await until('the reloaded document', () => page.evaluate(() => document.readyState), (v) => v === 'complete');
}

/** A lever is proposed: an item of the panel's action list (or a lever card). */
function hasLever(root: Document | ShadowRoot): boolean {
  return !!root.querySelector('.essor-actions li, .essor-card');
}

async function openNotice(s: Session, p: RealPage): Promise<Page> {
  return s.openNotice(p.originalUrl, readRealPage(p.file));
}

/** Session of the scenario being run: lets a failed wait for the badge say what the tab's scripts report. */
let current: Session | undefined;

async function badgeShown(page: Page) {
  try {
    await until('the Essor badge', () => overlay(page).query((r) => !!r.querySelector('button[aria-label*="Essor"]'), null), (v) => v === true, 15_000);
  } catch (e) {
    // Say what the content script of that tab answers (the first stage answers even without a badge).
    const url = page.url();
    const said = await current
      ?.inExtension(async (target: string) => {
        const b = (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; sendMessage(id: number, m: object): Promise<unknown> } } }).browser;
        for (const t of await b.tabs.query({})) {
          if (t.url !== target || t.id === undefined) continue;
          return b.tabs.sendMessage(t.id, { type: 'essor:status' }).then((x) => JSON.stringify(x)?.slice(0, 300), (err) => `no answer: ${String(err)}`);
        }
        return 'no tab with that URL';
      }, url)
      .catch((err) => `status not asked: ${String(err)}`);
    throw new Error(`${(e as Error).message}; the tab's content script says: ${said}`);
  }
}

async function openPanel(page: Page) {
  await badgeShown(page);
  await overlay(page).click('button', /Essor/);
  // Open once its "what Essor read" list is there (the advice arrives from the background after the click).
  await until('the panel with what Essor read', () => overlay(page).query((r) => !!r.querySelector('[role="dialog"] dt'), null), (v) => v === true);
}

function noticeScenario(p: RealPage): Scenario {
  return {
    name: `badge and panel on ${p.file} at its real URL`,
    async run(s) {
      const page = await openNotice(s, p);
      await badgeShown(page);
      assert((await page.evaluate(() => document.querySelectorAll('essor-overlay').length)) === 1, 'one overlay host');
      const buyer = await evaluate<string>(page, pageBuyer);
      assert(buyer.length > 3, `the saved page names its buyer (got "${buyer}")`);
      // Keyboard: focus the badge, Enter opens the panel and its title takes the focus.
      await overlay(page).query((r) => (r.querySelector('button[aria-label*="Essor"]') as HTMLElement).focus(), null);
      await page.keyboard.press('Enter');
      await until('the panel with what Essor read', () => overlay(page).query((r) => !!r.querySelector('[role="dialog"] dt'), null), (v) => v === true);
      await until(
        'the focus on the panel title',
        () => overlay(page).query((r) => ({ tag: r.activeElement?.tagName ?? '', text: r.activeElement?.textContent ?? '' }), null),
        (f) => f.tag === 'H2' && f.text.includes('Essor'),
      );
      const text = await panelText(page);
      assert(text.includes('Essor'), 'the panel is titled Essor');
      const read = await overlay(page).query(factIn, 'Acheteur');
      assert(norm(read ?? '').includes(norm(buyer)), `panel buyer "${read}" contains "${buyer}"`);
      const expected = expertLeverNames(p);
      if (expertsExpectLevers(p) && expected.length) {
        const panel = norm(await panelText(page));
        assert(expected.some((name) => panel.includes(norm(name))), `the panel names one of the experts' levers (${expected.join(' / ')})`);
      } else if (expertsExpectLevers(p)) {
        assert(await overlay(page).query(hasLever, null), 'at least one lever proposed');
      } else {
        assert(await overlay(page).query((r) => (r.querySelector('[role="dialog"] section p')?.textContent ?? '').trim().length > 0, null), 'the panel says why there is no lever');
      }
      // Escape closes the panel and gives the focus back to the badge.
      await page.keyboard.press('Escape');
      await until('the panel to close', () => panelText(page), (t) => t === '');
      await until('the focus back on the badge', () => overlay(page).query((r) => r.activeElement?.getAttribute('aria-label') ?? '', null), (v) => /Essor/.test(v ?? ''));
    },
  };
}

/** axe-core (the engine of @axe-core/playwright), injected into a tab of either browser. */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A/AA violations on a tab's document, as "rule (nodes) target". */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => v.id + ' (' + v.nodes.length + ') ' + v.nodes[0].target.join(' ')))`,
  )) as string[];
}

/** The watch's stored state (its list and last run). */
function storedWatch(s: Session) {
  return s.inExtension(async () => {
    type Api = { storage: { local: { get(k: string): Promise<Record<string, { items: unknown[]; lastRun?: string; status: string } | undefined>> } } };
    const g = globalThis as unknown as { browser?: Api; chrome: Api };
    const api = g.browser ?? g.chrome;
    return (await api.storage.local.get('essor:watch'))['essor:watch'] ?? null;
  }, null);
}

/** The address the watch asks (core/read/boamp-api.ts), served here by a stand-in with real records. */
const WATCH_API = 'https://www.boamp.fr/api/explore/v2.1/catalog/datasets/boamp/records';

/** Hosts the browsers ask by themselves (updates, remote settings, autofill): not the extension's requests. */
const BROWSER_SERVICES: Record<BrowserKind, RegExp> = {
  firefox: /(^|\.)(mozilla\.(com|net|org)|firefox\.com)$/,
  chromium: /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com)$/,
};

export function setCurrentSession(s: Session) {
  current = s;
}

export const scenarios: Scenario[] = [
  ...pages.map(noticeScenario),

  {
    name: 'role switch and "Voir dans la page" outline the evidence in the page',
    async run(s) {
      const page = await openNotice(s, rich);
      await openPanel(page);
      const o = overlay(page);
      const pressed = (role: string) => o.query((r, name) => Array.from(r.querySelectorAll('button')).find((b) => b.textContent?.includes(name))?.getAttribute('aria-pressed') ?? null, role);
      const buyerView = await panelText(page);
      await o.click('button', 'Structure de l’ESS');
      await until('the bidder view', () => panelText(page), (t) => t !== buyerView && t.includes('Essor'));
      assert((await pressed('Structure de l’ESS')) === 'true' && (await pressed('Acheteur public')) === 'false', 'role buttons pressed state');
      await o.click('button', 'Acheteur public');
      await until('the buyer view again', () => pressed('Acheteur public'), (v) => v === 'true');

      const evidence = norm((await o.query((r) => r.querySelector('.essor-evidence')?.textContent ?? '', null)) ?? '');
      assert(evidence.length > 10, 'the panel quotes evidence from the page');
      await o.click('button', 'Voir dans la page');
      const outlined = await until(
        'an outlined element of the page',
        () => page.evaluate(() => Array.from(document.body.querySelectorAll<HTMLElement>('*')).find((e) => e.style.outline.includes('3px'))?.textContent ?? null),
        (v) => v !== null,
      );
      assert(norm(outlined!).includes(evidence.slice(0, 20)), `outlined text contains the evidence "${evidence.slice(0, 20)}"`);
      await page.keyboard.press('Escape');
      await until('the outline to go', () => page.evaluate(() => Array.from(document.body.querySelectorAll<HTMLElement>('*')).some((e) => e.style.outline.includes('3px'))), (v) => v === false);
    },
  },

  {
    name: 'popup: status of the current tab, then fuzzy search opens a fiche',
    async run(s) {
      const page = await openNotice(s, rich);
      await badgeShown(page);
      const tabId = await s.tabIdOf(rich.originalUrl);
      assert(tabId !== undefined, 'the overlay answers for its tab');
      const popup = await s.openExtensionPage(`popup.html?tab=${tabId}`);
      const doc = pageSurface(popup);
      await until('the popup status', () => doc.text(), (t) => t.includes('Avis de marché reconnu'));
      await doc.click('[role="tab"]', 'Rechercher');
      await doc.fill('input[type="search"], input', 'comande publik responsable');
      await doc.click('button', /^Commande publique responsable$/);
      await until('the fiche', () => doc.query((r) => Array.from(r.querySelectorAll('h3')).map((h) => h.textContent ?? ''), null), (h) => (h ?? []).includes('Commande publique responsable'));
    },
  },

  {
    name: 'options: saved across a reload, repaired when the stored value is broken',
    async run(s) {
      const options = await s.openExtensionPage('options.html');
      const doc = pageSurface(options);
      await until('the options page', () => doc.text(), (t) => t.includes('Options d’Essor'));
      await doc.click('input[type="radio"]', 'Structure de l’ESS');
      await until('saved', () => doc.text(), (t) => t.includes('Options enregistrées'));
      await reload(options);
      await until('the saved role after a reload', () => doc.query((r) => (Array.from(r.querySelectorAll('input[type="radio"]')) as HTMLInputElement[]).find((i) => i.checked && (i.labels?.[0]?.textContent ?? '').includes('Structure'))?.value ?? null, null), (v) => !!v);

      // A broken stored value (another version, a hand edit): the options show the defaults and stay usable.
      await s.inExtension(async () => {
        const api = (globalThis as unknown as { browser: { storage: { local: { set(o: object): Promise<void> } } } }).browser ?? (globalThis as never as { chrome: never }).chrome;
        await api.storage.local.set({ 'essor:settings': 'not json at all' });
      }, null);
      await reload(options);
      await until('defaults after repair', () => doc.query((r) => (Array.from(r.querySelectorAll('input[type="radio"]')) as HTMLInputElement[]).find((i) => i.checked && (i.labels?.[0]?.textContent ?? '').includes('Acheteur public'))?.value ?? null, null), (v) => !!v);
      await doc.click('input[type="radio"]', 'English');
      await until('English options', () => doc.text(), (t) => t.includes('Essor options'));
      const stored = await s.inExtension(async () => {
        const api = (globalThis as unknown as { browser: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).browser;
        return (await api.storage.local.get('essor:settings'))['essor:settings'];
      }, null);
      assert(typeof stored === 'object' && stored !== null && (stored as { lang?: string }).lang === 'en', `repaired settings saved (got ${JSON.stringify(stored)})`);
    },
  },

  {
    name: 'context menu "Analyser ce texte comme un marché" shows the analysis',
    async run(s) {
      const page = await openNotice(s, rich);
      await badgeShown(page);
      const text = 'Marché de nettoyage des locaux administratifs et des écoles de la commune, prestations de services de nettoyage et d’entretien, durée 3 ans, CPV 90910000. Date limite de réception des offres : 15/10/2020.';
      const shown = await s.contextMenu(page, 'essor-analyse', text);
      const analyseTab = () => shown.query((r) => Array.from(r.querySelectorAll('[role="tab"]')).find((t) => (t.textContent ?? '').includes('Analyser un texte'))?.getAttribute('aria-selected') ?? null, null);
      await until('the "Analyser un texte de marché" tab', analyseTab, (v) => v === 'true', 15_000);
      await until('the selection in the text box', () => shown.query((r) => (r.querySelector('textarea') as HTMLTextAreaElement | null)?.value ?? '', null), (v) => v === text.replace(/\s+/g, ' '));
      await until('the analysis of the selected text', () => shown.query(hasLever, null), (v) => v === true);
      if (s.kind === 'chromium') {
        // Without a user gesture Chrome's side panel cannot open: the same page in a tab, request by id only.
        const url = await shown.query(() => location.href, null);
        assert(/\/sidepanel\.html\?req=\w+&tab=\d+$/.test(url) && !url.includes('nettoyage'), `fallback tab URL ${url}`);
      }
    },
  },

  {
    name: 'context menu "Rechercher dans Essor" searches the selection',
    async run(s) {
      const page = await openNotice(s, rich);
      await badgeShown(page);
      const shown = await s.contextMenu(page, 'essor-search', 'comande publik responsable');
      await until('search results', () => shown.query((r) => Array.from(r.querySelectorAll('button')).some((b) => (b.textContent ?? '').trim() === 'Commande publique responsable'), null), (v) => v === true, 15_000);
    },
  },

  {
    name: 'sidebar (sidebar_action) shows the advice of the current tab; no sidePanel API',
    only: 'firefox',
    async run(s) {
      const manifest = JSON.parse(fs.readFileSync(path.join(extensionDir('firefox'), 'manifest.json'), 'utf8'));
      assert(manifest.sidebar_action?.default_panel === 'sidepanel.html', 'sidebar_action declared');
      assert(!manifest.permissions.includes('sidePanel') && !manifest.side_panel, 'no Chrome side panel in the Firefox build');
      const apis = await s.inExtension(() => {
        const b = (globalThis as unknown as { browser: Record<string, unknown> }).browser;
        return { sidePanel: typeof b.sidePanel, sidebarAction: typeof b.sidebarAction };
      }, null);
      assert(apis.sidePanel === 'undefined' && apis.sidebarAction === 'object', `Firefox APIs ${JSON.stringify(apis)}`);
      const page = await openNotice(s, rich);
      await badgeShown(page);
      await page.bringToFront();
      const sidebar = s.sidebar()!;
      // Firefox opens the add-on's sidebar on install; its "Cette page" tab follows the active tab.
      await sidebar.click('[role="tab"]', 'Cette page');
      await until('the sidebar to recognise the notice', () => sidebar.text(), (t) => t.includes('Avis de marché reconnu'), 15_000);
      const buyer = await evaluate<string>(page, pageBuyer);
      const read = await sidebar.query(factIn, 'Acheteur');
      assert(norm(read ?? '').includes(norm(buyer)), `sidebar buyer "${read}" contains "${buyer}"`);

      // The popup's "Ouvrir dans le panneau latéral" opens the sidebar (sidebarAction.open in the click).
      await s.sidebarShown(true);
      assert(!(await s.sidebarShown()), 'the sidebar is closed');
      const tabId = await s.tabIdOf(rich.originalUrl);
      const popup = pageSurface(await s.openExtensionPage(`popup.html?tab=${tabId}`));
      await until('the popup status', () => popup.text(), (t) => t.includes('Avis de marché reconnu'));
      await popup.click('button', 'Ouvrir dans le panneau latéral');
      await until('the sidebar to open from the popup', () => s.sidebarShown(), (v) => v === true);
    },
  },

  {
    name: 'side panel page shows the advice of its tab',
    only: 'chromium',
    async run(s) {
      const page = await openNotice(s, rich);
      await badgeShown(page);
      const tabId = await s.tabIdOf(rich.originalUrl);
      const side = pageSurface(await s.openExtensionPage(`sidepanel.html?tab=${tabId}`));
      await until('the side panel to recognise the notice', () => side.text(), (t) => t.includes('Avis de marché reconnu'));
      const read = await side.query(factIn, 'Acheteur');
      assert(norm(read ?? '').includes(norm(await evaluate<string>(page, pageBuyer))), `side panel buyer "${read}"`);
    },
  },

  {
    // tests/e2e/watch.spec.ts in both browsers: the stand-in answers at BOAMP's real address through the recording
    // proxy (the background's own request, which page interception cannot see), first with a failure.
    name: 'watch: opt-in, a failure, real BOAMP records listed once in the popup and the docked panel, seen marks',
    async run(s) {
      const asked: string[] = [];
      const records = JSON.stringify(apiAnswer([...exportRecords(), ...apiRecords()]));
      s.standIn('www.boamp.fr', (url, _req, res) => {
        asked.push(url.href);
        if (process.env.TRACE) console.log('  stand-in asked', asked.length, url.pathname);
        if (!url.href.startsWith(`${WATCH_API}?`)) return void res.writeHead(404).end();
        if (asked.length === 1) return void res.writeHead(503, { 'content-type': 'application/json' }).end('{"error_code":"ServiceUnavailable"}');
        res.writeHead(200, { 'content-type': 'application/json' }).end(records);
      });
      try {
        // The records' day: their calls are still open then (the background's clock only).
        await s.backgroundClock('2026-03-16T07:00:00Z');
        const page = await s.openExtensionPage('options.html');
        const options = pageSurface(page);
        await until('the options page', () => options.text(), (t) => t.includes('Options d’Essor'));
        await page.select('#essor-opt-kind', 'esat');
        for (const trade of ['Propreté et nettoyage', 'Impression, reprographie, routage et mise sous pli', 'Restauration, traiteur et alimentation']) {
          await options.click('input[type="checkbox"]', trade);
          await until(`the trade ${trade} ticked`, () => options.query((r, name) => (Array.from(r.querySelectorAll('input[type="checkbox"]')) as HTMLInputElement[]).find((i) => (i.labels?.[0]?.textContent ?? '').trim() === name)?.checked ?? false, trade), (v) => v === true);
        }
        await options.fill('#essor-opt-profile-place', 'Gennevilliers');
        await options.click('button', 'Région : Île-de-France');
        await until('the région in the profile', () => options.query((r) => !!Array.from(r.querySelectorAll('button')).find((b) => b.getAttribute('aria-label') === 'Retirer Île-de-France'), null), (v) => v === true);
        const sends = await options.query((r) => r.querySelector('#essor-watch-sends')?.textContent ?? '', null);
        assert(sends.includes(WATCH_API) && sends.includes('75, 77, 78, 91, 92, 93, 94, 95') && !sends.includes('ESAT'), `what would be sent: ${sends}`);

        const status = () => options.query((r) => r.querySelector('#essor-watch-status')?.textContent ?? '', null);
        await options.click('input[type="checkbox"]', 'Activer la veille');
        await until('the failure shown', status, (t) => t.includes('Le BOAMP n’a pas répondu correctement (HTTP 503)'), 15_000);
        assert(asked.length === 1, `one request (got ${asked.length})`);
        const where = new URL(asked[0]!).searchParams.get('where') ?? '';
        assert(where.includes('code_departement in ("75","77","78","91","92","93","94","95")') && where.includes(`datelimitereponse >= date'2026-03-16'`), `the query: ${where}`);

        // "Check now" retries at once: three calls fit; a second run adds nothing.
        await options.click('button', 'Vérifier maintenant');
        await until('the records listed', status, (t) => t.includes('Dernière interrogation réussie') && t.includes('3 non vu(s)'), 15_000);
        const optionsAxe = await axeViolations(page);
        assert(optionsAxe.length === 0, `axe on the options: ${optionsAxe.join('; ')}`);
        const before = await storedWatch(s);
        await options.click('button', 'Vérifier maintenant');
        const after = await until('the third run stored', () => storedWatch(s), (w) => !!w && w.lastRun !== before?.lastRun, 15_000);
        assert((asked.length as number) === 3 && after!.status === 'ok' && after!.items.length === 3, `a second good run adds nothing (${asked.length} requests, ${after!.items.length} notices)`);
        assert((await status()).includes('3 non vu(s)'), 'still three unseen');

        // The popup's "Veille" tab: why each fits, then a seen mark.
        const popupPage = await s.openExtensionPage('popup.html');
        const popup = pageSurface(popupPage);
        await popup.click('[role="tab"]', 'Veille (3)');
        const list = (surface: typeof popup) => surface.query((r) => ({ items: r.querySelectorAll('.essor-watch-list > li').length, seen: r.querySelectorAll('.essor-watch-seen').length, text: (r.querySelector('.essor-watch-list') as HTMLElement | null)?.innerText ?? '' }), null);
        const shown = await until('three notices in the popup', () => list(popup), (l) => l.items === 3);
        assert(shown.text.includes('PRESTATIONS DE NETTOYAGE DES BATIMENTS COMMUNAUX') && shown.text.includes('Dans vos métiers : Propreté et nettoyage') && !shown.text.includes('Mobilier médical'), `the popup's list: ${shown.text.slice(0, 300)}`);
        const popupAxe = await axeViolations(popupPage);
        assert(popupAxe.length === 0, `axe on the popup's list: ${popupAxe.join('; ')}`);
        await popup.click('button', /^Marquer comme vu : PRESTATIONS DE NETTOYAGE/);
        await until('one seen in the popup', () => list(popup), (l) => l.seen === 1);
        await until('two unseen in the options', status, (t) => t.includes('2 non vu(s)'));

        // The docked panel, same page and component: Firefox's sidebar, Chromium's side panel page.
        if (s.kind === 'firefox' && !(await s.sidebarShown())) await s.showSidebar();
        const docked = s.kind === 'firefox' ? s.sidebar()! : pageSurface(await s.openExtensionPage('sidepanel.html'));
        await docked.click('[role="tab"]', 'Veille (2)');
        const side = await until('the notices in the docked panel', () => list(docked), (l) => l.items === 3 && l.seen === 1);
        assert(side.text.includes('Dans vos métiers : Propreté et nettoyage'), 'why it fits, in the docked panel');
        await docked.click('button', 'Tout marquer comme vu');
        await until('all seen in the popup', () => list(popup), (l) => l.seen === 3);
        await until('none unseen in the options', status, (t) => t.includes('0 non vu(s)'));

        // Turning it off clears the list; nothing went anywhere but BOAMP's API.
        await options.click('input[type="checkbox"]', 'Activer la veille');
        await until('the watch off in the popup', () => popup.text(), (t) => t.includes('La veille est désactivée'));
        await until('the watch off in the docked panel', () => docked.text(), (t) => t.includes('La veille est désactivée'));
        assert(asked.every((u) => u.startsWith(`${WATCH_API}?`)), `requests to the stand-in: ${asked.join(', ')}`);
        const hostOf = (x: string) => (x.startsWith('CONNECT ') ? x.slice(8).replace(/:\d+$/, '') : new URL(x).hostname);
        const net = s.network.map(hostOf).filter((h) => h !== 'www.boamp.fr' && !BROWSER_SERVICES[s.kind].test(h));
        assert(net.length === 0, `network requests other than BOAMP's API: ${[...new Set(net)].join(', ')}`);
      } finally {
        s.standIn('www.boamp.fr', null);
        await s.backgroundClock(null).catch(() => undefined);
      }
    },
  },

  {
    name: 'markers on BOAMP’s search page: one per result, from the list when BOAMP’s API does not answer; none once turned off',
    async run(s) {
      const url = 'https://www.boamp.fr/pages/recherche/';
      const body = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'current', 'boamp_recherche_2026-01-04.html'));
      const page = await s.openNotice(url, body);
      const cards = await page.evaluate(() => Array.from(document.querySelectorAll('.card-notification')).map((c) => ({ idweb: /(\d{2}-\d+)/.exec(c.querySelector('a[href*="idweb"]')?.getAttribute('href') ?? '')?.[1] ?? '', social: !!c.querySelector('img[alt="Critères sociaux"]') })));
      assert(cards.length === 10, `the saved page's ten results (got ${cards.length})`);
      const markers = () =>
        page.evaluate(() =>
          Array.from(document.querySelectorAll('essor-marker')).map((h) => {
            const m = h.shadowRoot?.querySelector('.m') as HTMLElement | null;
            // The marker's own stylesheet applied inside its shadow root (a rounded badge), whatever the page's.
            const styled = !!m && getComputedStyle(m).borderTopLeftRadius === '9px' && getComputedStyle(m).display === 'inline-block';
            return { idweb: /(\d{2}-\d+)/.exec(h.previousElementSibling?.getAttribute('href') ?? '')?.[1] ?? '', kind: m?.dataset.kind ?? '', source: m?.dataset.source ?? '', label: m?.querySelector('.l')?.textContent ?? '', styled };
          }),
        );
      const seen = await until('a marker on every result', markers, (v) => v.length === cards.length, 15_000);
      // The records request goes nowhere here (the harness's proxy answers nothing): each marker says what its card shows.
      for (const [i, m] of seen.entries()) {
        assert(m.idweb === cards[i]!.idweb, `marker ${i} after its own result (${m.idweb} vs ${cards[i]!.idweb})`);
        assert(m.source === 'list', `marker ${m.idweb} from the list (got ${m.source})`);
        assert(m.styled, `marker ${m.idweb} styled by its own sheet`);
        const want = cards[i]!.social ? ['declared', 'Déclare : critère social (d’après la liste)'] : ['nothing', 'Rien de visible dans la liste'];
        assert(m.kind === want[0] && m.label === want[1], `marker ${m.idweb}: ${m.kind} "${m.label}"`);
      }
      assert(cards.some((c) => c.social), 'a result flagged "Critères sociaux"');
      await until('no panel on a list', () => page.evaluate(() => document.querySelectorAll('essor-overlay').length), (n) => n === 0);

      // Turned off in the options: gone from the open page, and nothing on the next one.
      const options = await s.openExtensionPage('options.html');
      const doc = pageSurface(options);
      await until('the options page', () => doc.text(), (t) => t.includes('Marqueurs sur les listes de résultats'));
      await doc.click('input[type="checkbox"]', /Afficher sur chaque résultat/);
      await until('saved', () => doc.text(), (t) => t.includes('Options enregistrées'));
      await until('the markers removed', () => page.evaluate(() => document.querySelectorAll('essor-marker').length), (n) => n === 0);
      const next = await s.openNotice(url, body);
      await new Promise((r) => setTimeout(r, 2_000));
      const left = await next.evaluate(() => Array.from(document.querySelectorAll('*')).filter((e) => e.localName.startsWith('essor-')).length);
      assert(left === 0, `nothing injected on a list once markers are off (found ${left})`);
    },
  },

  {
    name: 'privacy: reading every saved notice and opening its panel asks no other origin',
    async run(s) {
      for (const p of pages) {
        const page = await openNotice(s, p);
        await openPanel(page);
        const named = hostsNamedBy(readRealPage(p.file));
        const own = new URL(p.originalUrl).hostname;
        const ours = s.outside.filter((u) => new URL(u).hostname !== own && !named.has(new URL(u).hostname));
        assert(ours.length === 0, `requests to other origins while on ${p.file}: ${ours.join(', ')}`);
        // What reached the network (the proxy): the browser's own services, the page's hosts (the browser
        // may preconnect to them), nothing else.
        const hostOf = (x: string) => (x.startsWith('CONNECT ') ? x.slice(8).replace(/:\d+$/, '') : new URL(x).hostname);
        const net = s.network.map(hostOf).filter((h) => h !== own && !named.has(h) && !BROWSER_SERVICES[s.kind].test(h));
        assert(net.length === 0, `network requests while on ${p.file}: ${[...new Set(net)].join(', ')}`);
        s.outside.length = 0;
        s.network.length = 0;
        await page.close();
      }
      const cookies = await s.inExtension(() => document.cookie, null);
      assert(cookies === '', 'no cookie set by the extension');
    },
  },
];
