// The background's markers for a list of results: the entries of the saved BOAMP search page (a real rendered page)
// and real BOAMP records served by a stand-in of the open-data API; one request per page carrying only the listed
// idwebs, text-only markers that say so when the request fails, the profile's fit, the setting that turns them off.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import { readPage } from '../../../core/read/index';
import type { ListEntry } from '../../../core/read/types';
import { defaultSettings, type Settings } from '../../../core/settings';
import type { Profile } from '../../../core/profile/index';
import type { ListMarkersResponse, ShownMarker } from '../../../components/extension/messages';
import { createEngine } from '../../../entrypoints/background/engine';
import { cleanEntries, forgetRecords, listMarkers } from '../../../entrypoints/background/list-markers';
import { answerFor, apiRecords, askedIdwebs, exportRecords } from '../../lib/boamp-standin';

const root = path.resolve(__dirname, '../../..');
const engine = createEngine(async (file) => JSON.parse(fs.readFileSync(path.join(root, 'data', `${file}.json`), 'utf8')));
const API = 'https://standin.invalid/api/records';
const SEARCH = 'https://www.boamp.fr/pages/recherche/';
const boampTab = { url: SEARCH, tab: { id: 7 } };

/** The saved search page's entries, read as the list stage reads them. */
async function pageEntries(): Promise<ListEntry[]> {
  const w = new Window({ url: SEARCH });
  w.document.write(fs.readFileSync(path.join(root, 'tests', 'fixtures', 'current', 'boamp_recherche_2026-01-04.html'), 'utf8'));
  const r = readPage(w.document as unknown as Document, new URL(SEARCH));
  await w.happyDOM.close();
  return r.entries;
}
const entries = await pageEntries();

/** What BOAMP's list would show for a record: its object, idweb, buyer and départements. */
function entryOfRecord(rec: Record<string, unknown>): ListEntry {
  const deps = rec.code_departement;
  return { title: String(rec.objet), boampId: String(rec.idweb), buyer: String(rec.nomacheteur), ...(Array.isArray(deps) ? { departements: deps.map(String) } : {}) };
}

const calls: [string, RequestInit | undefined][] = [];
function standIn(answer: (url: string) => Response | Promise<Response>) {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    calls.push([url, init]);
    return answer(url);
  });
}
const store = [...exportRecords(), ...apiRecords()];

function run(list: ListEntry[], opts: { settings?: Partial<Settings>; profile?: Profile | null; sender?: typeof boampTab } = {}): Promise<ListMarkersResponse> {
  return listMarkers({ type: 'essor:list-markers', entries: list }, opts.sender ?? boampTab, {
    settings: async () => ({ ...defaultSettings(), ...opts.settings }),
    profile: async () => opts.profile ?? null,
    engine,
    api: API,
  });
}

function markers(res: ListMarkersResponse): ShownMarker[] {
  if (!res.ok) throw new Error(res.error);
  return res.markers;
}

beforeEach(() => {
  calls.length = 0;
  forgetRecords();
});
afterEach(() => vi.unstubAllGlobals());

