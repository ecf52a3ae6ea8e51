import type { Actor, Kb, Lever, LeverTrigger, Sector, Theme } from '../kb/index';
import type { Reading } from '../read/types';
import type { ProcurementLeverId, Role } from '../kb/vocabulary';
import { euros, findKeyword, fold } from '../text';
import { phrase, type Lang, type PhraseKey } from './phrases';
import { natureOf, readFacts, textsOf, type Facts, type SectorMatch, type Texts } from './facts';
import { socialDuty, type ObligationAdvice } from './obligation';
import { BUYER_KINDS, buyerKind, type BuyerKind } from './buyer-kind';

export type { Lang } from './phrases';
export type { ObligationAdvice } from './obligation';
export { buyerKind, BUYER_KINDS, type BuyerKind } from './buyer-kind';

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
  /** Today, for deadlines and for the legal duties in force (ISO date); defaults to the clock. */
  today?: string;
  /** Date the notice was published (ISO), when the caller knows it better than the reading. */
  published?: string;
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

/** How much a suggestion is worth for this purchase: fort (do it), possible (check first), faible (an option). */
export type Strength = 'fort' | 'possible' | 'faible';

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
  /** Strength of the suggestion (the word stays French in both languages: it is the vocabulary of the panel). */
  strength: Strength;
  /** Why this strength: the evidence, the size of the purchase, what Essor knows of local structures. */
  reason: string;
  /** Rung of the ladder reserve → lot → clause → criterion, from data/levers.json (`other` off the ladder). */
  rung: Lever['rung'];
}

export type Rung = 'reserve' | 'lot' | 'clause' | 'criterion' | 'none';

/** Why a lever is not suggested although the purchase's sector or words could call for it. */
export interface WhyNotAdvice {
  /** The levers withheld (reservations, for now). */
  levers: ProcurementLeverId[];
  /** The field that rules them out: goods, it, intellectual, transport, energy, artistic, health. */
  field: string;
  /** The reason, in the language asked. */
  text: string;
}

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
  /** Why no reservation (or no lever) is suggested where one might be expected; empty when nothing is withheld. */
  whyNot: WhyNotAdvice[];
  /** A legal duty the notice seems not to meet (for the buyer) or an opening it makes (for an ESS structure). */
  obligation?: ObligationAdvice;
}

const THEME_MIN = 0.5;
const NO_PUBLICITY_THRESHOLD = 40_000;
const LARGE_WORKS = 500_000;
const LARGE_CONTRACT = 1_000_000;
// Above this, most ESAT/EA or SIAE cannot carry a whole contract alone: reserve a lot instead.
const RESERVE_CAPACITY = 1_000_000;
const ROLES: Role[] = ['acheteur', 'structure', 'elu', 'citoyen'];
const RUNG_ORDER: Exclude<Rung, 'none'>[] = ['reserve', 'lot', 'clause', 'criterion'];

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

// A 2-digit division is broad evidence; a group or class is specific, a category more so.
const prefixStrength = (p: string) => (p.length >= 5 ? 1.05 : p.length === 4 ? 1 : p.length === 3 ? 0.85 : 0.7);

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

// Architecture, engineering, inspection (CPV division 71) and the services that name themselves so.
const CONSTRUCTION_SERVICE = /^(?:(?:mission|missions|marche|marches|accord[- ]cadre|prestations?)\s+(?:de\s+|d\s+|relatifs?\s+a\s+(?:la\s+|une\s+)?|pour\s+(?:la\s+|une\s+)?|a\s+bons\s+de\s+commande\s+(?:de\s+|pour\s+)?)*)?(?:maitrise\s+d\s+oeuvre|(?:conseil\s+et\s+d\s+)?assistance\s+a\s+maitrise\s+d\s+ouvrage|coordination\s+(?:securite|sps|en\s+matiere\s+de\s+securite)|coordination\s+csps|csps|controle\s+technique|ordonnancement|opc\b|etudes?\s+et\s+de\s+maitrise\s+d\s+oeuvre)/;

// Buildings and sites a field's words may name: where the work is done, not what it is.
const BUILDING = /\b(?:batiments?|locaux|zones?|parcs?|terrains?|musees?|mediatheques?|bibliotheques?|theatres?|cinemas?|salles?|gymnases?|stades?|piscines?|patinoires?|centres?|espaces?|complexes?|equipements?|aires?|creches?|micro-creches?|multi-accueil|halte-garderie|ehpad|residences?|ecoles?|colleges?|lycees?|cantines?|restaurants?|cuisines?|conservatoires?|operas?|zenith|offices?|gites?|campings?|maisons?|mjc|logements?|hlm|foyers?)\b/;

// Insurance and financial services cover the buyer whatever it does: "Assurances du Syndicat départemental
// d'énergies" buys no energy.
const COVER_SERVICE = /^(?:(?:marche|marches|accord[- ]cadre|prestations?|contrats?|services?)\s+(?:de\s+|d\s+|des\s+)?)?assurances?\b/;

const EQUIPMENT_SERVICE = /^(?:(?:marche|marches|accord[- ]cadre|prestations?|contrats?)\s+(?:de\s+|d\s+)?)?(?:maintenance|reparation|verification|entretien\s+courant(?:\s+\w+)?\s+et\s+depannage|entretien\s+et\s+maintenance)s?\s+(?:preventive\s+(?:et\s+corrective\s+)?)?(?:des|du|de\s+l|de|d)\s+(?:materiels?|equipements?|installations?|machines?|appareils?|engins?|systemes?|chaudieres?|bruleurs?|ascenseurs?|extincteurs?|climatiseurs?|pompes? a chaleur)\b/;

