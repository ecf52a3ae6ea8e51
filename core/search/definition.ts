import type { IFuseOptions } from 'fuse.js';
import type { KbData } from '../kb/validate';
import { fold } from '../text';

/** What the search looks through: fiches, procurement levers, themes and actors, flattened. */
export interface SearchDoc {
  type: 'fiche' | 'lever' | 'theme' | 'actor';
  id: string;
  title: string;
  /** Names and ids a user may type: theme labels, lever ids, kit, place names. */
  keywords: string[];
  /** Summary, lever titles, descriptions. */
  text: string;
  kit?: string;
  category?: string;
  /** Theme ids, for the theme filter. */
  themes: string[];
  /** What the document is about, weighted like its title (a lever fiche's own lever, e.g. "scic"). */
  subject?: string[];
}

/** Weight of a word by the field it comes from. */
export const FIELD_WEIGHT = { title: 3, keywords: 2, text: 1 } as const;

/**
 * The one definition shared by the index build (data/build.ts) and the runtime. Fuse.js matches each
 * query word against the vocabulary of the knowledge base (short strings: fast, and tolerant of typos and
 * missing accents); an inverted index then scores the documents that contain the matched words.
 */
export const fuseOptions: IFuseOptions<string> = {
  ignoreDiacritics: true,
  includeScore: true,
  threshold: 0.34,
  // Words are short: a match anywhere in the word counts, with a preference for its start.
  location: 0,
  distance: 12,
  minMatchCharLength: 2,
};

const STOP = new Set(
  'de la le les des du et en a au aux un une pour par sur dans d l s ou avec est sont qui que ce ces se sa son ses leur leurs plus the of and to in for on'.split(' '),
);

/** Folded words of a text, minus French and English stop words. */
export function words(text: string): string[] {
  return fold(text)
    .split(' ')
    .filter((w) => w.length >= 2 && !STOP.has(w));
}

const KIT_LABEL: Record<string, string> = {
  'municipal-2026': 'kit municipal 2026',
  'regional-2021': 'kit régional 2021',
  'rtes-2020': 'RTES 2020',
  'cress-occitanie-2026': 'CRESS Occitanie',
  'cress-nouvelle-aquitaine': 'CRESS Nouvelle-Aquitaine',
};

/** Flattens the knowledge base into search documents, in a stable order (the index refers to positions). */
export function searchDocs(kb: KbData): SearchDoc[] {
  const themeLabel = new Map(kb.themes.map((t) => [t.id, t.label.fr]));
  const docs: SearchDoc[] = [];
  for (const f of kb.fiches) {
    docs.push({
      type: 'fiche',
      id: f.id,
      title: f.title,
      keywords: [KIT_LABEL[f.kit] ?? f.kit, ...f.topics.map((t) => themeLabel.get(t) ?? t.replace(/-/g, ' '))],
      text: [f.summary, ...f.levers.map((l) => l.title), ...f.examples.map((e) => e.title)].join(' · '),
      kit: f.kit,
      category: f.category,
      themes: f.topics.filter((t) => themeLabel.has(t)),
      // The vocabulary names each lever and theme fiche by its first topic: that is its subject.
      subject: f.category === 'levier' || f.category === 'thematique' ? f.topics.slice(0, 1).map((t) => t.replace(/-/g, ' ')) : [],
    });
  }
  for (const l of kb.levers) {
    docs.push({ type: 'lever', id: l.id, title: l.label.fr, keywords: [l.label.en, l.id.replace(/-/g, ' '), ...l.legalBasis], text: [l.what, ...l.whenItFits.keywords].join(' · '), themes: [] });
  }
  for (const t of kb.themes) {
    docs.push({ type: 'theme', id: t.id, title: t.label.fr, keywords: [t.label.en], text: t.keywords.join(' · '), themes: [t.id] });
  }
  for (const a of kb.actors) {
    docs.push({ type: 'actor', id: a.id, title: a.name, keywords: [a.kind, ...a.topics.map((t) => themeLabel.get(t) ?? t)], text: a.description, themes: a.topics.filter((t) => themeLabel.has(t)) });
  }
  return docs;
}

/** The serialisable search index: vocabulary, postings (doc index, field weight) and fuse's index of the vocabulary. */
export interface SearchIndexData {
  v: 1;
  terms: string[];
  /** postings[i] = flat [doc, weight, doc, weight, …] for terms[i]. */
  postings: number[][];
  fuse: unknown;
}

/** Builds the vocabulary and postings of the documents (without the fuse part). */
export function invert(docs: SearchDoc[]): { terms: string[]; postings: number[][] } {
  const map = new Map<string, Map<number, number>>();
  docs.forEach((d, i) => {
    const add = (text: string, w: number) => {
      for (const t of words(text)) {
        let m = map.get(t);
        if (!m) map.set(t, (m = new Map()));
        if ((m.get(i) ?? 0) < w) m.set(i, w);
      }
    };
    add([d.title, ...(d.subject ?? [])].join(' '), FIELD_WEIGHT.title);
    add(d.keywords.join(' '), FIELD_WEIGHT.keywords);
    add(d.text, FIELD_WEIGHT.text);
  });
  const terms = [...map.keys()].sort();
  return { terms, postings: terms.map((t) => [...map.get(t)!.entries()].flat()) };
}
