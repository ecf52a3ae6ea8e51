import { SIGNAL_IDS, type SignalId } from '../kb/vocabulary.ts';

/** Signals a notice may already declare: the list and its type live with the other vocabularies. */
export { SIGNAL_IDS };
export type { SignalId };

/** A signal the notice declares, with the words that show it. */
export interface Signal {
  id: SignalId;
  /** Verbatim text from the notice (trimmed to one sentence or line, ≤ 300 chars). */
  evidence: string;
  /** Where it was found: a field name (`title`, `object`, `lots`, `conditions`, `criteria`, `text`…) or a notice section such as `III.1.5`. */
  where: string;
}

export type Nature = 'travaux' | 'fournitures' | 'services';

/** What kind of notice: a call for competition, a prior information, an award, a correction, a modification. */
export type NoticeType = 'notice' | 'prior-information' | 'award' | 'correction' | 'modification' | 'other';

export interface Lot {
  number?: string;
  title: string;
  cpv: string[];
  /** The lot's own estimated or maximum value in euros HT, when the notice states it. */
  value?: number;
}

/**
 * Place clues as read in a notice, before any territory table is consulted. Readers fill them; whoever
 * holds the table resolves them (core/territory/resolve-clues.ts).
 */
export interface PlaceHint {
  postalCode?: string;
  city?: string;
  communeCode?: string;
  departementName?: string;
  /** A département code stated as such (NUTS 3 region, form field). */
  departement?: string;
  /** "Département(s) de publication": the first one is the buyer's, in practice. */
  publication?: string[];
  /** Places of performance as département codes; a trailing `…` says the list is incomplete. */
  execution?: string[];
  /** Département codes written beside a name ("(16) Travaux…", "75 APHP"): weaker than an address. */
  named?: string[];
  /** The département a local authority buyer's SIREN was numbered in: the last resort, when no place is written. */
  registered?: string;
}

/** The clues of the buyer's place and of the place of performance, kept apart. */
export interface PlaceClues {
  buyer?: PlaceHint;
  performance?: PlaceHint;
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
  /** Where the contract is performed, when the notice says it apart from the buyer's address. */
  performanceTerritory?: Territory;
  /** The place clues read in the notice (resolve them with core/territory/resolve-clues.ts). */
  placeClues?: PlaceClues;
  /** 8-digit CPV codes (check digit removed), main first. */
  cpv: string[];
  /** Index 0 of `cpv` is the main code when `cpvMain` is true. */
  cpvMain: boolean;
  nature?: Nature;
  procedure?: string;
  lots: Lot[];
  /** Number of lots the notice states when it does not list them all (Atexo "33 Lots"). */
  lotCount?: number;
  /**
   * Estimated value in euros HT when the notice states one (the maximum when a range is given); for a
   * notice with lots, the total of the notice, each lot's value being on the lot.
   */
  estimatedValue?: number;
  /** ISO 8601 date-time (local time of the notice, no zone when none is stated). */
  deadline?: string;
  links: { notice?: string; dce?: string; buyerProfile?: string };
  /** The description of the object (short text). */
  object?: string;
  /** Kind of notice, when the source says it (open data, eForms). */
  noticeType?: NoticeType;
  /** Département codes the notice is published for (BOAMP `code_departement`). */
  departements?: string[];
  /** ISO date of publication, when the source says it. */
  published?: string;
  /** Strategic-procurement codes the notice states (eForms BT-06, BT-774, BT-775), as `list:code`. */
  strategic?: string[];
}

export type PageKind = 'notice' | 'list' | 'other';

/** An entry read on a list of results. */
export interface ListEntry {
  title: string;
  url?: string;
  buyer?: string;
  /** ISO date (and time when stated) of the deadline for answers. */
  deadline?: string;
  /** BOAMP idweb of the entry (`26-12`). */
  boampId?: string;
  /** The buyer's reference or the engine's consultation id, when the entry shows one. */
  reference?: string;
  /** ISO date of publication. */
  published?: string;
  /** Département codes the entry is published for. */
  departements?: string[];
  /** Kind of notice as the list labels it ("Avis de marché", "Résultat de marché"…). */
  noticeType?: string;
  /** Flags the entry shows as icons ("Critères sociaux", "Critères environnementaux"). */
  pictograms?: string[];
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
