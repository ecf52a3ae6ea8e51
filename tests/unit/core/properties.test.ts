import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Reading } from '../../../core/read/types.ts';
import { normaliseCpv } from '../../../core/read/cpv.ts';
import { readBoampRecord, readNotice, readPage, readTedNotice, readText } from '../../../core/read/index.ts';
import { portals } from '../../../core/portals/index.ts';
import { parseHtml } from '../../../core/cli/load.ts';
import { ROOT, territoryResolver } from './helpers.ts';
import { SIGNAL_IDS } from '../../../core/read/types.ts';
import { SIGNAL_ORDER } from '../../../core/read/signals.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { portalExamples } from '../../../core/portals/examples';

const SIGNAL_SET = new Set<string>(SIGNAL_IDS);

describe('signal vocabulary', () => {
  it('SIGNAL_IDS is the list of shared/spec/vocabulary.md, and the output order lists each id once', () => {
    const spec = readFileSync(join(ROOT, 'tests', 'fixtures', 'spec', 'vocabulary.md'), 'utf8');
    const block = spec.slice(spec.indexOf('## Signals a notice already declares'), spec.indexOf('## Territory'));
    const inSpec = [...block.matchAll(/(?:^|·)\s*([a-z][a-z-]+[a-z])\b/gm)].map((m) => m[1]).filter((id) => id !== 'signals');
    expect([...SIGNAL_IDS].sort()).toEqual([...new Set(inSpec)].sort());
    expect([...SIGNAL_ORDER].sort()).toEqual([...SIGNAL_IDS].sort());
  });
});

function wellFormed(r: Reading): void {
  expect(typeof r.isTender).toBe('boolean');
  expect(r.confidence).toBeGreaterThanOrEqual(0);
  expect(r.confidence).toBeLessThanOrEqual(1);
  expect(['notice', 'list', 'other']).toContain(r.pageKind);
  expect(Array.isArray(r.tender.cpv)).toBe(true);
  for (const c of r.tender.cpv) expect(c).toMatch(/^\d{8}$/);
  expect(Array.isArray(r.tender.lots)).toBe(true);
  for (const s of r.signals) {
    expect(SIGNAL_SET.has(s.id)).toBe(true);
    expect(s.evidence.length).toBeLessThanOrEqual(300);
  }
  expect(r.text.length).toBeLessThanOrEqual(30_000);
}

function timed<T>(fn: () => T, ms: number): T {
  const t0 = performance.now();
  const out = fn();
  expect(performance.now() - t0).toBeLessThan(ms);
  return out;
}

// Words that steer the rules, mixed with noise, to reach the interesting paths.
const WORDS = [
  'Marché réservé', ': non', ': oui', 'réservé aux', 'ESAT', 'SIAE', 'clause sociale', "d'insertion", 'heures', 'Critère', 'Pondération : 10',
  'développement durable', 'lot', 'Lot 2 :', 'divisé en lots', 'CPV', '45000000-7', 'Date limite de réception des offres :', '12/05/2026 à 12h00',
  'II.2.5)', 'III.1.5)', 'Critères d\'attribution :', "n'est pas", 'pas de', 'bio', 'commerce équitable', '75001 Paris', 'L2113-12', '€', 'euros HT',
  '\n', ';', '.', ' ', 'é', '’', '<', '>', '&amp;',
];
const noticeish = fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 })), { maxLength: 300 }).map((a) => a.join(' '));

