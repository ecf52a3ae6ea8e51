import type { Signal, SignalId } from './types.ts';
import type { Section } from './sections.ts';
import { clip, collapse, fold, MAX_SCAN, tidyLines } from './text.ts';
import { lotNumbers } from './fields/index.ts';
import { runSteps, type Steps } from './steps.ts';

/*
 * Declared signals: what the notice itself says about reservation, clauses, criteria, labels and lots.
 * Rules run on a folded copy of each section (lower case, no accents, same length as the original)
 * so evidence is cut verbatim from the original. Precision first: a rule needs the legal wording or
 * an unambiguous phrase, negations are checked before and after the match, and clause rules ignore
 * award criteria (an insertion criterion is a criterion, not a clause).
 */

// Elided articles: "d'insertion", "d’insertion", "d insertion" (apostrophe lost in some copies).
const D = String.raw`d(?:'\s*|\s)`;
const L = String.raw`l(?:'\s*|\s)`;
const RESERVED_TO = String.raw`\breserve(?:e|s|es)?\s+(?:exclusivement\s+|uniquement\s+)?(?:a|aux|au|pour)\b[^.;\n]{0,160}?`;

const HANDICAP_TARGET = String.raw`(?:ateliers?\s+proteges?|\besat\b|etablissements?\s+(?:et\s+services?\s+)?${D}aide\s+par\s+le\s+travail|entreprises?\s+adaptees?|travailleurs?\s+handicapes?|personnes?\s+handicapees?|\bhandicap|\bea\b)`;
const SIAE_TARGET = String.raw`(?:structures?\s+${D}insertion\s+par\s+${L}activite\s+economique|\bsiae\b|entreprises?\s+${D}insertion\b|ateliers?\s+et\s+chantiers?\s+${D}insertion|chantiers?\s+${D}insertion|entreprises?\s+de\s+travail\s+temporaire\s+${D}insertion|associations?\s+intermediaires?|insertion\s+par\s+${L}activite\s+economique)`;
const ESS_TARGET = String.raw`(?:economie\s+sociale\s+et\s+solidaire|\bess\b|entreprises?\s+de\s+${L}ess\b|mission\s+de\s+service\s+public)`;

const SOCIAL_TERM = String.raw`(?:\binsertion\b|\bsocia(?:l|le|les|ux)\b|\bhandicap|\bsolidaire|eloigne(?:e)?s?\s+de\s+${L}emploi|\bpublics?\s+(?:en\s+difficulte|prioritaires?)|\begalite\s+(?:femmes?|professionnelle|hommes?|des\s+chances)|\bdiscrimination|\bsocieta(?:l|le|les|ux)\b|\bsocial\s+(?:value|integration|criteria))`;
// "insertion" of a building in its site, of an advert: not social insertion.
const INSERTION_NOISE = /insertion\s+(?:urbaine|paysagere|architecturale|publicitaire|d'annonces?|dans\s+(?:le|son|les|l'|un|une)|du\s+(?:projet|batiment|site|programme|ouvrage)|des?\s+(?:ouvrages?|batiments?|equipements?|annonces?|constructions?))|bon(?:ne)?\s+insertion/;
// "bio" compounds written with a space.
const BIO_NOISE = /\bbio\s+(?:nettoyage|dechets?|medicale?s?|ethanol|masse|gaz|diversite|sourcing|logique)/;

// "social" words that say nothing about social procurement.
const SOCIAL_NOISE =
  /raison\s+sociale|siege\s+social|securite\s+sociale|capital\s+social|charges?\s+sociales?|cotisations?\s+sociales?|(?:fiscales?|fiscaux)\s+et\s+sociaux|(?:fiscales?|fiscaux)\s+et\s+sociales?|denomination\s+sociale|logements?\s+sociaux|action\s+sociale|services?\s+sociaux|fonds\s+social|reseaux?\s+sociaux|dialogue\s+social|travailleurs?\s+sociaux|aide\s+sociale|protection\s+sociale|sociale?s?\s+et\s+fiscal/;

const BUYER_AIM = /\b(?:la\s+collectivite|la\s+ville|la\s+commune|le\s+pouvoir\s+adjudicateur|l\s?['’]?\s?acheteur|le\s+departement|la\s+region|l\s?['’]?\s?etablissement)\s+(?:souhaite|s\s?['’]?\s?engage|entend|veut|s\s?['’]?\s?attache)\b/;

