import type { Kb, Sector, Theme } from '../kb/index';
import type { Reading, SignalId } from '../read/types';
import type { ProcurementLeverId, Role } from '../kb/vocabulary';
import { euros, findKeyword, fold } from '../text';
import { phrase, type Lang, type PhraseKey } from './phrases';

export type { Lang } from './phrases';

/** Options of {@link advise}. */
export interface AdviseOptions {
  role?: Role;
  lang?: Lang;
  /** The user's own territory (INSEE codes) when the notice gives none, or to override it. */
  territory?: { region?: string; departement?: string; commune?: string };
  /** Région of a département, to place a reading that only knows its département. */
  regionOf?: (departement: string) => string | undefined;
  /** Names of places for the reasons shown to people. */
  placeName?: (level: 'region' | 'departement' | 'commune', code: string) => string | undefined;
  /** Today, for deadlines (ISO date); defaults to the clock. */
  today?: string;
}

export interface ThemeAdvice {
  id: string;
  label: string;
  score: number;
  why: string[];
}

export interface SectorAdvice {
  id: string;
  label: string;
  score: number;
  why: string;
}

export type LeverStatus = 'declared' | 'suggested';

export interface LeverAdvice {
  id: ProcurementLeverId;
  label: string;
  status: LeverStatus;
  score: number;
  why: string;
  /** Ready-to-adapt wording from data/levers.json, for the buyer. */
  wording?: string;
  /** What to do, for the role asked. */
  how: string[];
}

export type Rung = 'reserve' | 'lot' | 'clause' | 'criterion' | 'none';

export interface FicheAdvice {
  id: string;
  title: string;
  why: string;
}

export interface ActorAdvice {
  id: string;
  name: string;
  kind: string;
  scope: string;
  why: string;
  website?: string;
}

export interface LinkAdvice {
  label: string;
  url: string;
  why: string;
}

/** Advice on one tender (or free text) for one role. */
export interface Advice {
  role: Role;
  lang: Lang;
  themes: ThemeAdvice[];
  sectors: SectorAdvice[];
  ladder: { rung: Rung; why: string };
  levers: LeverAdvice[];
  fiches: FicheAdvice[];
  actors: ActorAdvice[];
  links: LinkAdvice[];
  /** For ESS structures: whether and how to bid. */
  bid: string[];
}

const THEME_MIN = 0.5;
const NO_PUBLICITY_THRESHOLD = 40_000;
const LARGE_WORKS = 500_000;
const LARGE_CONTRACT = 1_000_000;
const ROLES: Role[] = ['acheteur', 'structure', 'elu', 'citoyen'];

interface Texts {
  title: string;
  object: string;
  lots: string;
}

function textsOf(r: Reading): Texts {
  const t = r.tender;
  // Free text with no recognisable title or object is itself the object.
  const object = t.object ?? (t.title ? '' : r.text.slice(0, 3000));
  return {
    title: fold(t.title ?? ''),
    object: fold(object),
    lots: fold(t.lots.map((l) => l.title).join(' · ')),
  };
}

interface CpvUse {
  code: string;
  weight: number;
  where: PhraseKey;
}

function cpvUses(r: Reading): CpvUse[] {
  const t = r.tender;
  const uses: CpvUse[] = t.cpv.map((code, i) => ({
    code,
    weight: i === 0 && t.cpvMain ? 1 : 0.75,
    where: i === 0 && t.cpvMain ? 'whereMain' : 'whereOther',
  }));
  for (const lot of t.lots) for (const code of lot.cpv) if (!t.cpv.includes(code)) uses.push({ code, weight: 0.6, where: 'whereLot' });
  return uses;
}

/** Longest prefix of `prefixes` that `code` starts with. */
function bestPrefix(code: string, prefixes: string[]): string | undefined {
  let best: string | undefined;
  for (const p of prefixes) if (code.startsWith(p) && (!best || p.length > best.length)) best = p;
  return best;
}