// Time bounds are generous sanity limits (tests run in parallel workers): they catch runaway regexes, not slowness.
describe('never throws, bounded in time', () => {
  beforeAll(() => {
    // Warm the JIT and the territory table before timing anything.
    readText('Critères d’attribution : insertion ; lot 2 : bio. Date limite de réception des offres : 12/05/2026.');
    readNotice({ title: 'x y z', raw_excerpt: '<?xml version="1.0"?><ANNONCE/>' }, { territory: territoryResolver() });
    readPage(parseHtml('<h1>Avis</h1>'), new URL('https://www.boamp.fr/avis/detail/20-1'), { territory: territoryResolver() });
    // The name index of the territory table is built on first use.
    territoryResolver().parseTerritory('Saint-Étienne');
    territoryResolver().searchCommunes('lyon');
  });

  it('readText on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 2000 }), fc.string({ unit: 'binary', maxLength: 2000 }), noticeish), (s) => {
        wellFormed(timed(() => readText(s), 1000));
      }),
      { numRuns: 300 },
    );
  });

  it('readText with odd options', () => {
    fc.assert(
      fc.property(noticeish, fc.anything(), fc.anything(), (s, cpv, territory) => {
        wellFormed(readText(s, { cpv, territory } as never));
      }),
      { numRuns: 150 },
    );
  });

  it('readText on large and repetitive inputs', () => {
    for (const s of ['critère '.repeat(40_000), 'réservé à '.repeat(30_000), 'Lot 1 : '.repeat(40_000), 'x'.repeat(2_000_000), ' a b c'.repeat(200_000)]) {
      wellFormed(timed(() => readText(s), 3000));
    }
  });

  it('readNotice on arbitrary values and records', () => {
    const record = fc.record(
      {
        title: fc.oneof(fc.string(), noticeish, fc.anything()),
        object: fc.oneof(noticeish, fc.anything()),
        cpv: fc.oneof(fc.array(fc.string()), fc.anything()),
        buyer_location: fc.oneof(fc.string(), fc.constantFrom('91165 Saulx Les Chartreux — département(s) de publication : 91', 'A Lyon (Code commune 69123)', "Lieu d'exécution : (44) Loire-Atlantique")),
        lots: fc.oneof(fc.array(fc.string()), fc.anything()),
        raw_excerpt: fc.oneof(noticeish, fc.constantFrom('<?xml version="1.0"?><ANNONCE><DONNEES><LOT><NUM>2', '{"objet": "x", "montant": "abc"', '{"considerationsSociales": ["Clause sociale"]}'), fc.anything()),
        boamp_header_pictograms: fc.oneof(fc.array(fc.string()), fc.anything()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(record, fc.anything()), (rec) => {
        wellFormed(timed(() => readNotice(rec as never, { territory: territoryResolver() }), 1000));
      }),
      { numRuns: 300 },
    );
  });

  it('readBoampRecord and readTedNotice on arbitrary records, donnees and XML', () => {
    const real = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'current', 'boamp-api_26-80978.json'), 'utf8')) as Record<string, unknown>;
    const donnees = JSON.parse(String(real.donnees)) as Record<string, unknown>;
    // Real eForms with parts replaced by anything: the reader must take what it can and stay well formed.
    const mutated = fc.tuple(fc.constantFrom('cac:ProcurementProject', 'cac:ProcurementProjectLot', 'cac:TenderingTerms', 'ext:UBLExtensions', 'cac:ContractingParty'), fc.anything()).map(([k, v]) => {
      const notice = { ...((donnees.EFORMS as Record<string, unknown>).ContractAwardNotice as Record<string, unknown>), [k]: v };
      return JSON.stringify({ EFORMS: { ContractAwardNotice: notice } });
    });
    const rec = fc.record({
      idweb: fc.oneof(fc.constant('26-80978'), fc.string()),
      objet: fc.oneof(fc.string(), fc.anything()),
      nomacheteur: fc.anything(),
      code_departement: fc.anything(),
      criteres: fc.anything(),
      donnees: fc.oneof(mutated, fc.json(), fc.anything(), fc.constant('{"FNSimple": {"initial": {"lots": {"lot": [{"numLot": "1"}, {"numLot": "x", "intituleLot": {"a": 1}}]}}}}')),
    });
    fc.assert(
      fc.property(rec, (r) => {
        const out = timed(() => readBoampRecord(r as never), 1000);
        if (out.ok) wellFormed(out.reading);
        else expect(out.reason.length).toBeGreaterThan(5);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom('<ContractNotice><cac:ProcurementProject><cbc:Name>x', '<?xml version="1.0"?><ContractNotice xmlns="u"><a b="1"/></ContractNotice>')), (xml) => {
        const out = timed(() => readTedNotice(xml), 1000);
        if (out.ok) wellFormed(out.reading);
      }),
      { numRuns: 200 },
    );
  });

  it('readPage on generated documents and URLs', () => {
    const tag = fc.constantFrom('div', 'p', 'span', 'table', 'tr', 'td', 'h1', 'ul', 'li', 'a', 'br', 'script', 'style', 'form', 'input', 'dl', 'dt', 'dd', 'main', 'header');
    const attr = fc.constantFrom('', ' id="ctl0_CONTENU_PAGE_ctl7_intitule"', ' class="avis-ref"', ' class="DocumentBody"', ' class="data"', ' id="detail-avis-content"', ' class="item_consultation"', ' href="/avis/detail/20-12345"', ' id="entity"', ' class="avis-criteres"');
    const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        noticeish,
        fc.tuple(tag, attr, fc.array(tie('node'), { maxLength: 4 })).map(([t, a, kids]) => `<${t}${a}>${kids.join('')}</${t}>`),
      ),
    })).node;
    const urls = [...portals.flatMap((p) => [...portalExamples[p.id]!.notice, ...portalExamples[p.id]!.list]), 'https://www.example.org/', 'file:///tmp/x.html', 'about:blank'];
    fc.assert(
      fc.property(node, fc.constantFrom(...urls), (html, url) => {
        const doc = parseHtml(`<!DOCTYPE html><html><body>${html}</body></html>`);
        wellFormed(timed(() => readPage(doc, new URL(url), { territory: territoryResolver() }), 2000));
      }),
      { numRuns: 150 },
    );
  });

  it('readPage with bad arguments', () => {
    const doc = parseHtml('<p>x</p>');
    for (const [d, u] of [
      [null, 'https://www.boamp.fr/'],
      [undefined, undefined],
      [doc, 'not a url'],
      [doc, ''],
      [{}, 'https://ted.europa.eu/x'],
      [{ querySelectorAll: () => { throw new Error('boom'); } }, 'https://www.marches-publics.gouv.fr/'],
    ] as const) {
      wellFormed(readPage(d as never, u as never));
    }
  });

  it('parseTerritory on arbitrary strings', () => {
    const t = territoryResolver();
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^(dep|reg|cp|commune)?:?\s?[0-9AB]{1,6}$/), fc.constantFrom('2A', '2b004', '97133', '75056', '00000', 'Loire')), (s) => {
        const r = timed(() => t.parseTerritory(s), 500);
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) expect(r.territory).toBeTypeOf('object');
        else expect(typeof r.reason).toBe('string');
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.anything(), (v) => void t.parseTerritory(v as never)), { numRuns: 200 });
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (q) => void timed(() => t.searchCommunes(q), 1000)), { numRuns: 60 });
  });

  it('normaliseCpv on anything', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^\d{8}(-\d)?$/)), (v) => {
        const c = normaliseCpv(v);
        if (c !== null) expect(c).toMatch(/^\d{8}$/);
      }),
      { numRuns: 500 },
    );
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{8}$/), (s) => {
      if (s !== '00000000') expect(normaliseCpv(`${s}-3`)).toBe(s);
    }));
  });
});
