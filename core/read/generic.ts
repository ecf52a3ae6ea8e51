import { reportFault } from '../errors.ts';
import type { PageKind } from './types.ts';
import { fold } from './text.ts';
import { findCpvs, parseDate } from './fields/index.ts';

/** How much a text looks like a single French tender notice. */
export interface Detection {
  /** 0..1 */
  confidence: number;
  kind: PageKind;
  /** Features found, for debugging and tests. */
  reasons: string[];
}

interface Feature {
  name: string;
  re: RegExp;
  weight: number;
}

// Vocabulary and structure of a notice (folded text). A page about procurement shares words with a
// notice, but not the labelled structure with values (deadline with a date, CPV code, buyer label).
const FEATURES: Feature[] = [
  { name: 'heading', weight: 0.15, re: /avis\s+d'appel\s+(?:public\s+)?a\s+(?:la\s+)?concurrence|\bavis\s+de\s+marche\b|annonce\s+de\s+consultation|avis\s+de\s+concession|\bcontract\s+notice\b|avis\s+de\s+pre-?information/ },
  { name: 'buyer', weight: 0.15, re: /pouvoir\s+adjudicateur|entite\s+adjudicatrice|organisme\s+acheteur|nom\s+et\s+adresses?\s+officiels?|identification\s+(?:de\s+l'|du\s+pouvoir\s+)?(?:acheteur|adjudicateur)|contracting\s+authority/ },
  { name: 'procedure', weight: 0.1, re: /procedure\s+(?:adaptee|ouverte|restreinte|negociee|concurrentielle)|appel\s+d'offres\s+(?:ouvert|restreint)|dialogue\s+competitif|\bmapa\b|open\s+procedure/ },
  { name: 'criteria', weight: 0.1, re: /criteres?\s+d'attribution|criteres?\s+de\s+(?:jugement|choix)\s+des\s+offres|award\s+criteria|offre\s+economiquement\s+la\s+plus\s+avantageuse/ },
  { name: 'object', weight: 0.05, re: /objet\s+du\s+marche|objet\s+de\s+la\s+consultation|intitule\s+du\s+marche|description\s+succincte|caracteristiques\s+principales/ },
  { name: 'lots', weight: 0.05, re: /divise\s+en\s+lots|\blots?\s+n\s*[o°]\s*\d|allotissement|renseignements\s+relatifs\s+aux\s+lots/ },
  { name: 'documents', weight: 0.05, re: /dossier\s+de\s+consultation|reglement\s+de\s+la\s+consultation|\bdce\b|profil\s+d'acheteur/ },
  { name: 'review', weight: 0.05, re: /instance\s+chargee\s+des\s+procedures\s+de\s+recours|introduction\s+des\s+recours|review\s+body/ },
  { name: 'participation', weight: 0.05, re: /conditions\s+de\s+participation|justifications\s+a\s+produire|capacite\s+economique\s+et\s+financiere|situation\s+propre\s+des\s+operateurs/ },
  { name: 'duration', weight: 0.05, re: /duree\s+du\s+marche|delai\s+d'execution|duree\s+de\s+l'accord-cadre/ },
];

const DEADLINE = /date\s+(?:et\s+heure\s+)?limites?\s+(?:de\s+)?(?:reception|remise|depot|reponse)(?:\s+des\s+(?:offres|plis|candidatures|demandes\s+de\s+participation))?|time\s+limit\s+for\s+receipt/g;
// Pages that talk about procurement: press, blogs, municipal information pages.
const ARTICLE = /\blire\s+(?:aussi|la\s+suite|egalement)\b|\bpartager\s+(?:sur|cet\s+article)\b|\bcommentaires?\b|\bpublie\s+le\s+\d{1,2}[/ ]\S+\s+(?:\d{4}\s+)?(?:a\s+\d{1,2}h\d{2}\s+)?par\b|\barticle\s+(?:suivant|precedent)\b|\bmis\s+a\s+jour\s+le\b|\bnewsletter\b|\bnos\s+actualites\b/g;
const INFO_PAGE = /\bseuils?\s+de\s+procedure|\bcomment\s+repondre\b|\bguide\s+(?:de\s+l'achat|des\s+marches)|\bqu'est-ce\s+qu'un\s+marche\s+public\b|\bnos\s+marches\s+publics\b|\bconsultez\s+nos\s+(?:avis|consultations)|\bles\s+entreprises\s+peuvent\b/g;

/**
 * Scores a text as a French tender notice (vocabulary and labelled structure). A single notice needs a
 * deadline with a date or a CPV code; several deadlines with different dates make a list.
 */
export function detectTender(text: string): Detection {
  const reasons: string[] = [];
  try {
    if (!text) return { confidence: 0, kind: 'other', reasons };
    const src = text.length > 200_000 ? text.slice(0, 200_000) : text;
    const f = fold(src);
    let score = 0;
    for (const feat of FEATURES) {
      if (feat.re.test(f)) {
        score += feat.weight;
        reasons.push(feat.name);
      }
    }
    // Deadlines with a date: one date (maybe repeated) is a notice, many dates a list.
    const dates = new Set<string>();
    let deadlines = 0;
    DEADLINE.lastIndex = 0;
    for (let m = DEADLINE.exec(f); m && deadlines < 200; m = DEADLINE.exec(f)) {
      const d = parseDate(src.slice(m.index + m[0].length, m.index + m[0].length + 120));
      if (d) {
        deadlines++;
        dates.add(d.slice(0, 10));
      }
    }
    if (deadlines) {
      score += 0.25;
      reasons.push('deadline');
    }
    const cpv = findCpvs(src).codes.length > 0;
    if (cpv) {
      score += 0.2;
      reasons.push('cpv');
    }
    const articleHits = countMatches(ARTICLE, f, 10);
    const infoHits = countMatches(INFO_PAGE, f, 10);
    if (articleHits >= 2) reasons.push('article');
    if (infoHits >= 1) reasons.push('information-page');

    let confidence = Math.min(1, score);
    // Without a dated deadline or a CPV code, vocabulary alone is "about procurement", not a notice.
    if (!deadlines && !cpv) confidence = Math.min(confidence, 0.35);
    else if (!(deadlines && cpv) && reasons.length < 6) confidence = Math.min(confidence, 0.45);
    if (articleHits >= 2) confidence *= 0.5;
    if (infoHits >= 1) confidence *= 0.6;
    const isList = dates.size >= 3 && deadlines >= 3;
    if (isList) reasons.push('list');
    return {
      confidence: Math.round(confidence * 100) / 100,
      kind: isList ? 'list' : confidence >= 0.5 ? 'notice' : 'other',
      reasons,
    };
  } catch (e) {
    // detectTender runs on any page text; a fault here is ours, reported, and the page is taken as no tender.
    reportFault('read:detect', e);
    return { confidence: 0, kind: 'other', reasons };
  }
}

function countMatches(re: RegExp, s: string, cap: number): number {
  re.lastIndex = 0;
  let n = 0;
  while (n < cap && re.exec(s)) n++;
  return n;
}
