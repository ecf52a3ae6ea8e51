// Field readers of notice text, one file per field family. Import from here or from the file itself.
export type { TenderPatch } from './patch.ts';
export { findBuyer } from './buyer.ts';
export { cpvCodesIn, findCpvs } from './cpv.ts';
export { parseDate, parseDeadline } from './dates.ts';
export { extractFromText } from './extract.ts';
export { findBoampId, findReference, findTedId } from './ids.ts';
export { findLinks } from './links.ts';
export { findLots, lotNumbers, mergeLots } from './lots.ts';
export { findNature, toNature } from './nature.ts';
export { departementClues, findDepartementCodes, findPerformancePlace, findPostalAddress } from './place.ts';
export { canonicalProcedure, findProcedure } from './procedure.ts';
export { findTitle } from './title.ts';
export { findEstimatedValue, findTotalValue, parseAmount } from './value.ts';
