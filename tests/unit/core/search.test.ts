import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { createKb, type KbData } from '../../../core/kb/index';
import { createSearch } from '../../../core/search/index';

const data = (f: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../data', f), 'utf8'));
const kb = createKb(data('kb.json') as KbData);
const search = createSearch(kb, data('search-index.json'));

const topIds = (q: string, n = 3, type?: 'fiche' | 'lever' | 'theme' | 'actor') => search.search(q, { type, limit: n }).map((h) => h.doc.id);

describe('search', () => {
  it('finds fiches by misspelled, accent-less queries', () => {
    expect(topIds('comande publik responsable', 3, 'fiche')).toEqual(expect.arrayContaining(['municipal-2026-8']));
    expect(topIds('cooperatives d interet collectif', 3, 'fiche')).toContain('municipal-2026-10');
    expect(topIds('transition energetique', 5, 'fiche')).toContain('municipal-2026-16');
  });

  it('finds levers by their French name and themes by label', () => {
    expect(topIds('clause d insertion', 3, 'lever')).toContain('clause-insertion');
    expect(topIds('alimentation', 3, 'theme')).toContain('alimentation');
  });

  it('filters by kit, category and theme', () => {
    const hits = search.search('ess', { kit: 'regional-2021', limit: 50 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.doc.kit === 'regional-2021')).toBe(true);
    const cat = search.search('', { category: 'thematique', limit: 100 });
    expect(cat.every((h) => h.doc.category === 'thematique')).toBe(true);
    const th = search.search('', { theme: 'mobilite', limit: 100 });
    expect(th.map((h) => h.doc.id)).toEqual(expect.arrayContaining(['municipal-2026-11', 'regional-2021-16']));
  });

  it('the pre-built index gives the same results as indexing at start-up', () => {
    const fresh = createSearch(kb);
    for (const q of ['commande publique', 'scic', 'foncier', 'monnaie locale', 'tiers lieux']) {
      expect(search.search(q).map((h) => h.doc.id)).toEqual(fresh.search(q).map((h) => h.doc.id));
    }
  });

  it('never throws and stays bounded on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (q) => {
        const r = search.search(q);
        expect(Array.isArray(r)).toBe(true);
        expect(r.length).toBeLessThanOrEqual(20);
      }),
      { numRuns: 300 },
    );
    expect(search.search(undefined as unknown as string)).toBeDefined();
    expect(search.search('x'.repeat(100_000)).length).toBeLessThanOrEqual(20);
  });
});
