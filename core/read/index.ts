import type { ListEntry, PageKind, Reading, Signal, Tender, Territory } from './types.ts';
import type { Section } from './sections.ts';
import type { TenderPatch } from './fields/index.ts';
import type { TerritoryResolver } from '../territory/resolver.ts';
import { detectPortal, findPortal, readWithEngine } from '../portals/index.ts';
import { reportFault } from '../errors.ts';
import { normaliseCpvList } from './cpv.ts';
import { blockText, mainRoot, textOf } from './dom.ts';
import { extractFromText, findTitle, mergeLots } from './fields/index.ts';
import { detectTender } from './generic.ts';
import { resolvePlaceClues } from '../territory/resolve-clues.ts';
import { departementClues } from './fields/place.ts';
import { recordParts } from './notice.ts';
import type { FormReading } from './forms.ts';
import type { BoampRecord } from './boamp-record.ts';
import { readBoampRecordParts } from './boamp-record.ts';
import { readTedSearchHit, readTedXml } from './ted.ts';
import type { NoticeRecord } from './notice.ts';
import { toSections } from './sections.ts';
import { detectSignalsSteps, SIGNAL_ORDER } from './signals.ts';
import { runInSlices, runSteps, type SliceOptions, type Steps } from './steps.ts';
import { bounded, clip, collapse, MAX_SCAN } from './text.ts';
import { departementFromCommuneCode, departementFromPostalCode } from '../territory/codes.ts';

export type { NoticeRecord } from './notice.ts';
export type { Reading } from './types.ts';
export { inferUrl } from './infer-url.ts';
export { normaliseCpv } from './cpv.ts';
export { runInSlices, runSteps, SLICE_MS, type SliceOptions, type Steps } from './steps.ts';

/** Options of the reading functions. */
export interface ReadOptions {
  /** Territory table (core/territory); without it only département codes are derived. */
  territory?: TerritoryResolver;
}

/** Options of {@link readText}. */
export interface ReadTextOptions {
  /** CPV codes chosen by the user, main first. */
  cpv?: string[];
  /**
   * The buyer's territory: as typed (commune, département or région code, or a postal code), as INSEE
   * codes already resolved, or the territory table itself (then only the text's addresses are used).
   */
  territory?: string | Territory | TerritoryResolver;
  /** Territory table used to read a typed `territory` and the text's addresses. */
  resolver?: TerritoryResolver;
}

function isResolver(v: unknown): v is TerritoryResolver {
  return Boolean(v && typeof v === 'object' && typeof (v as TerritoryResolver).parseTerritory === 'function');
}

// A heading left at the start of an object section.
const OBJECT_LABEL = /^(?:description succincte|short description|objet du march[ée]|objet de la consultation|caract[ée]ristiques principales|description des prestations|description of the procurement|quantit[ée] ou [ée]tendue)\s*:?\s*/i;

// Size of `Reading.text`.
const TEXT_MAX = 30_000;
const PLACEHOLDER_VALUE = 1_000;

function emptyTender(): Tender {
  return { cpv: [], cpvMain: false, lots: [], links: {} };
}

function emptyReading(portal: string | null = null, pageKind: PageKind = 'other'): Reading {
  return { isTender: false, confidence: 0, portal, pageKind, tender: emptyTender(), signals: [], entries: [], text: '' };
}

interface Draft {
  portal: string | null;
  pageKind: PageKind;
  confidence: number;
  isTender: boolean;
  patch: TenderPatch;
  sections: Section[];
  pictograms?: string[];
  structured?: Signal[];
  /** What a structured form adds (notice type, strategic codes, an undecided reservation). */
  form?: Pick<FormReading, 'noticeType' | 'strategic' | 'undecided'>;
}