const ENV_TERM = String.raw`(?:environnementa(?:l|le|les|ux)\b|developpement\s+responsable|(?:protection|respect|preservation|impacts?|atteintes?|incidences?)\s+(?:de\s+|sur\s+|a\s+)${L}environnement|en\s+matiere\s+${D}environnement|developpement\s+durable|\becologi|bilan\s+carbone|empreinte\s+(?:carbone|environnementale|ecologique)|\bcarbone\b|\bco2\b|gaz\s+a\s+effet\s+de\s+serre|(?:tri|valorisation|reduction|prevention)\s+des\s+dechets|\brecycl|\breemploi|biodiversite|circuits?\s+courts?|eco-?\s?conception|performances?\s+energetiques?|\benvironmental\b|\bsustainab)`;

type Scope = 'any' | 'criteria' | 'not-criteria' | 'conditions';

interface Rule {
  id: SignalId;
  re: RegExp;
  /** 2: legal wording or explicit phrase; 1: inferred default (kept only if nothing better). */
  strength: 1 | 2;
  scope: Scope;
  /** The match says "no": do not test negations. */
  negative?: boolean;
  /** Extra test on the folded sentence around the match. */
  sentence?: RegExp;
  /** Evidence cut on criterion items instead of sentences. */
  item?: boolean;
  /** Test run on the folded text before the match (e.g. headings to skip). */
  notAfter?: RegExp;
}

const g = (s: string) => new RegExp(s, 'g');

