// Robustness properties the other suites do not cover (properties.test.ts has the reader on generated
// documents and records, search.test.ts the search on arbitrary queries, widget-config.test.ts the widget's
// options): the extension's settings parser, the portal registry, byte decoding, the reader on hostile
// documents (deep nesting, huge text, control and bidi characters, 5 MB), the widget's territory codes,
// the content script's "show in page", and the search's filters.
// Time bounds are loose sanity limits against runaway behaviour (tests run in parallel workers), not speed
// targets: speed is measured by `npm run bench`.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTENSION_ROLES, SETTINGS_VERSION, defaultSettings, mergeSettings, parseSettings, type Settings } from '../../../core/settings.ts';
import { detectPortal, findPortal, portals } from '../../../core/portals/index.ts';
import { decodeBytes, looksBinary, parseHtml } from '../../../core/cli/load.ts';
import { readPage } from '../../../core/read/index.ts';
import type { Reading } from '../../../core/read/types.ts';
import { parseTerritoryCode } from '../../../core/territory/codes.ts';
import { findKeyword, fold } from '../../../core/text.ts';
import { createSearch } from '../../../core/search/index.ts';
import type { KbData } from '../../../core/kb/index.ts';
import { findEvidence } from '../../../entrypoints/overlay/highlight.ts';
import { bigNotice } from '../../fixtures/hostile/big-notice.mjs';
import { FIXTURES, ROOT, jsonl, territoryResolver } from './helpers.ts';
import { portalExamples } from '../../../core/portals/examples.ts';

function timed<T>(fn: () => T, ms: number): T {
  const t0 = performance.now();
  const out = fn();
  expect(performance.now() - t0).toBeLessThan(ms);
  return out;
}

const portalIds = portals.map((p) => p.id);

// --- settings ------------------------------------------------------------------------------------------

const COMMUNE = /^(\d{5}|2[AB]\d{3})$/;
const DEPARTEMENT = /^(\d{2,3}|2[AB])$/;
const REGION = /^\d{2,3}$/;

function validSettings(s: Settings, known?: readonly string[]) {
  expect(s.v).toBe(SETTINGS_VERSION);
  expect(EXTENSION_ROLES).toContain(s.role);
  expect(['fr', 'en']).toContain(s.lang);
  if (s.territory !== null) {
    const t = s.territory;
    expect(Boolean(t.commune || t.departement || t.region)).toBe(true);
    if (t.commune !== undefined) expect(t.commune).toMatch(COMMUNE);
    if (t.departement !== undefined) expect(t.departement).toMatch(DEPARTEMENT);
    if (t.region !== undefined) expect(t.region).toMatch(REGION);
    if (t.label !== undefined) {
      expect(typeof t.label).toBe('string');
      expect(t.label.length).toBeLessThanOrEqual(120);
    }
    expect(Object.keys(t).every((k) => ['commune', 'departement', 'region', 'label'].includes(k))).toBe(true);
  }
  expect(Array.isArray(s.disabledPortals)).toBe(true);
  expect(s.disabledPortals.length).toBeLessThanOrEqual(64);
  expect(new Set(s.disabledPortals).size).toBe(s.disabledPortals.length);
  for (const id of s.disabledPortals) {
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
    if (known) expect(known).toContain(id);
  }
  expect(['left', 'right']).toContain(s.overlay.side);
  expect(typeof s.overlay.collapsed).toBe('boolean');
  expect(typeof s.listMarkers).toBe('boolean');
  expect(Object.keys(s).sort()).toEqual(['disabledPortals', 'lang', 'listMarkers', 'overlay', 'role', 'territory', 'v']);
}

const code = fc.oneof(fc.stringMatching(/^(\d{5}|2[ABab]\d{3}|\d{2,3}|2[AB])$/), fc.string({ maxLength: 12 }), fc.anything());
const settingsLike = fc.record(
  {
    v: fc.oneof(fc.constantFrom(0, 1, 2, 99), fc.anything()),
    role: fc.oneof(fc.constantFrom('acheteur', 'structure', 'elu', 'citoyen', 'ACHETEUR'), fc.anything()),
    lang: fc.oneof(fc.constantFrom('fr', 'en', 'de', 'FR'), fc.anything()),
    territory: fc.oneof(
      fc.constant(null),
      code,
      fc.record({ commune: code, departement: code, region: code, label: fc.oneof(fc.string({ maxLength: 300 }), fc.anything()) }, { requiredKeys: [] }),
      fc.anything(),
    ),
    disabledPortals: fc.oneof(fc.array(fc.oneof(fc.constantFrom(...portalIds), fc.string({ maxLength: 50 }), fc.anything()), { maxLength: 100 }), fc.anything()),
    portals: fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...portalIds), fc.string()), fc.oneof(fc.boolean(), fc.anything())), fc.anything()),
    overlay: fc.oneof(fc.record({ side: fc.oneof(fc.constantFrom('left', 'right', 'top'), fc.anything()), collapsed: fc.anything() }, { requiredKeys: [] }), fc.anything()),
    position: fc.oneof(fc.constantFrom('left', 'right'), fc.anything()),
    collapsed: fc.anything(),
    listMarkers: fc.oneof(fc.boolean(), fc.anything()),
  },
  { requiredKeys: [] },
);

