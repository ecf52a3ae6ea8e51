import type { Actor, Fiche, Lever, Sector, Theme } from './types';
import { PROCUREMENT_LEVER_IDS, THEME_IDS, TOPIC_IDS } from './vocabulary';

/** Raw knowledge-base files, by file name, before merging. */
export interface RawKb {
  fiches: { file: string; records: unknown[] }[];
  actors: { file: string; records: unknown[] }[];
  levers: { file: string; records: unknown[] };
  themes: { file: string; records: unknown[] };
  sectors: { file: string; records: unknown[] };
}

/** Checks whether an INSEE code exists at a level. */
export type CodeChecker = (level: 'commune' | 'departement' | 'region', code: string) => boolean;

/** One validation error: names the file, the entry and the field. */
export interface KbError {
  file: string;
  entry: string;
  field: string;
  message: string;
}

export function formatError(e: KbError): string {
  return `${e.file}: entry "${e.entry}": field "${e.field}": ${e.message}`;
}

type Rec = Record<string, unknown>;
const isObj = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrArr = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);

const KITS = ['municipal-2026', 'regional-2021', 'rtes-2020', 'cress-occitanie-2026', 'cress-nouvelle-aquitaine'];
const CATEGORIES = ['introductive', 'levier', 'thematique', 'propositions'];
const ACTOR_KINDS = ['cress', 'network', 'federation', 'facilitator', 'funder', 'platform', 'public-agency', 'structure', 'collectivite'];
const SCOPES = ['national', 'region', 'departement', 'commune'];
const RUNGS = ['reserve', 'lot', 'clause', 'criterion', 'other'];
const CPV_PREFIX = /^\d{2,8}$/;

