import type { PlaceHint, Tender } from '../types.ts';

/** Tender fields read so far, plus what only helps to derive others. */
export interface TenderPatch extends Partial<Tender> {
  /** Number of lots when the page states it without listing them (Atexo "33 Lots"). */
  lotCount?: number;
  /** Clues of the buyer's place as read (resolved to INSEE codes later). */
  place?: PlaceHint;
  /** The estimated value was stated as the notice's total (not one lot's). */
  valueIsTotal?: boolean;
  /** Clues of the place of performance, kept apart from the buyer's address. */
  performance?: PlaceHint;
}
