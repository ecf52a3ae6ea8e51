// "Does this call fit us?": one notice read against one ESS structure's profile. Reserved for whom is read from the
// notice's own signals, never guessed; a clause is presented only when the notice declares it. Framework-free.
import type { Reading, Signal, Territory } from '../read/types';
import type { Advice } from '../advise/index';
import type { Actor, Kb, Sector } from '../kb/index';
import type { Lang } from '../lang';
import { euros, findKeyword, fold } from '../text';
import { departementFromCommuneCode } from '../territory/codes';
import { isEssByForm, isHandicap, isInsertion, isSiae, profilePlaces, type Profile, type ProfilePlaces, type StructureKind } from '../profile/index';
import { fitPhrase, KIND_NAMES, type FitPhraseKey } from './phrases';

export type { FitPhraseKey } from './phrases';

export const FIT_VERDICTS = ['yes', 'maybe', 'no'] as const;
export type FitVerdict = (typeof FIT_VERDICTS)[number];

/** What the first line says, as an id (markers, tests and the UI's icon read it; the text is `headline`). */
export const FIT_HEADLINES = ['past', 'reserved-other', 'reserved-you', 'reserved-check', 'lead', 'lots', 'trade', 'clause', 'not-for-you', 'outside-trades', 'unknown'] as const;
export type FitHeadlineId = (typeof FIT_HEADLINES)[number];

export type TerritoryMatch = 'inside' | 'near' | 'outside' | 'unknown';

/** An ESS structure that could bid with this one, and why. */
export interface FitPartner {
  id: string;
  name: string;
  why: string;
  website?: string;
}

/** A notice read for one ESS structure. */
export interface Fit {
  verdict: FitVerdict;
  headlineId: FitHeadlineId;
  /** The first line of the structure's panel, in the language asked. */
  headline: string;
  /** Why, strongest first; each sentence cites the notice or the profile. */
  reasons: string[];
  /** What to do before the deadline. */
  actions: string[];
  /** Lot numbers (or titles when unnumbered) within the structure's trades. */
  lots: string[];
  territory: TerritoryMatch;
  /** Whole days from today to the deadline; negative when passed; absent when the notice gives none. */
  daysLeft?: number;
  /** Structures of the knowledge base in the same territory whose trades complete the notice's lots. */
  partners: FitPartner[];
  /** Networks that help with joint bids. */
  networks: FitPartner[];
}

/** Options of {@link fitNotice}. */
export interface FitOptions {
  kb: Kb;
  lang?: Lang;
  /** Today (ISO date) for the days left; defaults to the clock. */
  today?: string;
  /** Région code of a département (the territory table), to compare places at région level. */
  regionOf?: (departement: string) => string | undefined;
  /** Place names for reasons. */
  placeName?: (level: 'region' | 'departement' | 'commune', code: string) => string | undefined;
}

const RESERVATIONS = ['reserve-handicap', 'reserve-siae', 'reserve-ess'] as const;
type Reservation = (typeof RESERVATIONS)[number];

const FIELD_PHRASE: Record<string, FitPhraseKey> = {
  goods: 'fieldGoods',
  it: 'fieldIt',
  intellectual: 'fieldIntellectual',
  transport: 'fieldTransport',
  energy: 'fieldEnergy',
  artistic: 'fieldArtistic',
  'waste-treatment': 'fieldWasteTreatment',
  health: 'fieldHealth',
};

const INSERTION_SECTOR = 'insertion-professionnelle';
// Insertion bought through productive work (a worksite, staff placement, qualification) is the SIAE's own trade;
// otherwise it is support and guidance, the field of social ESS enterprises.
const INSERTION_BY_WORK = ['chantier', 'chantiers d insertion', 'mise a disposition', 'qualification professionnelle', 'support d activite', 'entretien', 'travaux'];
const SHORT_DAYS = 10;
const JOINT_WORDING = /\bdefavorise/;
const MAX_PARTNERS = 5;