const RULES: Rule[] = [
  // Reserved for disabled workers' structures (L2113-12; art. 36-I ordonnance 2015-899; art. 15 ancien code).
  { id: 'reserve-handicap', re: g(RESERVED_TO + HANDICAP_TARGET), strength: 2, scope: 'any' },
  // Not the candidate's sworn statement listing the cases of reserved contracts ("attestant qu'il entre dans les cas
  // prévus à l'article L2113-12"): a form every candidate fills, not a reservation.
  { id: 'reserve-handicap', re: g(String.raw`\bl\.?\s?2113-12\b`), strength: 2, scope: 'any', notAfter: /(?:attestant|sur\s+l.?\s*honneur)[^.;]{0,110}$/ },
  { id: 'reserve-handicap', re: g(String.raw`\b(?:art\.?|article)\s*36\s*[-,]?\s*(?:i|1)(?:\b|°)(?!i)[^.;\n]{0,60}ordonnance`), strength: 2, scope: 'any' },
  { id: 'reserve-handicap', re: g(String.raw`\b(?:art\.?|article)\s*15\s+du\s+code\s+des\s+marches\s+publics`), strength: 2, scope: 'any', sentence: /reserve/ },
  { id: 'reserve-handicap', re: g(String.raw`\bres-ws\b|sheltered\s+(?:workshops?|employment)`), strength: 2, scope: 'any' },
  // JOUE III.1.5 second box: "l'exécution du marché est limitée au cadre de programmes d'emplois protégés".
  { id: 'reserve-handicap', re: g(String.raw`\bprogrammes?\s+${D}emplois?\s+proteges?|<[a-z_]*(?:ateliers?|emplois?)_proteges?[a-z_]*\s*/?>`), strength: 2, scope: 'any' },
  // A bare "marché réservé" meant the disabled-workers reservation (ancien code art. 15); kept only if nothing more precise.
  {
    id: 'reserve-handicap',
    re: g(String.raw`\b(?:marche|lot|contrat)\s+reserve\b(?!\s+(?:a|aux)\s+(?:(?:une|des|la|les)\s+professions?|architectes?\b|avocats?\b|notaires?\b|geometres|experts?[- ]comptables?|entreprises\s+(?:disposant|titulaires)|titulaires\s+d))|\b(?:marches|lots)\s+reserves\s*:\s*oui\b|<marche_reserve_oui\s*/?>`),
    strength: 1,
    scope: 'any',
    // Nor the III.2.1 field of a European form ("La prestation est réservée à une profession déterminée … Marché
    // réservé aux entreprises disposant d'une licence de transport"): a regulated profession, not an ESS reservation.
    notAfter: /(?:informations?|information)\s+(?:sur|relatives?\s+aux?)\s+(?:les?\s+)?$|(?:relative\s+a\s+la\s+profession|profession\s+determinee)[^]{0,120}$/,
  },
  // Reserved for SIAE (L2113-13; art. 36-II ordonnance 2015-899).
  { id: 'reserve-siae', re: g(RESERVED_TO + SIAE_TARGET), strength: 2, scope: 'any' },
  { id: 'reserve-siae', re: g(String.raw`\bl\.?\s?2113-13\b`), strength: 2, scope: 'any' },
  { id: 'reserve-siae', re: g(String.raw`\b(?:art\.?|article)\s*36\s*[-,]?\s*(?:ii|2)\b[^.;\n]{0,60}ordonnance`), strength: 2, scope: 'any' },
  // Reserved for ESS enterprises (L2113-15; art. 37 ordonnance 2015-899; eForms res-pub-ser).
  { id: 'reserve-ess', re: g(String.raw`\bl\.?\s?2113-15\b`), strength: 2, scope: 'any' },
  { id: 'reserve-ess', re: g(String.raw`\b(?:art\.?|article)\s*37\b[^.;\n]{0,60}ordonnance`), strength: 2, scope: 'any' },
  { id: 'reserve-ess', re: g(RESERVED_TO + ESS_TARGET), strength: 2, scope: 'any' },
  { id: 'reserve-ess', re: g(String.raw`\bres-pub-ser\b`), strength: 2, scope: 'any' },

  // Not reserved, said explicitly.
  {
    id: 'not-reserved',
    re: g(
      String.raw`\b(?:marches?|contrats?)\s+reserves?\s*:\s*non\b|<marche_reserve_non\s*/?>|\b(?:le\s+)?(?:marche|contrat|lot|consultation)\s+n'\s*est\s+pas\s+(?:un\s+marche\s+)?reservee?\b|\bparticipation\s+(?:reservee\s*:\s*(?:aucune|non)\b|n'\s*est\s+pas\s+reservee)|\bcontract\s+is\s+not\s+reserved\b|\breserved\s+(?:contract|participation)\s*:\s*(?:no|none)\b|\bpas\s+de\s+marche\s+reserve\b`,
    ),
    strength: 2,
    scope: 'any',
    negative: true,
  },

  // Insertion clause (L2112-2), as a condition of execution, or an insertion contract (marché d'insertion).
  // "clause obligatoire d'insertion", "clause contractuelle d'insertion": a qualifier may stand between.
  { id: 'clause-insertion', re: g(String.raw`\bclauses?\s+(?:(?:obligatoires?|contractuelles?|specifiques?|particulieres?|imperatives?)\s+)?(?:sociales?\s+)?(?:${D}insertion|de\s+promotion\s+de\s+${L}emploi)|\bclauses?\s+sociales?\b`), strength: 2, scope: 'not-criteria' },
  { id: 'clause-insertion', re: g(String.raw`\bheures?\s+(?:de\s+travail\s+)?${D}insertion|\bheures?\s+de\s+travail\b[^.;\n]{0,80}\binsertion\b`), strength: 2, scope: 'not-criteria' },
  {
    id: 'clause-insertion',
    re: g(String.raw`\bpromotion\s+de\s+${L}emploi\b[^.;\n]{0,80}?\binsertion\b|\b(?:engagements?|actions?|objectifs?|obligations?)\s+${D}insertion\b|\binsertion\s+(?:sociale\s+et\s+)?professionnelle\s+(?:des|de)\s+(?:personnes|publics)\s+(?:eloigne|en\s+difficulte|rencontrant)|\b(?:personnes|publics)\s+eloigne(?:e)?s?\s+(?:durablement\s+)?de\s+${L}emploi|dispositif\s+${D}insertion\s+par\s+${L}activite\s+economique`),
    strength: 2,
    scope: 'not-criteria',
  },
  { id: 'clause-insertion', re: g(String.raw`\bl\.?\s?2112-2\b|\b(?:art\.?|article)\s*38\b[^.;\n]{0,60}ordonnance|\b(?:art\.?|article)\s*14\s+du\s+code\s+des\s+marches\s+publics`), strength: 2, scope: 'not-criteria', sentence: /insertion|\bsocia(?:l|le|les|ux)\b|\bemploi\b/ },
  { id: 'clause-insertion', re: g(String.raw`conditions?\s+(?:particulieres?\s+)?${D}execution\b[^.;\n]{0,60}?caractere\s+social|caractere\s+social\s+dans\s+les\s+conditions?\s+(?:particulieres?\s+)?${D}execution\b`), strength: 2, scope: 'not-criteria' },
  { id: 'clause-insertion', re: g(String.raw`\binsertion\b`), strength: 2, scope: 'conditions', sentence: /\binsertion\s+(?:sociale|professionnelle|par\s+l|des\s+personnes|de\s+personnes|de\s+publics)|clause|heures/ },
  {
    id: 'clause-insertion',
    re: g(String.raw`\binsertion\s+(?:sociale\s+et\s+professionnelle|socio-?\s?professionnelle)|\binsertion\s+et\s+(?:de\s+)?qualification\s+professionnelles?|\bqualification\s+et\s+(?:${D})?insertion\s+professionnelles?|\bmarches?\s+${D}insertion\b|\binsertion\s+professionnelle\b[^.;\n]{0,60}?mise\s+a\s+disposition\s+de\s+personnel|\bchantiers?\s+${D}insertion\b`),
    strength: 2,
    scope: 'not-criteria',
  },

  // Social / environmental award criteria: a criterion item that names the subject.
  { id: 'critere-social', re: g(SOCIAL_TERM), strength: 2, scope: 'criteria', item: true },
  { id: 'critere-social', re: g(String.raw`\bcriteres?\b(?!\s+de\s+(?:selection|candidature))[^.;\n]{0,150}?` + SOCIAL_TERM), strength: 2, scope: 'not-criteria', item: true },
  { id: 'critere-environnemental', re: g(ENV_TERM), strength: 2, scope: 'criteria', item: true },
  { id: 'critere-environnemental', re: g(String.raw`\bcriteres?\b(?!\s+de\s+(?:selection|candidature))[^.;\n]{0,150}?` + ENV_TERM), strength: 2, scope: 'not-criteria', item: true },

  // Environmental clause (condition of execution).
  { id: 'clause-environnementale', re: g(String.raw`\bclauses?\s+environnementales?\b|\benvironmental\s+clauses?\b`), strength: 2, scope: 'not-criteria' },
  { id: 'clause-environnementale', re: g(String.raw`conditions?\s+(?:particulieres?\s+)?${D}execution\b[^.;\n]{0,60}?caractere\s+environnemental|\bdispositions?\s+a\s+caractere\s+environnementa`), strength: 2, scope: 'not-criteria' },
  { id: 'clause-environnementale', re: g(ENV_TERM), strength: 2, scope: 'conditions' },
  { id: 'clause-environnementale', re: g(String.raw`\bl\.?\s?2112-2\b`), strength: 2, scope: 'not-criteria', sentence: /environnement/ },
  // "une clause est prévue au CCAP … pour la protection de l'environnement".
  { id: 'clause-environnementale', re: g(String.raw`\bune\s+clause\s+(?:est|sera)\s+(?:prevue|inseree|integree)`), strength: 2, scope: 'not-criteria', sentence: /\benvironnement/ },

  // Fair trade / organic labels (R2111-12).
  {
    id: 'label-equitable',
    re: g(String.raw`commerce\s+equitable|\bequitables?\b[^.;\n]{0,40}\b(?:label|produits?|filieres?)\b|\b(?:labels?|produits?|filieres?)\b[^.;\n]{0,40}\bequitables?\b|\bfair\s*trade\b|max\s+havelaar|agriculture\s+biologique|\blabel\s+(?:ab|bio)\b|\b(?:produits?|denrees?|aliments?|ingredients?)\s+(?:alimentaires?\s+)?biologiques?\b|(?<![\w-])bio(?![\w-])|\becocert\b`),
    strength: 2,
    scope: 'any',
  },
];

