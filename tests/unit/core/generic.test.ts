import { describe, expect, it } from 'vitest';
import { readPage, readText } from '../../../core/read/index.ts';
import { detectTender } from '../../../core/read/generic.ts';
import { fixtureDoc, territoryResolver } from './helpers.ts';

const SITE = 'https://www.ville-exemple.fr/actualites/page';

describe('generic notice detector (pages of no known engine)', () => {
  it('reads a notice published on a municipal site', () => {
    const r = readPage(fixtureDoc('pages/generic-notice.html'), new URL(SITE), { territory: territoryResolver() });
    expect(r).toMatchObject({ isTender: true, portal: 'generic', pageKind: 'notice' });
    expect(r.confidence).toBeGreaterThanOrEqual(0.8);
    expect(r.tender).toMatchObject({
      title: 'Entretien des espaces verts communaux et fauchage des accotements',
      buyer: 'Commune de Montbartier',
      buyerTerritory: { postalCode: '82700', commune: '82123', departement: '82', region: '76' },
      cpv: ['77310000', '77312000'],
      cpvMain: true,
      procedure: 'Procédure adaptée',
      deadline: '2026-04-15T12:00:00',
      estimatedValue: 90000,
    });
    expect(r.signals.map((s) => s.id).sort()).toEqual(['allotissement', 'clause-insertion', 'critere-environnemental', 'not-reserved']);
  });

  for (const [file, why] of [
    ['news-article.html', 'a press article about a tender'],
    ['municipal-info.html', "a municipality's procurement information page"],
  ] as const) {
    it(`does not take ${why} for a tender`, () => {
      const r = readPage(fixtureDoc(`pages/${file}`), new URL(SITE));
      expect(r.isTender).toBe(false);
      expect(r.pageKind).toBe('other');
      expect(r.confidence).toBeLessThan(0.5);
      expect(r.signals).toEqual([]);
    });
  }

  it('takes a list of results for a list, not a tender', () => {
    const r = readPage(fixtureDoc('pages/search-results.html'), new URL('https://www.exemple-annonces.fr/recherche?q=nettoyage'));
    expect(r.isTender).toBe(false);
    expect(r.pageKind).toBe('list');
  });

  it('gives list entries when the list is on a known engine', () => {
    const r = readPage(fixtureDoc('pages/search-results.html'), new URL('https://www.boamp.fr/pages/recherche/?q=nettoyage'));
    expect(r).toMatchObject({ isTender: false, pageKind: 'list', portal: 'boamp' });
    expect(r.entries).toHaveLength(4);
    expect(r.entries[0]).toEqual({ title: 'Nettoyage des locaux de la mairie', url: 'https://www.boamp.fr/avis/detail/26-10001', deadline: '2026-04-10T12:00:00' });
  });

  it('vocabulary alone is not enough', () => {
    const d = detectTender("Le pouvoir adjudicateur lance un appel d'offres en procédure adaptée ; les critères d'attribution seront publiés.");
    expect(d.kind).toBe('other');
    expect(d.confidence).toBeLessThan(0.5);
  });
});

describe('readText (a pasted draft)', () => {
  it('reads fields, signals and the user territory', () => {
    const r = readText(
      "Objet du marché : nettoyage des locaux de la mairie. Le marché comporte une clause sociale d'insertion de 400 heures. Date limite de remise des offres : 12/05/2026 à 12h00.",
      { cpv: ['90919200-4'], territory: '69123', resolver: territoryResolver() },
    );
    expect(r.isTender).toBe(true);
    expect(r.tender.cpv).toEqual(['90919200']);
    expect(r.tender.deadline).toBe('2026-05-12T12:00:00');
    expect(r.tender.buyerTerritory).toMatchObject({ commune: '69123', departement: '69', region: '84' });
    expect(r.signals.map((s) => s.id)).toEqual(['clause-insertion']);
  });

  it('accepts the territory as INSEE codes or as the resolver itself', () => {
    expect(readText('Nettoyage des locaux communaux et des écoles', { territory: { departement: '74' }, resolver: territoryResolver() }).tender.buyerTerritory).toEqual({ departement: '74', region: '84' });
    expect(readText('Nettoyage des locaux communaux, 74910 Seyssel', { territory: territoryResolver() }).tender.buyerTerritory).toMatchObject({ departement: '74' });
    expect(readText('Nettoyage des locaux communaux', { territory: '2B' }).tender.buyerTerritory).toEqual({ departement: '2B' });
  });

  it('needs a few words', () => {
    expect(readText('').isTender).toBe(false);
    expect(readText('nettoyage').isTender).toBe(false);
  });
});
