/** Identifiers of the five source documents. */
export type KitId =
  | 'municipal-2026'
  | 'regional-2021'
  | 'rtes-2020'
  | 'cress-occitanie-2026'
  | 'cress-nouvelle-aquitaine';

export type FicheCategory = 'introductive' | 'levier' | 'thematique' | 'propositions';
export type FicheStatus = 'complete' | 'title-only';

/** One fiche of a source document, written in our own words. */
export interface Fiche {
  /** `municipal-2026-8`, `regional-2021-11`, `rtes-2020-24`, `cress-occitanie-2026`, `cress-nouvelle-aquitaine`. */
  id: string;
  kit: KitId;
  /** Fiche number in its kit; null for the two CRESS documents. */
  number: number | null;
  /** Exact title as printed in the source. */
  title: string;
  category: FicheCategory;
  /** Theme ids and policy-lever ids of shared/spec/vocabulary.md. */
  topics: string[];
  /** Procurement lever ids (vocabulary `levers[].id`) this fiche supports or explains. */
  procurementLevers: string[];
  status: FicheStatus;
  /** 2-4 sentences, our words. Empty string for title-only fiches. */
  summary: string;
  /** For title-only fiches: the closest covered fiches (ids), most relevant first. */
  seeAlso: string[];
  levers: FicheLever[];
  examples: FicheExample[];
  legal: LegalRef[];
  figures: Figure[];
  /** Titles of guides, tools and sites the fiche points to. */
  resources: string[];
  source: SourceRef;
}

export interface FicheLever {
  /** Short heading, our words (may reuse the source heading when it is short). */
  title: string;
  /** Concrete actions, one short line each, our words. */
  actions: string[];
}

export interface FicheExample {
  /** Short title: who did what. */
  title: string;
  /** Place names as the source gives them (commune, département, région). */
  placeNames: string[];
  /** INSEE codes of those places: commune (5 chars), département (2-3), région (2). Typed to avoid the 2-digit clash. */
  places: { commune?: string; departement?: string; region?: string }[];
  /** Named structures and collectivities involved. */
  actors: string[];
  /** One sentence, our words. */
  text: string;
}

export interface LegalRef {
  /** e.g. "Loi n° 2014-856 du 31 juillet 2014, art. 1" or "CCP art. L2113-13". */
  ref: string;
  /** What it says, our words, with thresholds. */
  text: string;
  /** Date the source gives for the rule or threshold, ISO (YYYY or YYYY-MM-DD) when it gives one. */
  date?: string;
}

export interface Figure {
  /** The number with its unit, e.g. "10,6 %", "2,7 millions". */
  value: string;
  /** What it measures, our words. */
  text: string;
  /** The source the document cites for it ("Observatoire national de l'ESS, 2023"), or the document itself. */
  source: string;
}

export interface SourceRef {
  /** File name under shared/sources/. */
  document: string;
  /** "fiche n°8", or the document's own heading. */
  fiche: string;
  /** First and last line in that file (1-based, inclusive); [n, n] for a title-only entry found only in the table of contents. */
  lines: [number, number];
}

export type ActorKind =
  | 'cress'
  | 'network'
  | 'federation'
  | 'facilitator'
  | 'funder'
  | 'platform'
  | 'public-agency'
  | 'structure'
  | 'collectivite';

export type Scope = 'national' | 'region' | 'departement' | 'commune';

/** Someone a buyer or an ESS structure can turn to. */
export interface Actor {
  /**
   * Stable id. Collectivities: `region-84`, `departement-33`, `commune-44162`, `epci-<siren>`;
   * CRESS: `cress-<region code>`; everything else: kebab-case slug of the name without accents.
   */
  id: string;
  name: string;
  kind: ActorKind;
  scope: Scope;
  /** INSEE codes where the actor is based or acts; only the levels that apply. */
  region?: string;
  departement?: string;
  commune?: string;
  /** Only a URL printed in a source or certain; never guessed. */
  website?: string;
  /** One sentence, our words: what they do for a buyer or an ESS structure. */
  description: string;
  /** Theme and policy-lever ids (vocabulary). */
  topics: string[];
  /** Procurement lever ids (vocabulary). */
  levers: string[];
  /** Fiche ids that name this actor. */
  fiches: string[];
  /** False when the place, the website or the description could not be checked against a source. */
  verified: boolean;
  /** Why something is unverified, or another caveat. */
  note?: string;
}