// Negation cues before a match, within its clause.
const NEG_BEFORE = /(?:\bn'|\bne\b|\bpas\b|\bsans\b|\baucune?\b|\bni\b|\bnon\b(?![- ]?respect)|\bnot\b|\bwithout\b)/;
// Negative answers right after a label: "Marché réservé : non", "Critères sociaux : sans objet".
const NEG_AFTER = /^\s*(?:\(s\)\s*)?:\s*(?:non\b|no\b|sans\s+objet|neant\b|aucune?\b|-\s*(?:$|\n))|^\s+(?:non|no)\s*(?:[.;\n]|$)/;

const ALLOT_YES = /divise(?:e|s|es)?\s+en\s+lots\s*:?\s*oui\b|divided\s+into\s+lots\s*:?\s*yes\b|allotissement\s*:\s*([2-9]|\d{2,3})\s*lots?\b|(?:a|en)\s+lots\s+separes\b|(?:decompose|reparti|divise|alloti)(?:e|s|es)?\s+en\s+(?:[2-9]|\d{2,3}|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|plusieurs)\s+lots\b|<div_en_lots>\s*<oui\s*\/?>|\bmarche\s+alloti\b|(?:\(|[-–_:,]\s|\b(?:en|de|sur)\s)\s*(?:[2-9]|\d{2,3})\s+lots\b|\blots\s+(?:n\s*(?:°|o|os)\.?\s*)?\d{1,3}\s*(?:,|et|&)\s*\d{1,3}/g;
// A title naming one lot ("LOT 6 EPICERIE", "(Relance lot 1)"): the notice is one lot of an allotted procedure.
// A lot named, not numbered, after the operation it belongs to: "Restructuration de l'internat … - Lot Menuiserie et
// mobilier". Case tells the word from the Lot river or the Lot-et-Garonne.
const TITLE_NAMED_LOT = /(?:^|[-–:]\s*)(?:Lot|LOT)\s+(?!unique\b|UNIQUE\b)[A-ZÀ-Ý][\p{L}'’-]{2,}/u;
const TITLE_LOT = /(?<![a-z])lot\s*(?:n\s*[°o]?\s*)?\d{1,3}\b(?!\s*(?:m2|m²|logements?|places?)\b)/g;
const ALLOT_NO = /divise(?:e|s|es)?\s+en\s+lots\s*:?\s*non\b|divided\s+into\s+lots\s*:?\s*no\b|n'\s*est\s+pas\s+(?:divise|alloti)|pas\s+(?:d'\s*)?allotissement|allotissement\s*:\s*(?:-|non\b|1\s*lot\b)|<div_en_lots>\s*<non\s*\/?>|\blot\s+unique\b/;

/** The order signals are listed in: reservations, then clauses and criteria, then lots (every id of SIGNAL_IDS once). */
export const SIGNAL_ORDER: readonly SignalId[] = ['reserve-handicap', 'reserve-siae', 'reserve-ess', 'not-reserved', 'clause-insertion', 'critere-social', 'clause-environnementale', 'critere-environnemental', 'label-equitable', 'allotissement'];

/** Options of {@link detectSignals}. */
export interface SignalOptions {
  /** Header pictograms of a BOAMP notice ("Critères sociaux", "Critères environnementaux"). */
  pictograms?: string[];
  /** Lots listed by the source (record field, page list), with their titles as evidence. */
  lots?: { number?: string; title: string }[];
  /** A lot count stated without a list (Atexo "2 Lots"). */
  lotCount?: number;
}

interface Candidate extends Signal {
  strength: number;
}

/**
 * Signals the notice declares, one per id, each with verbatim evidence and where it was found.
 * Never throws; bounded by MAX_SCAN characters over all sections.
 */
export function detectSignals(sections: Section[], opts: SignalOptions = {}): Signal[] {
  return runSteps(detectSignalsSteps(sections, opts));
}

/** {@link detectSignals} in steps (one section each), for a reader that lets the page run meanwhile. */
export function* detectSignalsSteps(sections: Section[], opts: SignalOptions = {}): Steps<Signal[]> {
  const best = new Map<SignalId, Candidate>();
  const offer = (c: Candidate) => {
    const cur = best.get(c.id);
    if (!cur || c.strength > cur.strength) best.set(c.id, c);
  };
  let budget = MAX_SCAN;
  let allotYes: Candidate | undefined;
  let allotNo = false;
  // A title naming one lot ("Relance du lot 2") is weaker than the form's own "divisé en lots : non".
  let oneLot = false;
  for (const section of sections) {
    if (budget <= 0) break;
    const text = section.text.length > budget ? section.text.slice(0, budget) : section.text;
    budget -= text.length;
    const f = fold(text);
    for (const rule of RULES) scanRule(rule, section, text, f, offer);

    ALLOT_YES.lastIndex = 0;
    const yes = ALLOT_YES.exec(f);
    if (yes && !allotYes) allotYes = { id: 'allotissement', evidence: evidence(text, f, yes.index, yes.index + yes[0].length), where: section.where, strength: 2 };
      if (!yes && !allotYes && (section.kind === 'title' || section.where === 'title')) {
        TITLE_LOT.lastIndex = 0;
        const one = TITLE_LOT.exec(f);
        const named = one ? null : TITLE_NAMED_LOT.exec(text);
        if (one) {
          allotYes = { id: 'allotissement', evidence: evidence(text, f, one.index, one.index + one[0].length), where: section.where, strength: 2 };
          oneLot = true;
        } else if (named) {
          allotYes = { id: 'allotissement', evidence: clipEvidence(text), where: section.where, strength: 2 };
          oneLot = true;
        }
      }
    if (ALLOT_NO.test(f)) allotNo = true;
    yield;
  }

  // Lots: an explicit "divisé en lots : oui" wins; an explicit "non" stops inference from lot lists.
  if (allotYes && oneLot && allotNo) allotYes = undefined;
  if (allotYes) offer(allotYes);
  else if (!allotNo) {
    const lots = (opts.lots ?? []).filter((l) => l.title);
    const numbers = new Set<string>();
    let firstLotEvidence: { text: string; where: string } | undefined;
    for (const section of sections) {
      const nums = lotNumbers(section.text);
      for (const n of nums) numbers.add(n);
      if (nums.length && !firstLotEvidence) {
        const f = fold(section.text);
        const at = /\blots?\s*(?:\(s\)\s*)?(?:n\s*[o°]?\s*\.?\s*:?\s*|numero\s*|no\s*\.?\s*)?\d{1,3}\b/.exec(f);
        if (at) firstLotEvidence = { text: evidence(section.text, f, at.index, at.index + at[0].length), where: section.where };
      }
      yield;
    }
    const maxNumber = Math.max(0, ...[...numbers].map(Number));
    if (lots.length >= 2 && lots[0]) {
      offer({ id: 'allotissement', evidence: clipEvidence(lots[0].number ? `Lot ${lots[0].number} : ${lots[0].title}` : lots[0].title), where: 'lots', strength: 2 });
    } else if ((numbers.size >= 2 || maxNumber >= 2) && firstLotEvidence) {
      offer({ id: 'allotissement', evidence: firstLotEvidence.text, where: firstLotEvidence.where, strength: 2 });
    } else if ((opts.lotCount ?? 0) >= 2) {
      offer({ id: 'allotissement', evidence: `${opts.lotCount} lots`, where: 'lots', strength: 1 });
    }
  }

  // Pictograms: flags the page shows as icons ("Critères sociaux", "Clause sociale", "Marché réservé").
  for (const p of (opts.pictograms ?? []).slice(0, 20)) {
    const text = collapse(String(p)).slice(0, 300);
    const f = fold(text);
    if (/criteres?\s+sociaux|critere\s+social/.test(f) && !NEG_AFTER.test(f.replace(/^.*?(?:sociaux|social)/, ''))) offer({ id: 'critere-social', evidence: text, where: 'pictogram', strength: 2 });
    else if (/criteres?\s+environnementaux|critere\s+environnemental/.test(f) && !NEG_AFTER.test(f.replace(/^.*?(?:environnementaux|environnemental)/, ''))) offer({ id: 'critere-environnemental', evidence: text, where: 'pictogram', strength: 2 });
    else for (const rule of RULES) if (rule.scope === 'any' || rule.scope === 'not-criteria') scanRule(rule, { where: 'pictogram', text, kind: 'other' }, text, f, offer);
  }

  // A bare "marché réservé" gives way to a precise reservation.
  const handicap = best.get('reserve-handicap');
  if (handicap && handicap.strength < 2 && (best.get('reserve-siae')?.strength === 2 || best.get('reserve-ess')?.strength === 2)) {
    best.delete('reserve-handicap');
  }
  return SIGNAL_ORDER.flatMap((id) => {
    const c = best.get(id);
    return c ? [{ id: c.id, evidence: c.evidence, where: c.where }] : [];
  });
}

function scanRule(rule: Rule, section: Section, text: string, f: string, offer: (c: Candidate) => void): void {
  const inCriteriaSection = section.kind === 'criteria';
  if (rule.scope === 'criteria' && !inCriteriaSection) return;
  if (rule.scope === 'not-criteria' && inCriteriaSection) return;
  if (rule.scope === 'conditions' && section.kind !== 'conditions') return;
  rule.re.lastIndex = 0;
  let n = 0;
  for (let m = rule.re.exec(f); m && n < 40; m = rule.re.exec(f), n++) {
    if (m[0].length === 0) {
      rule.re.lastIndex++;
      continue;
    }
    const start = m.index;
    const end = start + m[0].length;
    const [s0, s1] = rule.item ? itemBounds(f, start, end) : sentenceBounds(f, start, end, text);
    const sentence = f.slice(s0, s1);
    if (rule.sentence && !rule.sentence.test(sentence)) continue;
    if (rule.notAfter && rule.notAfter.test(f.slice(Math.max(0, start - 120), start))) continue;
    if (!rule.negative && negated(f, s0, start, end)) continue;
    if (rule.scope === 'not-criteria' && !rule.item && inCriterionItem(f, start)) continue;
    // The buyer's own aims in the conditions field ("La collectivité souhaite intégrer des dimensions
    // environnementales… s'engage à limiter les impacts") bind no holder: not a clause.
    if (rule.scope === 'conditions' && buyerAimBefore(f, start)) continue;
    if (rule.id === 'clause-insertion' && /\breserve(?:e|s|es)?\s+(?:a|aux|au|pour)\b/.test(sentence)) continue;
    if (rule.id === 'critere-social') {
      const term = f.slice(start, end);
      const around = f.slice(Math.max(0, start - 30), Math.min(f.length, end + 40));
      if (/socia|societ/.test(term) && SOCIAL_NOISE.test(around)) continue;
    }
    if (rule.id === 'label-equitable' && BIO_NOISE.test(f.slice(Math.max(0, start - 2), end + 16))) continue;
    if (rule.id === 'critere-social' || rule.id === 'clause-insertion') {
      // The building's or the advert's "insertion" is not social insertion.
      const i = f.slice(start, end).lastIndexOf('insertion');
      if (i >= 0 && INSERTION_NOISE.test(f.slice(Math.max(0, start + i - 6), start + i + 40))) continue;
    }
    offer({ id: rule.id, evidence: cut(text, s0, s1, start, end), where: section.where, strength: rule.strength });
  }
}

// A list introduced by the buyer's aims ("… s'engage lors de la commande à : limiter…, avoir…") in the same sentence.
function buyerAimBefore(f: string, start: number): boolean {
  const before = f.slice(Math.max(0, start - 250), start);
  return BUYER_AIM.test(before.slice(before.lastIndexOf('.') + 1));
}

// Negated when a negation cue sits in the same clause before the match, or a "no" follows a label.
function negated(f: string, s0: number, start: number, end: number): boolean {
  const before = f.slice(Math.max(s0, start - 60), start);
  const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(':'), before.lastIndexOf('(')) + 1);
  if (NEG_BEFORE.test(clause)) return true;
  return NEG_AFTER.test(f.slice(end, end + 24));
}