describe('markers of a page of BOAMP results', () => {
  it('asks BOAMP once, for the listed idwebs only, without cookies; a notice BOAMP has no record of is marked from the list', async () => {
    standIn((url) => new Response(JSON.stringify(answerFor(url, store)), { status: 200 }));
    const ms = markers(await run(entries));
    expect(calls).toHaveLength(1);
    expect(calls[0]![0].startsWith(`${API}?`)).toBe(true);
    expect(askedIdwebs(calls[0]![0])).toEqual(entries.map((e) => e.boampId));
    expect(new URL(calls[0]![0]).searchParams.get('limit')).toBe(String(entries.length));
    expect(calls[0]![1]).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
    // None of the page's notices is in the stand-in's store: every marker comes from the card, and says so.
    expect(ms.map((m) => m.key)).toEqual(entries.map((e) => `idweb:${e.boampId}`));
    for (const m of ms) {
      expect(m.source).toBe('list');
      expect(m.detail).toContain('D’après le seul résumé affiché dans la liste');
    }
    const flagged = entries.filter((e) => e.pictograms?.some((p) => /sociaux/.test(p))).map((e) => `idweb:${e.boampId}`);
    expect(flagged.length).toBeGreaterThan(0);
    for (const m of ms) {
      if (flagged.includes(m.key)) expect(m).toMatchObject({ id: 'declared', label: 'Déclare : critère social (d’après la liste)' });
      else expect(m).toMatchObject({ id: 'nothing', label: 'Rien de visible dans la liste' });
    }
  });

  it('reads the records BOAMP serves: the record decides, the card’s flags are added, and nothing is asked twice', async () => {
    standIn((url) => new Response(JSON.stringify(answerFor(url, store)), { status: 200 }));
    const list = [...store.map(entryOfRecord), ...entries.slice(0, 3)];
    const ms = markers(await run(list));
    expect(calls).toHaveLength(1);
    const bySource = (s: string) => ms.filter((m) => m.source === s).map((m) => m.key);
    expect(bySource('record')).toEqual(store.map((r) => `idweb:${String(r.idweb)}`));
    expect(bySource('list')).toEqual(entries.slice(0, 3).map((e) => `idweb:${e.boampId}`));
    for (const m of ms.filter((x) => x.source === 'record')) expect(m.detail).toContain('D’après l’avis publié (données ouvertes du BOAMP)');
    // The same page again (a profile set, the language changed): the records read are kept.
    markers(await run(list, { settings: { lang: 'en' } }));
    expect(calls).toHaveLength(1);
    // A record with BOAMP's "Critères sociaux" flag on its card is marked so.
    const flagged = { ...entryOfRecord(store[0]!), pictograms: ['Critères sociaux'] };
    forgetRecords();
    const [m] = markers(await run([flagged]));
    expect(m).toMatchObject({ id: 'declared', source: 'record', label: 'Déclare : critère social' });
  });

  it('a failed request leaves text-only markers, which say so; a later page asks again', async () => {
    standIn(() => new Response('{"error_code":"ServiceUnavailable"}', { status: 503 }));
    const ms = markers(await run(entries, { settings: { lang: 'en' } }));
    expect(ms).toHaveLength(entries.length);
    for (const m of ms) {
      expect(m.source).toBe('list');
      expect(m.detail).toContain('From the summary shown in the list only');
    }
    vi.unstubAllGlobals();
    vi.stubGlobal('fetch', async () => {
      calls.push(['offline', undefined]);
      throw new TypeError('Failed to fetch');
    });
    expect(markers(await run(entries)).every((m) => m.source === 'list')).toBe(true);
    expect(calls).toHaveLength(2);
  });

  it('with a profile, the markers say whether each result fits it', async () => {
    standIn((url) => new Response(JSON.stringify(answerFor(url, store)), { status: 200 }));
    const profile: Profile = { v: 1, kind: 'ei', esus: false, sectors: ['proprete-nettoyage'], territory: [] };
    const before = markers(await run(entries));
    const after = markers(await run(entries, { profile }));
    expect(after.map((m) => m.id)).not.toEqual(before.map((m) => m.id));
    for (const m of after) expect(['fits', 'reserved-for-you', 'not-for-you']).toContain(m.id);
    // The cleaning of the towers and ramparts is within an insertion enterprise's cleaning trade (read from the card).
    const cleaning = entries.find((e) => /nettoyage/i.test(e.title))!;
    const mine = after.find((m) => m.key === `idweb:${cleaning.boampId}`)!;
    expect(mine.detail).toMatch(/Propreté|nettoyage/i);
    // Its deadline is read from the card: on the page's own day the call is open and fits.
    vi.useFakeTimers({ now: new Date('2026-01-04T09:00:00Z'), toFake: ['Date'] });
    try {
      const open = markers(await run(entries, { profile }));
      expect(open.find((m) => m.key === mine.key)).toMatchObject({ id: 'fits', label: 'Pour votre profil (d’après la liste)' });
      expect(open.filter((m) => m.id === 'fits').length).toBeLessThan(open.length);
    } finally {
      vi.useRealTimers();
    }
  });

  it('with a profile, a record decides the fit: the cleaning of a town’s buildings fits a cleaning insertion enterprise', async () => {
    standIn((url) => new Response(JSON.stringify(answerFor(url, store)), { status: 200 }));
    const cleaning = store.find((r) => /NETTOYAGE DES BATIMENTS/i.test(String(r.objet)))!;
    const print = store.find((r) => /impression et de routage/i.test(String(r.objet)))!;
    const profile: Profile = { v: 1, kind: 'ei', esus: false, sectors: ['proprete-nettoyage'], territory: [] };
    vi.useFakeTimers({ now: new Date('2026-03-16T09:00:00Z'), toFake: ['Date'] });
    try {
      const [c, p] = markers(await run([entryOfRecord(cleaning), entryOfRecord(print)], { profile }));
      expect(c).toMatchObject({ id: 'fits', source: 'record', label: 'Pour votre profil' });
      expect(c!.detail).toMatch(/Propreté et nettoyage/);
      expect(p).toMatchObject({ id: 'not-for-you', source: 'record' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('markers turned off: nothing is read and nothing is sent', async () => {
    standIn(() => new Response('{}', { status: 200 }));
    expect(await run(entries, { settings: { listMarkers: false } })).toEqual({ ok: false, off: true, error: 'markers off' });
    expect(calls).toHaveLength(0);
  });

  it('another site’s list is never sent to BOAMP; markers come from its entries', async () => {
    standIn(() => new Response('{}', { status: 200 }));
    const sender = { url: 'https://marches.maximilien.fr/?page=Entreprise.EntrepriseAdvancedSearch&AllCons', tab: { id: 3 } };
    const ms = markers(await run(entries, { sender }));
    expect(calls).toHaveLength(0);
    expect(ms.every((m) => m.source === 'list')).toBe(true);
    expect(await run(entries, { sender: { url: SEARCH } as typeof boampTab })).toMatchObject({ ok: false });
  });
});

describe('entries from a content script', () => {
  it('keeps well-formed fields only, at most 100', () => {
    const bad = [null, 3, { title: '' }, { title: 'ok', boampId: '26-1" or 1=1', url: 'javascript:alert(1)', departements: ['83', '<b>'], pictograms: [1, 'Critères sociaux'] }];
    expect(cleanEntries(bad)).toEqual([]);
    expect(cleanEntries([{ title: 'ok', boampId: '26-12', url: 'javascript:alert(1)', departements: ['83', '<b>'], pictograms: [1, 'Critères sociaux'] }])).toEqual([{ title: 'ok', boampId: '26-12', departements: ['83'], pictograms: ['Critères sociaux'] }]);
    expect(cleanEntries(Array.from({ length: 150 }, (_, i) => ({ title: `avis ${i}`, boampId: `26-${i + 1}` })))).toHaveLength(100);
    expect(cleanEntries('nope')).toEqual([]);
  });
});
