import type { PageKind } from '../read/types.ts';
import type { Portal, PortalExtract } from './types.ts';
import type { TenderPatch } from '../read/fields/index.ts';
import { all, blockText, listEntries, mainRoot, textOf } from '../read/dom.ts';
import { canonicalProcedure, findBoampId, findTedId, parseDate } from '../read/fields/index.ts';
import { kindOf, onDomain, pathAndQuery } from './kit.ts';
import { toSections } from '../read/sections.ts';

const NOTICE_PATH = /\/avis\/detail\/\d{2}-\d{3,6}|[?&]q=idweb:"?\d{2}-\d{3,6}|\/pages\/avis\/\?/i;
const LIST_PATH = /\/pages\/recherche\b|\/avis\/(?:liste|recherche)\b|\/recherche\b|\/pages\/entreprise-?\w*/i;
const ENTRY_HREF = /\/avis\/detail\/\d{2}-\d{3,6}|idweb(?::|%3A)"?\d{2}-\d{3,6}/i;

/** Canonical notice URL for an idweb. */
export function boampNoticeUrl(idweb: string): string {
  return `https://www.boamp.fr/pages/avis/?q=idweb:${idweb}`;
}

function boampPageKind(doc: Document, url: URL): PageKind {
  try {
    if (all(doc, '#detail-avis-content, .avis-header .avis-ref', 1).length) return 'notice';
    return kindOf(doc, url, NOTICE_PATH, LIST_PATH, ENTRY_HREF);
  } catch {
    return 'other';
  }
}

function extract(doc: Document, url: URL): PortalExtract {
  const out: PortalExtract = { tender: {}, sections: [], entries: [] };
  try {
    if (boampPageKind(doc, url) === 'list') {
      out.entries = listEntries(doc, url, { href: ENTRY_HREF });
      return out;
    }
    const t: TenderPatch = {};
    // The 2020 notice page: a header (reference, deadline, département, pictograms, title), then the
    // full notice in #detail-avis-content (JOUE forms numbered I.1…VI, national forms labelled).
    const header = all(doc, '.avis-header', 1)[0] ?? null;
    const idweb = findBoampId(textOf(header ?? doc, '.avis-ref') ?? '') ?? /(\d{2}-\d{3,6})/.exec(pathAndQuery(url))?.[1];
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
  } catch {
    /* partial extraction */
  }
  return out;
}

/** BOAMP, the official bulletin (DILA). */
export const boamp: Portal = {
  id: 'boamp',
  name: 'BOAMP (Bulletin officiel des annonces des marchés publics)',
  matches(url: URL): boolean {
    try {
      return onDomain(url, 'boamp.fr');
    } catch {
      return false;
    }
  },
  detect(doc: Document): boolean {
    try {
      return all(doc, '.avis-header .avis-ref, #detail-avis-content', 1).length > 0;
    } catch {
      return false;
    }
  },
  pageKind: boampPageKind,
  extract,
  examples: {
    notice: [
      'https://www.boamp.fr/pages/avis/?q=idweb:20-96685',
      'https://www.boamp.fr/avis/detail/20-102039',
      'https://www.boamp.fr/avis/detail/20-101921/1',
    ],
    list: ['https://www.boamp.fr/pages/recherche/?disjunctive.type_marche&sort=dateparution&refine.type_marche=SERVICES'],
  },
  hosts: ['www.boamp.fr', 'boamp.fr'],
};

/*
 * Test URLs
 * https://www.boamp.fr/pages/avis/?q=idweb:20-96685
 * https://www.boamp.fr/avis/detail/20-102039
 * https://www.boamp.fr/pages/recherche/?disjunctive.type_marche&sort=dateparution
 */