// True when the position is inside an award-criterion item ("Critère 4 : …", "… / Pondération : 5").
function inCriterionItem(f: string, at: number): boolean {
  const [s0, s1] = itemBounds(f, at, at);
  const item = f.slice(s0, s1);
  return /^\s*(?:\d{1,2}\s?[.)]\s*)?criteres?\b(?!\s+de\s+selection)|\/\s*ponderation\s*:|\bponderation\s*:\s*\d|\bweighting\s*:/.test(item);
}

const ABBREV = /(?:\b[a-z]|\bart|\bno|\bn|\bcf|\bex|\bavr|\bmin|\bmax|\bjanv|\bfevr|\bsept|\boct|\bnov|\bdec|\bm|\bmme|\bst|\bste|\bp|\bpp|\betc|\bcode|\bcca?p|\bcctp|\b\d)$/;

// True when the full stop at i ends a sentence: followed by a space, or glued to a capitalised word ("concernés.Le").
function endsSentence(f: string, text: string, i: number): boolean {
  const c = f[i];
  if (c !== '.' && c !== '!' && c !== '?') return false;
  if (ABBREV.test(f.slice(Math.max(0, i - 6), i))) return false;
  const next = f[i + 1];
  if (next === undefined || /\s/.test(next)) return true;
  // Flattened notices lose the space after a full stop: "…MARIGNANE.Nombre d'heures".
  return /[A-ZÀ-Ý]/.test(text[i + 1] ?? '') && /[a-zà-ÿ]/.test(text[i + 2] ?? '') && /[a-z]{3}$/.test(f.slice(Math.max(0, i - 3), i));
}

