/** Signals a notice may already declare (shared/spec/vocabulary.md `signals[].id`). */
export type SignalId =
  | 'reserve-handicap'
  | 'reserve-siae'
  | 'reserve-ess'
  | 'clause-insertion'
  | 'critere-social'
  | 'clause-environnementale'
  | 'critere-environnemental'
  | 'label-equitable'
  | 'allotissement'
  | 'not-reserved';

/** A signal the notice declares, with the words that show it. */
export interface Signal {
  id: SignalId;
  /** Verbatim text from the notice (trimmed to one sentence or line, ≤ 300 chars). */
  evidence: string;
  /** Where it was found: a field name (`title`, `object`, `lots`, `conditions`, `criteria`, `text`…) or a notice section such as `III.1.5`. */
  where: string;
}

export type Nature = 'travaux' | 'fournitures' | 'services';

export interface Lot {
  number?: string;
  title: string;
  cpv: string[];
}

/** INSEE codes of a place; only the levels that could be read or derived. */
export interface Territory {
  postalCode?: string;
  commune?: string;
  communeName?: string;
  departement?: string;
  region?: string;
}

export interface Tender {
  title?: string;
  /** The buyer's own reference. */
  reference?: string;
  /** BOAMP idweb, e.g. `20-100500`. */
  boampId?: string;
  /** TED publication number, e.g. `379439-2020`. */
  tedId?: string;
  buyer?: string;
  buyerTerritory?: Territory;
  /** 8-digit CPV codes (check digit removed), main first. */
  cpv: string[];
  /** Index 0 of `cpv` is the main code when `cpvMain` is true. */
  cpvMain: boolean;
  nature?: Nature;
  procedure?: string;
  lots: Lot[];
  /** Number of lots the notice states when it does not list them all (Atexo "33 Lots"). */
  lotCount?: number;
  /** Estimated value in euros HT when the notice states one (the maximum when a range is given). */
  estimatedValue?: number;
  /** ISO 8601 date-time (local time of the notice, no zone when none is stated). */
  deadline?: string;
  links: { notice?: string; dce?: string; buyerProfile?: string };
  /** The description of the object (short text). */
  object?: string;
}

export type PageKind = 'notice' | 'list' | 'other';

/** An entry read on a list of results. */
export interface ListEntry {
  title: string;
  url?: string;
  buyer?: string;
  deadline?: string;
}

/** What reading a page, a notice record or a text gives. */
export interface Reading {
  isTender: boolean;
  /** 0..1 */
  confidence: number;
  /** Portal engine id (core/portals registry), `generic`, or null. */
  portal: string | null;
  pageKind: PageKind;
  tender: Tender;
  signals: Signal[];
  /** Entries of a result list (pageKind `list`). */
  entries: ListEntry[];
  /** Plain text of the notice used for advising (object, lots, conditions, criteria); bounded in size. */
  text: string;
}
