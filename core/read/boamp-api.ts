import type { BoampRecord } from './boamp-record.ts';
import { asBoampRecord } from './boamp-record.ts';

/*
 * BOAMP's open-data API (Opendatasoft explore API v2.1, dataset `boamp`, Licence Ouverte): the structured
 * record of a notice, asked for only when the user views that notice on boamp.fr or a page of its results.
 * The base URL is a parameter so that tests point it at a local stand-in.
 */

/** The records endpoint of BOAMP's dataset. */
export const BOAMP_RECORDS_API = 'https://www.boamp.fr/api/explore/v2.1/catalog/datasets/boamp/records';

/** At most this many records per request (the API's `limit`). */
export const BOAMP_API_LIMIT = 100;

const IDWEB = /^\d{2}-\d{1,7}$/;

/** True for a well-formed idweb (`26-80978`); only these go into a query. */
export function isIdweb(s: unknown): s is string {
  return typeof s === 'string' && IDWEB.test(s);
}

/** The request for one notice's record: `where=idweb="26-80978"`. Undefined for a malformed idweb. */
export function boampRecordUrl(idweb: string, base: string = BOAMP_RECORDS_API): string | undefined {
  if (!isIdweb(idweb)) return undefined;
  const u = new URL(base);
  u.searchParams.set('where', `idweb="${idweb}"`);
  u.searchParams.set('limit', '1');
  return u.href;
}

/**
 * One request for the records of a page of results: `where=idweb in ("a","b",…)`, at most 100 idwebs
 * (duplicates and malformed ones dropped). Undefined when none is left.
 */
export function boampRecordsUrl(idwebs: readonly string[], base: string = BOAMP_RECORDS_API): string | undefined {
  const ids = [...new Set(idwebs.filter(isIdweb))].slice(0, BOAMP_API_LIMIT);
  if (!ids.length) return undefined;
  const u = new URL(base);
  u.searchParams.set('where', `idweb in (${ids.map((i) => `"${i}"`).join(',')})`);
  u.searchParams.set('limit', String(ids.length));
  return u.href;
}

/** The records of an API answer (`{"total_count", "results"}`), or of an export array; others are skipped. */
export function boampRecordsOf(answer: unknown): BoampRecord[] {
  const list = Array.isArray(answer) ? answer : answer && typeof answer === 'object' && Array.isArray((answer as { results?: unknown }).results) ? (answer as { results: unknown[] }).results : [];
  return list.map(asBoampRecord).filter((r): r is BoampRecord => Boolean(r));
}
