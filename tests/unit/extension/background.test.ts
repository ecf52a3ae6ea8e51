import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { readPage } from '../../../core/read/index';
import { SETTINGS_KEY } from '../../../components/extension/settings-model';
import { catalogues } from '../../../components/i18n/all';
import type { AdviseResponse, UiAssets } from '../../../components/extension/messages';
import { adviseReading, territoryLabel, type AdviceDeps } from '../../../entrypoints/background/advice';
import { createEngine, type DataFile } from '../../../entrypoints/background/engine';
import { analyseTab, boampRecord, createMessageListener, MARKERS_SCRIPT, OVERLAY_SCRIPT, secondStage } from '../../../entrypoints/background/handlers';
import { toolbarState } from '../../../entrypoints/background/toolbar';
import { adviceHeadline } from '../../../components/headline';

const pagesDir = path.resolve(__dirname, '../../fixtures/real/pages');
const root = path.resolve(__dirname, '../../..');
const loads: DataFile[] = [];
/** The extension's data files, read from data/ (the extension fetches the same files from its own origin). */
const getEngine = createEngine(async (file) => {
  loads.push(file);
  return JSON.parse(fs.readFileSync(path.join(root, 'data', `${file}.json`), 'utf8'));
});
const deps: AdviceDeps = await getEngine();

/** A real saved page read the way the content script reads it (no territory table). */
async function readSaved(file: string, url: string) {
  const buf = fs.readFileSync(path.join(pagesDir, file));
  const html = buf[0] === 0xff ? buf.toString('utf16le').replace(/^\uFEFF/, '') : buf.toString('utf8');
  const w = new Window({ url });
  w.document.write(html);
  const r = readPage(w.document as unknown as Document, new URL(url));
  await w.happyDOM.close();
  return r;
}

/** Calls the background listener the way the browser does and waits for its sendResponse. */
function call(msg: unknown, sender: { url?: string } = {}): Promise<unknown> {
  const listener = createMessageListener(getEngine);
  return new Promise((resolve) => {
    const sync = listener(msg, sender, resolve);
    if (sync !== true) resolve(undefined);
  });
}

