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
  /** Where an actor works (INSEE codes), to put the user's territory first. */
  place?: { region?: string; departement?: string; commune?: string };
}

/** Weight of a word by the field it comes from. */
// Names first, then kinds and what a record is for, then descriptions: a word met only in a description never
// outranks the same word in a name or a kind.
export const FIELD_WEIGHT = { title: 4, keywords: 3, text: 1 } as const;

// The one definition shared by the index build (data/build.ts) and the runtime: the documents, their words and
// the weight of each field. Typed words are matched to the vocabulary exactly, as the start of longer words, or
// as look-alikes (core/search/index.ts); the postings then score the documents that hold the matched words.

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

// What an actor is, in the words people search with, read from its name and the first clause of its description
// ("ESAT lillois qui…", "SCIC de découpe…"): the kind field of the data is too coarse ("structure").
const STRUCTURE_KINDS: [RegExp, string][] = [
  [/\besat\b|etablissements? et services? d.aide par le travail/, 'ESAT travail protégé handicap'],
  [/entreprises? adaptees?|\bea\b/, 'entreprise adaptée EA handicap'],
  [/chantiers? d.insertion|\baci\b|ateliers? et chantiers?/, 'SIAE atelier chantier d’insertion'],
  [/entreprises? d.insertion|\betti\b|travail temporaire d.insertion/, 'SIAE entreprise d’insertion'],
  [/associations? intermediaires?/, 'SIAE association intermédiaire'],
  [/insertion par l.activite economique|\bsiae\b/, 'SIAE insertion par l’activité économique'],
  [/regies? de quartiers?|regie rurale|regies? de territoire/, 'régie de quartier SIAE'],
  [/\bgeiq\b|groupements? d.employeurs pour l.insertion/, 'GEIQ insertion qualification'],
  [/\bscic\b|cooperatives? d.interet collectif/, 'SCIC coopérative'],
  [/\bscop\b|cooperatives? (?:et participatives?|ouvrieres?)/, 'SCOP coopérative'],
  [/\bcae\b|cooperatives? d.activite et d.emploi/, 'CAE coopérative d’activité et d’emploi'],
  [/ressourcerie|recyclerie|reemploi/, 'ressourcerie réemploi'],
  [/tiers.lieu/, 'tiers-lieu'],
  [/legumerie|cuisine centrale|restauration collective|cantine/, 'restauration collective'],
];

const ACTOR_KIND: Record<string, string> = {
  network: 'réseau',
  federation: 'fédération réseau',
  'public-agency': 'agence publique',
  facilitator: 'facilitateur des clauses sociales clause d’insertion',
  cress: 'CRESS chambre régionale de l’ESS',
  funder: 'financeur',
  platform: 'plateforme',
  collectivite: 'collectivité',
  structure: 'structure de l’ESS',
};

/** The kinds of structure an actor is, from its name and the first clause of its description. */
export function structureKinds(name: string, description: string): string[] {
  const head = fold(`${name} ${description.split(/[,;:.(]| qui | dont | avec | pour /)[0] ?? ''}`);
  return STRUCTURE_KINDS.filter(([re]) => re.test(head)).map(([, words]) => words);
}

// The kinds of structure each reservation is for, so that "ESAT" or "SIAE" also finds the lever.
const LEVER_KINDS: Partial<Record<string, string>> = {
  'reserve-handicap': 'ESAT entreprise adaptée EA handicap travail protégé',
  'reserve-siae': 'SIAE insertion par l’activité économique chantier d’insertion entreprise d’insertion régie de quartier',
  'reserve-ess': 'ESS économie sociale et solidaire',
  facilitateur: 'facilitateur des clauses sociales',
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
    docs.push({ type: 'lever', id: l.id, title: l.label.fr, keywords: [l.label.en, l.id.replace(/-/g, ' '), ...l.legalBasis, LEVER_KINDS[l.id] ?? ''].filter(Boolean), text: [l.what, ...l.whenItFits.keywords].join(' · '), themes: [] });
  }
  for (const t of kb.themes) {
    docs.push({ type: 'theme', id: t.id, title: t.label.fr, keywords: [t.label.en], text: t.keywords.join(' · '), themes: [t.id] });
  }
  for (const a of kb.actors) {
    const leverLabel = new Map(kb.levers.map((l) => [l.id, l.label.fr]));
    docs.push({
      type: 'actor',
      id: a.id,
      title: a.name,
      // What the actor is: its kind and the kinds of structure it is.
      keywords: [ACTOR_KIND[a.kind] ?? a.kind, ...structureKinds(a.name, a.description)],
      // What it works on and the levers it helps with (the DAE helps with reservations for ESAT, it is not one).
      text: [a.description, ...a.topics.map((t) => themeLabel.get(t) ?? t.replace(/-/g, ' ')), ...a.levers.map((id) => leverLabel.get(id) ?? id)].join(' · '),
      themes: a.topics.filter((t) => themeLabel.has(t)),
      place: { ...(a.region ? { region: a.region } : {}), ...(a.departement ? { departement: a.departement } : {}), ...(a.commune ? { commune: a.commune } : {}) },
    });
  }
  return docs;
}

/** The serialisable search index: vocabulary and postings (doc index, field weight). */
export interface SearchIndexData {
  v: 1;
  terms: string[];
  /** postings[i] = flat [doc, weight, doc, weight, …] for terms[i]. */
  postings: number[][];
}

/** Builds the vocabulary and postings of the documents (without the fuse part). */
export function invert(docs: SearchDoc[]): { terms: string[]; postings: number[][] } {
  const map = new Map<string, Map<number, number>>();
  docs.forEach((d, i) => {
    const add = (text: string, w: number) => {
      for (const t of words(text)) {
        let m = map.get(t);
        if (!m) map.set(t, (m = new Map()));
        // The best field counts; a word met in other fields too adds a little (a name and a kind, a kind and a lever).
        const prev = m.get(i) ?? 0;
        m.set(i, Math.round((Math.max(prev, w) + 0.2 * Math.min(prev, w)) * 100) / 100);
      }
    };
    // Each field adds a word once, even when it repeats it.
    const once = (text: string) => [...new Set(words(text))].join(' ');
    add(once([d.title, ...(d.subject ?? [])].join(' ')), FIELD_WEIGHT.title);
    add(once(d.keywords.join(' ')), FIELD_WEIGHT.keywords);
    add(once(d.text), FIELD_WEIGHT.text);
  });
  const terms = [...map.keys()].sort();
  return { terms, postings: terms.map((t) => [...map.get(t)!.entries()].flat()) };
}