// Engine or record fields first, text fields to fill the gaps.
function merge(primary: TenderPatch, fromText: TenderPatch): TenderPatch {
  const out: TenderPatch = { ...fromText, ...primary };
  out.cpv = normaliseCpvList([...(primary.cpv ?? []), ...(fromText.cpv ?? [])]);
  out.cpvMain = primary.cpv?.length ? Boolean(primary.cpvMain) : Boolean(fromText.cpvMain);
  out.lots = mergeLots(primary.lots, fromText.lots);
  out.links = { ...(fromText.links ?? {}), ...(primary.links ?? {}) };
  if (primary.place || fromText.place) out.place = { ...(fromText.place ?? {}), ...(primary.place ?? {}) };
  if (primary.performance || fromText.performance) out.performance = { ...(fromText.performance ?? {}), ...(primary.performance ?? {}) };
  // A header date without time gives way to the same date with its time in the notice text.
  if (primary.deadline && fromText.deadline && primary.deadline.length === 10 && fromText.deadline.startsWith(primary.deadline)) out.deadline = fromText.deadline;
  return out;
}

function finish(d: Draft, resolver?: TerritoryResolver): Reading {
  return runSteps(finishSteps(d, resolver));
}

function* finishSteps(d: Draft, resolver?: TerritoryResolver): Steps<Reading> {
  const sections = d.sections;
  // Numbered sections get their number back: field readers use it ("I.1) NOM ET ADRESSES").
  const text = bounded(sections.map((s) => (/^[IV]{1,3}(?:\.\d{1,2})+$/.test(s.where) ? `${s.where}) ${s.text}` : s.text)).join('\n'), MAX_SCAN);
  const patch = merge(d.patch, extractFromText(sections, text, d.form ? statedFields(d.patch) : undefined));
  yield;
  const tender = emptyTender();
  let title = patch.title ?? findTitle(text) ?? sections.find((s) => s.kind === 'title')?.text;
  const objectText = patch.object ?? sections.find((s) => s.kind === 'object' && s.text.length > 20)?.text;
  // An internal code ("20025_46_sejours") is no title when the notice states its object.
  if (title && looksLikeCode(title) && objectText) {
    if (!patch.reference) patch.reference = collapse(title);
    title = firstSentence(collapse(objectText).replace(OBJECT_LABEL, ''));
  }
  if (title) tender.title = clip(collapse(title), 500);
  if (patch.reference) tender.reference = patch.reference;
  if (patch.boampId) tender.boampId = patch.boampId;
  if (patch.tedId) tender.tedId = patch.tedId;
  if (patch.buyer) tender.buyer = clip(collapse(patch.buyer), 300);
  const clues = placeClues(patch, tender);
  if (clues) {
    tender.placeClues = clues;
    // Kept while callers move to resolving the clues once where the table is (issue 12).
    const places = resolvePlaceClues(clues, resolver);
    if (places.buyer) tender.buyerTerritory = places.buyer;
    if (places.performance) tender.performanceTerritory = places.performance;
  }
  tender.cpv = patch.cpv ?? [];
  tender.cpvMain = tender.cpv.length > 0 && Boolean(patch.cpvMain);
  if (patch.nature) tender.nature = patch.nature;
  if (patch.procedure) tender.procedure = patch.procedure;
  tender.lots = (patch.lots ?? []).slice(0, 300).map((l) => ({ ...l, cpv: normaliseCpvList(l.cpv) }));
  const lotCount = patch.lotCount ?? (tender.lots.length >= 2 ? tender.lots.length : undefined);
  if (lotCount) tender.lotCount = lotCount;
  // A notice with lots: the total it states, else the sum of its lots' values when every lot has one.
  const lotValues = tender.lots.map((l) => l.value);
  const allValued = tender.lots.length >= 2 && lotValues.every((v) => v !== undefined);
  if (patch.estimatedValue !== undefined && !(allValued && !patch.valueIsTotal && lotValues.includes(patch.estimatedValue))) tender.estimatedValue = patch.estimatedValue;
  else if (allValued) tender.estimatedValue = Math.round((lotValues as number[]).reduce((a, b) => a + b, 0) * 100) / 100;
  else if (patch.estimatedValue !== undefined) tender.estimatedValue = patch.estimatedValue;
  // No contract worth under 1 000 € is advertised: "1 euro" or "0,01 €" is how a buyer declines to give the value.
  if (tender.estimatedValue !== undefined && tender.estimatedValue < PLACEHOLDER_VALUE) delete tender.estimatedValue;
  if (patch.deadline) tender.deadline = patch.deadline;
  tender.links = Object.fromEntries(Object.entries(patch.links ?? {}).filter(([, v]) => typeof v === 'string' && v)) as Tender['links'];
  const object = patch.object ?? sections.find((s) => s.kind === 'object' && s.text.length > 20)?.text;
  if (object) tender.object = clip(collapse(object).replace(OBJECT_LABEL, ''), 2000);
  const noticeType = d.form?.noticeType ?? patch.noticeType;
  if (noticeType) tender.noticeType = noticeType;
  if (patch.departements?.length) tender.departements = patch.departements;
  if (patch.published) tender.published = patch.published;
  if (d.form?.strategic?.length) tender.strategic = d.form.strategic;

  const withTitle = tender.title && !sections.some((s) => s.kind === 'title') ? [{ where: 'title', text: tender.title, kind: 'title' as const }, ...sections] : sections;
  let signals: Signal[] = [];
  if (d.isTender) {
    yield;
    const fromText = yield* detectSignalsSteps(withTitle, {
      ...(d.pictograms?.length ? { pictograms: d.pictograms } : {}),
      lots: tender.lots,
      ...(patch.lotCount ? { lotCount: patch.lotCount } : {}),
    });
    signals = settleSignals(d.structured ?? [], fromText, d.form?.undecided);
    yield;
  }
  return {
    isTender: d.isTender,
    confidence: Math.max(0, Math.min(1, Math.round(d.confidence * 100) / 100)),
    portal: d.portal,
    pageKind: d.pageKind,
    tender,
    signals,
    entries: [],
    text: noticeText(tender, withTitle),
  };
}

