import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fs from 'node:fs';
import path from 'node:path';
import { createKb, type KbData } from '../../../core/kb/index';
import { createSearch } from '../../../core/search/index';
import { readText } from '../../../core/read/index';
import { createTerritory, type TerritoryData } from '../../../core/territory/index';
import { PENDING_KEY, type PendingRequest } from '../../../components/extension/messages';
import { createOptionsModel } from '../../../components/extension/options-model';
import { createSearchModel } from '../../../components/search-model';
import { loadSettings, SETTINGS_KEY } from '../../../components/extension/settings-model';
import { createSidepanelModel } from '../../../components/extension/sidepanel-model';
import { portalMatchPatterns } from '../../../components/extension/portal-matches';
import { ALL_SITES_SCRIPT_ID, syncAllSites } from '../../../entrypoints/background/all-sites';
import { PROBE_SCRIPT } from '../../../entrypoints/background/first-stage';
import { wireBackground } from './fake-background';
import { createMenus, MENU_ANALYSE, MENU_SEARCH, onMenuClick } from '../../../entrypoints/background/menus';

const root = path.resolve(__dirname, '../../..');
const json = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
const kb = createKb(json('data/kb.json') as KbData);
const search = createSearch(kb, json('data/search-index.json'));
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('side panel model', () => {
  let requests: string[];
  beforeEach(() => {
    requests = wireBackground();
  });

  it('re-asks the advice once when the role changes, and saves the role', async () => {
    const onRole = vi.fn();
    const m = createSidepanelModel({ search: createSearchModel(search), role: 'acheteur', lang: 'fr', onRole });
    const reading = readText('Marché de nettoyage des locaux de la mairie et des écoles, prestations de services de nettoyage, durée 3 ans.');
    m.page.page.value = { kind: 'status', status: { ok: true, url: 'https://x.invalid/', title: 'x', active: true, recognised: true, pageKind: 'notice', portal: null, reading } };
    m.panel.setRole('structure');
    for (let i = 0; i < 50 && !m.pageAdvice.value; i++) await tick(10);
    await tick(50);
    expect(requests.filter((r) => r === 'essor:advise')).toHaveLength(1);
    expect(m.pageAdvice.value?.ok && m.pageAdvice.value.advice.role).toBe('structure');
    expect(m.textPanel.role.value).toBe('structure');
    expect(onRole).toHaveBeenCalledWith('structure');
  });

  it('takes a context-menu request meant for it, and only that one', () => {
    const m = createSidepanelModel({ search: createSearchModel(search), role: 'acheteur', lang: 'fr' });
    const p: PendingRequest = { kind: 'search', text: 'comande publik', at: Date.now(), to: 'tab', id: 'abc' };
    expect(m.applyPending(p, null)).toBe(false); // the docked panel leaves a tab's request alone
    expect(m.applyPending(p, 'other')).toBe(false);
    expect(m.applyPending(p, 'abc')).toBe(true);
    expect(m.tab.value).toBe('search');
    expect(m.search.query.value).toBe('comande publik');
    expect(m.applyPending({ ...p, to: 'panel', at: Date.now() - 3_600_000 }, null)).toBe(false); // stale
    expect(m.applyPending({ kind: 'x' }, null)).toBe(false);
  });

  it('analyses a free text through the background', async () => {
    const m = createSidepanelModel({ search: createSearchModel(search), role: 'acheteur', lang: 'fr' });
    m.text.value = 'ok';
    await m.analyseText();
    expect(m.textError.value).toBe('Collez d’abord un texte d’au moins quelques mots.');
    m.text.value = 'Travaux de rénovation énergétique du groupe scolaire, lot 1 gros œuvre, lot 2 menuiseries.';
    await m.analyseText();
    expect(m.textResult.value?.ok).toBe(true);
    // Switching the role re-analyses once, for the new role.
    m.textPanel.setRole('structure');
    for (let i = 0; i < 50 && !(m.textResult.value?.ok && m.textResult.value.advice.role === 'structure'); i++) await tick(10);
    await tick(50);
    expect(m.textResult.value?.ok && m.textResult.value.advice.role).toBe('structure');
    expect(requests.filter((r) => r === 'essor:advise-text')).toHaveLength(2);
  });
});