// Sentence around [start, end): line breaks, semicolons and full stops that end a sentence.
function sentenceBounds(f: string, start: number, end: number, text: string = f): [number, number] {
  let s0 = Math.max(0, start - 200);
  for (let i = start - 1; i >= Math.max(0, start - 200); i--) {
    const c = f[i];
    if (c === '\n' || c === ';' || endsSentence(f, text, i)) {
      s0 = i + 1;
      break;
    }
    if (i === 0) s0 = 0;
  }
  let s1 = Math.min(f.length, end + 250);
  for (let i = end; i < Math.min(f.length, end + 250); i++) {
    const c = f[i];
    if (c === '\n' || c === ';') {
      s1 = i;
      break;
    }
    if (endsSentence(f, text, i)) {
      s1 = i + 1;
      break;
    }
  }
  return [s0, s1];
}

// Where a criterion item starts: a line, a semicolon, "2. ", " - ", after a weighting, or at "Critère".
const ITEM_START = /\n|;|(?:^|\s)\d{1,2}\s?[.)]\s|\s-\s|(?:ponderation|weighting)\s*:\s*\d+(?:[.,]\d+)?\s*%?|\bcriteres?\b|(?<=[a-z]{4})\.\s(?=[a-z])/g;

// Bounds of one award-criterion item around [start, end), its weighting included.
function itemBounds(f: string, start: number, end: number): [number, number] {
  const from = Math.max(0, start - 200);
  const window = f.slice(from, start);
  let s0 = from;
  ITEM_START.lastIndex = 0;
  for (let m = ITEM_START.exec(window); m; m = ITEM_START.exec(window)) {
    s0 = from + (/^\s*criteres?$/.test(m[0]) || /\bcriteres?\b/.test(m[0]) ? m.index : m.index + m[0].length);
    if (m[0].length === 0) ITEM_START.lastIndex++;
  }
  const tail = f.slice(end, Math.min(f.length, end + 250));
  const weight = /^[^\n;]*?(?:ponderation|weighting)\s*:\s*\d+(?:[.,]\d+)?\s*%?/.exec(tail);
  const stop = /\n|;|\s\d{1,2}\s?[.)]\s|\s-\s|\.\s/.exec(tail);
  let s1: number;
  if (weight && (!stop || weight[0].length <= stop.index + 3)) s1 = end + weight[0].length;
  else s1 = end + (stop ? stop.index : tail.length);
  return [s0, s1];
}

