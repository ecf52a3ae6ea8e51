// The watch (veille) without an account: one query to BOAMP's open data for open notices in the profile's
// départements whose CPV codes fit its trades or that declare social considerations, each record read and
// matched with fitNotice, new ones kept, failures and rate limits retried later. Framework-free: the network is
// a function passed in, and so is the clock.
import type { Kb } from '../kb/index';
import type { Lang } from '../lang';
import type { Profile } from '../profile/index';
import type { Reading } from '../read/types';
import { profilePlaces } from '../profile/index';
import { departementFromCommuneCode } from '../territory/codes';
import { readBoampRecord } from '../read/index';
import { BOAMP_API_LIMIT, BOAMP_RECORDS_API, boampRecordsOf } from '../read/boamp-api';
import { advise } from '../advise/index';
import { fitNotice, type FitHeadlineId, type FitVerdict } from '../fit/index';

/** Version of the stored watch state. */
export const WATCH_VERSION = 1;
/** BOAMP publishes twice a day: the watch asks as often, no more. */
export const WATCH_PERIOD_MINUTES = 12 * 60;
/** Notices kept in the list (newest first); older ones drop off. */
export const WATCH_MAX_ITEMS = 200;
/** Ids remembered to avoid showing a notice twice (more than the list: dismissed ones stay known). */
export const WATCH_MAX_KNOWN = 2000;
/** CPV prefixes sent at most (the URL stays short; the broadest prefixes of each trade come first). */
export const WATCH_MAX_CPV = 60;
/** A first run looks back this many days. */
export const WATCH_FIRST_DAYS = 14;
const RETRY_MIN_MINUTES = 30;
const RETRY_MAX_MINUTES = 6 * 60;

/** One notice the watch found for the structure. */
export interface WatchItem {
  idweb: string;
  title: string;
  buyer?: string;
  deadline?: string;
  published?: string;
  /** The notice on boamp.fr. */
  url: string;
  verdict: FitVerdict;
  headlineId: FitHeadlineId;
  headline: string;
  /** Why it fits (the first reasons of the fit). */
  reasons: string[];
  /** ISO time it was found. */
  found: string;
  seen: boolean;
}

export type WatchStatus = 'never' | 'ok' | 'error' | 'rate-limited' | 'offline' | 'no-profile';

/** What the extension stores for the watch (locally). */
export interface WatchState {
  v: typeof WATCH_VERSION;
  items: WatchItem[];
  /** idwebs already looked at (shown or not): a second run never adds them again. */
  known: string[];
  status: WatchStatus;
  /** A short English note on the last failure (for the options and the tests). */
  message?: string;
  /** ISO time of the last request sent. */
  lastRun?: string;
  /** ISO time of the last successful run: the next query asks for notices published since its day. */
  lastOk?: string;
  /** ISO time before which no new request is sent after a failure. */
  retryAt?: string;
  failures: number;
}

