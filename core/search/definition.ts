import type { IFuseOptions } from 'fuse.js';
import type { KbData } from '../kb/validate';

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
}

/**
 * The one definition of keys and options shared by the index build (data/build.ts) and the runtime:
 * the serialised index only works with the same keys and normalisation.
 */
export const searchKeys = [
  { name: 'title', weight: 3 },
  { name: 'keywords', weight: 2 },
  { name: 'text', weight: 1 },
];

export const fuseOptions: IFuseOptions<SearchDoc> = {
  keys: searchKeys,
  ignoreDiacritics: true,
  ignoreLocation: true,
  includeScore: true,
  threshold: 0.34,
  minMatchCharLength: 2,
  useTokenSearch: true,
};

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
    const themes = f.topics.filter((t) => themeLabel.has(t));
    docs.push({
      type: 'fiche',
      id: f.id,
      title: f.title,
      keywords: [KIT_LABEL[f.kit] ?? f.kit, ...f.topics.map((t) => themeLabel.get(t) ?? t.replace(/-/g, ' '))],
      text: [f.summary, ...f.levers.map((l) => l.title), ...f.examples.map((e) => e.title)].join(' · '),
      kit: f.kit,
      category: f.category,
      themes,
    });
  }
  for (const l of kb.levers) {
    docs.push({
      type: 'lever',
      id: l.id,
      title: l.label.fr,
      keywords: [l.label.en, l.id.replace(/-/g, ' '), ...l.legalBasis],
      text: [l.what, ...l.whenItFits.keywords].join(' · '),
      themes: [],
    });
  }
  for (const t of kb.themes) {
    docs.push({ type: 'theme', id: t.id, title: t.label.fr, keywords: [t.label.en], text: t.keywords.join(' · '), themes: [t.id] });
  }
  for (const a of kb.actors) {
    docs.push({
      type: 'actor',
      id: a.id,
      title: a.name,
      keywords: [a.kind, ...a.topics.map((t) => themeLabel.get(t) ?? t)],
      text: a.description,
      themes: a.topics.filter((t) => themeLabel.has(t)),
    });
  }
  return docs;
}
