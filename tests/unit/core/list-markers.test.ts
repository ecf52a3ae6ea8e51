// Markers on a list of results, on the saved BOAMP search page (tests/fixtures/current, a real rendered page) and
// BOAMP's real open-data records: which link shows each result, what each entry shows by itself, and the marker
// decided from the entry alone or from the notice's record.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBoampRecord, readPage } from '../../../core/read/index.ts';
import { entryKey, linkKey, listTargets } from '../../../core/read/list-targets.ts';
import { entryMarker, entryReading, withEntryFlags } from '../../../core/fit/list.ts';
import type { ListEntry } from '../../../core/read/types.ts';
import { FIXTURES, fixtureDoc } from './helpers.ts';

const PAGE = 'current/boamp_recherche_2026-01-04.html';
const URL_ = new URL('https://www.boamp.fr/pages/recherche/');
const html = readFileSync(join(FIXTURES, PAGE), 'utf8');

/** The cards of the saved page, cut from its HTML (independently of the readers), with their idweb and flags. */
function cardsOfHtml(): { idweb: string; social: boolean }[] {
  const parts = html.split(/class="card-notification fr-callout /).slice(1);
  return parts.map((p) => {
    const idweb = /idweb:&quot;(\d{2}-\d+)&quot;/.exec(p)?.[1] ?? '';
    // A rendered flag is an <img> (the ngIf comment alone means "not shown").
    const social = /<img alt="Critères sociaux"/.test(p.split('card-notification fr-callout')[0] ?? p);
    return { idweb, social };
  });
}

describe('the results of BOAMP’s saved search page', () => {
  const doc = fixtureDoc(PAGE);
  const entries = readPage(doc, URL_).entries;
  const targets = listTargets(doc, URL_, entries);
  const cards = cardsOfHtml();

  it('ties every result to its title link, by idweb, in the page’s order', () => {
    expect(cards).toHaveLength(10);
    expect(targets.map((t) => t.key)).toEqual(cards.map((c) => `idweb:${c.idweb}`));
    for (const t of targets) {
      // The title link (the card's object), not the "Voir l’avis" button that points to the same notice.
      expect(t.link.localName).toBe('a');
      expect((t.link.textContent ?? '').replace(/\s+/g, ' ').trim()).toBe(t.entry.title);
      expect(t.link.textContent).not.toMatch(/Voir l’avis/);
      expect(linkKey(t.link.getAttribute('href'), URL_)).toBe(entryKey(t.entry));
    }
  });

  it('without the records, says what each card shows: BOAMP’s “Critères sociaux” flag, else nothing', () => {
    const social = cards.filter((c) => c.social).map((c) => c.idweb);
    expect(social.length).toBeGreaterThan(0);
    expect(social.length).toBeLessThan(cards.length);
    for (const t of targets) {
      const m = entryMarker(t.key, entryReading(t.entry, 'boamp'), 'list');
      expect(m.source).toBe('list');
      if (social.includes(t.entry.boampId!)) expect(m, t.key).toMatchObject({ id: 'declared', signals: ['critere-social'] });
      else expect(m, t.key).toMatchObject({ id: 'nothing', signals: [] });
    }
  });

  it('an entry’s reading holds only what the list shows: no clause is presumed, its flags keep their evidence', () => {
    for (const t of targets) {
      const r = entryReading(t.entry, 'boamp');
      expect(r.tender.title).toBe(t.entry.title);
      expect(r.tender.boampId).toBe(t.entry.boampId);
      expect(r.tender.departements).toEqual(t.entry.departements);
      expect(r.signals.map((s) => s.id)).not.toContain('clause-insertion');
      for (const s of r.signals) expect(`${t.entry.title} ${(t.entry.pictograms ?? []).join(' ')}`).toContain(s.evidence);
    }
  });
});

describe('markers from a notice’s record', () => {
  const record = JSON.parse(readFileSync(join(FIXTURES, 'current-boamp', 'boamp-api_26-80978.json'), 'utf8')) as Record<string, unknown>;
  const read = readBoampRecord(record);
  if (!read.ok) throw new Error(read.reason);

  it('keeps the record’s own signals and adds the flags its list entry shows', () => {
    const entry: ListEntry = { title: String(record.objet), boampId: '26-80978', pictograms: ['Critères sociaux'] };
    const alone = entryMarker(entryKey(entry), read.reading, 'record');
    expect(alone).toMatchObject({ key: 'idweb:26-80978', id: 'nothing', source: 'record' });
    const merged = withEntryFlags(read.reading, entry);
    expect(merged.signals.map((s) => s.id)).toEqual([...read.reading.signals.map((s) => s.id), 'critere-social']);
    expect(entryMarker(entryKey(entry), merged, 'record')).toMatchObject({ id: 'declared', signals: ['critere-social'], source: 'record' });
    // Nothing is added twice, and a record without flags on its entry is left as it is.
    expect(withEntryFlags(merged, entry).signals).toHaveLength(merged.signals.length);
    expect(withEntryFlags(read.reading, { title: 'x', boampId: '26-80978' })).toBe(read.reading);
  });
});

describe('the marker with a fit', () => {
  const critere = { signals: [{ id: 'critere-social' as const, evidence: 'Critères sociaux', where: 'pictogram' }] };
  it('follows the fit when it concludes, and what the notice declares when it cannot', () => {
    expect(entryMarker('k', critere, 'record', { verdict: 'yes', headlineId: 'reserved-you', headline: 'Réservé à votre type de structure' })).toMatchObject({ id: 'reserved-for-you', signals: ['critere-social'] });
    expect(entryMarker('k', critere, 'record', { verdict: 'maybe', headlineId: 'clause', headline: 'x' }).id).toBe('fits');
    expect(entryMarker('k', critere, 'list', { verdict: 'no', headlineId: 'past', headline: 'Date limite dépassée' })).toMatchObject({ id: 'not-for-you', headline: 'Date limite dépassée' });
    // A profile without trades: "worth a look" on every notice would say nothing; the declared facts do.
    expect(entryMarker('k', critere, 'list', { verdict: 'maybe', headlineId: 'unknown', headline: 'À regarder' })).toEqual({ key: 'k', id: 'declared', source: 'list', signals: ['critere-social'] });
    expect(entryMarker('k', { signals: [] }, 'list', { verdict: 'maybe', headlineId: 'unknown', headline: 'À regarder' }).id).toBe('nothing');
  });
});

describe('keys of links and entries', () => {
  it('reads the idweb of every form BOAMP writes, and the address elsewhere', () => {
    expect(linkKey('/pages/avis?q=idweb:&quot;26-12&quot;', URL_)).toBe('idweb:26-12');
    expect(linkKey('/pages/avis?q=idweb:"26-12"', URL_)).toBe('idweb:26-12');
    expect(linkKey('https://www.boamp.fr/avis/detail/26-12', URL_)).toBe('idweb:26-12');
    expect(linkKey('/entreprise/consultation/945739?orgAcronyme=a8z#top', new URL('https://marches.maximilien.fr/?page=recherche'))).toBe('url:https://marches.maximilien.fr/entreprise/consultation/945739?orgAcronyme=a8z');
    expect(linkKey('javascript:void(0)', URL_)).toBeUndefined();
    expect(linkKey('', URL_)).toBeUndefined();
    expect(entryKey({ url: 'https://marches.maximilien.fr/entreprise/consultation/945739?orgAcronyme=a8z#x' })).toBe('url:https://marches.maximilien.fr/entreprise/consultation/945739?orgAcronyme=a8z');
    expect(entryKey({})).toBe('');
  });
});
