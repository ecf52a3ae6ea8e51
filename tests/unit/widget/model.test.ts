import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createKb, type KbData } from '../../../core/kb/index';
import { createSearch } from '../../../core/search/index';
import { widgetPreference } from '../../../widget/ui/widget-model';
import type { WidgetConfig } from '../../../core/widget/config';

const kb = createKb(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../data/kb.json'), 'utf8')) as KbData);
const search = createSearch(kb);
/** What the widget's search models pass: the mode's and themes' order, twelve suggestions. */
const biased = (config: Pick<WidgetConfig, 'mode' | 'themes'>) => ({
  search: (q: string, f: Parameters<typeof search.search>[1] = {}) => search.search(q, { ...f, prefer: widgetPreference(config, kb), suggestions: 12 }),
});

describe('widgetPreference: what the search tab suggests before anything is typed', () => {
  it('puts the host’s themes first for residents, and no actor from elsewhere', () => {
    const hits = biased({ mode: 'citoyen', themes: ['mobilite'] }).search('', { limit: 30 });
    expect(hits.length).toBe(12);
    expect(hits[0]!.doc.themes).toContain('mobilite');
    expect(hits.some((h) => h.doc.type === 'actor')).toBe(false);
  });

  it('puts policy-lever fiches first for elected officials, procurement levers for buyers', () => {
    const elu = biased({ mode: 'elu', themes: [] }).search('', { limit: 30 });
    expect(elu[0]!.doc.type).toBe('fiche');
    expect(elu[0]!.doc.category).toBe('levier');
    const buyer = biased({ mode: 'acheteur', themes: [] }).search('', { limit: 30 });
    expect(buyer.slice(0, 5).every((h) => h.doc.type === 'lever')).toBe(true);
  });

  it('keeps fuse.js ranking for typed queries and the full list when filtered', () => {
    const b = biased({ mode: 'elu', themes: ['culture'] });
    expect(b.search('clause d insertion', { limit: 5 }).map((h) => h.doc.id)).toEqual(search.search('clause d insertion', { limit: 5 }).map((h) => h.doc.id));
    expect(b.search('', { limit: 30, type: 'actor' }).length).toBe(30);
  });
});

describe('the search builds its index on the first typed query', () => {
  it('lists and filters without reading the index, then ranks with it', () => {
    const prebuilt = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../data/search-index.json'), 'utf8')) as Record<string, unknown>;
    let reads = 0;
    const counted = new Proxy(prebuilt, { get: (o, k) => (reads++, o[k as string]) });
    const lazy = createSearch(kb, counted);
    for (const f of [{}, { type: 'fiche' as const, limit: 50 }, { theme: 'mobilite', limit: 100 }, { kit: 'regional-2021', category: 'levier' }]) {
      const keep = (d: (typeof search.docs)[number]) => (!f.type || d.type === f.type) && (!('theme' in f) || d.themes.includes(f.theme!)) && (!('kit' in f) || d.kit === f.kit) && (!('category' in f) || d.category === f.category);
      expect(lazy.search('', f).map((h) => h.doc.id)).toEqual(search.docs.filter(keep).slice(0, f.limit ?? 20).map((d) => d.id));
      expect(lazy.search('   ', f).map((h) => h.doc.id)).toEqual(search.search('   ', f).map((h) => h.doc.id));
    }
    expect(reads).toBe(0);
    for (const q of ['commande publique', 'scic', 'cantine bio', 'ressourcerie']) expect(lazy.search(q).map((h) => h.doc.id)).toEqual(search.search(q).map((h) => h.doc.id));
    expect(reads).toBeGreaterThan(0);
  });
});