/**
 * Signals stated by codes come first; the text adds what they do not state. A reservation code that cannot
 * tell ESAT/EA from SIAE (`undecided`) gives way to the text when the text names either; otherwise it stays,
 * its evidence saying the text does not tell.
 */
function settleSignals(structured: Signal[], fromText: Signal[], undecided?: Signal): Signal[] {
  const out = [...structured];
  for (const s of fromText) if (!out.some((x) => x.id === s.id)) out.push(s);
  if (undecided && !out.some((x) => x.id === 'reserve-handicap' || x.id === 'reserve-siae')) out.push(undecided);
  return out.sort((a, b) => SIGNAL_ORDER.indexOf(a.id) - SIGNAL_ORDER.indexOf(b.id));
}

// The fields a structured form states (non-empty): the text is not read again for them.
function statedFields(p: TenderPatch): Set<keyof TenderPatch> {
  const out = new Set<keyof TenderPatch>();
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)) out.add(k as keyof TenderPatch);
  return out;
}

// One token with digits or underscores ("20025_46_sejours", "AO-2026-014"): a file or procedure code.
function looksLikeCode(s: string): boolean {
  const t = collapse(s);
  return t.length <= 60 && !/\s/.test(t) && /[\d_]/.test(t);
}

// The first sentence of a text, clipped on a word.
function firstSentence(s: string): string {
  const m = /^(.{20,}?[.!?])\s/.exec(s);
  return clip(m?.[1] ?? s, 300);
}

