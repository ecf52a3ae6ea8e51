// The first stage's decision: could this page be a notice or a result list? From the URL and a handful of
// DOM probes, with no reader and no portal registry (they are the second stage's). A wrong "maybe" costs one
// injection of the second stage, which then reads the page and finds nothing; a wrong "no" would hide a
// notice, so the URL hints are broad and the text probe catches notices whose URL says nothing.

/** What the first stage decided. `other`: nothing more runs on this page. */
export type ProbeKind = 'notice' | 'list' | 'other';

// Notice pages of French and European procurement portals: a detail view, an idweb, a TED notice, a
// consultation, an announcement with its number.
const NOTICE_URL =
  /detail|idweb|uri=ted:notice|publication|annonce_marche|consultation(?:_id)?[/=]\d|\/avis\/[^?#]*\d{4}|ao-\d|mpi-pub-|telechargementdce|(?:avis|annonces?|appels?-offres?|consultations?|marches?-publics)\b[^?#]*\d{5}/i;
// Result lists and searches.
const LIST_URL = /recherch|search|list|resultat|en-cours/i;
// Links to notices (a page with several is a list).
const ENTRY_LINK = /detail|idweb|uri=ted:notice|consultation(?:_id)?[/=]\d|\/avis\/[^?#]*\d{4}|annonce_marche|mpi-pub-/i;

// What a single notice states, written with the accents optional (the page text is not folded here).
const TEXT_FEATURES: RegExp[] = [
  /date\s+(?:et\s+heure\s+)?limites?\s+(?:de\s+)?(?:r[eé]ception|remise|d[eé]p[oô]t|r[eé]ponse)|time\s+limit\s+for\s+receipt/i,
  /\bcpv\b|\b\d{8}-\d\b/i,
  /pouvoir\s+adjudicateur|entit[eé]\s+adjudicatrice|organisme\s+acheteur|nom\s+et\s+adresses?\s+officiel|contracting\s+authority|acheteur\s+public\s*:/i,
  /avis\s+d.appel\s+(?:public\s+)?[aà]\s+(?:la\s+)?concurrence|avis\s+de\s+march[eé]|contract\s+notice|avis\s+de\s+concession|annonce\s+de\s+consultation/i,
  /proc[eé]dure\s+(?:adapt[eé]e|ouverte|restreinte|n[eé]goci[eé]e|concurrentielle)|appel\s+d.offres\s+(?:ouvert|restreint)|open\s+procedure/i,
  /crit[eè]res?\s+d.attribution|award\s+criteria/i,
];
// The text probe reads at most this much of the page (a notice states these near its top).
const TEXT_MAX = 60_000;
const LINKS_MAX = 3_000;

/** Path and query, percent-decoded when possible. */
function pathAndQuery(url: URL): string {
  const raw = `${url.pathname}${url.search}`;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The kind of page suggested by the URL alone, or undefined when the URL says nothing. */
export function probeUrl(url: URL): ProbeKind | undefined {
  const p = pathAndQuery(url);
  if (NOTICE_URL.test(p) && !/recherch|search/i.test(url.pathname)) return 'notice';
  if (LIST_URL.test(p)) return 'list';
  return undefined;
}

/** Number of links to notices in the document (stops at 3). */
function entryLinks(doc: Document): number {
  const links = doc.links;
  let n = 0;
  for (let i = 0; i < links.length && i < LINKS_MAX && n < 3; i++) {
    const href = (links[i] as HTMLAnchorElement).getAttribute('href') ?? '';
    if (ENTRY_LINK.test(href)) n++;
  }
  return n;
}

/** How many notice features the page's text shows. */
export function textFeatures(text: string): number {
  const src = text.length > TEXT_MAX ? text.slice(0, TEXT_MAX) : text;
  let n = 0;
  for (const re of TEXT_FEATURES) if (re.test(src)) n++;
  return n;
}

/**
 * Notice, list or nothing, for the page at `url`. The URL decides when it can; then links to notices (a
 * list), then the page's text (two features of a notice). Never throws.
 */
export function probePage(doc: Document, url: URL): ProbeKind {
  try {
    const byUrl = probeUrl(url);
    if (byUrl) return byUrl;
    if (entryLinks(doc) >= 3) return 'list';
    const text = `${doc.title}\n${doc.body?.textContent ?? ''}`;
    return textFeatures(text) >= 2 ? 'notice' : 'other';
  } catch {
    return 'other';
  }
}
