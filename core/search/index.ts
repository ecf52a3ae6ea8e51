import type { KbData } from '../kb/validate';
import { reportFault } from '../errors';
import { fold } from '../text';
import { invert, searchDocs, words, type SearchDoc, type SearchIndexData } from './definition';

export type { SearchDoc } from './definition';

/** Filters of {@link Search.search}; every filter is optional. */
export interface SearchFilters {
  type?: SearchDoc['type'];
  kit?: string;
  category?: string;
  theme?: string;
  limit?: number;
  /**
   * Before anything is typed: the order of the list (higher first, then the knowledge base's order); a
   * document it gives no number for is left out of that list. Typed queries keep their ranking.
   */
  prefer?: (doc: SearchDoc, filters: SearchFilters) => number | undefined;
  /** Before anything is typed and with no filter set: at most this many suggestions. */
  suggestions?: number;
  /** The user's territory (INSEE codes): its actors come first among the results of a typed query. */
  territory?: { region?: string; departement?: string; commune?: string };
}

export interface SearchHit {
  doc: SearchDoc;
  /** 0 is a perfect match, 1 no match. */
  score: number;
}

export interface Search {
  search(query: string, filters?: SearchFilters): SearchHit[];
  docs: readonly SearchDoc[];
}

const MAX_QUERY = 200;
const TYPE_BOOST: Record<SearchDoc['type'], number> = { fiche: 1.25, lever: 1.25, theme: 1.1, actor: 1 };
const MAX_WORDS = 8;
const FUZZY_PER_WORD = 6;

/**
 * Creates the search over the knowledge base. The index is built (or read from the pre-built one,
 * data/search-index.json, which must come from the same data: data/build.ts and a test guarantee it) on the
 * first typed query: listing and filtering, all a page shows at first, need none.
 */
export function createSearch(kb: KbData, prebuilt?: unknown): Search {
  const docs = searchDocs(kb);
  let engine: ReturnType<typeof createEngine> | undefined;
  const keeper = (filters: SearchFilters) => (d: SearchDoc) =>
    (!filters.type || d.type === filters.type) &&
    (!filters.kit || d.kit === filters.kit) &&
    (!filters.category || d.category === filters.category) &&
    (!filters.theme || d.themes.includes(filters.theme));
  return {
    docs,
    search(query, filters = {}) {
      const keep = keeper(filters);
      const limit = Math.max(1, Math.min(filters.limit ?? 20, 200));
      const q = typeof query === 'string' ? query.slice(0, MAX_QUERY) : '';
      const qWords = [...new Set(words(q))].slice(0, MAX_WORDS);
      if (!qWords.length) return listed(docs, keep, filters, limit);
      // Every view types into this: a fault is reported (core/errors) and the view shows no result.
      try {
        engine ??= createEngine(docs, prebuilt);
        return engine(q, qWords, keep, limit, filters.territory);
      } catch (e) {
        reportFault('search', e);
        return [];
      }
    },
  };
}

/** The list shown before anything is typed: filtered, in the caller's preferred order, suggestions capped. */
function listed(docs: readonly SearchDoc[], keep: (d: SearchDoc) => boolean, filters: SearchFilters, limit: number): SearchHit[] {
  const kept = docs.filter(keep);
  const filtered = !!(filters.type || filters.kit || filters.category || filters.theme);
  const max = !filtered && filters.suggestions !== undefined ? Math.min(limit, Math.max(1, filters.suggestions)) : limit;
  const { prefer } = filters;
  if (!prefer) return kept.slice(0, max).map((doc) => ({ doc, score: 1 }));
  const ranked: { doc: SearchDoc; i: number; w: number }[] = [];
  kept.forEach((doc, i) => {
    const w = prefer(doc, filters);
    if (w !== undefined && Number.isFinite(w)) ranked.push({ doc, i, w });
  });
  ranked.sort((a, b) => b.w - a.w || a.i - b.i);
  return ranked.slice(0, max).map(({ doc }) => ({ doc, score: 1 }));
}