// Hired with a driver, a vehicle is a transport service.
const WITH_DRIVER = /\bavec (?:leurs? |son |un )?chauffeurs?\b|\btransport (?:regulier |collectif )?de (?:personnes|voyageurs)\b/;
// Vehicles bought, hired or kept serve whatever the buyer does: "Location, assurance et entretien de véhicules
// frigorifiques pour le portage de repas" buys vehicles, not meals. A theme's own codes (buses, bicycles) still count.
const VEHICLES = /^(?:(?:acquisition|achat|fourniture|location|location longue duree|entretien|maintenance|assurance)(?:\s+(?:et|,)?\s*(?:acquisition|achat|fourniture|livraison|location|assurance|entretien|maintenance))*\s+(?:de|d|des|du)\s+)(?:\d+\s+)?(?:vehicules?|camions?|fourgons?|fourgonnettes?|engins?|poids lourds?)\b/;

/**
 * A service to a construction (its theme: its CPV code's, or what its title says of the work) or a cover of the
 * buyer (its CPV code's only); undefined for any other purchase.
 */
function serviceTo(r: Reading, texts: Texts): 'construction' | 'cover' | undefined {
  // The first code is the main one wherever a source tells them apart.
  const first = r.tender.cpv[0];
  const head = (texts.title || texts.object.slice(0, 200)).trim();
  // Servicing of machines and installations takes the theme of its CPV code only, not of what the machines serve.
  // Leasing finances a named asset (buses, vehicles): its field is the asset's, not a cover of the buyer.
  if ((first?.startsWith('66') && !/\bcredit[- ]bail\b|\blocation financiere\b|\bleasing\b/.test(head)) || COVER_SERVICE.test(head) || EQUIPMENT_SERVICE.test(head) || (VEHICLES.test(head) && !WITH_DRIVER.test(head))) return 'cover';
  if (first?.startsWith('71') || CONSTRUCTION_SERVICE.test(head)) return 'construction';
  return undefined;
}

// A place with what qualifies it: "equipements sportifs", "terrains de sport", "zone d activite economique".
const PLACE_PHRASE = new RegExp(`${BUILDING.source}(?: (?:de la|de l|des|du|de|d))? [a-z0-9-]+`, 'g');
const withoutPlaces = (folded: string) => folded.replace(PLACE_PHRASE, ' ');

/** Distinct words of a list, a plural or a longer phrase of the same word counting once ("musée", "musées"). */
function families(words: string[]): number {
  const stems = [...new Set(words.map((w) => fold(w).replace(/(?:es|s|x)$/, '')))];
  return stems.filter((a) => !stems.some((b) => b !== a && b.length < a.length && a.includes(b))).length;
}

/** Themes of a tender, strongest first; none when nothing specific fits. */
export function rankThemes(kb: Kb, r: Reading, lang: Lang = 'fr', texts: Texts = textsOf(r), trade?: string): ThemeAdvice[] {
  // Cleaning, moving or green-space upkeep done at places: the places' use is where the work is done, not what is
  // bought ("Entretien des espaces verts et équipements sportifs", "… de la zone d'activité"): neither the places nor
  // what qualifies them count there. Landscaping works stay works on a facility.
  const cleaningOrMoving = trade === 'proprete-nettoyage' || trade === 'demenagement-logistique';
  const atPlaces = cleaningOrMoving || (trade === 'espaces-verts-naturels' && natureOf(r) !== 'travaux');
  // A free text with no title opens with what it buys, like a title.
  const head = texts.title ? '' : texts.object.slice(0, 200);
  // Design, supervision and safety services of a construction serve the building, whatever it houses: a project
  // manager for a canteen or a museum buys no food or culture. Only the theme's own CPV codes and what the title
  // says of the work ("réhabilitation thermique") count there, not the building it names.
  const service = serviceTo(r, texts);
  // What a purchase is for is said where it is named: a side service deep in the description ("… ainsi que la
  // formation des personnels utilisateurs") does not make it the buyer's staff matter.
  const named = `${texts.title} ${texts.object.slice(0, 400)}`;
  const placesOut = atPlaces ? { title: withoutPlaces(texts.title), object: withoutPlaces(texts.object), lots: withoutPlaces(texts.lots) } : texts;
  return kb.themes
    .filter((t) => !t.notFor?.some((w) => findKeyword(named, w) >= 0))
    .map((t: Theme) => ({ t, m: atPlaces ? matchProfile(r, placesOut, t.cpvPrefixes, t.keywords.filter((k) => !BUILDING.test(fold(k)))) : matchProfile(r, texts, t.cpvPrefixes, t.keywords) }))
    // One word of the description alone names a place or a public of the purchase ("nettoyage … de la piscine",
    // "véhicules de tourisme"), not its field: a theme needs a CPV code, the title, or two words of its field.
    .filter(({ m }) => m.score >= THEME_MIN && (service === 'cover' ? m.cpv.length > 0 : service === 'construction' ? m.cpv.length > 0 || m.words.some((w) => (w.where === 'whereTitle' || (head && findKeyword(head, w.word) >= 0)) && !BUILDING.test(fold(w.word))) : m.cpv.length > 0 || families(m.words.map((w) => w.word)) >= 2 || m.words.some((w) => w.where === 'whereTitle' || (head && findKeyword(head, w.word) >= 0))))
    // Cleaning and moving serve whatever the places house ("ménage scolaire et petite enfance", "bâtiments
    // sportifs"): the one field of their own is the waste they handle (bins, waste containers), or a theme's code.
    .filter(({ t, m }) => !cleaningOrMoving || m.cpv.length > 0 || t.id === 'dechets-economie-circulaire')
    .sort((a, b) => b.m.score - a.m.score)
    .map(({ t, m }) => ({ id: t.id, label: lang === 'en' ? t.label.en : t.label.fr, score: round(m.score), why: explainMatch(lang, m) }));
}