// The buyer's clues (address, publication) with the département written beside its name or the title,
// and the place of performance apart.
function placeClues(patch: TenderPatch, tender: Tender): Tender['placeClues'] {
  const buyer = { ...(patch.place ?? {}) };
  const named = [...departementClues(tender.buyer, 'buyer'), ...departementClues(tender.title, 'title')];
  if (named.length) buyer.named = [...new Set(named)];
  // "Préfecture de la Haute-Garonne", "Département de l'Isère": a département's own institutions name it.
  const institution = /\b(?:d[eé]partement|conseil d[eé]partemental|conseil g[eé]n[eé]ral|pr[eé]fecture|direction d[eé]partementale[^,(/–-]{0,60}?|service d[eé]partemental[^,(/–-]{0,60}?|sdis)\s+(?:de la |de l['’]|des |du |de |d['’])?([A-Za-zÀ-ÿ'’ -]{3,40})/i.exec(tender.buyer ?? '');
  const depName = institution?.[1]?.split(/\s+[-–]\s+|\s*[,(/]/)[0]?.trim();
  if (depName && !buyer.departementName) buyer.departementName = depName;
  const out: NonNullable<Tender['placeClues']> = {};
  if (Object.keys(buyer).length) out.buyer = buyer;
  if (patch.performance && Object.keys(patch.performance).length) out.performance = { ...patch.performance };
  return out.buyer || out.performance ? out : undefined;
}

// The text used for advising: title, object, lots, criteria and conditions (bounded).
function noticeText(tender: Tender, sections: Section[]): string {
  const wanted = new Set(['title', 'object', 'lots', 'criteria', 'conditions', 'reserved']);
  const typed = sections.filter((s) => s.kind && wanted.has(s.kind));
  const parts: string[] = [];
  if (tender.title) parts.push(tender.title);
  if (tender.object && !typed.some((s) => s.text.includes(tender.object?.slice(0, 60) ?? '\u0000'))) parts.push(tender.object);
  for (const l of tender.lots) parts.push(l.number ? `Lot ${l.number} : ${l.title}` : l.title);
  for (const s of typed.length ? typed : sections) {
    if (s.kind === 'title' && s.text === tender.title) continue;
    parts.push(collapse(s.text));
  }
  const out = [...new Set(parts)].join('\n');
  return out.length > TEXT_MAX ? out.slice(0, TEXT_MAX) : out;
}

// How complete an engine's notice reading is (the engine already says it is a notice).
function completeness(t: Reading['tender']): number {
  let c = 0.7;
  if (t.title) c += 0.1;
  if (t.deadline || t.cpv.length) c += 0.1;
  if (t.buyer) c += 0.1;
  return c;
}

function toUrl(url: URL | string | undefined): URL | undefined {
  if (url instanceof URL) return url;
  if (typeof url === 'string') {
    try {
      return new URL(url);
    } catch {
      // A page address is input: a malformed one is read as no address.
      return undefined;
    }
  }
  if (url && typeof (url as URL).href === 'string') {
    try {
      return new URL((url as URL).href);
    } catch {
      // A URL-like object from the host page: expected to be odd sometimes.
      return undefined;
    }
  }
  return undefined;
}

/**
 * Reads a page: its engine (by URL, else by DOM structure) or the generic notice detector.
 * Never throws; bounded in time by the scanned-text cap.
 * @param doc the page's document (content script: `document`; Node: a happy-dom document)
 * @param url the page's address (content script: `location.href`)
 */
export function readPage(doc: Document, url: URL | string, opts: ReadOptions = {}): Reading {
  return runSteps(readPageSteps(doc, url, opts));
}

/**
 * {@link readPage} in steps, the page's DOM read first: run at once ({@link runSteps}) it is `readPage`;
 * a content script runs it with {@link runInSlices} (or {@link readPageInSlices}) to let the page run
 * between steps. Never throws.
 */
export function* readPageSteps(doc: Document, url: URL | string, opts: ReadOptions = {}): Steps<Reading> {
  try {
    if (!doc || typeof doc !== 'object') return emptyReading();
    const u = toUrl(url) ?? new URL('about:blank');
    const portal = (u.protocol.startsWith('http') ? findPortal(u) : undefined) ?? detectPortal(doc);
    if (portal) {
      const { kind, extract: ex } = readWithEngine(portal, doc, u);
      if (kind === 'list') return { ...emptyReading(portal.id, 'list'), entries: ex.entries };
      if (kind === 'notice') {
        yield;
        const r = yield* finishSteps(
          { portal: portal.id, pageKind: 'notice', confidence: 1, isTender: true, patch: ex.tender, sections: ex.sections, ...(ex.pictograms ? { pictograms: ex.pictograms } : {}) },
          opts.territory,
        );
        r.confidence = Math.round(completeness(r.tender) * 100) / 100;
        return r;
      }
      // A page of the engine that is neither a notice nor a list by its structure: ask the text.
      return yield* genericSteps(doc, u, opts, portal.id);
    }
    return yield* genericSteps(doc, u, opts, null);
  } catch (e) {
    // readPage is what the content script and the CLI call: a fault is reported, the page read as no tender.
    reportFault('read:page', e);
    return emptyReading();
  }
}

/**
 * {@link readPage} in slices of about `sliceMs`, awaiting `yieldToPage` between them: the same Reading,
 * without holding the page's main thread in one long task. Undefined only when `stop` abandoned it.
 */
export function readPageInSlices(doc: Document, url: URL | string, opts: ReadOptions & SliceOptions): Promise<Reading | undefined> {
  return runInSlices(readPageSteps(doc, url, opts), opts);
}

function* genericSteps(doc: Document, url: URL, opts: ReadOptions, portalId: string | null): Steps<Reading> {
  const root = mainRoot(doc);
  const text = blockText(root);
  yield;
  const det = detectTender(text);
  if (det.kind === 'list') return { ...emptyReading(portalId ?? 'generic', 'list'), confidence: 0, entries: [] as ListEntry[] };
  if (det.kind !== 'notice') return { ...emptyReading(portalId, 'other'), confidence: det.confidence };
  const patch: TenderPatch = { links: url.protocol.startsWith('http') ? { notice: url.href } : {} };
  const h1 = textOf(root ?? doc, 'h1') ?? textOf(doc, 'h1');
  const sections = toSections(text);
  if (!findTitle(text) && h1) patch.title = h1;
  yield;
  return yield* finishSteps({ portal: portalId ?? 'generic', pageKind: 'notice', confidence: det.confidence, isTender: true, patch, sections }, opts.territory);
}

/** A structured record read, or why it could not be read (one line, for the user). */
export type RecordResult = { ok: true; reading: Reading; warning?: string } | { ok: false; reason: string };

// A structured form (BOAMP record, eForms, TED hit) through the common steps.
function fromForm(form: FormReading, portal: string, opts: ReadOptions): Reading {
  const p = form.patch;
  const complete = Boolean((p.title || p.object) && (p.cpv?.length || p.buyer));
  return finish(
    {
      portal,
      pageKind: 'notice',
      confidence: complete ? 1 : 0.8,
      isTender: true,
      patch: p,
      sections: form.sections,
      ...(form.pictograms ? { pictograms: form.pictograms } : {}),
      structured: form.structured,
      form,
    },
    opts.territory,
  );
}

/**
 * Reads one record of BOAMP's open data (explore API v2.1 `results[]`, `exports/json|jsonl|csv` rows):
 * the flat fields and the whole notice in `donnees` (eForms, FNSimple, FNS, MAPA, DSP). The same function
 * serves the CLI and the extension (the record of the notice being viewed). Never throws.
 */
export function readBoampRecord(record: BoampRecord, opts: ReadOptions = {}): RecordResult {
  const r = readBoampRecordParts(record);
  if (!r.ok) return r;
  const reading = fromForm(r.form, 'boamp', opts);
  return r.warning ? { ok: true, reading, warning: r.warning } : { ok: true, reading };
}

/** Reads a TED eForms XML notice (UBL). Never throws. */
export function readTedNotice(xml: string, opts: ReadOptions = {}): RecordResult {
  const r = readTedXml(typeof xml === 'string' ? xml : '');
  if (!r.ok) return r;
  return { ok: true, reading: fromForm(r.form, 'ted', opts) };
}

/** Reads one notice of a TED API v3 search answer (`notices[]`). */
export function readTedHit(hit: Record<string, unknown>, opts: ReadOptions = {}): Reading {
  return fromForm(readTedSearchHit(hit), 'ted', opts);
}

/**
 * Reads a notice record (a line of tenders.jsonl: BOAMP page text, BOAMP XML or DECP JSON in
 * `raw_excerpt`). Label fields of the record are ignored. Never throws.
 */
export function readNotice(record: NoticeRecord, opts: ReadOptions = {}): Reading {
  try {
    if (!record || typeof record !== 'object' || Array.isArray(record)) return emptyReading();
    const parts = recordParts(record);
    const hasContent = Boolean(parts.patch.title || parts.patch.object || parts.sections.length);
    if (!hasContent) return emptyReading();
    const url = typeof record.url === 'string' ? toUrl(record.url) : undefined;
    const portal = (url ? findPortal(url)?.id : undefined) ?? (parts.patch.boampId ? 'boamp' : null);
    const complete = (parts.patch.title || parts.patch.object) && (parts.patch.cpv?.length || parts.sections.length > 2);
    return finish(
      {
        portal,
        pageKind: 'notice',
        confidence: complete ? 1 : 0.7,
        isTender: true,
        patch: parts.patch,
        sections: parts.sections,
        pictograms: parts.pictograms,
        structured: parts.structured,
      },
      opts.territory,
    );
  } catch (e) {
    // A public entry point (CLI, eval, widget): a fault is reported and the record read as no tender.
    reportFault('read:notice', e);
    return emptyReading();
  }
}

/**
 * Reads free text (a pasted draft or notice). The text is taken as a tender when it has a few words;
 * `confidence` says how much it looks like a published notice. Never throws.
 */
export function readText(text: string, opts: ReadTextOptions = {}): Reading {
  try {
    const src = bounded(typeof text === 'string' ? text : '');
    const words = src.trim().split(/\s+/).filter(Boolean).length;
    if (words < 3) return emptyReading();
    const det = detectTender(src);
    const patch: TenderPatch = {};
    const cpv = normaliseCpvList(opts.cpv ?? []);
    if (cpv.length) {
      patch.cpv = cpv;
      patch.cpvMain = true;
    }
    const resolver = opts.resolver ?? (isResolver(opts.territory) ? opts.territory : undefined);
    const r = finish({ portal: null, pageKind: 'notice', confidence: Math.max(0.5, det.confidence), isTender: true, patch, sections: toSections(src) }, resolver);
    const t = isResolver(opts.territory) ? undefined : userTerritory(opts.territory, resolver);
    if (t) r.tender.buyerTerritory = t;
    return r;
  } catch (e) {
    // A public entry point (side panel, widget check): a fault is reported and the text read as no tender.
    reportFault('read:text', e);
    return emptyReading();
  }
}

function userTerritory(input: string | Territory | undefined, resolver?: TerritoryResolver): Territory | undefined {
  if (input && typeof input === 'object') {
    const t: Territory = {};
    for (const k of ['postalCode', 'commune', 'communeName', 'departement', 'region'] as const) {
      const v = (input as Territory)[k];
      if (typeof v === 'string' && v.trim()) t[k] = v.trim().slice(0, 80);
    }
    if (t.departement && !t.region && resolver) {
      const region = resolver.regionOf(t.departement);
      if (region) t.region = region;
    }
    return Object.keys(t).length ? t : undefined;
  }
  if (!input || typeof input !== 'string') return undefined;
  if (resolver) {
    const p = resolver.parseTerritory(input);
    return p.ok ? p.territory : undefined;
  }
  const v = input.trim().toUpperCase();
  if (/^\d{5}$/.test(v)) {
    const dep = departementFromPostalCode(v);
    return dep ? { postalCode: v, departement: dep } : undefined;
  }
  if (/^2[AB]\d{3}$/.test(v)) return { commune: v, departement: departementFromCommuneCode(v) ?? v.slice(0, 2) };
  if (/^(\d{2,3}|2[AB])$/.test(v)) return { departement: v };
  return undefined;
}