// A 2-digit division is broad evidence; a group or class is specific.
const prefixStrength = (p: string) => (p.length >= 4 ? 1 : p.length === 3 ? 0.85 : 0.7);

interface Match {
  score: number;
  cpv: { code: string; where: PhraseKey }[];
  words: { word: string; where: PhraseKey }[];
}

function matchProfile(r: Reading, texts: Texts, cpvPrefixes: string[], keywords: string[], cpvFirst = false): Match {
  const m: Match = { score: 0, cpv: [], words: [] };
  let cpvScore = 0;
  for (const u of cpvUses(r)) {
    const p = bestPrefix(u.code, cpvPrefixes);
    if (!p) continue;
    const s = prefixStrength(p) * u.weight;
    if (s > 0) m.cpv.push({ code: u.code, where: u.where });
    cpvScore = Math.max(cpvScore, s) + (cpvScore > 0 ? 0.05 : 0);
  }
  let wordScore = 0;
  const fields: [string, PhraseKey, number][] = [
    [texts.title, 'whereTitle', 0.8],
    [texts.object, 'whereObject', 0.55],
    [texts.lots, 'whereLots', 0.55],
  ];
  const seen = new Set<string>();
  for (const kw of keywords) {
    for (const [text, where, w] of fields) {
      if (!text || findKeyword(text, kw) < 0) continue;
      const k = fold(kw);
      if (!seen.has(k)) {
        seen.add(k);
        m.words.push({ word: kw, where });
        // Longer, multi-word keywords are more specific than a single short word.
        const specificity = k.includes(' ') ? 1.15 : k.length >= 7 ? 1 : 0.85;
        wordScore = Math.max(wordScore, w * specificity) + (wordScore > 0 ? 0.1 : 0);
      }
      break;
    }
  }
  // The CPV code is the buyer's own classification: words alone weigh less when it points elsewhere.
  const contradicted = cpvFirst && cpvScore === 0 && cpvPrefixes.length > 0 && r.tender.cpv.length > 0;
  const inTitle = m.words.some((w) => w.where === 'whereTitle');
  m.score = Math.min(1.5, cpvScore + wordScore * (cpvScore > 0 ? 0.5 : contradicted ? (inTitle ? 0.9 : 0.6) : 1));
  return m;
}

function explainMatch(lang: Lang, m: Match): string[] {
  const why: string[] = [];
  for (const c of m.cpv.slice(0, 2)) why.push(phrase(lang, 'themeCpv', { code: c.code, where: phrase(lang, c.where) }));
  const byWhere = new Map<PhraseKey, string[]>();
  for (const w of m.words) byWhere.set(w.where, [...(byWhere.get(w.where) ?? []), w.word]);
  for (const [where, words] of byWhere) why.push(phrase(lang, 'themeWords', { words: words.slice(0, 3).join(', '), where: phrase(lang, where) }));
  return why;
}

/** Themes of a tender, strongest first; none when nothing specific fits. */
export function rankThemes(kb: Kb, r: Reading, lang: Lang = 'fr', texts: Texts = textsOf(r)): ThemeAdvice[] {
  return kb.themes
    .map((t: Theme) => ({ t, m: matchProfile(r, texts, t.cpvPrefixes, t.keywords) }))
    .filter(({ m }) => m.score >= THEME_MIN)
    .sort((a, b) => b.m.score - a.m.score)
    .map(({ t, m }) => ({ id: t.id, label: lang === 'en' ? t.label.en : t.label.fr, score: round(m.score), why: explainMatch(lang, m) }));
}