describe('background message handlers', () => {
  beforeEach(() => fakeBrowser.reset());

  it('advises on a reading sent by the content script, resolving its place clues with the tables', async () => {
    const reading = await readSaved('boamp_20-96685.html', 'https://www.boamp.fr/avis/detail/20-96685');
    expect(reading.tender.buyerTerritory?.commune).toBeUndefined();
    fakeBrowser.runtime.onMessage.addListener(createMessageListener(getEngine));
    const res = (await fakeBrowser.runtime.sendMessage({ type: 'essor:advise', reading, role: 'acheteur', lang: 'fr' })) as AdviseResponse;
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.reading.tender.buyerTerritory).toMatchObject({ departement: '59', region: '32' });
    expect(res.reading.tender.buyerTerritory?.commune).toMatch(/^59\d{3}$/);
    expect(res.territoryLabel).toMatch(/Nord \(59\)/);
    expect(res.advice.role).toBe('acheteur');
    expect(res.advice.levers.length).toBeGreaterThan(0);
    // Every fiche the advice lists travels with it, so the content script needs no knowledge base.
    for (const f of res.advice.fiches) expect(res.fiches.map((x) => x.id)).toContain(f.id);
  });

  it('answers in the role and language asked', async () => {
    const reading = await readSaved('ted_379439-2020.html', 'https://ted.europa.eu/udl?uri=TED:NOTICE:379439-2020:TEXT:EN:HTML');
    const res = (await call({ type: 'essor:advise', reading, role: 'structure', lang: 'en' })) as AdviseResponse;
    expect(res.ok && res.advice.role).toBe('structure');
    expect(res.ok && res.advice.lang).toBe('en');
  });

  it('uses the territory from the options only when the notice names none', async () => {
    const reading = await readSaved('place_625646.html', 'https://www.marches-publics.gouv.fr/index.php?page=entreprise.EntrepriseDetailsConsultation&refConsultation=625646&orgAcronyme=g6l');
    expect(reading.tender.buyerTerritory).toBeUndefined();
    const without = adviseReading(deps, reading, { role: 'acheteur', lang: 'fr' });
    const withUser = adviseReading(deps, reading, { role: 'acheteur', lang: 'fr', userTerritory: { commune: '44109', departement: '44', region: '52' } });
    expect(without.ok && withUser.ok).toBe(true);
    if (!without.ok || !withUser.ok) return;
    const local = (a: typeof withUser) => a.advice.actors.filter((x) => x.scope !== 'national').length;
    expect(local(withUser)).toBeGreaterThan(local(without));
  });

  it('reads the territory fallback from the stored settings', async () => {
    const reading = await readSaved('place_625646.html', 'https://www.marches-publics.gouv.fr/index.php?page=entreprise.EntrepriseDetailsConsultation&refConsultation=625646&orgAcronyme=g6l');
    const before = (await call({ type: 'essor:advise', reading, role: 'acheteur', lang: 'fr' })) as AdviseResponse;
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { v: 1, territory: { commune: '44109', departement: '44', region: '52' } } });
    const after = (await call({ type: 'essor:advise', reading, role: 'acheteur', lang: 'fr' })) as AdviseResponse;
    expect(before.ok && after.ok).toBe(true);
    if (before.ok && after.ok) expect(after.advice.actors.map((a) => a.id)).not.toEqual(before.advice.actors.map((a) => a.id));
  });

  it('refuses a malformed reading without throwing', async () => {
    for (const reading of [undefined, null, 'text', { tender: {} }, { tender: { cpv: 'x', lots: [] }, signals: [], text: '' }]) {
      expect(await call({ type: 'essor:advise', reading, role: 'acheteur', lang: 'fr' })).toMatchObject({ ok: false });
    }
  });

  it('advises on a free text (context menu, side panel) and rejects an empty one', async () => {
    const res = (await call({ type: 'essor:advise-text', text: 'Marché de travaux de réhabilitation de la salle des fêtes, gros œuvre et second œuvre, 4 lots.', role: 'acheteur', lang: 'fr' })) as AdviseResponse;
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.advice.levers.map((l) => l.id)).toContain('clause-insertion');
    expect(await call({ type: 'essor:advise-text', text: '  ', role: 'acheteur', lang: 'fr' })).toMatchObject({ ok: false });
  });

  it('sends the overlay its stylesheet and the catalogue of the language asked', async () => {
    const en = (await call({ type: 'essor:ui', lang: 'en' })) as UiAssets;
    expect(en).toMatchObject({ ok: true, lang: 'en' });
    if (en.ok) {
      expect(en.messages).toEqual(catalogues.en);
      // Vitest does not process CSS (the built stylesheet is checked by the e2e badge rendering).
      expect(typeof en.css).toBe('string');
    }
    expect(await call({ type: 'essor:ui', lang: 'xx' })).toMatchObject({ lang: 'fr', messages: catalogues.fr });
  });

  it('injects into a tab only when asked by an extension page', async () => {
    expect(await call({ type: 'essor:analyse-tab', tabId: 1 }, { url: 'https://www.boamp.fr/avis/detail/1' })).toEqual({ ok: false, error: 'no-access' });
  });

  it('ignores messages that are not its own', () => {
    const listener = createMessageListener(getEngine);
    expect(listener({ type: 'essor:status' }, {}, () => undefined)).toBeUndefined();
    expect(listener('ping', {}, () => undefined)).toBeUndefined();
  });
});

describe('analyseTab (toolbar, on demand)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks the tab first and injects the overlay only when nothing answers', async () => {
    const status = { ok: true, url: 'http://127.0.0.1/x', title: 'x', active: true, recognised: true, pageKind: 'notice', portal: 'boamp' };
    let injected = false;
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async () => {
      if (!injected) throw new Error('Could not establish connection. Receiving end does not exist.');
      return status;
    }) as never);
    const exec = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async () => {
      injected = true;
      return [];
    }) as never);
    expect(await analyseTab(7)).toEqual(status);
    expect(exec).toHaveBeenCalledWith({ target: { tabId: 7 }, files: [OVERLAY_SCRIPT] });
    exec.mockClear();
    expect(await analyseTab(7)).toEqual(status);
    expect(exec).not.toHaveBeenCalled();
  });

  it('says so when the page may not be read (no activeTab grant, browser pages)', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('no receiver') as never);
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access contents of the page') as never);
    expect(await analyseTab(3)).toEqual({ ok: false, error: 'no-access' });
  });
});

