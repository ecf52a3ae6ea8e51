import type { PageKind } from '../read/types.ts';
import type { Portal, PortalExtract, PortalExamples } from './types.ts';
import type { TenderPatch } from '../read/fields/index.ts';
import { blockText, findElements, hasClass, listEntries, mainRoot } from '../read/dom.ts';
import { canonicalProcedure, parseDate, toNature } from '../read/fields/index.ts';
import { normaliseCpv } from '../read/cpv.ts';
import { kindOf, onDomain, pathAndQuery } from './kit.ts';
import { toSections } from '../read/sections.ts';
import { collapse, fold } from '../read/text.ts';

const NOTICE_PATH = /\/notice\/-\/detail\/\d{1,8}-\d{4}|[?&]uri=ted:notice:\d{1,8}-\d{4}|\/udl\?uri=ted:notice/i;
const LIST_PATH = /\/search\/result|\/search\b|\/browse\b/i;
const ENTRY_HREF = /\/notice\/-\/detail\/\d{1,8}-\d{4}|uri=TED:NOTICE:\d/i;

interface TedScan {
  bodies: Element[];
  rows: Element[];
}

// One walk finds the notice bodies and the data-tab rows; pageKind and extract share it.
const scans = new WeakMap<Document, TedScan>();
function scan(doc: Document): TedScan {
  let s = scans.get(doc);
  if (s) return s;
  const bodies: Element[] = [];
  const rows: Element[] = [];
  findElements(
    doc,
    (el) => {
      if (bodies.length < 8 && hasClass(el, 'DocumentBody')) bodies.push(el);
      else if (el.tagName === 'TABLE' && hasClass(el, 'data') && !rows.length) rows.push(...findElements(el, (x) => x.tagName === 'TR', 80));
      return false;
    },
    1,
    (el) => hasClass(el, 'DocumentBody') || (el.tagName === 'TABLE' && hasClass(el, 'data')),
  );
  s = { bodies, rows };
  scans.set(doc, s);
  return s;
}

function tedPageKind(doc: Document, url: URL): PageKind {
  const s = scan(doc);
  if (s.bodies.length || s.rows.length) return 'notice';
  return kindOf(doc, url, NOTICE_PATH, LIST_PATH, ENTRY_HREF);
}

// The "Data" tab: two-letter codes (TI, ND, AU, DT, PC…) and their values.
function dataTable(doc: Document): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of scan(doc).rows) {
    const kids = [...row.children];
    const code = collapse(kids.find((k) => k.tagName === 'TH')?.textContent ?? '');
    const cells = kids.filter((k) => k.tagName === 'TD');
    const value = collapse(blockText(cells[cells.length - 1], 2000));
    if (/^[A-Z]{2}$/.test(code) && value && !out.has(code)) out.set(code, value);
  }
  return out;
}

function extract(doc: Document, url: URL): PortalExtract {
  const out: PortalExtract = { tender: {}, sections: [], entries: [] };
  if (tedPageKind(doc, url) === 'list') {
    // Each result's publication number, from its link ("/notice/-/detail/183632-2026").
    out.entries = listEntries(doc, url, { href: ENTRY_HREF }).map((e) => {
      const id = /(?:detail\/|NOTICE:)0*(\d{1,8}-\d{4})/i.exec(e.url ?? '')?.[1];
      return id ? { ...e, reference: id } : e;
    });
    return out;
  }
  const data = dataTable(doc);
  const t: TenderPatch = {};
  const nd = data.get('ND') ?? /(\d{1,8}-\d{4})/.exec(pathAndQuery(url))?.[1];
  if (nd) t.tedId = nd;
  const buyer = data.get('AU')?.replace(/\s*\(\d{9,14}\)\s*$/, '');
  if (buyer) t.buyer = buyer;
  const deadline = parseDate(data.get('DT') ?? '');
  if (deadline) t.deadline = deadline;
  const main = normaliseCpv(/\d{8}/.exec(data.get('PC') ?? '')?.[0] ?? '');
  if (main) {
    t.cpv = [main];
    t.cpvMain = true;
  }
  const nature = toNature(data.get('NC'));
  if (nature) t.nature = nature;
  const procedure = canonicalProcedure(data.get('PR')?.replace(/^\d+\s*-\s*/, ''));
  if (procedure) t.procedure = procedure;
  t.links = { notice: nd ? `https://ted.europa.eu/fr/notice/-/detail/${nd}` : url.href };
  // The page shows the notice in the display language and in its original language; the French
  // original is what the signal rules read best.
  const bodies = scan(doc).bodies;
  const french = bodies.find((b) => /pouvoir adjudicateur|entite adjudicatrice|avis de marche/.test(fold(blockText(b, 3000))));
  const root = french ?? bodies[0] ?? mainRoot(doc);
  out.sections = toSections(blockText(root));
  if (!out.sections.some((s) => s.where === 'II.1.1') && data.get('TI')) t.title = data.get('TI');
  out.tender = t;
  return out;
}

/** TED, the supplement to the Official Journal of the EU. */
export const ted: Portal = {
  id: 'ted',
  name: 'TED (Tenders Electronic Daily, JOUE)',
  matches(url: URL): boolean {
    return onDomain(url, 'ted.europa.eu');
  },
  detect(doc: Document): boolean {
    return scan(doc).bodies.length > 0;
  },
  pageKind: tedPageKind,
  extract,
  hosts: ['ted.europa.eu'],
};

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const tedExamples: PortalExamples = {
  notice: ['https://ted.europa.eu/fr/notice/-/detail/379439-2020', 'https://ted.europa.eu/udl?uri=TED:NOTICE:379439-2020:TEXT:EN:HTML'],
  list: ['https://ted.europa.eu/fr/search/result?search-scope=ACTIVE&query=CY%3DFRA'],
};

/*
 * Test URLs
 * https://ted.europa.eu/fr/notice/-/detail/379439-2020
 * https://ted.europa.eu/fr/search/result?search-scope=ACTIVE&query=CY%3DFRA
 */