/** Sectors where ESS structures are established that this purchase belongs to. */
export function rankSectors(kb: Kb, r: Reading, lang: Lang = 'fr', texts: Texts = textsOf(r)): (SectorAdvice & { sector: Sector; evidenceCpv: boolean })[] {
  return kb.sectors
    .map((s) => ({ s, m: matchProfile(r, texts, s.cpvPrefixes, s.keywords, true) }))
    .filter(({ m }) => m.score >= 0.5)
    .sort((a, b) => b.m.score - a.m.score)
    .map(({ s, m }) => {
      const ev = m.cpv[0] ? phrase(lang, 'sectorCpv', { code: m.cpv[0].code }) : phrase(lang, 'sectorWords', { words: m.words.slice(0, 2).map((w) => w.word).join(', ') });
      return { id: s.id, label: lang === 'en' ? s.label.en : s.label.fr, score: round(m.score), why: ev, sector: s, evidenceCpv: m.cpv.length > 0 };
    });
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Declared signal → the lever it already puts in place. */
const SIGNAL_LEVER: Partial<Record<SignalId, ProcurementLeverId>> = {
  'reserve-handicap': 'reserve-handicap',
  'reserve-siae': 'reserve-siae',
  'reserve-ess': 'reserve-ess',
  'clause-insertion': 'clause-insertion',
  'critere-social': 'critere-social',
  'label-equitable': 'label-equitable',
  allotissement: 'allotissement',
};

const INSERTION_OBJECT = ['insertion professionnelle', 'insertion sociale et professionnelle', 'insertion socioprofessionnelle', 'qualification professionnelle', 'chantier d insertion', 'chantiers d insertion', 'mise a disposition de personnel en insertion', 'personnes eloignees de l emploi', 'retour a l emploi'];

/**
 * Advises on a reading: themes, sectors, the ladder rung, levers with reasons, fiches, actors and links.
 * Never throws: a reading with nothing in it gets an empty, honest answer.
 */
export function advise(kb: Kb, r: Reading, options: AdviseOptions = {}): Advice {
  const lang: Lang = options.lang === 'en' ? 'en' : 'fr';
  const role: Role = ROLES.includes(options.role as Role) ? (options.role as Role) : 'acheteur';
  const P = (k: PhraseKey, v?: Record<string, string | number>) => phrase(lang, k, v);
  const t = r.tender;
  const texts = textsOf(r);
  const themes = rankThemes(kb, r, lang, texts);
  const sectors = rankSectors(kb, r, lang, texts);
  const declared = new Map<ProcurementLeverId, string>();
  for (const s of r.signals) {
    const l = SIGNAL_LEVER[s.id];
    if (l && !declared.has(l)) declared.set(l, s.evidence);
  }
  const notReserved = r.signals.some((s) => s.id === 'not-reserved');
  const value = t.estimatedValue;
  const valueText = value ? ` (${euros(value)} HT)` : '';
  const works = t.nature === 'travaux' || t.cpv.some((c) => c.startsWith('45'));
  const lotCount = t.lots.length;
  const hasLots = lotCount > 1 || declared.has('allotissement');
  const divisions = new Set(t.cpv.map((c) => c.slice(0, 2)));
  const insertionObject = INSERTION_OBJECT.some((k) => findKeyword(`${texts.title} ${texts.object}`, k) >= 0);

  const cand = new Map<ProcurementLeverId, { score: number; why: string }>();
  const propose = (id: ProcurementLeverId, score: number, why: string) => {
    const prev = cand.get(id);
    if (!prev || prev.score < score) cand.set(id, { score, why });
  };

  const top = sectors[0];
  const sectorLabel = (s: { label: string; why: string }) => `${s.label.toLowerCase()}, ${s.why}`;
  for (const [i, s] of sectors.slice(0, 3).entries()) {
    const strength = Math.min(1, s.score) * (i === 0 ? 1 : 0.85);
    s.sector.levers.forEach((lever, rank) => {
      const base = strength * (0.9 - rank * 0.06);
      if (lever === 'reserve-handicap' && s.sector.structures.includes('esat-ea')) propose(lever, base, P('reserveHandicap', { sector: sectorLabel(s) }));
      else if (lever === 'reserve-siae' && s.sector.structures.includes('siae')) propose(lever, base, P('reserveSiae', { sector: sectorLabel(s) }));
      else if (lever === 'clause-insertion') propose(lever, base, P('clauseLabour', { sector: sectorLabel(s) }));
      else if (lever === 'label-equitable' && s.evidenceCpv) propose(lever, base * 0.8, P('label'));
      else if (lever === 'critere-social') propose(lever, base * 0.8, P('criterion'));
      else if (lever === 'allotissement' && !hasLots) propose(lever, base * 0.8, P('lotReserve'));
      else if (lever === 'reserve-ess') propose(lever, base * 0.9, P('reserveEss', { code: s.why }));
      else if (lever === 'groupement') propose(lever, base * 0.7, P('groupementLarge', { value: valueText }));
      else if (lever === 'plan-de-progres') propose(lever, base * 0.6, P('planProgres'));
      else if (lever === 'sourcing') propose(lever, base * 0.6, P('sourcing'));
    });
    // Wherever SIAE or ESAT/EA work, an insertion clause is the fallback rung of the ladder, listed or not.
    if (s.sector.structures.includes('siae') || s.sector.structures.includes('esat-ea')) propose('clause-insertion', strength * 0.6, P('clauseLabour', { sector: sectorLabel(s) }));
  }

  if (insertionObject) {
    propose('reserve-siae', 0.9, P('reserveSiaeObject'));
    propose('clause-insertion', 0.85, P('clauseObject'));
  }

  // Services the code lets a buyer reserve to ESS enterprises (L2113-15): read from the lever's own CPV list.
  const ess = kb.lever('reserve-ess');
  if (ess) {
    for (const u of cpvUses(r)) {
      const p = bestPrefix(u.code, ess.whenItFits.cpvPrefixes);
      if (p && p.length >= 5) {
        propose('reserve-ess', 0.8 * u.weight + 0.1, P('reserveEss', { code: u.code }));
        break;
      }
    }
  }

  if (works) {
    propose('clause-insertion', value && value >= LARGE_WORKS ? 0.85 : 0.7, P('clauseWorks', { value: valueText }));
    if (!hasLots) propose('allotissement', value && value >= LARGE_WORKS ? 0.8 : 0.62, P('lotsWorks', { value: valueText }));
  } else if (!hasLots && divisions.size >= 3) {
    propose('allotissement', 0.45, P('lotsMulti', { n: divisions.size }));
  }

  // Labels certify goods (food, drinks, textiles): they fit a supply whose CPV or title names such goods.
  const labelLever = kb.lever('label-equitable');
  if (labelLever && !works) {
    const m = matchProfile(r, { ...texts, object: '', lots: '' }, labelLever.whenItFits.cpvPrefixes, labelLever.whenItFits.keywords, true);
    // With CPV codes given, one of them must be labelled goods; free text relies on the words.
    if (m.score >= 0.6 && (m.cpv.length > 0 || r.tender.cpv.length === 0)) propose('label-equitable', 0.45 + 0.3 * Math.min(1, m.score), P('label'));
  }

  if (value !== undefined && value > 0 && value < NO_PUBLICITY_THRESHOLD) propose('marche-sans-publicite', 0.9, P('smallValue', { value: euros(value), threshold: euros(NO_PUBLICITY_THRESHOLD) }));
  if (/\b(innovant|innovante|innovation|experimentation|experimental)\b/.test(`${texts.title} ${texts.object}`)) propose('achat-innovant', 0.5, P('innovant'));

  // The facilitator serves the clause: never ranked above it.
  const clauseScore = declared.has('clause-insertion') ? 1 : (cand.get('clause-insertion')?.score ?? 0);
  if (clauseScore) propose('facilitateur', Math.min(0.4, clauseScore - 0.05), P('facilitator'));
  if (top) {
    propose('sourcing', 0.38, P('sourcing'));
    propose('critere-social', 0.35, P('criterion'));
  }
  if ((value && value >= LARGE_CONTRACT) || lotCount >= 3) propose('groupement', role === 'structure' ? 0.6 : 0.4, lotCount >= 3 ? P('groupementLots', { n: lotCount }) : P('groupementLarge', { value: valueText }));
  if (role === 'acheteur' && cand.size) propose('spaser', 0.15, P('spaser'));

  // What the notice already declares goes first: confirm it rather than suggest it as missing.
  for (const [id, evidence] of declared) {
    const why =
      id === 'allotissement' ? P('declaredLots', { n: lotCount || '✓' }) : id === 'clause-insertion' ? `${P('declared', { evidence: clip(evidence) })} ${P('clauseAlready')}` : id === 'critere-social' ? `${P('declared', { evidence: clip(evidence) })} ${P('criterionAlready')}` : P('declared', { evidence: clip(evidence) });
    cand.set(id, { score: 1.2, why });
  }
  // Once the notice reserves the contract, other kinds of reservation are no longer the next step.
  const reservedAlready = (['reserve-handicap', 'reserve-siae', 'reserve-ess'] as const).some((id) => declared.has(id));
  if (reservedAlready) for (const id of ['reserve-handicap', 'reserve-siae', 'reserve-ess'] as const) if (!declared.has(id) && cand.has(id)) cand.get(id)!.score *= 0.7;
  // A notice that says it is not reserved stays open: do not push a reservation as the first step.
  if (notReserved) for (const id of ['reserve-handicap', 'reserve-siae', 'reserve-ess'] as const) if (!declared.has(id) && cand.has(id)) cand.get(id)!.score *= 0.85;

  const levers: LeverAdvice[] = [...cand.entries()]
    .filter(([, c]) => c.score >= 0.3 || declared.size === 0)
    .sort((a, b) => b[1].score - a[1].score)
    .map(([id, c]) => {
      const l = kb.lever(id);
      return {
        id,
        label: l ? (lang === 'en' ? l.label.en : l.label.fr) : id,
        status: declared.has(id) ? ('declared' as const) : ('suggested' as const),
        score: round(c.score),
        why: c.why,
        wording: role === 'acheteur' || role === 'elu' ? l?.wording : undefined,
        how: l ? (role === 'structure' ? l.structure : l.buyer).slice(0, 3) : [],
      };
    });

  const ladder = ladderOf(levers, P);
  const fiches = ficheAdvice(kb, levers, themes, lang);
  const actors = actorAdvice(kb, r, levers, themes, sectors, options, lang);
  const links = linkAdvice(kb, r, sectors, options, lang);
  const bid = role === 'structure' ? bidAdvice(r, declared, notReserved, levers, options.today, P) : [];
  return { role, lang, themes, sectors: sectors.map(({ sector: _s, evidenceCpv: _e, ...rest }) => rest), ladder, levers, fiches, actors, links, bid };
}

function clip(s: string, n = 160): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

function ladderOf(levers: LeverAdvice[], P: (k: PhraseKey, v?: Record<string, string | number>) => string): { rung: Rung; why: string } {
  const pick = (ids: string[], minScore: number) => levers.find((l) => ids.includes(l.id) && l.score >= minScore);
  const steps: [Rung, string[], PhraseKey][] = [
    ['reserve', ['reserve-handicap', 'reserve-siae', 'reserve-ess'], 'ladderReserve'],
    ['lot', ['allotissement'], 'ladderLot'],
    ['clause', ['clause-insertion'], 'ladderClause'],
    ['criterion', ['critere-social'], 'ladderCriterion'],
  ];
  for (const [rung, ids, key] of steps) {
    const l = pick(ids, 0.6);
    if (l) return { rung, why: l.status === 'declared' ? `${P(key, { why: l.why })} ${P('ladderDeclared')}` : P(key, { why: l.why }) };
  }
  const crit = pick(['critere-social'], 0.3);
  if (crit && levers.some((l) => l.id === 'sourcing')) return { rung: 'criterion', why: P('ladderCriterion', { why: crit.why }) };
  return { rung: 'none', why: P('ladderNone') };
}

function ficheAdvice(kb: Kb, levers: LeverAdvice[], themes: ThemeAdvice[], lang: Lang): FicheAdvice[] {
  const out: FicheAdvice[] = [];
  const add = (id: string, why: string) => {
    const f = kb.fiche(id);
    if (f && !out.some((o) => o.id === id)) out.push({ id, title: f.title, why });
  };
  // Complete fiches first; a title-only fiche is still listed, it says so itself.
  const complete = (ids: string[]) => [...ids].sort((a, b) => Number(kb.fiche(b)?.status === 'complete') - Number(kb.fiche(a)?.status === 'complete'));
  if (levers.length) for (const id of ['municipal-2026-8', 'regional-2021-11']) add(id, phrase(lang, 'ficheCore'));
  for (const th of themes.slice(0, 2)) for (const id of complete(kb.theme(th.id)?.fiches ?? [])) add(id, phrase(lang, 'ficheTheme', { theme: th.label }));
  for (const l of levers.slice(0, 5)) for (const id of complete(kb.lever(l.id)?.fiches ?? []).slice(0, 2)) add(id, phrase(lang, 'ficheLever', { lever: l.label }));
  return out.slice(0, 8);
}

function actorAdvice(kb: Kb, r: Reading, levers: LeverAdvice[], themes: ThemeAdvice[], sectors: SectorAdvice[], o: AdviseOptions, lang: Lang): ActorAdvice[] {
  const place = placeOf(r, o);
  // Splitting into lots, joint bids and the SPASER concern every purchase: they do not make an actor relevant.
  const GENERIC = new Set(['allotissement', 'groupement', 'spaser', 'marche-sans-publicite']);
  const leverIds = new Set(levers.slice(0, 6).filter((l) => l.score >= 0.45 && !GENERIC.has(l.id)).map((l) => l.id));
  const themeIds = new Set(themes.map((t) => t.id));
  const scored: { a: (typeof kb.actors)[number]; score: number; why: string }[] = [];
  const leverLabel = (id: string) => {
    const l = kb.lever(id);
    return l ? (lang === 'en' ? l.label.en : l.label.fr) : id;
  };
  const themeLabel = (id: string) => {
    const th = kb.theme(id);
    return th ? (lang === 'en' ? th.label.en : th.label.fr) : id.replace(/-/g, ' ');
  };
  for (const a of kb.actors) {
    let score = 0;
    let why = '';
    const sharedLevers = a.levers.filter((l) => leverIds.has(l as ProcurementLeverId));
    const sharedThemes = a.topics.filter((t) => themeIds.has(t));
    if (a.kind === 'cress') {
      if (place.region && a.region === place.region) {
        score = 3;
        why = phrase(lang, 'actorCress');
      } else continue;
    } else if (a.scope === 'national') {
      if (!sharedLevers.length && !sharedThemes.length) continue;
      score = 0.5 * sharedLevers.length + 0.6 * sharedThemes.length;
      why = sharedLevers.length ? phrase(lang, 'actorLever', { levers: sharedLevers.map(leverLabel).join(', ') }) : phrase(lang, 'actorTopic', { topics: sharedThemes.map(themeLabel).join(', ') });
    } else {
      const near = (place.commune && a.commune === place.commune) || (place.departement && a.departement === place.departement) || (place.region && a.region === place.region && a.scope === 'region');
      // A nearby example is shown for what it shares with this purchase, not for being nearby alone.
      if (!near || (!sharedLevers.length && !sharedThemes.length)) continue;
      const placeName = (a.commune && o.placeName?.('commune', a.commune)) || (a.departement && o.placeName?.('departement', a.departement)) || (a.region && o.placeName?.('region', a.region)) || a.commune || a.departement || a.region || '';
      score = 1.5 + 0.4 * sharedLevers.length + 0.4 * sharedThemes.length;
      why = `${phrase(lang, 'actorTerritory', { place: placeName })} ${sharedLevers.length ? phrase(lang, 'actorLever', { levers: sharedLevers.map(leverLabel).join(', ') }) : phrase(lang, 'actorTopic', { topics: sharedThemes.map(themeLabel).join(', ') })}`;
    }
    scored.push({ a, score, why });
  }
  void sectors;
  return scored
    .sort((x, y) => y.score - x.score)
    .slice(0, 8)
    .map(({ a, why }) => ({ id: a.id, name: a.name, kind: a.kind, scope: a.scope, why, ...(a.website ? { website: a.website } : {}) }));
}

/** The buyer's place from the notice; the user's own territory where the notice says nothing. */
function placeOf(r: Reading, o: AdviseOptions): { region?: string; departement?: string; commune?: string } {
  const read = r.tender.buyerTerritory ?? {};
  const place = read.departement || read.region || read.commune ? { ...read } : { ...(o.territory ?? {}) };
  if (!place.region && place.departement) place.region = o.regionOf?.(place.departement);
  return place;
}

function linkAdvice(kb: Kb, r: Reading, sectors: SectorAdvice[], o: AdviseOptions, lang: Lang): LinkAdvice[] {
  const links: LinkAdvice[] = [];
  const place = placeOf(r, o);
  const top = sectors[0] ? kb.sector(sectors[0].id) : undefined;
  const inclusive = top && (top.structures.includes('siae') || top.structures.includes('esat-ea'));
  if (inclusive || sectors.length) {
    const url = new URL('https://lemarche.inclusion.gouv.fr/prestataires/');
    for (const slug of top?.marcheSlugs.slice(0, 3) ?? []) url.searchParams.append('sectors', slug);
    const deptName = place.departement ? o.placeName?.('departement', place.departement) : undefined;
    links.push({
      label: phrase(lang, 'linkMarche', { sector: top ? `— ${sectors[0]!.label.toLowerCase()}` : '', place: deptName ? ` (${deptName})` : '' }),
      url: url.toString(),
      why: phrase(lang, 'linkMarcheWhy'),
    });
  }
  if (sectors.some((s) => /dechet|reemploi|recycl|circulaire/.test(fold(s.id + ' ' + s.label)))) {
    links.push({ label: phrase(lang, 'linkCarteco'), url: 'https://carteco-ess.org/', why: phrase(lang, 'linkCartecoWhy') });
  }
  const id = r.tender.boampId;
  if (id && /^\d{2}-\d{1,7}$/.test(id)) links.push({ label: phrase(lang, 'linkBoamp'), url: `https://www.boamp.fr/pages/avis/?q=idweb:${id}`, why: phrase(lang, 'linkBoampWhy', { id }) });
  return links;
}

function bidAdvice(r: Reading, declared: Map<ProcurementLeverId, string>, notReserved: boolean, levers: LeverAdvice[], today: string | undefined, P: (k: PhraseKey, v?: Record<string, string | number>) => string): string[] {
  const out: string[] = [];
  const kinds: string[] = [];
  if (declared.has('reserve-handicap')) kinds.push(P('kindHandicap'));
  if (declared.has('reserve-siae')) kinds.push(P('kindSiae'));
  if (declared.has('reserve-ess')) kinds.push(P('kindEss'));
  if (kinds.length) out.push(P('structReserved', { kind: kinds.join(', ') }));
  else if (notReserved) out.push(P('structNotReserved'));
  if (r.tender.lots.length > 1) out.push(P('structLots', { n: r.tender.lots.length }));
  if (declared.has('clause-insertion') || levers.some((l) => l.id === 'clause-insertion' && l.score >= 0.6)) out.push(P('structClause'));
  if (levers.some((l) => l.id === 'groupement') || r.tender.lots.length > 2) out.push(P('structGroup'));
  const d = r.tender.deadline;
  if (d) {
    const now = today ?? new Date().toISOString();
    out.push(d.slice(0, 10) < now.slice(0, 10) ? P('structDeadlinePast', { date: frDate(d) }) : P('structDeadline', { date: frDate(d) }));
  }
  return out;
}

function frDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` ${m[4]}h${m[5]}` : ''}`;
}