describe('territory label', () => {
  it('names what it knows', () => {
    expect(territoryLabel({ commune: '44109', communeName: 'Nantes', postalCode: '44000', departement: '44', region: '52' }, deps.territory)).toBe('Nantes (44000) · Loire-Atlantique (44) · Pays de la Loire');
  });
});

describe('the data, loaded once and only for advice', () => {
  beforeEach(() => fakeBrowser.reset());

  it('answers the messages that need no knowledge base without loading it', async () => {
    const loaded: DataFile[] = [];
    const lazy = createEngine(async (file) => {
      loaded.push(file);
      return JSON.parse(fs.readFileSync(path.join(root, 'data', `${file}.json`), 'utf8'));
    });
    const listener = createMessageListener(lazy);
    const ask = (msg: unknown, sender: object = {}) => new Promise((resolve) => listener(msg, sender, resolve));
    expect(await ask({ type: 'essor:ui', lang: 'fr' })).toMatchObject({ ok: true });
    expect(await ask({ type: 'essor:stage2', url: 'https://www.boamp.fr/pages/aide/', inject: false })).toEqual({ ok: true, active: true, portal: 'boamp' });
    expect(loaded).toEqual([]);
    const reading = await readSaved('boamp_20-96685.html', 'https://www.boamp.fr/avis/detail/20-96685');
    expect(await ask({ type: 'essor:advise', reading, role: 'acheteur', lang: 'fr' })).toMatchObject({ ok: true });
    expect(await ask({ type: 'essor:advise', reading, role: 'structure', lang: 'fr' })).toMatchObject({ ok: true });
    expect(loaded.sort()).toEqual(['kb', 'territory']);
  });

  it('tries again after a failed load', async () => {
    let fail = true;
    const flaky = createEngine(async (file) => {
      if (fail) throw new Error('offline');
      return JSON.parse(fs.readFileSync(path.join(root, 'data', `${file}.json`), 'utf8'));
    });
    await expect(flaky()).rejects.toThrow('offline');
    fail = false;
    expect((await flaky()).kb.fiche('municipal-2026-8')).toBeDefined();
  });
});

describe('second stage injection (asked by the first stage)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('injects into the sender frame where Essor is active, and not where the portal is switched off', async () => {
    const exec = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([] as never);
    const sender = { tab: { id: 4 }, frameId: 0 };
    const url = 'https://www.boamp.fr/avis/detail/20-96685';
    // Injected, the answer carries what the second stage would otherwise ask for: settings, stylesheet, catalogue.
    expect(await secondStage({ type: 'essor:stage2', url, inject: true }, sender)).toMatchObject({ ok: true, active: true, portal: 'boamp', settings: { role: 'acheteur' }, ui: { ok: true, lang: 'fr', messages: catalogues.fr } });
    expect(exec).toHaveBeenCalledWith({ target: { tabId: 4 }, files: [OVERLAY_SCRIPT] });
    exec.mockClear();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { v: 1, disabledPortals: ['boamp'] } });
    expect(await secondStage({ type: 'essor:stage2', url, inject: true }, sender)).toEqual({ ok: false, active: false, portal: 'boamp' });
    expect(exec).not.toHaveBeenCalled();
    // The user asked from the popup: injected anyway.
    expect(await secondStage({ type: 'essor:stage2', url, inject: true, force: true }, sender)).toMatchObject({ ok: true, active: true });
    expect(exec).toHaveBeenCalledTimes(1);
  });
});

