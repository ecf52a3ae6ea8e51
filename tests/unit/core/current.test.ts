// The portals and the open data as they are in 2026: every file of tests/fixtures/current (copied from
// ../shared/fixtures/current) read by the real readers, with the values the files state.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBoampRecord, readPage, readTedHit, readTedNotice } from '../../../core/read/index.ts';
import type { Reading } from '../../../core/read/types.ts';
import { boampRecordsOf, boampRecordUrl, boampRecordsUrl, BOAMP_RECORDS_API } from '../../../core/read/boamp-api.ts';
import { boampIdwebOf, readBoampResults } from '../../../core/portals/boamp.ts';
import { detectPortal, findPortal } from '../../../core/portals/index.ts';
import { xmlToJson } from '../../../core/read/xml.ts';
import { FIXTURES, fixtureDoc, territoryResolver } from './helpers.ts';

const CURRENT = join(FIXTURES, 'current');
const text = (f: string) => readFileSync(join(CURRENT, f), 'utf8');
const record = (f: string) => JSON.parse(text(f)) as Record<string, unknown>;

function boamp(f: string, withTable = false): Reading {
  const r = readBoampRecord(record(f), withTable ? { territory: territoryResolver() } : {});
  if (!r.ok) throw new Error(r.reason);
  return r.reading;
}

function ted(xml: string, withTable = false): Reading {
  const r = readTedNotice(xml, withTable ? { territory: territoryResolver() } : {});
  if (!r.ok) throw new Error(r.reason);
  return r.reading;
}

const ids = (r: Reading) => r.signals.map((s) => s.id);

