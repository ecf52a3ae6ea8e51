import type { ListEntry, PageKind } from '../read/types.ts';
import type { Portal, PortalExtract, PortalExamples } from './types.ts';
import type { TenderPatch } from '../read/fields/index.ts';
import { absolute, all, blockText, listEntries, mainRoot, textOf } from '../read/dom.ts';
import { collapse } from '../read/text.ts';
import { canonicalProcedure, findBoampId, findTedId, parseDate } from '../read/fields/index.ts';
import { kindOf, onDomain, pathAndQuery } from './kit.ts';
import { toSections } from '../read/sections.ts';

const NOTICE_PATH = /\/avis\/detail\/\d{2}-\d{1,7}|[?&]q=idweb:"?\d{2}-\d{1,7}|\/pages\/avis\/?\?/i;
const LIST_PATH = /\/pages\/recherche\b|\/avis\/(?:liste|recherche)\b|\/recherche\b|\/pages\/entreprise-?\w*/i;
const ENTRY_HREF = /\/avis\/detail\/\d{2}-\d{3,6}|idweb(?::|%3A)"?\d{2}-\d{3,6}/i;

// "q=idweb:26-80978", 'q=idweb:"26-80978"' (quotes raw, percent-encoded or as HTML entities), "/avis/detail/26-80978".
const IDWEB_IN_URL = /(?:[?&]q=idweb(?::|%3A)\s*(?:"|%22|&quot;|&#34;|&#x22;)?|\/avis\/detail\/)(\d{2}-\d{1,7})(?![\d])/i;

/**
 * The idweb of a BOAMP notice URL (`/pages/avis/?q=idweb:26-80978`, quoted or encoded variants,
 * `/avis/detail/26-80978`), known from the address alone, before the page renders. Undefined otherwise.
 */
export function boampIdwebOf(url: URL | string): string | undefined {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url.replace(/&quot;|&#34;|&#x22;/gi, '"')) : url;
  } catch {
    // The address is input: a malformed one is no notice URL.
    return undefined;
  }
  if (!onDomain(u, 'boamp.fr')) return undefined;
  const raw = `${u.pathname}${u.search}`;
  return IDWEB_IN_URL.exec(raw)?.[1] ?? IDWEB_IN_URL.exec(pathAndQuery(u))?.[1];
}

/**
 * The entries of a BOAMP search page as the current site renders it (Opendatasoft + AngularJS: cards
 * in `ul#toplist` whose fields are bound as `item.fields.objet`, `.nomacheteur`, `.idweb`…). Reads the
 * rendered bindings, so it works once the framework has filled the cards; before that it finds none.
 * @param doc the search page's document
 * @param url the page's address (links are made absolute against it)
 */
export function readBoampResults(doc: Document, url: URL): ListEntry[] {
  const cards = all(doc, '.card-notification', 200);
  const out: ListEntry[] = [];
  for (const card of cards) {
    const bound = (field: string) => collapse(blockText(all(card, `[ng-bind-html="item.fields.${field}"], [ng-bind="item.fields.${field}"]`, 1)[0] ?? null, 2000)) || undefined;
    const link = all(card, 'a[href]', 20).find((a) => IDWEB_IN_URL.test(a.getAttribute('href') ?? ''));
    const href = link?.getAttribute('href') ?? '';
    const title = bound('objet') ?? collapse(blockText(link ?? null, 2000));
    const idweb = IDWEB_IN_URL.exec(href)?.[1] ?? /avis\s*n\s*°?\s*(\d{2}-\d{1,7})/i.exec(textOf(card, 'label') ?? '')?.[1];
    if (!title && !idweb) continue;
    const entry: ListEntry = { title: title ?? `Avis ${idweb}` };
    if (idweb) {
      entry.boampId = idweb;
      entry.url = boampNoticeUrl(idweb);
    } else {
      const abs = absolute(href, url);
      if (abs) entry.url = abs;
    }
    const buyer = bound('nomacheteur');
    if (buyer) entry.buyer = buyer;
    const text = blockText(card, 20_000);
    const deadline = /date limite de r[ée]ponse[^\n]{0,10}?(\d{1,2}\/\d{1,2}\/\d{4}[^\n]{0,12})/i.exec(text);
    const d = deadline?.[1] ? parseDate(deadline[1]) : undefined;
    if (d) entry.deadline = d;
    const published = /publi[ée] le\s+([^\n]{6,30})/i.exec(text);
    const p = published?.[1] ? parseDate(published[1]) : undefined;
    if (p) entry.published = p.slice(0, 10);
    const deps = all(card, '[ng-repeat^="dept in"]', 120)
      .map((el) => collapse(blockText(el, 20)).toUpperCase())
      // The page prints numeric codes without their leading zero ("6" for Alpes-Maritimes).
      .map((x) => (/^\d$/.test(x) ? `0${x}` : x))
      .filter((x) => /^(\d{2,3}|2[AB])$/.test(x));
    if (deps.length) entry.departements = [...new Set(deps)];
    const type = bound('nature_libelle');
    if (type) entry.noticeType = type;
    const icons = all(card, 'img[title], img[alt]', 10)
      .map((img) => collapse(img.getAttribute('title') || img.getAttribute('alt') || ''))
      .filter((t) => /crit[eè]res?|clause|r[ée]serv/i.test(t));
    if (icons.length) entry.pictograms = [...new Set(icons)];
    out.push(entry);
  }
  return out;
}

/** Canonical notice URL for an idweb. */
export function boampNoticeUrl(idweb: string): string {
  return `https://www.boamp.fr/pages/avis/?q=idweb:${idweb}`;
}

function boampPageKind(doc: Document, url: URL): PageKind {
  if (all(doc, '#detail-avis-content, .avis-header .avis-ref', 1).length) return 'notice';
  if (all(doc, '#toplist .card-notification', 1).length) return 'list';
  return kindOf(doc, url, NOTICE_PATH, LIST_PATH, ENTRY_HREF);
}

function extract(doc: Document, url: URL): PortalExtract {
  const out: PortalExtract = { tender: {}, sections: [], entries: [] };
  if (boampPageKind(doc, url) === 'list') {
    const cards = readBoampResults(doc, url);
    out.entries = cards.length ? cards : listEntries(doc, url, { href: ENTRY_HREF });
    return out;
  }
  const t: TenderPatch = {};
  // The 2020 notice page: a header (reference, deadline, département, pictograms, title), then the
  // full notice in #detail-avis-content (JOUE forms numbered I.1…VI, national forms labelled).
  const header = all(doc, '.avis-header', 1)[0] ?? null;
  const idweb = findBoampId(textOf(header ?? doc, '.avis-ref') ?? '') ?? boampIdwebOf(url);
  if (idweb) t.boampId = idweb;
  const title = textOf(header ?? doc, 'h1');
  if (title) t.title = title;
  const deadline = parseDate(textOf(header ?? doc, '.date-response') ?? '');
  if (deadline) t.deadline = deadline;
  const dep = /(\d{2,3}|2[AB])/.exec(textOf(header ?? doc, '.avis-geo span') ?? '')?.[1];
  if (dep) t.place = { publication: [dep] };
  const types = all(header ?? doc, '.type-avis span', 4).map((s) => blockText(s, 500).trim());
  const procedure = canonicalProcedure(types.find((s) => /proc[ée]dure|appel d'offres|dialogue|concours/i.test(s)));
  if (procedure) t.procedure = procedure;
  const ted = findTedId(textOf(doc, '.avis-reference') ?? '');
  if (ted) t.tedId = ted;
  out.pictograms = all(doc, '.avis-criteres img, .avis-criteres [title]', 10)
    .map((img) => (img.getAttribute('title') ?? img.getAttribute('alt') ?? '').trim())
    .filter(Boolean);
  if (idweb) t.links = { notice: boampNoticeUrl(idweb) };
  else t.links = { notice: url.href };
  const root = all(doc, '#detail-avis-content', 1)[0] ?? all(doc, '.detail-avis-content, article', 1)[0] ?? mainRoot(doc);
  out.sections = toSections(blockText(root));
  out.tender = t;
  return out;
}

/** BOAMP, the official bulletin (DILA). */
export const boamp: Portal = {
  id: 'boamp',
  name: 'BOAMP (Bulletin officiel des annonces des marchés publics)',
  matches(url: URL): boolean {
    return onDomain(url, 'boamp.fr');
  },
  detect(doc: Document): boolean {
    return all(doc, '.avis-header .avis-ref, #detail-avis-content', 1).length > 0;
  },
  pageKind: boampPageKind,
  extract,
  hosts: ['www.boamp.fr', 'boamp.fr'],
};

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const boampExamples: PortalExamples = {
  notice: [
    'https://www.boamp.fr/pages/avis/?q=idweb:20-96685',
    'https://www.boamp.fr/avis/detail/20-102039',
    'https://www.boamp.fr/avis/detail/20-101921/1',
    'https://www.boamp.fr/pages/avis?q=idweb:%2226-12%22',
  ],
  list: ['https://www.boamp.fr/pages/recherche/?disjunctive.type_marche&sort=dateparution&refine.type_marche=SERVICES', 'https://www.boamp.fr/pages/recherche/'],
};

/*
 * Test URLs
 * https://www.boamp.fr/pages/avis/?q=idweb:20-96685
 * https://www.boamp.fr/avis/detail/20-102039
 * https://www.boamp.fr/pages/avis?q=idweb:%2226-12%22
 * https://www.boamp.fr/pages/recherche/
 */
