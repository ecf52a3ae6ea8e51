import type { Lot, NoticeType, PlaceHint, Signal } from './types.ts';
import type { Section } from './sections.ts';
import type { TenderPatch } from './fields/index.ts';

/**
 * What a structured notice (eForms, a national form, a TED search hit) gives before the common reading
 * steps: tender fields, text sections for the text rules, and signals read from codes.
 */
export interface FormReading {
  patch: TenderPatch;
  sections: Section[];
  /** Signals stated by a code, with the code as evidence. They come before what the text says. */
  structured: Signal[];
  /**
   * A reservation whose code cannot tell ESAT/EA from SIAE (eForms `res-ws`): kept only when the text
   * does not say which (see {@link settleReservation}).
   */
  undecided?: Signal;
  /** Flags shown as pictograms or flat fields ("Critères sociaux"). */
  pictograms?: string[];
  noticeType?: NoticeType;
  /** Strategic-procurement codes stated by the notice (eForms BT-06, BT-774, BT-775), `list:code`. */
  strategic?: string[];
}

/** An empty reading to fill. */
export function emptyForm(): FormReading {
  return { patch: {}, sections: [], structured: [] };
}

/** Adds a lot's value to the lot and keeps the lots' order. */
export function lotWithValue(lot: Lot, value: number | undefined): Lot {
  return value !== undefined && value > 0 ? { ...lot, value } : lot;
}

/** A place hint only when it holds something. */
export function hintOrUndefined(h: PlaceHint): PlaceHint | undefined {
  return Object.keys(h).length ? h : undefined;
}