/** Sectors where ESS structures are established that this purchase belongs to (trades bought under its nature). */
export function rankSectors(kb: Kb, r: Reading, lang: Lang = 'fr', texts: Texts = textsOf(r)): (SectorAdvice & { sector: Sector; evidenceCpv: boolean; inTitle: boolean })[] {
  const nature = natureOf(r);
  return kb.sectors
    .filter((s) => !nature || s.natures.includes(nature))
    .map((s) => ({ s, m: matchProfile(r, texts, s.cpvPrefixes, s.keywords, true) }))
    .filter(({ s, m }) => m.score >= 0.5 && !(m.words.length === 0 && s.notFor?.some((w) => findKeyword(`${texts.title} ${texts.object} ${texts.lots}`, w) >= 0)))
    .sort((a, b) => b.m.score - a.m.score)
    .map(({ s, m }) => {
      const ev = m.cpv[0] ? phrase(lang, 'sectorCpv', { code: m.cpv[0].code }) : phrase(lang, 'sectorWords', { words: m.words.slice(0, 2).map((w) => w.word).join(', ') });
      return { id: s.id, label: lang === 'en' ? s.label.en : s.label.fr, score: round(m.score), why: ev, sector: s, evidenceCpv: m.cpv.length > 0, inTitle: m.words.some((w) => w.where === 'whereTitle') };
    });
}

const round = (n: number) => Math.round(n * 100) / 100;
type P = (k: PhraseKey, v?: Record<string, string | number>) => string;

/** What a trigger's fact gives for this purchase: its strength (0 when it does not hold) and the reason's values. */
function evalTrigger(trigger: LeverTrigger, lever: ProcurementLeverId, f: Facts, ctx: { kb: Kb; scores: Map<ProcurementLeverId, number>; role: Role; valueText: string; P: P }): { strength: number; values: Record<string, string | number> } {
  const none = { strength: 0, values: {} };
  const sectorText = (s: SectorMatch) => `${s.label.toLowerCase()}, ${s.why}`;
  const v = f.value;
  switch (trigger.fact) {
    case 'sector': {
      // The top three sectors vote for the levers they list, the first one fully; the order of the list matters.
      let best = 0;
      let values: Record<string, string | number> = {};
      f.sectors.slice(0, 3).forEach((s, i) => {
        const rank = s.sector.levers.indexOf(lever);
        if (rank < 0 || (trigger.maxRank !== undefined && rank > trigger.maxRank)) return;
        if (trigger.structure && !s.sector.structures.includes(trigger.structure)) return;
        const score = Math.min(1, s.score) * (i === 0 ? 1 : 0.85) * (1 - rank * 0.03);
        if (score > best) {
          best = score;
          values = { sector: sectorText(s), code: s.why, value: ctx.valueText };
        }
      });
      return { strength: best, values };
    }
    case 'trade-labour': {
      const s = f.sectors.slice(0, 3).find((x) => x.sector.structures.includes('siae') || x.sector.structures.includes('esat-ea'));
      return s ? { strength: Math.min(1, s.score), values: { sector: sectorText(s) } } : none;
    }
    case 'trade-any':
      return f.sectors[0] ? { strength: 1, values: {} } : none;
    case 'insertion-object':
      return f.insertionObject ? { strength: 1, values: {} } : none;
    case 'ess-service':
      return f.essCpv ? { strength: f.essCpv.weight, values: { code: f.essCpv.code } } : none;
    case 'insertion-by-work':
      return f.insertionByWork ? { strength: 1, values: {} } : none;
    case 'works':
      return f.works ? { strength: 1, values: { value: ctx.valueText } } : none;
    case 'works-large':
      return f.works && v !== undefined && v >= LARGE_WORKS ? { strength: 1, values: { value: ctx.valueText } } : none;
    case 'works-unlotted':
      return f.works && !f.hasLots ? { strength: 1, values: { value: ctx.valueText } } : none;
    case 'works-large-unlotted':
      return f.works && !f.hasLots && v !== undefined && v >= LARGE_WORKS ? { strength: 1, values: { value: ctx.valueText } } : none;
    case 'multi-division':
      return !f.works && !f.hasLots && f.divisions >= 3 ? { strength: 1, values: { n: f.divisions } } : none;
    case 'labelled-goods':
      return f.labelledGoods > 0 ? { strength: f.labelledGoods, values: {} } : none;
    case 'small-value':
      return v !== undefined && v > 0 && v < NO_PUBLICITY_THRESHOLD ? { strength: 1, values: { value: euros(v), threshold: euros(NO_PUBLICITY_THRESHOLD) } } : none;
    case 'innovative':
      return f.innovative ? { strength: 1, values: {} } : none;
    case 'large-or-lots':
      return (v !== undefined && v >= LARGE_CONTRACT) || f.lotCount >= 3 ? { strength: 1, values: { value: ctx.valueText, n: f.lotCount } } : none;
    case 'social-duty':
      return f.socialDuty ? { strength: 1, values: {} } : none;
    case 'labour-unlotted-large':
      // Many sites call for lots first; a value alone for a lot among the reservations, which stay first.
      return f.largeUnlotted ? { strength: f.largeUnlotted.sites ? 1 : 0.85, values: { where: f.largeUnlotted.where } } : none;
    case 'lever': {
      const served = trigger.lever as ProcurementLeverId | undefined;
      const s = served ? (f.declared.has(served) ? 1 : (ctx.scores.get(served) ?? 0)) : 0;
      return s > 0 ? { strength: Math.max(0, s - (trigger.below ?? 0)), values: {} } : none;
    }
    case 'lever-words': {
      // The lever's own phrases (data/levers.json whenItFits.keywords) in the title; single words are too loose.
      const l = ctx.kb.lever(lever);
      const head = f.texts.title || f.texts.object.slice(0, 200);
      const hit = l?.whenItFits.keywords.find((k) => k.includes(' ') && findKeyword(head, k) >= 0);
      return hit ? { strength: 1, values: { words: hit } } : none;
    }
    case 'any-lever':
      return ctx.scores.size ? { strength: 1, values: {} } : none;
    default:
      return none;
  }
}