describe('BOAMP open-data record, eForms award (26-80978)', () => {
  const r = boamp('boamp-api_26-80978.json', true);
  const t = r.tender;

  it('reads the flat fields', () => {
    expect(r).toMatchObject({ isTender: true, portal: 'boamp', pageKind: 'notice' });
    expect(t.boampId).toBe('26-80978');
    expect(t.title).toBe('Prestation de transport de personnes pour la ville de Saint-Orens de Gameville et le CCAS');
    expect(t.buyer).toBe('Ville de Saint Orens de Gameville');
    expect(t.departements).toEqual(['31']);
    expect(t.noticeType).toBe('award');
    expect(t.procedure).toBe("Appel d'offres ouvert");
    expect(t.published).toBe('2026-08-18');
    expect(t.links.notice).toBe('https://www.boamp.fr/pages/avis/?q=idweb:26-80978');
  });

  it('reads the notice in donnees: CPV, lots with their CPV and value, the total', () => {
    expect(t.cpv).toEqual(['60170000', '60172000']);
    expect(t.cpvMain).toBe(true);
    expect(t.nature).toBe('services');
    expect(t.reference).toBe('AO 2026-02');
    expect(t.lots).toEqual([
      { number: '1', title: 'Transports ponctuels', cpv: ['60170000', '60172000'], value: 160000 },
      { number: '2', title: 'Transports récurrents', cpv: ['60170000', '60172000'], value: 280000 },
    ]);
    expect(t.estimatedValue).toBe(440000);
    expect(r.text).toMatch(/mise à disposition par le titulaire d'un véhicule/);
  });

  it("keeps the buyer's address and the place of performance apart, both resolved", () => {
    expect(t.placeClues?.buyer).toMatchObject({ postalCode: '31650', city: 'Saint-Orens de Gameville', departement: '31' });
    expect(t.placeClues?.performance).toMatchObject({ postalCode: '31650', departement: '31' });
    expect(t.buyerTerritory).toMatchObject({ departement: '31', region: '76' });
    expect(t.performanceTerritory).toMatchObject({ departement: '31' });
  });

  it('signals: the lots, and BOAMP\'s own "environnementaux" flag; no reservation is stated', () => {
    expect(ids(r)).toEqual(['critere-environnemental', 'allotissement']);
    expect(r.signals.find((s) => s.id === 'critere-environnemental')?.where).toBe('pictogram');
  });
});

describe('BOAMP open-data record, FNSimple award (26-81190)', () => {
  const r = boamp('boamp-api_26-81190.json');
  const t = r.tender;

  it('reads the flat fields and the national form', () => {
    expect(t.boampId).toBe('26-81190');
    expect(t.title).toMatch(/^RÉHABILITATION, CONFORTEMENT ET RESTAURATION DU PONT MAÇONNERIE/);
    expect(t.buyer).toBe('Service administratif et financier du Pôle Aménagement');
    expect(t.departements).toEqual(['52']);
    expect(t.noticeType).toBe('award');
    expect(t.nature).toBe('travaux');
    // "Procédure NC": not communicated, so no procedure.
    expect(t.procedure).toBeUndefined();
    expect(t.cpv).toEqual([]);
  });

  it('reads the lots written in the award text, each with its amount, and the total', () => {
    expect(t.lots).toEqual([
      { number: '1', title: "Travaux de réhabilitation de l'ouvrage d'art", cpv: [], value: 213400.41 },
      { number: '2', title: 'Travaux de consolidation des berges', cpv: [], value: 17530 },
    ]);
    expect(t.estimatedValue).toBe(230930.41);
    expect(ids(r)).toEqual(['allotissement']);
  });

  it("reads the buyer's CEDEX address as a clue and resolves its département", () => {
    expect(t.placeClues?.buyer).toMatchObject({ postalCode: '52905', city: 'CHAUMONT', publication: ['52'] });
    expect(t.buyerTerritory?.departement).toBe('52');
  });
});

describe('TED eForms XML', () => {
  it('contract notice 183632-2026: fields, deadline, structured "none" as not-reserved', () => {
    const r = ted(text('ted_183632-2026.xml'), true);
    const t = r.tender;
    expect(r.portal).toBe('ted');
    expect(t).toMatchObject({
      tedId: '183632-2026',
      title: 'Prestations de surveillance sur l’Aéroport d’Avignon-Provence',
      buyer: 'Société Aéroport Avignon Provence',
      reference: '2026-SAAP-001',
      cpv: ['79710000', '79714000'],
      cpvMain: true,
      nature: 'services',
      procedure: "Appel d'offres ouvert",
      deadline: '2026-04-20T12:00:00Z',
      noticeType: 'notice',
      lots: [],
    });
    expect(t.links.notice).toBe('https://ted.europa.eu/en/notice/-/detail/183632-2026');
    expect(t.buyerTerritory).toMatchObject({ departement: '84', commune: '84007' });
    // Montfavet is part of Avignon: the place of performance is read from its own address.
    expect(t.placeClues?.performance).toMatchObject({ postalCode: '84140', city: 'Montfavet', departement: '84' });
    expect(r.signals).toEqual([{ id: 'not-reserved', evidence: 'Participation réservée (BT-71) : none', where: 'BT-71' }]);
  });

  it('award notice 550374-2026: an award, with the awarded total', () => {
    const r = ted(text('ted_550374-2026.xml'));
    expect(r.tender).toMatchObject({ tedId: '550374-2026', noticeType: 'award', estimatedValue: 192396.26, buyer: 'Société Aéroport Avignon Provence' });
    expect(r.text).toMatch(/Prestations de surveillance/);
  });

  // The same real notice with its BT-71 code changed, as eForms allows: the code is read, the text decides.
  const xml = text('ted_183632-2026.xml');
  const withCode = (code: string, description?: string) => {
    let x = xml.replace('listName="reserved-procurement">none<', `listName="reserved-procurement">${code}<`);
    if (description) x = x.replace('<cbc:Description languageID="FRA">La présente consultation', `<cbc:Description languageID="FRA">${description} La présente consultation`);
    return ted(x);
  };

  it('res-ws alone cannot tell ESAT/EA from SIAE: one reservation, whose evidence says so', () => {
    const r = withCode('res-ws');
    expect(ids(r)).toEqual(['reserve-handicap']);
    expect(r.signals[0]?.evidence).toMatch(/ne dit pas s’il s’agit des ESAT\/EA \(L2113-12\) ou des SIAE \(L2113-13\)/);
    expect(r.signals[0]?.where).toBe('BT-71');
  });

  it('res-ws with a text naming the SIAE: the text decides', () => {
    const r = withCode('res-ws', 'Marché réservé aux structures d’insertion par l’activité économique.');
    expect(ids(r)).toContain('reserve-siae');
    expect(ids(r)).not.toContain('reserve-handicap');
  });

  it('res-pub-ser is the ESS reservation (L2113-15)', () => {
    expect(ids(withCode('res-pub-ser'))).toEqual(['reserve-ess']);
  });
});

describe('TED API v3 search answer', () => {
  it('reads a hit with language maps and lot codes', () => {
    const hit = {
      'publication-number': '00183632-2026',
      'notice-title': { fra: 'France – Services de gardiennage – Prestations de surveillance', eng: 'France – Guard services' },
      'buyer-name': { fra: ['Société Aéroport Avignon Provence'] },
      'classification-cpv': ['79710000', '79714000'],
      'place-of-performance': ['FRL06'],
      'reserved-procurement-lot': ['none'],
      'notice-type': 'cn-standard',
    };
    const r = readTedHit(hit);
    expect(r.tender).toMatchObject({ tedId: '183632-2026', buyer: 'Société Aéroport Avignon Provence', cpv: ['79710000', '79714000'], noticeType: 'notice' });
    expect(r.tender.title).toMatch(/^France – Services de gardiennage/);
    expect(r.tender.placeClues?.performance).toEqual({ departement: '84' });
    expect(ids(r)).toEqual(['not-reserved']);
  });
});

describe("BOAMP's current search page", () => {
  const doc = fixtureDoc('current/boamp_recherche_2026-01-04.html');
  const url = 'https://www.boamp.fr/pages/recherche/';
  const cards = readFileSync(join(CURRENT, 'boamp_recherche_2026-01-04.html'), 'utf8').match(/class="card-notification fr-callout /g) ?? [];

  it('is a list of BOAMP whose every rendered card becomes an entry', () => {
    const r = readPage(doc, url);
    expect(r).toMatchObject({ portal: 'boamp', pageKind: 'list', isTender: false });
    // The saved page shows 10 results per page (its pager says "résultats par page : 10").
    expect(cards.length).toBe(10);
    expect(r.entries).toHaveLength(cards.length);
    for (const e of r.entries) {
      expect(e.boampId).toMatch(/^26-\d+$/);
      expect(e.url).toBe(`https://www.boamp.fr/pages/avis/?q=idweb:${e.boampId}`);
      expect(e.title.length).toBeGreaterThan(10);
      expect(e.buyer?.length).toBeGreaterThan(3);
      expect(e.published).toBe('2026-01-04');
      expect(e.departements?.length).toBeGreaterThan(0);
    }
    expect(r.entries.map((e) => e.boampId)).toEqual(['26-12', '26-13', '26-43', '26-52', '26-57', '26-63', '26-71', '26-70', '26-18', '26-62']);
  });

  it('reads title, buyer, deadline, départements and kind of each card', () => {
    const [first, , third] = readBoampResults(doc, new URL(url));
    expect(first).toEqual({
      title: 'Prestation de service de collecte, de traitement et valorisation des déchets - (7 lots)',
      boampId: '26-12',
      url: 'https://www.boamp.fr/pages/avis/?q=idweb:26-12',
      buyer: 'CONSEIL DEPARTEMENTAL DU VAR',
      deadline: '2026-02-05T16:00:00',
      published: '2026-01-04',
      departements: ['83'],
      noticeType: 'Avis de marché',
      pictograms: ['Critères environnementaux'],
    });
    expect(third).toMatchObject({ boampId: '26-43', departements: ['75', '30'], noticeType: 'Résultat de marché' });
    expect(third?.deadline).toBeUndefined();
    // "6" on the page is Alpes-Maritimes.
    expect(readBoampResults(doc, new URL(url)).find((e) => e.boampId === '26-18')?.departements).toEqual(['06']);
  });
});

describe('BOAMP notice URLs and API requests', () => {
  it('gives the idweb of a notice URL before the page renders, in all its spellings', () => {
    expect(boampIdwebOf('https://www.boamp.fr/pages/avis/?q=idweb:26-80978')).toBe('26-80978');
    expect(boampIdwebOf('https://www.boamp.fr/pages/avis?q=idweb:"26-12"')).toBe('26-12');
    expect(boampIdwebOf('https://www.boamp.fr/pages/avis?q=idweb:%2226-12%22')).toBe('26-12');
    expect(boampIdwebOf('https://www.boamp.fr/pages/avis?q=idweb:&quot;26-12&quot;')).toBe('26-12');
    expect(boampIdwebOf('https://www.boamp.fr/avis/detail/20-102039/1')).toBe('20-102039');
    expect(boampIdwebOf('https://www.boamp.fr/pages/recherche/')).toBeUndefined();
    expect(boampIdwebOf('https://example.org/avis/detail/26-12')).toBeUndefined();
    expect(boampIdwebOf('not a url')).toBeUndefined();
  });

  it('a notice URL of the current site is a BOAMP notice even before it renders', () => {
    const r = readPage(fixtureDoc('pages/municipal-info.html'), 'https://www.boamp.fr/pages/avis/?q=idweb:26-80978');
    expect(r.portal).toBe('boamp');
    expect(r.tender.boampId).toBe('26-80978');
  });

  it('builds the real API requests, base injectable', () => {
    expect(boampRecordUrl('26-80978')).toBe(`${BOAMP_RECORDS_API}?where=idweb%3D%2226-80978%22&limit=1`);
    expect(new URL(boampRecordUrl('26-80978') ?? '').searchParams.get('where')).toBe('idweb="26-80978"');
    const many = new URL(boampRecordsUrl(['26-12', '26-13', '26-12', 'x"; drop'], 'http://127.0.0.1:9/api/records') ?? '');
    expect(many.origin).toBe('http://127.0.0.1:9');
    expect(many.searchParams.get('where')).toBe('idweb in ("26-12","26-13")');
    expect(many.searchParams.get('limit')).toBe('2');
    expect(boampRecordUrl('26-1" or 1=1')).toBeUndefined();
    expect(boampRecordsUrl([])).toBeUndefined();
  });

  it('reads the records of an API answer with the same reader as the CLI', () => {
    const answer = { total_count: 2, results: [record('boamp-api_26-80978.json'), record('boamp-api_26-81190.json'), { idweb: 'nope' }] };
    const recs = boampRecordsOf(answer);
    expect(recs.map((r) => r.idweb)).toEqual(['26-80978', '26-81190']);
  });
});

describe('Atexo and Xmarchés detail pages of 2026 (excerpts)', () => {
  const index = text('index.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { file: string; portal: string; original_url: string });
  const excerpts = index.filter((e) => e.file.startsWith('excerpt_'));
  const engine: Record<string, string> = { place: 'place', maximilien: 'atexo', megalis: 'atexo', 'demat-ampa': 'atexo', xmarches: 'xmarches' };

  it('has the five excerpts', () => expect(excerpts.map((e) => e.portal).sort()).toEqual(['demat-ampa', 'maximilien', 'megalis', 'place', 'xmarches']));

  for (const e of excerpts) {
    const url = e.original_url.split(' ')[0] ?? '';
    it(`${e.file}: URL and page recognised, DCE link read`, () => {
      expect(findPortal(url)?.id).toBe(engine[e.portal]);
      const doc = fixtureDoc(`current/${e.file}`);
      // Without its address (a saved file), the page's own markup says which engine it is.
      expect(detectPortal(doc)?.id).toBe(e.portal === 'xmarches' ? 'xmarches' : 'atexo');
      const r = readPage(doc, url);
      expect(r.pageKind).toBe('notice');
      if (e.portal !== 'xmarches') {
        const id = /consultation\/(\d+)/.exec(url)?.[1];
        expect(r.tender.links.dce).toMatch(new RegExp(`EntrepriseDemandeTelechargementDce&id=${id}&orgAcronyme=`));
        expect(new URL(r.tender.links.dce ?? '').host).toBe(new URL(url).host);
      }
    });
  }
});

describe('xmlToJson', () => {
  it('gives the shape of BOAMP’s eForms JSON', () => {
    const j = xmlToJson('<?xml version="1.0"?><a:R xmlns:a="u"><b listName="x">1 &amp; 2</b><b>3</b><c/><d k="v"><![CDATA[<t>]]></d></a:R>');
    expect(j).toEqual({ 'a:R': { b: [{ '@listName': 'x', '#text': '1 & 2' }, '3'], c: '', d: { '@k': 'v', '#text': '<t>' } } });
    expect(xmlToJson('no markup')).toBeUndefined();
    // A truncated file still gives what it holds.
    expect(xmlToJson('<a><b>x</b><c>y')).toEqual({ a: { b: 'x', c: 'y' } });
  });
});
