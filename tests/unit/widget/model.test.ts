import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createKb, type KbData } from '../../../core/kb/index';
import { createSearch } from '../../../core/search/index';
import { biasedSearch } from '../../../components/widget-model';

const kb = createKb(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../data/kb.json'), 'utf8')) as KbData);
const search = createSearch(kb);

describe('biasedSearch: what the search tab suggests before anything is typed', () => {
  it('puts the host’s themes first for residents, and no actor from elsewhere', () => {
    const hits = biasedSearch(search, { mode: 'citoyen', themes: ['mobilite'] }, kb).search('', { limit: 30 });
    expect(hits.length).toBe(12);
    expect(hits[0]!.doc.themes).toContain('mobilite');
    expect(hits.some((h) => h.doc.type === 'actor')).toBe(false);
  });

  it('puts policy-lever fiches first for elected officials, procurement levers for buyers', () => {
    const elu = biasedSearch(search, { mode: 'elu', themes: [] }, kb).search('', { limit: 30 });
    expect(elu[0]!.doc.type).toBe('fiche');
    expect(elu[0]!.doc.category).toBe('levier');
    const buyer = biasedSearch(search, { mode: 'acheteur', themes: [] }, kb).search('', { limit: 30 });
    expect(buyer.slice(0, 5).every((h) => h.doc.type === 'lever')).toBe(true);
  });

  it('keeps fuse.js ranking for typed queries and the full list when filtered', () => {
    const b = biasedSearch(search, { mode: 'elu', themes: ['culture'] }, kb);
    expect(b.search('clause d insertion', { limit: 5 }).map((h) => h.doc.id)).toEqual(search.search('clause d insertion', { limit: 5 }).map((h) => h.doc.id));
    expect(b.search('', { limit: 30, type: 'actor' }).length).toBe(30);
  });
});

describe('lazySearch: the same answers as the search, with the index built on the first query', () => {
  it('lists and filters like createSearch before any query, then ranks like it', async () => {
    const { lazySearch } = await import('../../../widget/embed');
    const lazy = lazySearch(kb);
    for (const f of [{}, { type: 'fiche' as const, limit: 50 }, { theme: 'mobilite', limit: 100 }, { kit: 'regional-2021', category: 'levier' }]) {
      expect(lazy.search('', f).map((h) => h.doc.id)).toEqual(search.search('', f).map((h) => h.doc.id));
      expect(lazy.search('   ', f).map((h) => h.doc.id)).toEqual(search.search('   ', f).map((h) => h.doc.id));
    }
    for (const q of ['commande publique', 'scic', 'cantine bio', 'ressourcerie']) expect(lazy.search(q).map((h) => h.doc.id)).toEqual(search.search(q).map((h) => h.doc.id));
  });
});