/** The ranking of typed queries over the inverted index, with typo-tolerant matching of the vocabulary. */
function createEngine(docs: SearchDoc[], prebuilt: unknown) {
  const data = isIndexData(prebuilt) ? prebuilt : undefined;
  const { terms, postings } = data ?? invert(docs);
  // Look-alikes are searched among the words of the same initial: a typo rarely hits the first letter, and
  // each scan then covers a tenth of the vocabulary.
  const buckets = bucketTerms(terms);
  const termIndex = new Map(terms.map((t, i) => [t, i]));
  const idf = postings.map((p) => Math.log(1 + docs.length / (p.length / 2)));
  const foldedTitles = docs.map((d) => fold(d.title));
  const foldedKeywords = docs.map((d) => fold(d.keywords.join(' · ')));
  const foldedTexts = docs.map((d) => fold(d.text));

  /** Terms a query word stands for, with a similarity in 0..1. */
  const expand = (w: string): [number, number][] => {
    const out = new Map<number, number>();
    const exact = termIndex.get(w);
    if (exact !== undefined) out.set(exact, 1);
    // As-you-type: a word is also the start of longer words.
    if (w.length >= 3) {
      for (let i = lowerBound(terms, w); i < terms.length && terms[i]!.startsWith(w); i++) if (!out.has(i)) out.set(i, 0.85);
    }
    // Typos only: a word the knowledge base knows is not also read as its look-alikes ("esat" is not "etat",
    // "insertion" not "international"); short words have too many look-alikes to guess.
    if (exact === undefined && w.length >= 5 && w.length <= 24) {
      const found: [number, number][] = [];
      for (const i of buckets.get(w[0]!) ?? []) {
        const sim = lookAlike(w, terms[i]!);
        if (sim > 0) found.push([i, sim]);
      }
      found.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      for (const [term, sim] of found.slice(0, FUZZY_PER_WORD)) if (sim > (out.get(term) ?? 0)) out.set(term, sim);
    }
    return [...out.entries()];
  };

  return (q: string, qWords: string[], keep: (d: SearchDoc) => boolean, limit: number, territory?: SearchFilters['territory']): SearchHit[] => {
    const scores = new Map<number, number>();
    const matched = new Map<number, number>();
    let maxPossible = 0;
    for (const w of qWords) {
      const best = new Map<number, number>();
      let wordMax = 0;
      const expanded = expand(w);
      // The rarity of the word typed, not of the longer or misspelt words it stands for: an exact
      // match must never lose to a rare look-alike.
      const exact = termIndex.get(w);
      const wordIdf = exact !== undefined ? idf[exact]! : Math.max(0, ...expanded.map(([t]) => idf[t]!));
      for (const [term, sim] of expanded) {
        const post = postings[term]!;
        for (let k = 0; k < post.length; k += 2) {
          const s = sim * post[k + 1]! * wordIdf;
          if (s > (best.get(post[k]!) ?? 0)) best.set(post[k]!, s);
          if (s > wordMax) wordMax = s;
        }
      }
      maxPossible += wordMax;
      for (const [d, s] of best) {
        scores.set(d, (scores.get(d) ?? 0) + s);
        matched.set(d, (matched.get(d) ?? 0) + 1);
      }
    }
    if (!scores.size || maxPossible === 0) return [];
    const phrase = fold(q);
    const ranked: { d: number; s: number }[] = [];
    for (const [d, s] of scores) {
      if (!keep(docs[d]!)) continue;
      // Documents that match every word come first, then those holding the whole phrase (in a name or a kind
      // more than in a description): a record sharing one word of "restauration collective" is not a match.
      const coverage = matched.get(d)! / qWords.length;
      let total = (s / maxPossible) * (0.2 + 0.8 * coverage * coverage);
      if (qWords.length > 1) {
        if (foldedTitles[d]!.includes(phrase) || foldedKeywords[d]!.includes(phrase)) total += 0.3;
        else if (foldedTexts[d]!.includes(phrase)) total += 0.1;
      }
      // Fiches and levers are what people come for; actors are reached through them too.
      total *= TYPE_BOOST[docs[d]!.type];
      total *= nearness(docs[d]!, territory);
      ranked.push({ d, s: total });
    }
    ranked.sort((a, b) => b.s - a.s || a.d - b.d);
    return ranked.slice(0, limit).map(({ d, s }) => ({ doc: docs[d]!, score: Math.max(0, 1 - Math.min(1, s)) }));
  };
}

/**
 * How much a typed word looks like a word of the vocabulary: one edit (two from 8 letters) on the whole word
 * ("comande" → "commande"), or on its start while typing ("publik" → "publique"); 0 when it does not.
 */
export function lookAlike(typed: string, term: string): number {
  const max = typed.length >= 8 ? 2 : 1;
  const whole = editDistance(typed, term, max);
  if (whole <= max) return 0.9 - 0.15 * whole;
  if (term.length > typed.length) {
    const start = editDistance(typed, term.slice(0, typed.length), max);
    if (start <= max) return 0.7 - 0.15 * start;
  }
  return 0;
}

/** Edit distance with transpositions (optimal string alignment), giving up as soon as it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    before = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/** How near an actor is to the user's territory: its commune, département, région, or none of them. */
function nearness(doc: SearchDoc, t: SearchFilters['territory']): number {
  const p = doc.place;
  if (!t || !p) return 1;
  // Strong enough to put a local actor of the kind asked before a distant one named after it, never enough to
  // put a local record that only mentions the word in its description before a name or a kind elsewhere.
  if (t.commune && p.commune === t.commune) return 2.2;
  if (t.departement && p.departement === t.departement) return 2;
  if (t.region && p.region === t.region) return 1.6;
  return 1;
}

function bucketTerms(terms: string[]): Map<string, number[]> {
  const b = new Map<string, number[]>();
  terms.forEach((t, i) => {
    const k = t[0]!;
    const ids = b.get(k);
    if (ids) ids.push(i);
    else b.set(k, [i]);
  });
  return b;
}

function lowerBound(sorted: string[], x: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isIndexData(x: unknown): x is SearchIndexData {
  const o = x as SearchIndexData;
  return !!o && o.v === 1 && Array.isArray(o.terms) && Array.isArray(o.postings) && o.terms.length === o.postings.length;
}

/** Builds the serialisable index for {@link createSearch} (used by the data build). */
export function buildSearchIndex(kb: KbData): SearchIndexData {
  return { v: 1, ...invert(searchDocs(kb)) };
}