/** Facts named in `unless` and `damp` that hold for this purchase. */
function holds(fact: string, f: Facts): boolean {
  if (fact === 'has-lots') return f.hasLots;
  if (fact === 'works') return f.works;
  if (fact === 'reserved-already') return (['reserve-handicap', 'reserve-siae', 'reserve-ess'] as const).some((id) => f.declared.has(id));
  if (fact === 'not-reserved') return f.notReserved;
  if (fact === 'insertion-by-work') return f.insertionByWork;
  if (fact === 'insertion-support') return f.insertionSupport;
  if (fact === 'published') return f.published;
  if (fact === 'labour-unlotted-large') return f.largeUnlotted?.sites === true;
  return f.blocked.some((b) => b.id === fact);
}

interface Candidate {
  score: number;
  why: string;
  trigger: LeverTrigger;
  values: Record<string, string | number>;
}

/**
 * The ranking engine: every lever's rule (data/levers.json) is tried on the facts; the best trigger gives the score
 * and the reason, `unless` facts withhold it (and say why), `damp` facts lower it. Rules that depend on another
 * lever's score (the facilitator serves the clause) run after the others.
 */
function rankLevers(kb: Kb, f: Facts, role: Role, P: P): { cand: Map<ProcurementLeverId, Candidate>; withheld: Map<string, ProcurementLeverId[]> } {
  const cand = new Map<ProcurementLeverId, Candidate>();
  const withheld = new Map<string, ProcurementLeverId[]>();
  const scores = new Map<ProcurementLeverId, number>();
  const valueText = f.value ? ` (${euros(f.value)} HT)` : '';
  // A knowledge base built before rules existed has levers without one: they are skipped, never a crash.
  const ruled = kb.levers.filter((l) => Array.isArray(l.rule?.when));
  const dependent = (l: Lever) => l.rule.when.some((t) => t.fact === 'lever' || t.fact === 'any-lever');
  const ordered = [...ruled.filter((l) => !dependent(l)), ...ruled.filter(dependent)];
  for (const lever of ordered) {
    const id = lever.id as ProcurementLeverId;
    let best: Candidate | undefined;
    for (const trigger of lever.rule.when) {
      if (trigger.unless?.some((fact) => holds(fact, f))) continue;
      const { strength, values } = evalTrigger(trigger, id, f, { kb, scores, role, valueText, P });
      if (strength <= 0) continue;
      const weight = trigger.roles?.[role] ?? trigger.weight;
      let score = weight * strength;
      if (trigger.max !== undefined) score = Math.min(score, trigger.max);
      if (trigger.fact === 'lever') score = Math.min(score, strength);
      if (score <= 0) continue;
      if (!best || score > best.score) best = { score, why: P(trigger.phrase as PhraseKey, values), trigger, values };
    }
    if (!best) continue;
    const blockers = (lever.rule.unless ?? []).filter((fact) => holds(fact, f));
    if (blockers.length) {
      for (const b of blockers) if (f.blocked.some((x) => x.id === b)) withheld.set(b, [...(withheld.get(b) ?? []), id]);
      continue;
    }
    for (const d of lever.rule.damp ?? []) if (holds(d.fact, f)) best.score *= d.factor;
    cand.set(id, best);
    scores.set(id, best.score);
  }
  return { cand, withheld };
}

/**
 * Advises on a reading: themes, sectors, the ladder rung, levers with reasons and strengths, fiches, actors, links,
 * the legal duty in force and why nothing is suggested where something could be expected.
 * Never throws: a reading with nothing in it gets an empty, honest answer.
 */
export function advise(kb: Kb, r: Reading, options: AdviseOptions = {}): Advice {
  const lang: Lang = options.lang === 'en' ? 'en' : 'fr';
  const role: Role = ROLES.includes(options.role as Role) ? (options.role as Role) : 'acheteur';
  const P: P = (k, v) => phrase(lang, k, v);
  const t = r.tender;
  const texts = textsOf(r);
  const sectors = rankSectors(kb, r, lang, texts);
  const themes = rankThemes(kb, r, lang, texts, sectors[0]?.id);
  const labelScore = labelledGoods(kb, r, texts);
  const facts = readFacts(kb, r, texts, sectors, labelScore);
  facts.largeUnlotted = largeUnlotted(facts, lang);
  const obligation = socialDuty(r, facts, { role, lang, today: options.today, published: options.published });
  facts.socialDuty = !!obligation;

  const { cand, withheld } = rankLevers(kb, facts, role, P);
  const place = placeOf(r, options);
  const placeLabel = place.departement ? (options.placeName?.('departement', place.departement) ?? place.departement) : undefined;

  // What the notice already declares goes first: confirm it rather than suggest it as missing.
  const lotCount = facts.lotCount;
  for (const [id, evidence] of facts.declared) {
    const why =
      id === 'allotissement' ? P('declaredLots', { n: lotCount || '✓' }) : id === 'clause-insertion' ? `${P('declared', { evidence: clip(evidence) })} ${P('clauseAlready')}` : id === 'critere-social' ? `${P('declared', { evidence: clip(evidence) })} ${P('criterionAlready')}` : P('declared', { evidence: clip(evidence) });
    const prev = cand.get(id);
    cand.set(id, { score: 1.2, why, trigger: prev?.trigger ?? { fact: 'declared', weight: 1, phrase: 'declared' }, values: {} });
  }

  const localFacilitators = kb.actors.filter((a) => a.kind === 'facilitator' && ((place.departement && a.departement === place.departement) || (place.region && a.region === place.region)));
  const levers: LeverAdvice[] = [...cand.entries()]
    .filter(([, c]) => c.score >= 0.3 || facts.declared.size === 0)
    .sort((a, b) => b[1].score - a[1].score)
    .map(([id, c]) => {
      const l = kb.lever(id);
      const declared = facts.declared.has(id);
      const { strength, reason } = strengthOf(id, l?.rung ?? 'other', c, declared, facts, { P, placeLabel, facilitators: localFacilitators.map((a) => a.name) });
      return {
        id,
        label: l ? (lang === 'en' ? l.label.en : l.label.fr) : id,
        status: declared ? ('declared' as const) : ('suggested' as const),
        score: round(c.score),
        why: c.why,
        wording: role === 'acheteur' || role === 'elu' ? l?.wording : undefined,
        how: l ? (role === 'structure' ? l.structure : l.buyer).slice(0, 3) : [],
        strength,
        reason,
        rung: l?.rung ?? 'other',
      };
    });

  const whyNot: WhyNotAdvice[] = [];
  for (const hit of facts.blocked) {
    const ids = withheld.get(hit.id) ?? [];
    // Explain every field that rules reservations out, even when no sector called for one: the buyer sees why not.
    // The ESS list is said only when it withheld a reservation the words called for.
    if (hit.id === 'ess-list' && !ids.length) continue;
    const reservations = ids.length ? ids : (['reserve-handicap', 'reserve-siae'] as ProcurementLeverId[]);
    if (whyNot.some((w) => w.field === hit.id)) continue;
    whyNot.push({ levers: [...new Set(reservations)], field: hit.id, text: P(hit.whyNot, { evidence: hit.evidence }) });
  }

  const ladder = ladderOf(levers, P, whyNot, facts);
  const fiches = ficheAdvice(kb, levers, themes, lang);
  const actors = actorAdvice(kb, r, levers, themes, sectors, options, lang);
  const links = linkAdvice(kb, r, sectors, options, lang, !whyNot.length || levers.some((l) => l.rung === 'reserve'));
  const bid = role === 'structure' ? bidAdvice(r, facts.declared, facts.notReserved, levers, options.today, P) : [];
  if (role === 'structure' && obligation) bid.push(obligation.text);
  return { role, lang, themes, sectors: sectors.map(({ sector: _s, evidenceCpv: _e, inTitle: _t, ...rest }) => rest), ladder, levers, fiches, actors, links, bid, whyNot, ...(obligation ? { obligation } : {}) };
}