/** A procurement lever of the vocabulary, with guidance for both readers. */
export interface Lever {
  id: string;
  label: { fr: string; en: string };
  /** Articles of the code de la commande publique (or other texts). */
  legalBasis: string[];
  /** Where it sits on the ladder reserve → lot → clause → criterion; `other` for the rest. */
  rung: 'reserve' | 'lot' | 'clause' | 'criterion' | 'other';
  /** What it is, 1-2 sentences. */
  what: string;
  whenItFits: {
    /** CPV 2008 prefixes (2 to 8 digits, no check digit). */
    cpvPrefixes: string[];
    /** French keywords, lower case, found in tender objects. */
    keywords: string[];
    /** Thresholds and conditions, with the date or source that gives them. */
    conditions: string[];
  };
  /** What the public buyer does, short imperative lines. */
  buyer: string[];
  /** What an ESS structure does: bid alone, in a group, on a lot, as subcontractor… */
  structure: string[];
  /** Ready-to-adapt clause or criterion wording, ours; absent when none applies. */
  wording?: string;
  /** Fiche ids that support it. */
  fiches: string[];
  pitfalls: string[];
  /** Thresholds that changed over time, oldest first. */
  thresholdHistory?: { value: string; from?: string; source: string }[];
  /** When advising suggests it: read by the ranking engine of core/advise (facts named in core/advise/facts.ts). */
  rule: LeverRule;
}

/** One way a lever comes to fit a purchase. */
export interface LeverTrigger {
  /** A fact id of core/advise/facts.ts (`sector`, `works`, `small-value`…). */
  fact: string;
  /** Score when the fact holds fully (0..1); the fact's own strength multiplies it. */
  weight: number;
  /** Phrase key of core/advise/phrases.ts giving the reason. */
  phrase: string;
  /** For `sector`: the kind of structure that must be established in the sector. */
  structure?: 'siae' | 'esat-ea' | 'ess';
  /** For `sector`: the lever must be among the first `maxRank + 1` levers the sector lists (its usual practice). */
  maxRank?: number;
  /** For `lever`: the lever this one serves; its score caps this one's. */
  lever?: string;
  /** Upper bound of the score. */
  max?: number;
  /** For `lever`: stay this much below the lever served. */
  below?: number;
  /** Facts that silence this trigger only (the lever may still come through another one). */
  unless?: string[];
  /** Weight by role instead of `weight` (0 hides the lever for that role). */
  roles?: Record<string, number>;
}

/** The declarative rule of a lever. */
export interface LeverRule {
  /** Any trigger that holds proposes the lever; the best score wins. */
  when: LeverTrigger[];
  /** Facts that rule the lever out (for reservations, each gives the "why not"). */
  unless: string[];
  /** Facts that lower the score by a factor when they hold. */
  damp: { fact: string; factor: number }[];
}

/** One of the 20 themes of the vocabulary and how to recognise it in a tender. */
export interface Theme {
  id: string;
  label: { fr: string; en: string };
  fiches: string[];
  /** CPV 2008 prefixes (divisions, groups, classes; no check digit). */
  cpvPrefixes: string[];
  /** French keywords and short phrases, lower case, accents kept. */
  keywords: string[];
  /**
   * Words that say the purchase is not of this field even where its code or words point there: training bought for
   * the buyer's own agents is the buyer's staff matter, not the field of vocational training.
   */
  notFor?: string[];
}

/** A market sector where ESS structures (SIAE, ESAT/EA, others) are established. */
export interface Sector {
  id: string;
  label: { fr: string; en: string };
  cpvPrefixes: string[];
  keywords: string[];
  /**
   * Words that, when none of the keywords is there, say the CPV code alone is not this trade: training of the
   * buyer's own agents under a vocational-training code is not insertion.
   */
  notFor?: string[];
  /** Kinds of structure established there: siae, esat-ea, ess (cooperatives, associations…). */
  structures: ('siae' | 'esat-ea' | 'ess')[];
  /**
   * Natures of purchase the trade is bought under: a service trade named in a works notice ("travaux de génie
   * civil et manutention") is an incidental task of the works, not the work bought.
   */
  natures: ('services' | 'travaux' | 'fournitures')[];
  /** Levers that usually fit this sector, most relevant first. */
  levers: string[];
  /** Le Marché de l'inclusion sector slugs, as in its reference data. */
  marcheSlugs: string[];
  /** Why: one sentence, sourced when a fiche supports it. */
  why: string;
  fiches: string[];
}