function evidence(text: string, f: string, start: number, end: number): string {
  const [s0, s1] = sentenceBounds(f, start, end, text);
  return cut(text, s0, s1, start, end);
}

// Verbatim slice of the original, trimmed, at most 300 characters and always containing the match; a cut
// never splits a word.
function cut(text: string, s0: number, s1: number, start: number, end: number): string {
  let a = s0;
  let b = s1;
  if (b - a > 300) {
    // Keep the match, with some context before it.
    a = Math.max(s0, start - 100);
    b = Math.min(s1, a + 300);
    if (b < end) {
      b = end;
      a = Math.max(s0, end - 300);
    }
    // Move the ends inwards to word boundaries (never past the match).
    while (a > s0 && a < start && /\S/.test(text[a - 1] ?? '') && /\S/.test(text[a] ?? '')) a++;
    while (b < s1 && b > end && /\S/.test(text[b - 1] ?? '') && /\S/.test(text[b] ?? '')) b--;
  }
  return clipEvidence(text.slice(a, b));
}

// Spaces inside lines collapsed, line breaks kept (one at most), a sentence glued to the next one spaced
// ("…concernés.Le titulaire" as flattened pages give it), cut on a word at 300 characters.
function clipEvidence(s: string): string {
  const c = tidyLines(s)
    .replace(/\n{2,}/g, '\n')
    .replace(/([a-zà-ÿ]{2}[.;:!?])([A-ZÀ-Ý][a-zà-ÿ])/g, '$1 $2')
    .replace(/^[\s,;:.)\-–]+/, '');
  return c.length > 300 ? clip(c, 299) : c;
}