// Buyers and wordings that say one contract covers many sites: a hospital group, every site of the buyer.
const MANY_SITES = ['groupement hospitalier de territoire', 'groupement hospitalier', 'plusieurs sites', 'différents sites', 'divers sites', 'tous les sites', "l'ensemble des sites", 'ensemble des sites', 'ensemble des bâtiments', 'multi-sites', 'multisites'];

/**
 * A labour-intensive purchase (a trade ESAT/EA or SIAE deliver, nothing ruling a reservation out) bought in one piece
 * that local structures cannot carry whole: above {@link RESERVE_CAPACITY}, or spread over many sites. Returns the
 * evidence shown in the reason, and whether several sites give it (lots then come before the reservations).
 */
function largeUnlotted(f: Facts, lang: Lang): Facts['largeUnlotted'] {
  // The ESS list rules out only the ESS reservation, not the trades of ESAT/EA and SIAE.
  if (f.hasLots || f.works || f.blocked.some((b) => b.id !== 'ess-list')) return undefined;
  const labour = f.sectors[0] && f.sectors[0].score >= 0.7 && (f.sectors[0].sector.structures.includes('siae') || f.sectors[0].sector.structures.includes('esat-ea'));
  if (!labour) return undefined;
  const hit = MANY_SITES.find((w) => findKeyword(`${f.texts.title} ${f.texts.object.slice(0, 600)}`, w) >= 0);
  if (hit) return { where: lang === 'en' ? ` (several sites: “${hit}”)` : ` (plusieurs sites : « ${hit} »)`, sites: true };
  if (f.value !== undefined && f.value > RESERVE_CAPACITY) return { where: ` (${euros(f.value)} HT)`, sites: false };
  return undefined;
}

/** Labels certify goods (food, drinks, textiles): they fit a supply whose CPV or title names such goods. */
function labelledGoods(kb: Kb, r: Reading, texts: Texts): number {
  const labelLever = kb.lever('label-equitable');
  if (!labelLever) return 0;
  const m = matchProfile(r, { ...texts, object: '', lots: '' }, labelLever.whenItFits.cpvPrefixes, labelLever.whenItFits.keywords, true);
  // With CPV codes given, one of them must be labelled goods; free text relies on the words.
  return m.score >= 0.6 && (m.cpv.length > 0 || r.tender.cpv.length === 0) ? 0.6 + 0.4 * Math.min(1, m.score) : 0;
}

// The evidence a trigger rests on, named in a strength's reason.
const REASON_OF_FACT: Partial<Record<string, PhraseKey>> = {
  sector: 'reasonSector',
  'trade-labour': 'reasonSector',
  works: 'reasonWorks',
  'works-large': 'reasonWorks',
  'works-unlotted': 'reasonWorks',
  'works-large-unlotted': 'reasonWorks',
  'insertion-object': 'reasonInsertion',
  'insertion-by-work': 'reasonInsertion',
  'lever-words': 'reasonSector',
  'ess-service': 'reasonSector',
  'social-duty': 'reasonDuty',
  'labelled-goods': 'reasonLabelled',
  'small-value': 'reasonSmall',
  'labour-unlotted-large': 'reasonSector',
  lever: 'reasonServes',
};

/**
 * Strength in the manner of Le Marché de l'inclusion's "potentiel inclusif": how sure the trade is (CPV, title or
 * object words), whether the purchase is a size local structures can carry, and what Essor knows of them.
 */
