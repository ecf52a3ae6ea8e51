import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { readPage } from '../../../core/read/index';
import { dataFreeTerritory } from '../../../components/overlay-territory';
import { SETTINGS_KEY } from '../../../components/settings-model';
import { catalogues } from '../../../components/i18n/all';
import type { AdviseResponse, UiAssets } from '../../../components/extension-messages';
import { adviseReading, completeTerritory, territoryLabel } from '../../../entrypoints/background/advice';
import { getEngine } from '../../../entrypoints/background/engine';
import { analyseTab, createMessageListener } from '../../../entrypoints/background/handlers';

const pagesDir = path.resolve(__dirname, '../../../../shared/fixtures/real/pages');

/** A real saved page read the way the content script reads it (no territory table). */
async function readSaved(file: string, url: string) {
  const buf = fs.readFileSync(path.join(pagesDir, file));
  const html = buf[0] === 0xff ? buf.toString('utf16le').replace(/^\uFEFF/, '') : buf.toString('utf8');
  const w = new Window({ url });
  w.document.write(html);
  const r = readPage(w.document as unknown as Document, new URL(url), { territory: dataFreeTerritory() });
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

  it('advises on a reading sent by the content script, completing the buyer territory from the tables', async () => {
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
    const without = adviseReading(getEngine(), reading, { role: 'acheteur', lang: 'fr' });
    const withUser = adviseReading(getEngine(), reading, { role: 'acheteur', lang: 'fr', userTerritory: { commune: '44109', departement: '44', region: '52' } });
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
    expect(exec).toHaveBeenCalledWith({ target: { tabId: 7 }, files: ['/content-scripts/overlay.js'] });
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

describe('territory completion', () => {
  const t = getEngine().territory;

  it('finds the commune from the postal code and the city name kept by the content script', () => {
    expect(completeTerritory({ postalCode: '59710', communeName: 'Pont-à-Marcq', departement: '59' }, t)).toMatchObject({ commune: '59466', departement: '59', region: '32', postalCode: '59710' });
  });

  it('keeps the département when the commune cannot be told', () => {
    expect(completeTerritory({ postalCode: '76040', departement: '76' }, t)).toMatchObject({ departement: '76', region: '28' });
    expect(completeTerritory(undefined, t)).toBeUndefined();
  });

  it('names what it knows', () => {
    expect(territoryLabel({ commune: '44109', communeName: 'Nantes', postalCode: '44000', departement: '44', region: '52' }, t)).toBe('Nantes (44000) · Loire-Atlantique (44) · Pays de la Loire');
  });
});

describe('data-free territory of the content script', () => {
  it('derives the département from codes and keeps the city for the background', () => {
    const d = dataFreeTerritory();
    expect(d.fromPostalCode('44000')).toEqual([]);
    expect(d.fromCommune('2A004')).toEqual({ commune: '2A004', departement: '2A' });
    expect(d.findCommune('Albi Cedex 9', '81')).toEqual({ communeName: 'Albi', departement: '81' });
    expect(d.fromDepartement('1')).toEqual({ departement: '01' });
  });
});