/** Can this kind bid for this reservation: yes, no, or only if its statutes say so (ESS enterprises). */
export function eligibility(kind: StructureKind, esus: boolean, reservation: Reservation): 'yes' | 'no' | 'check' {
  if (reservation === 'reserve-handicap') return isHandicap(kind) ? 'yes' : 'no';
  if (reservation === 'reserve-siae') return isSiae(kind) ? 'yes' : 'no';
  if (isEssByForm(kind) || esus) return 'yes';
  return 'check';
}

/** Sectors of the knowledge base a piece of text and CPV codes belong to (CPV prefixes, then keywords). */
export function sectorsOf(sectors: readonly Sector[], cpv: readonly string[], text: string): Sector[] {
  const folded = fold(text);
  return sectors.filter((s) => cpv.some((c) => s.cpvPrefixes.some((p) => c.startsWith(p))) || (folded && s.keywords.some((k) => findKeyword(folded, k) >= 0)));
}

function isoDay(s: string | undefined): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s ?? '');
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : undefined;
}

/** Whole days from `today` to the deadline's day. */
export function daysBetween(today: string, deadline: string | undefined): number | undefined {
  const a = isoDay(today);
  const b = isoDay(deadline);
  return a === undefined || b === undefined ? undefined : Math.round((b - a) / 86_400_000);
}