describe('list stage injection (a list of results)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a list gets the list stage, not the second stage; nothing when markers are off or no engine reads the site', async () => {
    const exec = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([] as never);
    const sender = { tab: { id: 5 }, frameId: 0 };
    const list = 'https://www.boamp.fr/pages/recherche/';
    expect(await secondStage({ type: 'essor:stage2', url: list, inject: true, kind: 'list' }, sender)).toMatchObject({ ok: true, active: true, portal: 'boamp' });
    expect(exec).toHaveBeenCalledWith({ target: { tabId: 5 }, files: [MARKERS_SCRIPT] });
    exec.mockClear();
    // A list on a site no engine reads (all-sites access): nothing to mark there.
    expect(await secondStage({ type: 'essor:stage2', url: 'https://example.org/recherche', inject: true, kind: 'list' }, sender)).toEqual({ ok: false, active: true, portal: null });
    // The user asked from the popup on a list: the second stage, as on any page.
    expect(await secondStage({ type: 'essor:stage2', url: list, inject: true, force: true }, sender)).toMatchObject({ ok: true });
    expect(exec).toHaveBeenCalledWith({ target: { tabId: 5 }, files: [OVERLAY_SCRIPT] });
    exec.mockClear();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { v: 1, listMarkers: false } });
    expect(await secondStage({ type: 'essor:stage2', url: list, inject: true, kind: 'list' }, sender)).toEqual({ ok: false, active: true, portal: 'boamp' });
    expect(exec).not.toHaveBeenCalled();
    // Markers off change nothing on notices.
    expect(await secondStage({ type: 'essor:stage2', url: 'https://www.boamp.fr/pages/avis/?q=idweb:26-80978', inject: true, kind: 'notice' }, sender)).toMatchObject({ ok: true });
    expect(exec).toHaveBeenCalledWith({ target: { tabId: 5 }, files: [OVERLAY_SCRIPT] });
  });
});

describe('toolbar state', () => {
  it('shows the headline the panel shows: its badge word, and its sentence with the same count', async () => {
    const reading = await readSaved('boamp_20-96685.html', 'https://www.boamp.fr/avis/detail/20-96685');
    for (const lang of ['fr', 'en'] as const) {
      const res = adviseReading(deps, reading, { role: 'acheteur', lang });
      expect(res.ok).toBe(true);
      if (!res.ok) continue;
      const h = adviceHeadline(res.advice, lang);
      expect(toolbarState(res.advice, lang)).toEqual({ text: h.badge, title: `Essor — ${h.title}` });
      expect(h.badge.length).toBeGreaterThan(0);
    }
  });
});

describe('BOAMP record of the notice on screen (current site)', () => {
  const record = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'current', 'boamp-api_26-80978.json'), 'utf8')) as Record<string, unknown>;
  const page = 'https://www.boamp.fr/pages/avis/?q=idweb:26-80978';

  it('asks BOAMP’s API for that notice only, without cookies, and reads the record', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return new Response(JSON.stringify({ total_count: 1, results: [record] }), { status: 200 });
    });
    try {
      const res = await boampRecord({ type: 'essor:boamp-record', idweb: '26-80978' }, { url: page, tab: { id: 1 } }, 'https://standin.invalid/records');
      expect(res.ok && res.reading.tender.title).toBe(record.objet);
      expect(res.ok && res.reading.tender.links.notice).toBe(page);
      expect(calls).toHaveLength(1);
      expect(calls[0]![0]).toBe('https://standin.invalid/records?where=idweb%3D%2226-80978%22&limit=1');
      expect(calls[0]![1]).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('refuses anything but a content script on that very BOAMP notice', async () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    try {
      expect(await boampRecord({ type: 'essor:boamp-record', idweb: '26-80978' }, { url: 'https://evil.example/?q=idweb:26-80978', tab: { id: 1 } })).toMatchObject({ ok: false });
      expect(await boampRecord({ type: 'essor:boamp-record', idweb: '26-99999' }, { url: page, tab: { id: 1 } })).toMatchObject({ ok: false });
      expect(await boampRecord({ type: 'essor:boamp-record', idweb: '26-80978" or 1=1' }, { url: page, tab: { id: 1 } })).toMatchObject({ ok: false });
      expect(await boampRecord({ type: 'essor:boamp-record', idweb: '26-80978' }, { url: page })).toMatchObject({ ok: false });
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