describe('context menus', () => {
  beforeEach(() => fakeBrowser.reset());

  it('without a docked panel, opens the side panel page in a tab; the selection stays out of the URL', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const where = await onMenuClick({ menuItemId: MENU_ANALYSE, selectionText: '  Marché de restauration scolaire  bio ', editable: false, pageUrl: 'https://x.invalid/' } as never, { id: 5, index: 2, windowId: 1 } as never);
    expect(where).toBe('tab');
    const url = String(create.mock.calls[0]![0].url);
    expect(url).toMatch(/^chrome-extension:\/\/[^/]+\/sidepanel\.html\?req=\w+&tab=5$/);
    expect(url).not.toMatch(/restauration/);
    const stored = (await fakeBrowser.storage.session.get(PENDING_KEY))[PENDING_KEY] as PendingRequest;
    expect(stored).toMatchObject({ kind: 'analyse', text: 'Marché de restauration scolaire bio', to: 'tab' });
    expect(url).toContain(`req=${stored.id}`);
  });

  it('opens the docked panel when the browser has one', async () => {
    const open = vi.fn().mockResolvedValue(undefined);
    (fakeBrowser as unknown as { sidePanel: unknown }).sidePanel = { open };
    try {
      expect(await onMenuClick({ menuItemId: MENU_SEARCH, selectionText: 'SCIC', editable: false, pageUrl: 'https://x.invalid/' } as never, { id: 5, index: 0, windowId: 9 } as never)).toBe('panel');
      expect(open).toHaveBeenCalledWith({ windowId: 9 });
      expect((await fakeBrowser.storage.session.get(PENDING_KEY))[PENDING_KEY]).toMatchObject({ kind: 'search', text: 'SCIC', to: 'panel' });
    } finally {
      delete (fakeBrowser as unknown as { sidePanel?: unknown }).sidePanel;
    }
  });

  it('creates the two selection menus with their localised titles', async () => {
    const removeAll = vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockResolvedValue(undefined as never);
    const create = vi.spyOn(fakeBrowser.contextMenus, 'create').mockReturnValue('' as never);
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((k: string) => ({ menuSearch: 'Rechercher dans Essor', menuAnalyse: 'Analyser ce texte comme un marché' })[k] ?? '') as never);
    await createMenus();
    expect(removeAll).toHaveBeenCalled();
    expect(create.mock.calls.map((c) => c[0])).toEqual([
      { id: MENU_SEARCH, title: 'Rechercher dans Essor', contexts: ['selection'] },
      { id: MENU_ANALYSE, title: 'Analyser ce texte comme un marché', contexts: ['selection'] },
    ]);
  });

  it('ignores an empty selection or another menu', async () => {
    expect(await onMenuClick({ menuItemId: MENU_SEARCH, selectionText: '   ', editable: false, pageUrl: '' } as never)).toBe('none');
    expect(await onMenuClick({ menuItemId: 'other', selectionText: 'x', editable: false, pageUrl: '' } as never)).toBe('none');
  });
});