function dateText(lang: Lang, iso: string): string {
  const d = isoDay(iso);
  if (d === undefined) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

function daysText(lang: Lang, n: number): string {
  const plural = new Intl.PluralRules(lang).select(n) === 'one' ? '' : 's';
  return lang === 'en' ? `${n} day${plural}` : `${n} jour${plural}`;
}

function join(lang: Lang, xs: string[]): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} ${fitPhrase(lang, 'and')} ${xs[xs.length - 1]}`;
}

function lotsLabel(lang: Lang, lots: string[], inSentence = false): string {
  if (inSentence) return lots.length === 1 ? fitPhrase(lang, 'lotOneIn', { n: lots[0]! }) : fitPhrase(lang, 'lotManyIn', { list: join(lang, lots) });
  return lots.length === 1 ? fitPhrase(lang, 'lotOne', { n: lots[0]! }) : fitPhrase(lang, 'lotMany', { list: join(lang, lots) });
}

/** Where the notice's place sits against the profile's territory. */
export function matchTerritory(reading: Reading, places: ProfilePlaces, regionOf?: (d: string) => string | undefined): { match: TerritoryMatch; place?: Territory } {
  const t = reading.tender;
  const candidates: Territory[] = [];
  if (t.performanceTerritory) candidates.push(t.performanceTerritory);
  if (t.buyerTerritory) candidates.push(t.buyerTerritory);
  for (const d of t.departements ?? []) candidates.push({ departement: d });
  const known = candidates.filter((c) => c.commune || c.departement || c.region);
  if (!known.length) return { match: 'unknown' };
  if (!places.communes.length && !places.departements.length && !places.regions.length) return { match: 'unknown', place: known[0] };
  const profileDeps = new Set([...places.departements, ...places.communes.map((c) => departementFromCommuneCode(c)).filter((d): d is string => Boolean(d))]);
  const profileRegions = new Set([...places.regions, ...[...profileDeps].map((d) => regionOf?.(d)).filter((r): r is string => Boolean(r))]);
  const regionOfPlace = (c: Territory) => c.region ?? (c.departement ? regionOf?.(c.departement) : undefined);
  for (const c of known) {
    if (c.commune && places.communes.includes(c.commune)) return { match: 'inside', place: c };
    if (c.departement && places.departements.includes(c.departement)) return { match: 'inside', place: c };
    const reg = regionOfPlace(c);
    if (reg && places.regions.includes(reg)) return { match: 'inside', place: c };
  }
  for (const c of known) {
    if (c.departement && profileDeps.has(c.departement)) return { match: 'near', place: c };
    const reg = regionOfPlace(c);
    if (reg && profileRegions.has(reg)) return { match: 'near', place: c };
  }
  return { match: 'outside', place: known[0] };
}

function placeText(p: Territory | undefined, name: FitOptions['placeName']): string {
  if (!p) return '';
  if (p.commune) return p.communeName ?? name?.('commune', p.commune) ?? p.commune;
  if (p.departement) {
    const n = name?.('departement', p.departement);
    return n ? `${n} (${p.departement})` : p.departement;
  }
  if (p.region) return name?.('region', p.region) ?? p.region;
  return '';
}

/** An actor's trades, from its name and description (the knowledge base gives actors topics, not sectors). */
export function actorSectors(actor: Actor, sectors: readonly Sector[]): Sector[] {
  const text = fold(`${actor.name} ${actor.description}`);
  return sectors.filter((s) => s.keywords.some((k) => findKeyword(text, k) >= 0));
}

function actorPlaceMatch(a: Actor, deps: Set<string>, regions: Set<string>, communes: string[]): boolean {
  if (a.commune && communes.includes(a.commune)) return true;
  if (a.departement && deps.has(a.departement)) return true;
  if (!a.departement && a.region && regions.has(a.region)) return true;
  return false;
}

function signalOf(r: Reading, id: string): Signal | undefined {
  return r.signals.find((s) => s.id === id);
}

const clip = (s: string, n = 140) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/**
 * Reads one notice for one ESS structure: a verdict (`yes` bid, `maybe` look closer, `no` not for you), the first
 * line of its panel, the reasons, what to do before the deadline, and partners for a joint bid. Never throws on
 * a reading with missing parts: what the notice does not say is not assumed.
 */
export function fitNotice(reading: Reading, advice: Pick<Advice, 'sectors' | 'whyNot'>, profile: Profile, options: FitOptions): Fit {
  const lang: Lang = options.lang ?? 'fr';
  const P = (k: FitPhraseKey, v?: Record<string, string | number>) => fitPhrase(lang, k, v);
  const kb = options.kb;
  const kindName = KIND_NAMES[lang][profile.kind] ?? profile.kind;
  const t = reading.tender;
  const reasons: string[] = [];
  const actions: string[] = [];
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const places = profilePlaces(profile);
  const mySectors = new Set(profile.sectors);
  const sectorLabel = (s: Sector) => (lang === 'en' ? s.label.en : s.label.fr);

  // Reservation, read from the notice's own signals.
  const declared = RESERVATIONS.filter((id) => signalOf(reading, id));
  const elig = declared.map((id) => {
    const signal = signalOf(reading, id)!;
    let e = eligibility(profile.kind, profile.esus, id);
    // The European form's box covers "handicapées ou défavorisées" at once: an SIAE may be meant as well, and the
    // consultation rules say which article applies.
    if (e === 'no' && id === 'reserve-handicap' && isSiae(profile.kind) && JOINT_WORDING.test(fold(signal.evidence))) e = 'check';
    return { id, e, signal };
  });
  const reservedYou = elig.some((x) => x.e === 'yes');
  const reservedCheck = !reservedYou && elig.some((x) => x.e === 'check');
  const reservedOther = declared.length > 0 && !reservedYou && !reservedCheck;
  for (const x of elig) {
    const key: FitPhraseKey = x.id === 'reserve-handicap' ? 'whyReservedHandicap' : x.id === 'reserve-siae' ? 'whyReservedSiae' : 'whyReservedEss';
    reasons.push(P(key, { evidence: clip(x.signal.evidence) }));
  }
  if (reservedYou) {
    const x = elig.find((y) => y.e === 'yes')!;
    reasons.push(P(x.id === 'reserve-handicap' ? 'whyYouHandicap' : x.id === 'reserve-siae' ? 'whyYouSiae' : isEssByForm(profile.kind) ? 'whyYouEss' : 'whyYouEsus', { kind: kindName }));
  } else if (reservedCheck) reasons.push(elig.some((x) => x.e === 'check' && x.id === 'reserve-ess') ? P('whyMaybeEss', { kind: kindName }) : P('whyJointWording'));
  else if (reservedOther) {
    if (profile.kind === 'geiq' && declared.includes('reserve-siae')) reasons.push(P('whyGeiqNotSiae'));
    else if (isHandicap(profile.kind) && declared.includes('reserve-siae')) reasons.push(P('whyHandicapNotSiae'));
    else reasons.push(P('whyNotYourKind', { kind: kindName }));
  }

  // Trades: the whole notice (advice's sectors), then each lot.
  const noticeSectors = advice.sectors.filter((s) => s.score >= 0.5);
  const field = advice.whyNot[0];
  // Where advising finds that no structure's work is bought (a supply, IT…), words alone do not make a trade match:
  // the buyer's own CPV code must name the trade (cleaning products are not a cleaning service).
  const byCpv = (id: string) => t.cpv.some((c) => kb.sector(id)?.cpvPrefixes.some((p) => c.startsWith(p)));
  const tradeHits = noticeSectors.filter((s) => mySectors.has(s.id) && (!field || byCpv(s.id)));
  const lotHits: { n: string; title: string; sector: Sector }[] = [];
  const lotNeeds: { n: string; sectors: Sector[] }[] = [];
  t.lots.forEach((lot, i) => {
    const n = lot.number ?? String(i + 1);
    // Same rule as for the whole notice: where no structure's work is bought, a lot's words alone do not match.
    const ss = sectorsOf(kb.sectors, lot.cpv, field ? '' : lot.title);
    lotNeeds.push({ n, sectors: ss });
    const mine = ss.find((s) => mySectors.has(s.id));
    if (mine) lotHits.push({ n, title: lot.title, sector: mine });
  });
  const lotsInReach = lotHits.map((l) => l.n);
  const someLotsOnly = lotHits.length > 0 && lotHits.length < t.lots.length;

  // Insertion as the object itself.
  const insertionSector = noticeSectors.find((s) => s.id === INSERTION_SECTOR && s.score >= 0.6);
  const texts = fold(`${t.title ?? ''} ${t.object ?? ''}`);
  const byWork = INSERTION_BY_WORK.some((k) => findKeyword(texts, k) >= 0) || noticeSectors.some((s) => s.id !== INSERTION_SECTOR && kb.sector(s.id)?.structures.includes('siae') && s.score >= 0.6);
  const lead = Boolean(insertionSector) && (isInsertion(profile.kind) ? byWork || isSiae(profile.kind) : (isEssByForm(profile.kind) || profile.esus) && !byWork);
  if (lead) reasons.push(P(isInsertion(profile.kind) ? 'whyLead' : 'whyLeadSupport', { evidence: insertionSector!.why }));

  // A clause only when the notice declares it.
  const clause = signalOf(reading, 'clause-insertion');
  const canPlaceHours = isInsertion(profile.kind) || isHandicap(profile.kind);
  const clauseForYou = Boolean(clause) && canPlaceHours && !lead;

  const tradeMatch = tradeHits.length > 0 || lotHits.length > 0;

  if (tradeHits.length && !someLotsOnly) {
    const s = tradeHits[0]!;
    const sector = kb.sector(s.id);
    reasons.push(P('whyTrade', { sector: (sector ? sectorLabel(sector) : s.label).toLowerCase(), evidence: s.why }));
  }
  if (lotHits.length) {
    const why = lotHits.slice(0, 4).map((l) => P('whyLotMatch', { n: l.n, title: clip(l.title, 60), sector: sectorLabel(l.sector).toLowerCase() }));
    reasons.push(P(lotHits.length === 1 ? 'whyLots' : 'whyLotsMany', { lots: lotsLabel(lang, lotsInReach), why: join(lang, why) }));
  }
  if (!tradeMatch && !lead && !reservedYou) {
    if (!profile.sectors.length) reasons.push(P('whyNoSectors'));
    else if (field) reasons.push(field.text);
    else reasons.push(P('whyNoTrade', { sectors: profile.sectors.map((id) => kb.sector(id)).filter((s): s is Sector => Boolean(s)).map((s) => sectorLabel(s).toLowerCase()).join(', ') }));
  }
  if (clause && canPlaceHours) {
    if (!lead) reasons.push(P('whyClause', { evidence: clip(clause.evidence) }));
    if (profile.kind === 'geiq') reasons.push(P('whyClauseGeiq'));
    else if (isHandicap(profile.kind)) reasons.push(P('whyClauseHandicap'));
  }
  const criterion = signalOf(reading, 'critere-social');
  if (criterion && (tradeMatch || lead || reservedYou)) reasons.push(P('whyCriterion', { evidence: clip(criterion.evidence) }));
  if (signalOf(reading, 'not-reserved') && !declared.length && tradeMatch) reasons.push(P('whyNotReserved'));

  // Territory.
  const terr = matchTerritory(reading, places, options.regionOf);
  const where = placeText(terr.place, options.placeName);
  if (terr.match === 'inside') reasons.push(P('whyInside', { place: where }));
  else if (terr.match === 'near') reasons.push(P('whyNear', { place: where }));
  else if (terr.match === 'outside') reasons.push(P('whyOutside', { place: where }));

  // Size.
  let tooBig = false;
  let groupNeeded = false;
  const value = t.estimatedValue;
  if (profile.maxValue !== undefined && value !== undefined) {
    const max = euros(profile.maxValue);
    if (value <= profile.maxValue) reasons.push(P('whySizeOk', { value: euros(value), max }));
    else if (t.lots.length > 1) {
      const fitting = t.lots.map((l, i) => ({ n: l.number ?? String(i + 1), v: l.value })).filter((l) => l.v !== undefined && l.v <= profile.maxValue! && (!lotsInReach.length || lotsInReach.includes(l.n)));
      reasons.push(P('whySizeLot', { value: euros(value), max, lot: fitting.length ? ` (${lotsLabel(lang, fitting.map((l) => l.n), true)})` : '' }));
    } else {
      tooBig = true;
      groupNeeded = true;
      reasons.push(P('whySizeGroup', { value: euros(value), max }));
    }
  }

  // Deadline.
  const daysLeft = daysBetween(today, t.deadline);
  const past = daysLeft !== undefined && daysLeft < 0;
  if (daysLeft !== undefined && t.deadline) {
    const date = dateText(lang, t.deadline);
    if (past) reasons.unshift(P('whyPast', { date }));
    else reasons.push(P(daysLeft <= SHORT_DAYS ? 'whyDaysShort' : 'whyDays', { days: daysText(lang, daysLeft), date }));
  }

  // Verdict and headline, in order of what decides.
  let verdict: FitVerdict;
  let headlineId: FitHeadlineId;
  let headline: string;
  const firstTrade = tradeHits[0] ? kb.sector(tradeHits[0].id) : undefined;
  const sectorName = firstTrade ? sectorLabel(firstTrade) : '';
  if (past) [verdict, headlineId, headline] = ['no', 'past', P('headPast')];
  else if (reservedOther) {
    const kinds = declared.map((id) => P(id === 'reserve-handicap' ? 'kindHandicap' : id === 'reserve-siae' ? 'kindSiae' : 'kindEss'));
    [verdict, headlineId, headline] = ['no', 'reserved-other', P('headReservedOther', { kind: join(lang, kinds) })];
  } else if (reservedYou) [verdict, headlineId, headline] = ['yes', 'reserved-you', P('headReservedYou')];
  else if (reservedCheck) [verdict, headlineId, headline] = ['maybe', 'reserved-check', P(elig.some((x) => x.e === 'check' && x.id === 'reserve-ess') ? 'headReservedEssMaybe' : 'headReservedJoint')];
  else if (lead) [verdict, headlineId, headline] = ['yes', 'lead', P('headLead')];
  else if (someLotsOnly) [verdict, headlineId, headline] = ['yes', 'lots', P('headLots', { lots: lotsLabel(lang, lotsInReach) })];
  else if (tradeMatch) [verdict, headlineId, headline] = ['yes', 'trade', P('headTrade', { sector: sectorName || sectorLabel(lotHits[0]!.sector) })];
  else if (clauseForYou) [verdict, headlineId, headline] = ['maybe', 'clause', P('headClause')];
  else if (field && profile.sectors.length) [verdict, headlineId, headline] = ['no', 'not-for-you', P('headNotForYou', { field: P(FIELD_PHRASE[field.field] ?? 'fieldGoods') })];
  else if (profile.sectors.length) [verdict, headlineId, headline] = ['no', 'outside-trades', P('headOutside')];
  else [verdict, headlineId, headline] = ['maybe', 'unknown', P('headUnknown')];
  // Far away or too big for one structure: worth a closer look, not a plain yes.
  if (verdict === 'yes' && (terr.match === 'outside' || tooBig)) verdict = 'maybe';

  // What to do before the deadline.
  const open = verdict !== 'no';
  if (open) {
    actions.push(P('actDce'));
    if (someLotsOnly) actions.push(P('actLots', { lots: lotsLabel(lang, lotsInReach, true) }));
    if (lead) actions.push(P('actLead'));
    if (clauseForYou) {
      const fac = facilitatorFor(kb.actors, reading, options.regionOf);
      actions.push(P('actClause', { facilitator: fac ? ` (${fac.name})` : '' }));
    }
    const proof: FitPhraseKey = isSiae(profile.kind) ? 'proofSiae' : isHandicap(profile.kind) ? 'proofHandicap' : declared.includes('reserve-ess') ? 'proofEss' : 'proofNone';
    if (headlineId !== 'clause') actions.push(P('actForms', { proof: P(proof) }));
  }

  // Partners whose trades complete the notice's lots, in the structure's territory; networks for joint bids.
  const partners: FitPartner[] = [];
  const networks: FitPartner[] = [];
  if (open && headlineId !== 'clause') {
    const needed = new Map<string, string[]>();
    for (const l of lotNeeds) for (const s of l.sectors) if (!mySectors.has(s.id)) needed.set(s.id, [...(needed.get(s.id) ?? []), l.n]);
    if (!t.lots.length) for (const s of noticeSectors) if (!mySectors.has(s.id) && s.id !== INSERTION_SECTOR) needed.set(s.id, []);
    const deps = new Set([...places.departements, ...places.communes.map((c) => departementFromCommuneCode(c) ?? '')].filter(Boolean));
    const regions = new Set([...places.regions, ...[...deps].map((d) => options.regionOf?.(d) ?? '')].filter(Boolean));
    if (needed.size || groupNeeded) {
      for (const a of kb.actors) {
        if (a.kind !== 'structure' || !actorPlaceMatch(a, deps, regions, places.communes)) continue;
        const trades = actorSectors(a, kb.sectors).filter((s) => needed.has(s.id) || (groupNeeded && mySectors.has(s.id)));
        if (!trades.length) continue;
        const lots = [...new Set(trades.flatMap((s) => needed.get(s.id) ?? []))];
        const place = placeText({ commune: a.commune, departement: a.departement, region: a.region }, options.placeName) || P('national');
        partners.push({
          id: a.id,
          name: a.name,
          why: P('partnerWhy', { name: a.name, place, sectors: trades.map((s) => sectorLabel(s).toLowerCase()).join(', '), lots: lots.length ? P('partnerLots', { lots: lotsLabel(lang, lots, true) }) : '' }),
          ...(a.website ? { website: a.website } : {}),
        });
        if (partners.length >= MAX_PARTNERS) break;
      }
    }
    const wantsGroup = groupNeeded || partners.length > 0 || lead || (t.lots.length > 1 && lotHits.length > 0);
    if (wantsGroup) {
      if (groupNeeded || partners.length) actions.push(P('actGroup'));
      for (const a of kb.actors) {
        if (!a.levers.includes('groupement') || a.kind === 'collectivite' || a.kind === 'structure') continue;
        if (a.scope !== 'national' && !(a.region && regions.has(a.region))) continue;
        networks.push({ id: a.id, name: a.name, why: a.kind === 'cress' ? P('networkCress') : P('networkWhy', { description: a.description }), ...(a.website ? { website: a.website } : {}) });
      }
    }
  }
  return { verdict, headlineId, headline, reasons, actions, lots: lotsInReach, territory: terr.match, ...(daysLeft !== undefined ? { daysLeft } : {}), partners, networks };
}

/** The clause facilitator closest to the notice's place: its département, its région, else a national network. */
function facilitatorFor(actors: readonly Actor[], r: Reading, regionOf?: (d: string) => string | undefined): Actor | undefined {
  const place = r.tender.performanceTerritory ?? r.tender.buyerTerritory;
  const dep = place?.departement ?? r.tender.departements?.[0];
  const reg = place?.region ?? (dep ? regionOf?.(dep) : undefined);
  const facs = actors.filter((a) => a.levers.includes('facilitateur') && (a.kind === 'facilitator' || a.kind === 'collectivite'));
  return facs.find((a) => dep && a.departement === dep) ?? facs.find((a) => reg && a.region === reg && a.scope === 'region') ?? facs.find((a) => a.scope === 'national' && a.kind === 'facilitator');
}

/** The part of the territory resolver fitting uses (core/territory/resolver.ts). */
export interface FitPlaces {
  regionOf(departement: string): string | undefined;
  regionName(code: string): string | undefined;
  departementName(code: string): string | undefined;
  fromCommune(code: string): { communeName?: string } | undefined;
}

/** The `fit` key of the CLI's output (`analyze --profile`): the verdict, the headline and the reasons. */
export function fitOutput(reading: Reading, advice: Pick<Advice, 'sectors' | 'whyNot'>, profile: Profile, kb: Kb, places?: FitPlaces, lang: Lang = 'fr'): { verdict: FitVerdict; headline: string; reasons: string[] } {
  const f = fitNotice(reading, advice, profile, {
    kb,
    lang,
    ...(places
      ? {
          regionOf: (d: string) => places.regionOf(d),
          placeName: (level: 'region' | 'departement' | 'commune', code: string) => (level === 'region' ? places.regionName(code) : level === 'departement' ? places.departementName(code) : places.fromCommune(code)?.communeName),
        }
      : {}),
  });
  return { verdict: f.verdict, headline: f.headline, reasons: f.reasons };
}

/** What a marker on a result list says (ids only: the labels are the UI catalogue's). */
export const MARKER_IDS = ['reserved-for-you', 'fits', 'declared', 'not-for-you', 'nothing'] as const;
export type MarkerId = (typeof MARKER_IDS)[number];

/** Signals a marker names: reservations, insertion clause, social criterion (what a structure looks for). */
const MARKER_SIGNALS = ['reserve-handicap', 'reserve-siae', 'reserve-ess', 'clause-insertion', 'critere-social'] as const;

/**
 * The marker of one result of a list (BOAMP's search page, other engines' lists), from the notice's reading and,
 * when the user has a profile, its fit. Without a profile it says only what the notice declares. For the second
 * stage: read each listed notice (BOAMP's record of it), advise, `fitNotice` if a profile is stored, then this.
 */
export function resultMarker(reading: Pick<Reading, 'signals'>, fit?: Pick<Fit, 'verdict' | 'headlineId' | 'headline'>): { id: MarkerId; signals: string[]; headline?: string } {
  const signals = MARKER_SIGNALS.filter((id) => reading.signals.some((s) => s.id === id));
  if (fit) {
    if (fit.headlineId === 'reserved-you') return { id: 'reserved-for-you', signals, headline: fit.headline };
    if (fit.verdict === 'yes' || fit.verdict === 'maybe') return { id: 'fits', signals, headline: fit.headline };
    return { id: 'not-for-you', signals, headline: fit.headline };
  }
  return { id: signals.length ? 'declared' : 'nothing', signals };
}