function strengthOf(id: ProcurementLeverId, rung: Lever['rung'], c: Candidate, declared: boolean, f: Facts, o: { P: P; placeLabel?: string; facilitators: string[] }): { strength: Strength; reason: string } {
  const { P } = o;
  if (declared) return { strength: 'fort', reason: P('reasonDeclared') };
  let level = c.score >= 0.7 ? 2 : c.score >= 0.45 ? 1 : 0;
  const parts: string[] = [];
  if (rung === 'reserve' && c.trigger.fact === 'sector') {
    const top = f.sectors[0];
    if (top?.evidenceCpv) parts.push(P('reasonCpv', { code: top.why }));
    else if (top?.inTitle) parts.push(P('reasonTitle'));
    else {
      parts.push(P('reasonObject'));
      level = Math.min(level, 1);
    }
    const v = f.value;
    if (v !== undefined && v > RESERVE_CAPACITY && !f.hasLots) {
      parts.push(P('reasonSizeLarge', { value: euros(v) }));
      level = Math.min(level, 1);
    } else if (f.largeUnlotted !== undefined) {
      parts.push(P('reasonOnePiece', { where: f.largeUnlotted.where }));
      level = Math.min(level, 1);
    } else if (v !== undefined) parts.push(P('reasonSizeFits', { value: euros(v) }));
    else parts.push(P('reasonSizeUnknown'));
    parts.push(P('reasonLocalUnknown', { place: o.placeLabel ? ` (${o.placeLabel})` : '' }));
  } else {
    const evidence = REASON_OF_FACT[c.trigger.fact];
    if (evidence) parts.push(P(evidence));
    if (id === 'clause-insertion' || id === 'facilitateur') parts.push(o.facilitators.length ? P('reasonFacilitator', { names: o.facilitators.slice(0, 2).join(', ') }) : P('reasonNoFacilitator'));
  }
  const strength: Strength = level === 2 ? 'fort' : level === 1 ? 'possible' : 'faible';
  return { strength, reason: `${P(strength === 'fort' ? 'strengthFort' : strength === 'possible' ? 'strengthPossible' : 'strengthFaible')}${parts.length ? ` — ${parts.join(' ; ')}` : ''}.` };
}

function clip(s: string, n = 160): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}

const LADDER_PHRASE: Record<Exclude<Rung, 'none'>, PhraseKey> = { reserve: 'ladderReserve', lot: 'ladderLot', clause: 'ladderClause', criterion: 'ladderCriterion' };