describe('all-sites registration', () => {
  beforeEach(() => fakeBrowser.reset());

  it('registers the overlay everywhere except the known hosts once granted, and removes it when revoked', async () => {
    let registered: { id: string }[] = [];
    let granted = true;
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async () => granted) as never);
    vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation((async () => registered) as never);
    const reg = vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation((async (s: { id: string }[]) => {
      registered = s;
    }) as never);
    const unreg = vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation((async () => {
      registered = [];
    }) as never);
    expect(await syncAllSites()).toBe(true);
    expect(reg).toHaveBeenCalledWith([expect.objectContaining({ id: ALL_SITES_SCRIPT_ID, matches: ['<all_urls>'], excludeMatches: portalMatchPatterns(), js: [PROBE_SCRIPT] })]);
    await syncAllSites();
    expect(reg).toHaveBeenCalledTimes(1);
    granted = false;
    expect(await syncAllSites()).toBe(false);
    expect(unreg).toHaveBeenCalledWith({ ids: [ALL_SITES_SCRIPT_ID] });
  });

  it('registers again a script left by an older version under another path', async () => {
    let registered: { id: string; js?: string[] }[] = [{ id: ALL_SITES_SCRIPT_ID, js: ['content-scripts/probe.js'] }];
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async () => true) as never);
    vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation((async () => registered) as never);
    const reg = vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation((async (s: { id: string; js?: string[] }[]) => {
      registered = s;
    }) as never);
    vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation((async () => {
      registered = [];
    }) as never);
    reg.mockClear();
    expect(await syncAllSites()).toBe(true);
    expect(registered).toEqual([expect.objectContaining({ id: ALL_SITES_SCRIPT_ID, js: [PROBE_SCRIPT] })]);
    // Chrome may give the path back without its leading slash: that is the same script, left alone.
    registered = [{ id: ALL_SITES_SCRIPT_ID, js: [PROBE_SCRIPT.slice(1)] }];
    await syncAllSites();
    expect(reg).toHaveBeenCalledTimes(1);
  });
});

describe('options model', () => {
  beforeEach(() => fakeBrowser.reset());
  const territory = createTerritory(json('data/territory.json') as TerritoryData);

  it('stores the chosen commune as INSEE codes, the portals and the language', async () => {
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false as never);
    const m = createOptionsModel({ territory, portalIds: ['boamp', 'place'] });
    await m.load();
    expect(m.allSites.value).toBe(false);
    m.query.value = 'nantes';
    const nantes = m.results.value.find((c) => c.name === 'Nantes')!;
    await m.chooseCommune(nantes);
    await m.togglePortal('boamp', false);
    await m.update({ lang: 'en' });
    expect(m.status.value).toBe('Options saved.');
    const s = await loadSettings(['boamp', 'place']);
    expect(s.territory).toEqual({ commune: '44109', departement: '44', region: '52', label: 'Nantes (44000)' });
    expect(s.disabledPortals).toEqual(['boamp']);
    expect(s.lang).toBe('en');
  });

  it('finds communes by postal code', () => {
    const m = createOptionsModel({ territory, portalIds: [] });
    m.query.value = '81000';
    expect(m.results.value.map((c) => c.code)).toContain('81004');
  });

  it('reset goes back to a fresh install, the optional permission included', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { v: 1, lang: 'en', role: 'structure' } });
    const remove = vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true as never);
    remove.mockClear();
    // Granted: all sites, and (as Chrome does) the portals gone with it once removed, then asked back.
    let allSites = true;
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async (p: { origins?: string[] }) => (p.origins?.includes('<all_urls>') ? allSites : false)) as never);
    remove.mockImplementation((async () => {
      allSites = false;
      return true;
    }) as never);
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ host_permissions: portalMatchPatterns() } as never);
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
    request.mockClear();
    const m = createOptionsModel({ territory, portalIds: [] });
    await m.load();
    await m.reset();
    expect(remove).toHaveBeenCalledWith({ origins: ['<all_urls>'] });
    expect(request).toHaveBeenCalledWith({ origins: portalMatchPatterns() });
    expect(m.settings.value).toMatchObject({ lang: 'fr', role: 'acheteur', territory: null });
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toBeUndefined();
    // Not granted: nothing removed (Chrome would take the portals' access with it).
    remove.mockClear();
    request.mockClear();
    await m.reset();
    expect(remove).not.toHaveBeenCalled();
    expect(request).not.toHaveBeenCalled();
  });

  it('asks for the all-sites permission and reports the answer', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true as never);
    vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true as never);
    const m = createOptionsModel({ territory, portalIds: [] });
    await m.grantAllSites();
    expect(request).toHaveBeenCalledWith({ origins: ['<all_urls>'] });
    expect(m.allSites.value).toBe(true);
    expect(m.status.value).toBe('Autorisation accordée.');
  });
});