class Checker {
  errors: KbError[] = [];
  constructor(
    public file: string,
    public entry: string,
  ) {}
  err(field: string, message: string) {
    this.errors.push({ file: this.file, entry: this.entry, field, message });
  }
  str(r: Rec, field: string, opts: { empty?: boolean; max?: number } = {}) {
    const v = r[field];
    if (!isStr(v)) return this.err(field, `expected a string, got ${JSON.stringify(v)?.slice(0, 40)}`);
    if (!opts.empty && !v.trim()) this.err(field, 'must not be empty');
    if (opts.max && v.length > opts.max) this.err(field, `longer than ${opts.max} characters (${v.length})`);
  }
  optStr(r: Rec, field: string) {
    if (r[field] !== undefined && !isStr(r[field])) this.err(field, 'expected a string when present');
  }
  strArr(r: Rec, field: string, allowed?: readonly string[]) {
    const v = r[field];
    if (!isStrArr(v)) return this.err(field, 'expected an array of strings');
    if (allowed) for (const x of v) if (!allowed.includes(x)) this.err(field, `unknown id "${x}"`);
  }
  oneOf(r: Rec, field: string, allowed: readonly string[]) {
    if (!allowed.includes(r[field] as string)) this.err(field, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(r[field])}`);
  }
  cpv(r: Rec, field: string) {
    const v = r[field];
    if (!isStrArr(v)) return this.err(field, 'expected an array of CPV prefixes');
    for (const c of v) if (!CPV_PREFIX.test(c)) this.err(field, `"${c}" is not a CPV prefix (2-8 digits)`);
  }
}

function checkPlace(c: Checker, field: string, p: Rec, codes: CodeChecker) {
  for (const level of ['commune', 'departement', 'region'] as const) {
    const v = p[level];
    if (v === undefined) continue;
    if (!isStr(v) || !codes(level, v)) c.err(field, `unknown ${level} INSEE code ${JSON.stringify(v)}`);
  }
}

function checkFiche(c: Checker, r: Rec, codes: CodeChecker) {
  c.str(r, 'id');
  c.oneOf(r, 'kit', KITS);
  if (r.number !== null && typeof r.number !== 'number') c.err('number', 'expected a number or null');
  c.str(r, 'title', { max: 160 });
  c.oneOf(r, 'category', CATEGORIES);
  c.strArr(r, 'topics', TOPIC_IDS);
  c.strArr(r, 'procurementLevers', PROCUREMENT_LEVER_IDS);
  c.oneOf(r, 'status', ['complete', 'title-only']);
  c.str(r, 'summary', { empty: r.status === 'title-only', max: 1200 });
  c.strArr(r, 'seeAlso');
  c.strArr(r, 'resources');
  for (const f of ['levers', 'examples', 'legal', 'figures'] as const) if (!Array.isArray(r[f])) c.err(f, 'expected an array');
  if (r.status === 'complete') {
    if (!Array.isArray(r.levers) || r.levers.length === 0) c.err('levers', 'a complete fiche needs at least one lever');
  } else {
    for (const f of ['levers', 'examples'] as const) if (Array.isArray(r[f]) && r[f].length) c.err(f, 'a title-only fiche has no body: must be empty');
    if (!isStrArr(r.seeAlso) || r.seeAlso.length === 0) c.err('seeAlso', 'a title-only fiche must point to the closest covered fiches');
  }
  (Array.isArray(r.levers) ? r.levers : []).forEach((l, i) => {
    if (!isObj(l)) return c.err(`levers[${i}]`, 'expected an object');
    c.str(l, 'title');
    if (!isStrArr(l.actions)) c.err(`levers[${i}].actions`, 'expected an array of strings');
  });
  (Array.isArray(r.examples) ? r.examples : []).forEach((e, i) => {
    if (!isObj(e)) return c.err(`examples[${i}]`, 'expected an object');
    c.str(e, 'title');
    c.str(e, 'text');
    if (!isStrArr(e.placeNames)) c.err(`examples[${i}].placeNames`, 'expected an array of strings');
    if (!isStrArr(e.actors)) c.err(`examples[${i}].actors`, 'expected an array of strings');
    if (!Array.isArray(e.places)) c.err(`examples[${i}].places`, 'expected an array');
    else e.places.forEach((p, j) => (isObj(p) ? checkPlace(c, `examples[${i}].places[${j}]`, p, codes) : c.err(`examples[${i}].places[${j}]`, 'expected an object')));
  });
  (Array.isArray(r.legal) ? r.legal : []).forEach((l, i) => {
    if (!isObj(l)) return c.err(`legal[${i}]`, 'expected an object');
    c.str(l, 'ref');
    c.str(l, 'text', { empty: true });
  });
  (Array.isArray(r.figures) ? r.figures : []).forEach((f, i) => {
    if (!isObj(f)) return c.err(`figures[${i}]`, 'expected an object');
    c.str(f, 'value');
    c.str(f, 'text');
    c.str(f, 'source');
  });
  const s = r.source;
  if (!isObj(s)) c.err('source', 'expected an object');
  else {
    c.str(s, 'document');
    c.str(s, 'fiche');
    const l = s.lines;
    if (!Array.isArray(l) || l.length !== 2 || !l.every((n) => Number.isInteger(n) && n > 0) || l[0] > l[1]) c.err('source.lines', 'expected [start, end], 1-based, start ≤ end');
  }
}

function checkActor(c: Checker, r: Rec, codes: CodeChecker) {
  c.str(r, 'id');
  if (isStr(r.id) && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(r.id)) c.err('id', 'expected a kebab-case id');
  c.str(r, 'name');
  c.oneOf(r, 'kind', ACTOR_KINDS);
  c.oneOf(r, 'scope', SCOPES);
  checkPlace(c, 'territory', r, codes);
  if (r.scope === 'region' && !r.region) c.err('region', 'a regional actor needs its région code');
  // Intercommunalities and bodies spanning several départements are placed at the finest level known.
  if ((r.scope === 'departement' || r.scope === 'commune') && !r.commune && !r.departement && !r.region) c.err('scope', 'a local actor needs at least one INSEE code');
  if (r.website !== undefined && (!isStr(r.website) || !/^https:\/\/[^\s]+$/.test(r.website))) c.err('website', 'expected an https URL when present');
  c.str(r, 'description');
  c.strArr(r, 'topics', TOPIC_IDS);
  c.strArr(r, 'levers', PROCUREMENT_LEVER_IDS);
  c.strArr(r, 'fiches');
  if (typeof r.verified !== 'boolean') c.err('verified', 'expected a boolean');
  c.optStr(r, 'note');
}

function checkLever(c: Checker, r: Rec) {
  c.oneOf(r, 'id', PROCUREMENT_LEVER_IDS);
  if (!isObj(r.label)) c.err('label', 'expected {fr, en}');
  else (c.str(r.label, 'fr'), c.str(r.label, 'en'));
  c.strArr(r, 'legalBasis');
  c.oneOf(r, 'rung', RUNGS);
  c.str(r, 'what');
  if (!isObj(r.whenItFits)) c.err('whenItFits', 'expected an object');
  else {
    c.cpv(r.whenItFits, 'cpvPrefixes');
    c.strArr(r.whenItFits, 'keywords');
    c.strArr(r.whenItFits, 'conditions');
  }
  c.strArr(r, 'buyer');
  c.strArr(r, 'structure');
  if (isStrArr(r.buyer) && !r.buyer.length) c.err('buyer', 'every lever needs buyer guidance');
  if (isStrArr(r.structure) && !r.structure.length) c.err('structure', 'every lever needs guidance for ESS structures');
  c.optStr(r, 'wording');
  c.strArr(r, 'fiches');
  c.strArr(r, 'pitfalls');
  checkRule(c, r.rule);
}

function checkRule(c: Checker, rule: unknown) {
  if (!isObj(rule)) return c.err('rule', 'expected {when, unless, damp}');
  if (!Array.isArray(rule.when) || !rule.when.length) c.err('rule.when', 'expected at least one trigger');
  else
    rule.when.forEach((t, i) => {
      if (!isObj(t) || !isStr(t.fact) || !isStr(t.phrase) || typeof t.weight !== 'number' || t.weight < 0 || t.weight > 1.5) c.err(`rule.when[${i}]`, 'expected {fact, weight 0..1.5, phrase}');
      else if (t.unless !== undefined && !isStrArr(t.unless)) c.err(`rule.when[${i}].unless`, 'expected an array of fact ids');
      else if (t.structure !== undefined && !['siae', 'esat-ea', 'ess'].includes(t.structure as string)) c.err(`rule.when[${i}].structure`, 'expected siae, esat-ea or ess');
    });
  c.strArr(rule, 'unless');
  if (!Array.isArray(rule.damp) || !rule.damp.every((d) => isObj(d) && isStr(d.fact) && typeof d.factor === 'number')) c.err('rule.damp', 'expected [{fact, factor}]');
}

function checkTheme(c: Checker, r: Rec) {
  c.oneOf(r, 'id', THEME_IDS);
  if (!isObj(r.label)) c.err('label', 'expected {fr, en}');
  else (c.str(r.label, 'fr'), c.str(r.label, 'en'));
  c.strArr(r, 'fiches');
  c.cpv(r, 'cpvPrefixes');
  c.strArr(r, 'keywords');
  if (r.notFor !== undefined) c.strArr(r, 'notFor');
}

function checkSector(c: Checker, r: Rec) {
  c.str(r, 'id');
  if (!isObj(r.label)) c.err('label', 'expected {fr, en}');
  else (c.str(r.label, 'fr'), c.str(r.label, 'en'));
  c.cpv(r, 'cpvPrefixes');
  c.strArr(r, 'keywords');
  if (r.notFor !== undefined) c.strArr(r, 'notFor');
  c.strArr(r, 'structures', ['siae', 'esat-ea', 'ess']);
  c.strArr(r, 'natures', ['services', 'travaux', 'fournitures']);
  c.strArr(r, 'levers', PROCUREMENT_LEVER_IDS);
  c.strArr(r, 'marcheSlugs');
  c.str(r, 'why');
  c.strArr(r, 'fiches');
}

/** The merged knowledge base shipped to the extension and the widget. */
export interface KbData {
  fiches: Fiche[];
  levers: Lever[];
  themes: Theme[];
  sectors: Sector[];
  actors: Actor[];
}

function idOf(r: unknown, i: number): string {
  return isObj(r) && isStr(r.id) ? r.id : `#${i}`;
}

/**
 * Validates every record, merges actors that several files name (same id), and checks referential
 * integrity. Returns the merged data and every error found (the build fails on any).
 */
export function validateKb(raw: RawKb, codes: CodeChecker): { data: KbData; errors: KbError[] } {
  const errors: KbError[] = [];
  const run = (file: string, records: unknown[], fn: (c: Checker, r: Rec) => void) => {
    const seen = new Set<string>();
    records.forEach((r, i) => {
      const c = new Checker(file, idOf(r, i));
      if (!isObj(r)) c.err('(record)', 'expected an object');
      else {
        fn(c, r);
        if (isStr(r.id)) {
          if (seen.has(r.id)) c.err('id', 'duplicate id in this file');
          seen.add(r.id);
        }
      }
      errors.push(...c.errors);
    });
  };
  for (const f of raw.fiches) run(f.file, f.records, (c, r) => checkFiche(c, r, codes));
  for (const f of raw.actors) run(f.file, f.records, (c, r) => checkActor(c, r, codes));
  run(raw.levers.file, raw.levers.records, checkLever);
  run(raw.themes.file, raw.themes.records, checkTheme);
  run(raw.sectors.file, raw.sectors.records, checkSector);

  const fiches = raw.fiches.flatMap((f) => f.records) as Fiche[];
  const levers = raw.levers.records as Lever[];
  const themes = raw.themes.records as Theme[];
  const sectors = raw.sectors.records as Sector[];
  const actorsById = new Map<string, Actor>();
  for (const f of raw.actors) {
    for (const a of f.records as Actor[]) {
      const prev = actorsById.get(a.id);
      if (!prev) actorsById.set(a.id, { ...a });
      else {
        const union = (x: string[], y: string[]) => [...new Set([...x, ...y])];
        actorsById.set(a.id, {
          ...prev,
          website: prev.website ?? a.website,
          topics: union(prev.topics, a.topics),
          levers: union(prev.levers, a.levers),
          fiches: union(prev.fiches, a.fiches),
          verified: prev.verified && a.verified,
        });
      }
    }
  }
  const actors = [...actorsById.values()];

  const ficheIds = new Set(fiches.map((f) => f.id));
  const dupFiche = fiches.length - ficheIds.size;
  if (dupFiche) errors.push({ file: 'fiches/*.json', entry: '(all)', field: 'id', message: `${dupFiche} duplicate fiche id(s) across files` });
  const refs = (file: string, entry: string, field: string, ids: unknown) => {
    if (!isStrArr(ids)) return;
    for (const id of ids) if (!ficheIds.has(id)) errors.push({ file, entry, field, message: `unknown fiche id "${id}"` });
  };
  for (const f of raw.fiches) for (const r of f.records as Fiche[]) refs(f.file, r.id, 'seeAlso', r.seeAlso);
  for (const f of raw.actors) for (const r of f.records as Actor[]) refs(f.file, r.id, 'fiches', r.fiches);
  for (const r of levers) refs(raw.levers.file, r.id, 'fiches', r.fiches);
  for (const r of themes) refs(raw.themes.file, r.id, 'fiches', r.fiches);
  for (const r of sectors) refs(raw.sectors.file, r.id, 'fiches', r.fiches);

  const coverage = (ids: readonly string[], have: Set<string>, file: string, what: string) => {
    for (const id of ids) if (!have.has(id)) errors.push({ file, entry: id, field: '(coverage)', message: `${what} "${id}" is missing` });
  };
  coverage(PROCUREMENT_LEVER_IDS, new Set(levers.map((l) => l.id)), raw.levers.file, 'procurement lever');
  coverage(THEME_IDS, new Set(themes.map((t) => t.id)), raw.themes.file, 'theme');
  const topicsReached = new Set(fiches.flatMap((f) => (isStrArr(f.topics) ? f.topics : [])));
  coverage(TOPIC_IDS, topicsReached, 'fiches/*.json', 'topic not reachable from any fiche:');
  return { data: { fiches, levers, themes, sectors, actors }, errors };
}