describe('settings parser', () => {
  it('never throws on arbitrary values, JSON text and settings-like records; always returns valid settings', () => {
    const input = fc.oneof(fc.anything(), settingsLike, fc.json(), settingsLike.map((x) => { try { return JSON.stringify(x); } catch { return '{'; } }), fc.string());
    fc.assert(
      fc.property(input, fc.boolean(), (raw, withKnown) => {
        const known = withKnown ? portalIds : undefined;
        const r = timed(() => parseSettings(raw, known), 500);
        validSettings(r.settings, known);
        expect(typeof r.repaired).toBe('boolean');
        expect(r.problems.every((p) => typeof p === 'string')).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it('what it returns reads back unchanged and needs no repair (a stored value settles after one write)', () => {
    fc.assert(
      fc.property(fc.oneof(settingsLike, fc.anything()), (raw) => {
        const once = parseSettings(raw, portalIds).settings;
        const twice = parseSettings(JSON.parse(JSON.stringify(once)), portalIds);
        expect(twice.settings).toEqual(once);
        expect(twice.repaired).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('hostile stored values: throwing getters, proxies, cycles, prototype keys, huge arrays', () => {
    const throwing = new Proxy({}, { get() { throw new Error('boom'); }, has() { throw new Error('boom'); }, ownKeys() { throw new Error('boom'); } });
    const cyclic: Record<string, unknown> = { v: 1, role: 'structure' };
    cyclic.overlay = cyclic;
    cyclic.territory = cyclic;
    const values: unknown[] = [
      { get role() { throw new Error('boom'); } },
      throwing,
      { v: 1, territory: throwing },
      cyclic,
      JSON.parse('{"__proto__": {"role": "structure", "polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
      '{"__proto__": {"polluted": true}}',
      { v: 1, disabledPortals: Array.from({ length: 200_000 }, (_, i) => `p${i}`) },
      { v: 1, territory: { label: 'x'.repeat(5_000_000), commune: '44109' } },
      { v: 1, territory: 'é'.repeat(1_000_000) },
      'x'.repeat(2_000_000),
    ];
    for (const raw of values) {
      const r = timed(() => parseSettings(raw, portalIds), 1000);
      validSettings(r.settings, portalIds);
    }
    // Nothing leaked into Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('mergeSettings with arbitrary patches always gives valid settings', () => {
    fc.assert(
      fc.property(settingsLike, fc.oneof(settingsLike, fc.anything()), (base, patch) => {
        const current = parseSettings(base, portalIds).settings;
        const next = timed(() => mergeSettings(current, (patch ?? {}) as Partial<Settings>, portalIds), 500);
        validSettings(next, portalIds);
      }),
      { numRuns: 300 },
    );
    validSettings(mergeSettings(defaultSettings(), { overlay: null } as unknown as Partial<Settings>));
  });
});

// --- portal registry, decoding -----------------------------------------------------------------------

describe('portal registry and byte decoding', () => {
  it('findPortal never throws on arbitrary strings and URLs', () => {
    const url = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom(...portals.flatMap((p) => [...portalExamples[p.id]!.notice, ...portalExamples[p.id]!.list])).map((u) => u + '&'.repeat(1000) + '?page='.repeat(200)),
      fc.tuple(fc.constantFrom(...portals.flatMap((p) => p.hosts)), fc.string({ maxLength: 2000 })).map(([h, s]) => `https://${h}/${encodeURIComponent(s)}?${s}`),
    );
    fc.assert(
      fc.property(url, (u) => {
        const p = timed(() => findPortal(u), 200);
        if (p) expect(portalIds).toContain(p.id);
        let parsed: URL | undefined;
        try {
          parsed = new URL(u);
        } catch {
          parsed = undefined;
        }
        if (parsed) timed(() => findPortal(parsed), 200);
      }),
      { numRuns: 500 },
    );
    expect(findPortal(undefined as never)).toBeUndefined();
    expect(findPortal({} as never)).toBeUndefined();
  });

  it('detectPortal never throws on generated documents', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (html) => {
        const p = timed(() => detectPortal(parseHtml(html)), 500);
        if (p) expect(portalIds).toContain(p.id);
      }),
      { numRuns: 150 },
    );
  });

  it('decodeBytes and looksBinary never throw on arbitrary bytes, BOMs included', () => {
    const boms = fc.constantFrom([], [0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf]);
    fc.assert(
      fc.property(boms, fc.uint8Array({ maxLength: 4000 }), fc.constantFrom('', '<meta charset="windows-1252">', '<meta charset=bogus-charset>', '<meta charset="utf-16">'), (bom, bytes, meta) => {
        const buf = new Uint8Array([...bom, ...new TextEncoder().encode(meta), ...bytes]);
        const d = timed(() => decodeBytes(buf), 500);
        expect(typeof d.text).toBe('string');
        expect(typeof looksBinary(d)).toBe('boolean');
      }),
      { numRuns: 400 },
    );
  });
});

// --- the reader on hostile documents -----------------------------------------------------------------

function wellFormed(r: Reading) {
  expect(typeof r.isTender).toBe('boolean');
  expect(['notice', 'list', 'other']).toContain(r.pageKind);
  expect(r.confidence).toBeGreaterThanOrEqual(0);
  expect(r.confidence).toBeLessThanOrEqual(1);
  expect(r.text.length).toBeLessThanOrEqual(30_000);
  for (const s of r.signals) expect(s.evidence.length).toBeLessThanOrEqual(300);
  for (const c of r.tender.cpv) expect(c).toMatch(/^\d{8}$/);
}

const NOTICE_URLS = ['https://www.boamp.fr/avis/detail/20-96685', 'https://ted.europa.eu/udl?uri=TED:NOTICE:379439-2020:TEXT:EN:HTML', 'https://www.marches-publics.gouv.fr/index.php?page=entreprise.EntrepriseDetailsConsultation&refConsultation=625646&orgAcronyme=g6l', 'https://www.example.org/avis.html'];
const NOTICE_TEXT =
  "Avis de marché. Objet : entretien des espaces verts. Marché réservé aux structures d'insertion par l'activité économique (article L2113-13). Clause sociale d'insertion : 350 heures. Critères d'attribution : prix 60 %, valeur technique 30 %, performance en matière d'insertion 10 %. Date limite de réception des offres : 12/05/2026 à 12h00. Lieu d'exécution : 44000 Nantes. CPV 77310000-6.";

describe('the reader on hostile documents', () => {
  // As the content script reads: no territory table (the place clues go to the background).
  const territory = undefined;
  const cases: [string, () => string][] = [
    ['deep nesting (3000 levels)', () => `${'<div><span>'.repeat(1500)}<p>${NOTICE_TEXT}</p>${'</span></div>'.repeat(1500)}`],
    ['one 2 MB text node', () => `<h1>Avis de marché</h1><p>${NOTICE_TEXT} ${'lot clause insertion réservé critère '.repeat(55_000)}</p>`],
    ['15 000 empty elements', () => `<h1>Avis</h1>${'<span class="x"></span>'.repeat(15_000)}<p>${NOTICE_TEXT}</p>`],
    ['10 000 lots in a table', () => `<h1>Avis</h1><table>${Array.from({ length: 10_000 }, (_, i) => `<tr><td>Lot ${i + 1} :</td><td>Nettoyage ${i}</td><td>CPV 90910000-9</td></tr>`).join('')}</table><p>${NOTICE_TEXT}</p>`],
    ['huge attributes and ids', () => `<div id="${'ctl0_CONTENU_PAGE_'.repeat(20_000)}intitule" class="${'a '.repeat(100_000)}" title="${'clause '.repeat(50_000)}">${NOTICE_TEXT}</div>`],
    ['control, bidi, zero-width and lone surrogates', () => `<h1>\u202EAvis\u202C de marché\u0000\u0007</h1><p>${NOTICE_TEXT.split(' ').join('\u200B \u200D')}\uD800\uDFFF\uDBFF x\uFEFF\u2028\u2029</p><p id="ctl0_CONTENU_PAGE_ctl7_intitule">\uD83D</p>`],
    ['markup-like text', () => `<p>${NOTICE_TEXT.replace(/ /g, ' &lt;img src=x onerror=alert(1)&gt; ')}</p><script>/* ${'</p>'.repeat(100)} */</script><style>${'p{}'.repeat(10_000)}</style>`],
    ['unclosed everything', () => `<table><tr><td><div><p><b><i>${NOTICE_TEXT}`.repeat(400)],
  ];
  for (const [name, html] of cases) {
    it(`${name}: never throws, stays bounded`, { timeout: 120_000 }, () => {
      const doc = parseHtml(`<!DOCTYPE html><html><body>${html()}</body></html>`);
      for (const url of NOTICE_URLS) {
        wellFormed(timed(() => readPage(doc, new URL(url), { territory }), 5000));
        wellFormed(timed(() => readPage(doc, url, { territory: territoryResolver() }), 5000));
      }
    });
  }

  it('a 5 MB notice (a real page grown with real lots) is read within bounds and recognised', { timeout: 120_000 }, () => {
    const buf = readFileSync(join(FIXTURES, 'real', 'pages', 'boamp_20-96685.html'));
    const base = decodeBytes(buf).text;
    const html = bigNotice(base, jsonl<{ title?: string }>('real/tenders.jsonl'), 5 * 1024 * 1024);
    const doc = parseHtml(html);
    const r = timed(() => readPage(doc, new URL(NOTICE_URLS[0]!), { territory }), 10_000);
    wellFormed(r);
    expect(r.isTender).toBe(true);
    expect(r.pageKind).toBe('notice');
  });
});

// --- codes, text, resolver, "show in page", search filters -------------------------------------------

describe('codes, text helpers and the content script resolver', () => {
  it('parseTerritoryCode on arbitrary strings returns a well-formed reference or nothing', () => {
    const input = fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^\s*(commune|dep|reg|epci|insee|siren|région|département)?[:=-]?\s*[0-9AaBb]{1,10}\s*$/));
    fc.assert(
      fc.property(input, (s) => {
        const r = timed(() => parseTerritoryCode(s), 100);
        if (r === undefined) return;
        expect(['commune', 'departement', 'region', 'epci']).toContain(r.level);
        const re = { commune: /^(\d{5}|2[AB]\d{3})$/, departement: /^(\d{2}|2[AB]|9[78]\d)$/, region: /^(\d{2}|9[78]\d)$/, epci: /^\d{9}$/ }[r.level];
        expect(r.code).toMatch(re);
      }),
      { numRuns: 800 },
    );
    timed(() => parseTerritoryCode(' '.repeat(1_000_000) + '44109'), 500);
  });

  it('fold and findKeyword on arbitrary strings (keywords are escaped, never a pattern)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.string({ maxLength: 40 }), (text, kw) => {
        const f = timed(() => fold(text), 100);
        expect(f).toMatch(/^[a-z0-9 ]*$/);
        const i = timed(() => findKeyword(f, kw), 100);
        expect(i).toBeGreaterThanOrEqual(-1);
        expect(i).toBeLessThanOrEqual(f.length);
      }),
      { numRuns: 600 },
    );
    timed(() => findKeyword(fold('a '.repeat(200_000)), 'a a a a a a a a a a a a b'), 2000);
  });

  it('"show in page" finds text in arbitrary documents without throwing, within bounds', { timeout: 120_000 }, () => {
    const doc = parseHtml(`<!DOCTYPE html><html><body><p>${NOTICE_TEXT}</p><script>var x = "clause sociale";</script><p>${'texte '.repeat(150_000)}</p></body></html>`);
    expect(findEvidence(doc, "Clause sociale d'insertion : 350 heures")?.textContent).toContain('350 heures');
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.constantFrom('clause sociale', '…', '   ', 'texte texte', NOTICE_TEXT.slice(0, 200) + '…')), (evidence) => {
        const el = timed(() => findEvidence(doc, evidence), 3000);
        if (el) expect(doc.body.contains(el)).toBe(true);
      }),
      { numRuns: 15 },
    );
  });

  it('search with arbitrary queries and filters (within their types) never throws and stays bounded', { timeout: 60_000 }, () => {
    const kb = JSON.parse(readFileSync(join(ROOT, 'data', 'kb.json'), 'utf8')) as KbData;
    const index = JSON.parse(readFileSync(join(ROOT, 'data', 'search-index.json'), 'utf8')) as unknown;
    const search = createSearch(kb, index);
    const filters = fc.record(
      {
        type: fc.constantFrom('fiche', 'lever', 'theme', 'actor', undefined),
        kit: fc.oneof(fc.constantFrom('municipal-2026', 'regional-2021', ''), fc.string({ maxLength: 20 })),
        category: fc.oneof(fc.constantFrom('thematique', ''), fc.string({ maxLength: 20 })),
        theme: fc.oneof(fc.constantFrom('alimentation', 'mobilite', ''), fc.string({ maxLength: 20 })),
        limit: fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.double(), fc.constantFrom(0, Number.NaN, Number.POSITIVE_INFINITY, -1)),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.constant('')), fc.option(filters, { nil: undefined }), (q, f) => {
        let hits: unknown;
        timed(() => {
          try {
            hits = search.search(q as string, f as never);
          } catch (e) {
            hits = e;
          }
        }, 1000);
        expect(Array.isArray(hits), `search(${q.slice(0, 40)}, ${JSON.stringify(f)}) threw ${String(hits)}`).toBe(true);
        if (Array.isArray(hits) && f?.type) expect(hits.every((h: { doc: { type: string } }) => h.doc.type === f.type)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