/** The highest rung a lever of enough weight reaches; the rungs are the levers' own (data/levers.json). */
function ladderOf(levers: LeverAdvice[], P: P, whyNot: WhyNotAdvice[], f: Facts): { rung: Rung; why: string } {
  for (const rung of RUNG_ORDER) {
    const l = levers.find((x) => x.rung === rung && x.score >= 0.6);
    // Too big a purchase for the structures to carry whole: the step is a reserved lot (potentiel inclusif).
    if (l && rung === 'reserve' && l.status === 'suggested' && f.value !== undefined && f.value > RESERVE_CAPACITY && !f.hasLots)
      return { rung: 'lot', why: P('ladderLot', { why: `${P('reasonSizeLarge', { value: euros(f.value) })}. ${l.why}` }) };
    if (l && rung === 'reserve' && l.status === 'suggested' && f.largeUnlotted !== undefined) return { rung: 'lot', why: P('ladderLot', { why: P('lotsLarge', { where: f.largeUnlotted.where }) }) };
    if (l) return { rung, why: l.status === 'declared' ? `${P(LADDER_PHRASE[rung], { why: l.why })} ${P('ladderDeclared')}` : P(LADDER_PHRASE[rung], { why: l.why }) };
  }
  const crit = levers.find((x) => x.rung === 'criterion' && x.score >= 0.3);
  if (crit && levers.some((l) => l.id === 'sourcing')) return { rung: 'criterion', why: P('ladderCriterion', { why: crit.why }) };
  return { rung: 'none', why: whyNot[0] ? `${P('ladderNone')} ${whyNot[0].text}` : P('ladderNone') };
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

// Which actors suit which buyer: the national bodies whose public is a kind of buyer (the State's purchasing
// directorate for State services, networks of local authorities for local authorities). An actor absent here
// serves any public buyer. `other` (a name that says nothing) keeps the bodies open to most public buyers.
const LOCAL_BUYERS: readonly BuyerKind[] = ['commune', 'epci', 'departement', 'region', 'other'];
const AUDIENCE_BY_ID: Readonly<Record<string, readonly BuyerKind[]>> = {
  dae: ['state'],
  dgefp: ['state'],
  rtes: LOCAL_BUYERS,
  anct: LOCAL_BUYERS,
  'aides-territoires': LOCAL_BUYERS,
  'un-plus-bio': LOCAL_BUYERS,
  'territoires-conseils': ['commune', 'epci'],
  'regions-de-france': ['region'],
  'intercommunalites-de-france': ['epci'],
  'france-urbaine': ['commune', 'epci'],
  'association-des-maires-ruraux-de-l-oise': ['commune', 'epci'],
  'club-des-collectivites-pour-l-ess-en-ile-de-france': LOCAL_BUYERS,
  'club-des-collectivites-occitanie': ['commune', 'epci'],
  anru: [...LOCAL_BUYERS, 'social-housing'],
};
// By kind of actor: another local authority is a peer to ask for its experience; funders finance structures,
// they are no contact for a purchase.
const AUDIENCE_BY_KIND: Readonly<Partial<Record<string, readonly BuyerKind[]>>> = {
  collectivite: [...LOCAL_BUYERS, 'social-housing'],
  funder: [],
};
// Research bodies (chairs, research centres, think tanks) are no contact for a purchase, unless it buys research.
const RESEARCH_BODY = /\bchaire\b|(?<!moteur )\bde recherche\b|\blaboratoire d idees\b|\bprospective\b/;
// A network whose members are public buyers (its description says so first).
const BUYERS_NETWORK = /\b(collectivites|acheteurs publics)\b/;
const RESEARCH_PURCHASE = /\b(recherche scientifique|recherche et developpement|programme de recherche|projet de recherche)\b/;

const suits = (a: Actor, kind: BuyerKind) => (AUDIENCE_BY_ID[a.id] ?? AUDIENCE_BY_KIND[a.kind] ?? BUYER_KINDS).includes(kind);

// What an actor of a kind is called in its reason, and what it does for a purchase through the lever it serves.
const NOUN: Partial<Record<string, PhraseKey>> = {
  network: 'actorNounNetwork',
  federation: 'actorNounFederation',
  platform: 'actorNounPlatform',
  'public-agency': 'actorNounAgency',
  facilitator: 'actorNounNetwork',
};
const NATIONAL_NOUN: Partial<Record<string, PhraseKey>> = {
  network: 'actorNationalNetwork',
  federation: 'actorNationalFederation',
  platform: 'actorNationalPlatform',
  'public-agency': 'actorNationalAgency',
  facilitator: 'actorNationalNetwork',
};
const TASK: Partial<Record<string, PhraseKey>> = {
  'reserve-siae': 'actorTaskSiae',
  'reserve-handicap': 'actorTaskHandicap',
  'reserve-ess': 'actorTaskEss',
  'clause-insertion': 'actorTaskClause',
  facilitateur: 'actorTaskFacilitator',
  'critere-social': 'actorTaskCriterion',
  sourcing: 'actorTaskSourcing',
  'label-equitable': 'actorTaskLabel',
  spaser: 'actorTaskSpaser',
  'achat-innovant': 'actorTaskInnovant',
  'marche-sans-publicite': 'actorTaskSmall',
  'plan-de-progres': 'actorTaskProgress',
};
const FORM: [RegExp, PhraseKey][] = [
  [/\besat\b|\bservice d aide par le travail\b/, 'actorFormEsat'],
  [/\bentreprises? adaptees?\b/, 'actorFormEa'],
  [/\b(chantier|chantiers|entreprise|structure|association|atelier|ateliers) d insertion\b|\bregie de quartier\b|\bsiae\b/, 'actorFormSiae'],
];

function actorAdvice(kb: Kb, r: Reading, levers: LeverAdvice[], themes: ThemeAdvice[], sectors: SectorAdvice[], o: AdviseOptions, lang: Lang): ActorAdvice[] {
  const place = placeOf(r, o);
  const P: P = (k, v) => phrase(lang, k, v);
  const buyer = buyerKind(r.tender.buyer);
  // Splitting into lots, joint bids and the SPASER concern every purchase: they do not make an actor relevant.
  const GENERIC = new Set(['allotissement', 'groupement', 'spaser', 'marche-sans-publicite']);
  const leverOrder = levers.slice(0, 6).filter((l) => l.score >= 0.45 && !GENERIC.has(l.id)).map((l) => l.id as string);
  // The facilitator serves the insertion clause: where a clause is advised, finding one is part of the task.
  if (leverOrder.includes('clause-insertion') && !leverOrder.includes('facilitateur')) leverOrder.push('facilitateur');
  const leverIds = new Set(leverOrder);
  const themeIds = new Set(themes.map((t) => t.id));
  const trades = sectors.slice(0, 3).flatMap((s) => {
    const sector = kb.sector(s.id);
    return sector ? [sector] : [];
  });
  const insertionPurchase = trades.some((s) => s.id === 'insertion-professionnelle');
  const clausePurchase = leverIds.has('clause-insertion') || leverIds.has('facilitateur');
  const researchPurchase = r.tender.cpv.some((c) => c.startsWith('73')) || RESEARCH_PURCHASE.test(fold(`${r.tender.title ?? ''} ${r.tender.object ?? ''}`));
  const themeLabel = (id: string) => {
    const th = kb.theme(id);
    return th ? (lang === 'en' ? th.label.en : th.label.fr) : id.replace(/-/g, ' ');
  };
  const placeLabel = (a: Actor) => (a.commune && o.placeName?.('commune', a.commune)) || (a.departement && o.placeName?.('departement', a.departement)) || (a.region && o.placeName?.('region', a.region)) || a.commune || a.departement || a.region || '';
  const near = (a: Actor) => Boolean((place.commune && a.commune === place.commune) || (place.departement && a.departement === place.departement) || (place.region && a.region === place.region && a.scope === 'region'));

  const isFacilitator = (a: Actor) => a.levers.includes('facilitateur') && a.kind !== 'structure';
  // A clause facilitator of the territory makes the national networks that point to one redundant.
  const localFacilitator = clausePurchase && kb.actors.some((a) => a.scope !== 'national' && isFacilitator(a) && near(a));
  const scored: { a: Actor; score: number; why: string }[] = [];
  const national: { a: Actor; score: number; noun: string; tasks: string[] }[] = [];
  for (const a of kb.actors) {
    // A local authority that runs the clause facilitation serves every public buyer of its territory.
    if (!suits(a, buyer) && !(isFacilitator(a) && a.scope !== 'national')) continue;
    const text = fold(`${a.name} ${a.description}`);
    if (!researchPurchase && RESEARCH_BODY.test(text)) continue;
    // In the actor's own order: its first lever is what it does first.
    const shared = a.levers.filter((l) => leverIds.has(l));
    const sharedThemes = a.topics.filter((t) => themeIds.has(t));
    const where = placeLabel(a);
    if (a.kind === 'cress') {
      if (place.region && a.region === place.region) scored.push({ a, score: 3, why: P('actorCress') });
      continue;
    }
    if (a.scope !== 'national') {
      if (!near(a)) continue;
      const local = Boolean((place.departement && a.departement === place.departement) || (place.commune && a.commune === place.commune));
      if (isFacilitator(a)) {
        // The clause facilitator of the territory, for a purchase that calls for an insertion clause.
        // A local authority that funds or runs the facilitation points to the facilitator rather than being one.
        if (clausePurchase) scored.push({ a, score: local ? 2.9 : 2.6, why: P(a.kind === 'collectivite' ? 'actorFacilitatorAuthority' : 'actorFacilitator', { place: where }) });
        continue;
      }
      if (a.kind === 'structure') {
        const form = FORM.find(([re]) => re.test(text))?.[1] ?? 'actorFormEss';
        const trade = trades.find((s) => s.keywords.some((k) => findKeyword(text, k) >= 0));
        if (trade) scored.push({ a, score: local ? 2.5 : 2.3, why: P('actorStructureTrade', { form: P(form), place: where, trade: (lang === 'en' ? trade.label.en : trade.label.fr).toLowerCase() }) });
        else if (insertionPurchase && form === 'actorFormSiae') scored.push({ a, score: local ? 2.2 : 2, why: P('actorStructureInsertion', { form: P(form), place: where }) });
        continue;
      }
      if (a.kind === 'collectivite') {
        // A neighbouring authority is worth a call for what it has already done that this purchase needs.
        const done = shared.find((l) => TASK[l] && l !== 'facilitateur') ?? shared[0];
        const l = done ? kb.lever(done) : undefined;
        if (l) scored.push({ a, score: 1.6 + 0.1 * shared.length, why: P('actorPeer', { place: where, task: lang === 'en' ? l.label.en : l.label.fr }) });
        continue;
      }
      if (!shared.length && !sharedThemes.length) continue;
      scored.push({ a, score: 2.1 + 0.1 * shared.length, why: P('actorLocalNetwork', { noun: P(NOUN[a.kind] ?? 'actorNounNetwork'), place: where }) });
      continue;
    }
    if (a.kind === 'structure') {
      // A structure working nationwide is a possible supplier when its trade is this purchase's.
      const form = FORM.find(([re]) => re.test(text))?.[1] ?? 'actorFormEss';
      const trade = trades.find((s) => s.keywords.some((k) => findKeyword(text, k) >= 0));
      if (trade) scored.push({ a, score: 1.4, why: P('actorStructureTrade', { form: P(form), place: P('actorNationwide'), trade: (lang === 'en' ? trade.label.en : trade.label.fr).toLowerCase() }) });
      continue;
    }
    // National bodies come after the territory's. An agency open to every buyer is shown for a theme of the
    // purchase; one aimed at this kind of buyer (the State's purchasing directorate) for its levers as well.
    if (!shared.length && !sharedThemes.length) continue;
    if (localFacilitator && a.kind === 'facilitator') continue;
    const aimed = AUDIENCE_BY_ID[a.id] && !AUDIENCE_BY_ID[a.id]!.includes('other');
    if (a.kind === 'public-agency' && !sharedThemes.length && !aimed) continue;
    const noun = P(NATIONAL_NOUN[a.kind] ?? 'actorNationalNetwork');
    const score = 1 + 0.15 * shared.length + 0.1 * sharedThemes.length;
    // A network of buyers does not find suppliers: it shares what other buyers did.
    const tasks = shared.length && BUYERS_NETWORK.test(fold(a.description).slice(0, 80)) ? ['buyers'] : shared.filter((l) => TASK[l]);
    // Without a task of its own, a body is shown for the purchase's theme it works on: one body a theme.
    const theme = themes.find((t) => sharedThemes.includes(t.id))?.id;
    if (!tasks.length && theme) national.push({ a, score: score - 0.3, noun, tasks: [`theme:${theme}`] });
    else if (tasks.length) national.push({ a, score, noun, tasks });
  }
  // Each national body is shown for what it does first (its first lever this purchase calls for), the
  // best-placed first; a body whose task another one already covers would only repeat it.
  const tasksUsed = new Set<string>();
  for (const n of national.sort((x, y) => y.score - x.score)) {
    const task = n.tasks[0]!;
    if (tasksUsed.has(task)) continue;
    tasksUsed.add(task);
    const why = task === 'buyers' ? P('actorBuyersNetwork', { noun: n.noun }) : task.startsWith('theme:') ? P('actorNationalTopic', { noun: n.noun, topics: themeLabel(task.slice(6)) }) : P('actorNational', { noun: n.noun, task: P(TASK[task]!) });
    scored.push({ a: n.a, score: n.score, why });
  }
  const seen = new Set<string>();
  const ranked = scored
    .sort((x, y) => y.score - x.score)
    // One line per actor, and never the same reason twice (two neighbours cited for the same lever); two
    // structures of the same trade and place are two suppliers, both kept.
    .filter((x) => (seen.has(x.a.id) || (x.a.kind !== 'structure' && seen.has(x.why)) ? false : (seen.add(x.a.id), seen.add(x.why), true)));
  const locals = ranked.filter((x) => x.a.scope !== 'national');
  const nationals = ranked.filter((x) => x.a.scope === 'national').slice(0, 4);
  return [...locals, ...nationals]
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

/** Django's slugify, as Le Marché de l'inclusion builds its perimeter slugs from place names. */
function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[^\x00-\x7f]/g, '')
    .toLowerCase()
    .replace(/[^\w\s-]/g, '')
    .replace(/[-\s]+/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '');
}

function linkAdvice(kb: Kb, r: Reading, sectors: SectorAdvice[], o: AdviseOptions, lang: Lang, inclusiveOk: boolean): LinkAdvice[] {
  const links: LinkAdvice[] = [];
  const place = placeOf(r, o);
  const top = sectors[0] ? kb.sector(sectors[0].id) : undefined;
  const inclusive = top && (top.structures.includes('siae') || top.structures.includes('esat-ea'));
  if ((inclusive || sectors.length) && inclusiveOk) {
    const url = new URL('https://lemarche.inclusion.gouv.fr/prestataires/');
    for (const slug of top?.marcheSlugs.slice(0, 3) ?? []) url.searchParams.append('sectors', slug);
    const deptName = place.departement ? o.placeName?.('departement', place.departement) : undefined;
    // The search narrows to the buyer's département when its name is known (perimeter slugs are built from names).
    if (deptName) url.searchParams.append('perimeters', slugify(deptName));
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

function bidAdvice(r: Reading, declared: Map<ProcurementLeverId, string>, notReserved: boolean, levers: LeverAdvice[], today: string | undefined, P: P): string[] {
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