/** A fresh, empty state. */
export function emptyWatchState(): WatchState {
  return { v: WATCH_VERSION, items: [], known: [], status: 'never', failures: 0 };
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const STATUSES: readonly WatchStatus[] = ['never', 'ok', 'error', 'rate-limited', 'offline', 'no-profile'];
const IDWEB = /^\d{2}-\d{1,7}$/;
const ISO = /^\d{4}-\d{2}-\d{2}/;

/** Reads a stored state of any shape; what cannot be trusted is dropped. Never throws. */
export function parseWatchState(raw: unknown): WatchState {
  const s = emptyWatchState();
  if (!isObj(raw)) return s;
  const str = (v: unknown, max = 300) => (typeof v === 'string' ? v.slice(0, max) : undefined);
  if (Array.isArray(raw.items))
    for (const it of raw.items.slice(0, WATCH_MAX_ITEMS)) {
      if (!isObj(it) || typeof it.idweb !== 'string' || !IDWEB.test(it.idweb) || typeof it.headline !== 'string') continue;
      const verdict = it.verdict === 'yes' || it.verdict === 'maybe' || it.verdict === 'no' ? it.verdict : 'maybe';
      s.items.push({
        idweb: it.idweb,
        title: str(it.title) ?? it.idweb,
        ...(str(it.buyer) ? { buyer: str(it.buyer) } : {}),
        ...(str(it.deadline, 40) ? { deadline: str(it.deadline, 40) } : {}),
        ...(str(it.published, 40) ? { published: str(it.published, 40) } : {}),
        url: boampNoticeLink(it.idweb),
        verdict,
        headlineId: (typeof it.headlineId === 'string' ? it.headlineId : 'unknown') as FitHeadlineId,
        headline: it.headline.slice(0, 300),
        reasons: Array.isArray(it.reasons) ? it.reasons.filter((r): r is string => typeof r === 'string').slice(0, 6).map((r) => r.slice(0, 600)) : [],
        found: str(it.found, 40) ?? '',
        seen: it.seen === true,
      });
    }
  if (Array.isArray(raw.known)) s.known = raw.known.filter((k): k is string => typeof k === 'string' && IDWEB.test(k)).slice(-WATCH_MAX_KNOWN);
  for (const it of s.items) if (!s.known.includes(it.idweb)) s.known.push(it.idweb);
  if (STATUSES.includes(raw.status as WatchStatus)) s.status = raw.status as WatchStatus;
  for (const k of ['message', 'lastRun', 'lastOk', 'retryAt'] as const) {
    const v = str(raw[k], 200);
    if (v && (k === 'message' || ISO.test(v))) s[k] = v;
  }
  if (typeof raw.failures === 'number' && Number.isInteger(raw.failures) && raw.failures >= 0) s.failures = Math.min(raw.failures, 50);
  return s;
}

/** The notice's page on boamp.fr (what the list links to). */
export function boampNoticeLink(idweb: string): string {
  return `https://www.boamp.fr/pages/avis/?q=idweb:${encodeURIComponent(idweb)}`;
}

/** What one watch query sends: the départements, the CPV prefixes and the dates. Nothing else of the profile. */
export interface WatchQuery {
  url: string;
  departements: string[];
  cpvPrefixes: string[];
  /** Only notices whose deadline is on or after this day (still open). */
  openOn: string;
  /** Only notices published on or after this day. */
  since: string;
}

export interface WatchQueryOptions {
  /** Where a trade's CPV prefixes are found (the knowledge base, or data/sectors.json alone). */
  kb: { sector(id: string): { cpvPrefixes: readonly string[] } | undefined };
  /** Today (ISO date). */
  today: string;
  /** Day of the last successful run (ISO); the first run looks back {@link WATCH_FIRST_DAYS} days. */
  since?: string;
  /** Départements of a région (the territory table), for a profile that names a région. */
  departementsOf?: (region: string) => string[];
  /** The records endpoint; only tests point it elsewhere. */
  base?: string;
}

const quote = (s: string) => `"${s.replace(/["\\]/g, '')}"`;

function addDays(day: string, n: number): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The profile's départements: its own, those of its communes, those of its régions. */
export function watchDepartements(profile: Profile, departementsOf?: (region: string) => string[]): string[] {
  const places = profilePlaces(profile);
  const deps = new Set<string>(places.departements);
  for (const c of places.communes) {
    const d = departementFromCommuneCode(c);
    if (d) deps.add(d);
  }
  for (const r of places.regions) for (const d of departementsOf?.(r) ?? []) deps.add(d);
  return [...deps].sort();
}

/**
 * The one ODSQL query of a watch run, or why there is none: open notices (deadline today or later) published since
 * the last run, in the profile's départements, whose notice text holds a CPV code starting with a prefix of its
 * trades, or that BOAMP flags with social considerations (a fixed filter, the same for everyone).
 */
export function watchQuery(profile: Profile, o: WatchQueryOptions): WatchQuery | { error: 'no-departement' } {
  const departements = watchDepartements(profile, o.departementsOf);
  if (!departements.length) return { error: 'no-departement' };
  const prefixes: string[] = [];
  for (const id of profile.sectors) for (const p of o.kb.sector(id)?.cpvPrefixes ?? []) if (/^\d{2,8}$/.test(p) && !prefixes.includes(p)) prefixes.push(p);
  // A shorter prefix already covers its longer ones.
  const cpvPrefixes = prefixes.filter((p) => !prefixes.some((q) => q !== p && p.startsWith(q))).slice(0, WATCH_MAX_CPV);
  const since = o.since && ISO.test(o.since) ? o.since.slice(0, 10) : addDays(o.today, -WATCH_FIRST_DAYS);
  const openOn = o.today.slice(0, 10);
  const fits = [...cpvPrefixes.map((p) => `startswith(donnees, ${quote(p)})`), 'criteres = "sociaux"'];
  const where = [`code_departement in (${departements.map(quote).join(',')})`, `datelimitereponse >= date'${openOn}'`, `dateparution >= date'${since}'`, `(${fits.join(' or ')})`].join(' and ');
  const u = new URL(o.base ?? BOAMP_RECORDS_API);
  u.searchParams.set('where', where);
  u.searchParams.set('order_by', 'dateparution desc');
  u.searchParams.set('limit', String(BOAMP_API_LIMIT));
  return { url: u.href, departements, cpvPrefixes, openOn, since };
}

/** What the network gives back: enough of a fetch Response. */
export interface WatchResponse {
  status: number;
  headers?: { get(name: string): string | null };
  json(): Promise<unknown>;
}

export interface RunWatchDeps {
  kb: Kb;
  fetch: (url: string) => Promise<WatchResponse>;
  /** The clock (ISO date-time); tests pass a fixed one. */
  now: string;
  lang?: Lang;
  base?: string;
  regionOf?: (departement: string) => string | undefined;
  departementsOf?: (region: string) => string[];
  placeName?: (level: 'region' | 'departement' | 'commune', code: string) => string | undefined;
  /** Resolves a reading's places (core/territory/resolve-clues through the resolver); optional. */
  readOptions?: Parameters<typeof readBoampRecord>[1];
  /** Ignore `retryAt` (the user pressed "check now"). */
  force?: boolean;
}

/** The outcome of one run. */
export interface WatchRun {
  state: WatchState;
  /** Notices added by this run. */
  added: WatchItem[];
  /** Whether a request was sent. */
  asked: boolean;
  query?: WatchQuery;
}

function retryDelayMinutes(failures: number, retryAfter: string | null | undefined): number {
  const header = retryAfter ? Number(retryAfter) : NaN;
  if (Number.isFinite(header) && header > 0) return Math.min(RETRY_MAX_MINUTES, Math.max(1, Math.ceil(header / 60)));
  return Math.min(RETRY_MAX_MINUTES, RETRY_MIN_MINUTES * 2 ** Math.max(0, failures - 1));
}

function addMinutes(iso: string, minutes: number): string {
  return new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
}

/** Number of notices not yet marked as seen. */
export function unseenCount(state: WatchState): number {
  return state.items.filter((i) => !i.seen).length;
}

/** Marks notices as seen (all of them when `ids` is omitted). */
export function markSeen(state: WatchState, ids?: readonly string[]): WatchState {
  return { ...state, items: state.items.map((i) => (!ids || ids.includes(i.idweb) ? { ...i, seen: true } : i)) };
}

/** Reads and matches one record; undefined when it is not an open notice that fits. */
export function matchRecord(
  record: unknown,
  profile: Profile,
  deps: Pick<RunWatchDeps, 'kb' | 'lang' | 'regionOf' | 'placeName' | 'readOptions'>,
  today: string,
  watched?: readonly string[],
): Omit<WatchItem, 'found' | 'seen'> | undefined {
  const [rec] = boampRecordsOf([record]);
  if (!rec) return undefined;
  const r = readBoampRecord(rec, deps.readOptions ?? {});
  if (!r.ok) return undefined;
  const reading: Reading = r.reading;
  const t = reading.tender;
  // Awards, corrections and prior information are not calls a structure can still answer.
  if (t.noticeType && t.noticeType !== 'notice') return undefined;
  // Only calls still open: a notice without a deadline cannot be shown as one.
  if (!t.deadline || t.deadline.slice(0, 10) < today) return undefined;
  // The query asks for the profile's départements; a record from elsewhere is not kept, whoever answered.
  const where = t.departements?.length ? t.departements : t.buyerTerritory?.departement ? [t.buyerTerritory.departement] : [];
  if (watched && where.length && !where.some((d) => watched.includes(d))) return undefined;
  const idweb = t.boampId ?? rec.idweb;
  if (!idweb || !IDWEB.test(idweb)) return undefined;
  const lang = deps.lang ?? 'fr';
  const advice = advise(deps.kb, reading, { role: 'structure', lang, today });
  const fit = fitNotice(reading, advice, profile, { kb: deps.kb, lang, today, ...(deps.regionOf ? { regionOf: deps.regionOf } : {}), ...(deps.placeName ? { placeName: deps.placeName } : {}) });
  if (fit.verdict === 'no') return undefined;
  return {
    idweb,
    title: (t.title ?? t.object ?? idweb).slice(0, 300),
    ...(t.buyer ? { buyer: t.buyer.slice(0, 300) } : {}),
    ...(t.deadline ? { deadline: t.deadline } : {}),
    ...(t.published ? { published: t.published } : {}),
    url: boampNoticeLink(idweb),
    verdict: fit.verdict,
    headlineId: fit.headlineId,
    headline: fit.headline,
    reasons: fit.reasons.slice(0, 4),
  };
}

/**
 * One run of the watch. Sends at most one request, and none while a retry delay runs (unless forced). Network
 * failures, server errors and rate limits leave the list as it is, record the failure and set the time to try
 * again; a good answer adds the notices not seen before, best verdict first. Never throws.
 */
export async function runWatch(previous: WatchState, profile: Profile | null, deps: RunWatchDeps): Promise<WatchRun> {
  const state: WatchState = { ...previous, items: [...previous.items], known: [...previous.known] };
  const now = deps.now;
  const today = now.slice(0, 10);
  if (!profile) return { state: { ...state, status: 'no-profile', message: 'no profile' }, added: [], asked: false };
  if (!deps.force && state.retryAt && now < state.retryAt) return { state, added: [], asked: false };
  const query = watchQuery(profile, { kb: deps.kb, today, ...(state.lastOk ? { since: state.lastOk } : {}), ...(deps.departementsOf ? { departementsOf: deps.departementsOf } : {}), ...(deps.base ? { base: deps.base } : {}) });
  if ('error' in query) return { state: { ...state, status: 'no-profile', message: 'no département in the profile' }, added: [], asked: false };
  state.lastRun = now;
  const fail = (status: WatchStatus, message: string, retryAfter?: string | null): WatchRun => {
    const failures = state.failures + 1;
    return { state: { ...state, status, message, failures, retryAt: addMinutes(now, retryDelayMinutes(failures, retryAfter)) }, added: [], asked: true, query };
  };
  let answer: unknown;
  try {
    const res = await deps.fetch(query.url);
    if (res.status === 429) return fail('rate-limited', 'HTTP 429', res.headers?.get('retry-after'));
    if (res.status < 200 || res.status >= 300) return fail('error', `HTTP ${res.status}`, res.headers?.get('retry-after'));
    answer = await res.json();
  } catch (e) {
    return fail('offline', e instanceof Error ? e.message.split('\n')[0]!.slice(0, 120) : 'network error');
  }
  if (!isObj(answer) || !Array.isArray(answer.results)) return fail('error', 'unexpected answer (no results)');
  const added: WatchItem[] = [];
  const known = new Set(state.known);
  for (const record of answer.results) {
    const idweb = isObj(record) && typeof record.idweb === 'string' ? record.idweb : undefined;
    if (idweb && known.has(idweb)) continue;
    let item: ReturnType<typeof matchRecord>;
    try {
      item = matchRecord(record, profile, deps, today, query.departements);
    } catch {
      // One unreadable record must not stop the run.
      item = undefined;
    }
    if (idweb) known.add(idweb);
    if (!item || (known.has(item.idweb) && item.idweb !== idweb)) continue;
    known.add(item.idweb);
    added.push({ ...item, found: now, seen: false });
  }
  const rank = (v: FitVerdict) => (v === 'yes' ? 0 : v === 'maybe' ? 1 : 2);
  added.sort((a, b) => rank(a.verdict) - rank(b.verdict) || (b.published ?? '').localeCompare(a.published ?? ''));
  const items = [...added, ...state.items].slice(0, WATCH_MAX_ITEMS);
  const { retryAt: _r, message: _m, ...rest } = state;
  return { state: { ...rest, items, known: [...known].slice(-WATCH_MAX_KNOWN), status: 'ok', lastOk: now, failures: 0 }, added, asked: true, query };
}
