// The social-consideration duty of the loi Climat et résilience for contracts above the European thresholds.
import type { Reading } from '../read/types';
import type { Role } from '../kb/vocabulary';
import { fold } from '../text';
import type { Facts } from './facts';
import { phrase, type Lang } from './phrases';

/** A legal duty the notice seems not to meet, told to the buyer as a duty and to an ESS structure as an opening. */
export interface ObligationAdvice {
  id: 'social-consideration-2026';
  /** For the buyer: the duty; for an ESS structure: the opening it makes. */
  text: string;
  /** The legal reference. */
  reference: string;
  /** The exceptions the text provides, in our words. */
  exceptions: string[];
  /** Legal knowledge from outside the sources Essor is written from (like the conditions marked so in data/levers.json). */
  outsideSources: true;
  /**
   * `published`: the notice was published on or after the date the duty applies from; `deadline`: only its deadline
   * is known to be later, so the duty applies if the consultation was launched from that date.
   */
  basis: 'published' | 'deadline';
}

/** Day the duty applies from (consultations launched from that day). */
export const SOCIAL_DUTY_FROM = '2026-08-22';
// European thresholds in force in 2026-2027 (legal knowledge outside the sources): works; supplies and services of
// local authorities. A notice marked as a European form or passed by a formal procedure is above them anyway.
const THRESHOLD_WORKS = 5_404_000;
const THRESHOLD_SUPPLIES_SERVICES = 216_000;
const EUROPEAN_MARKERS = /\b(marches europeens|joue|directive 2014 2[45] ue|formulaire europeen|formulaire ue|avis de marche europeen)\b/;
const FORMAL_PROCEDURES = /\b(appel d offres|procedure concurrentielle avec negociation|dialogue competitif)\b/;

const REFERENCE = 'Loi n° 2021-1104 du 22 août 2021 (Climat et résilience), art. 35 ; code de la commande publique, art. L2112-2-1';

/** Above the European thresholds, from the value, the form or the procedure. */
function aboveThresholds(r: Reading, f: Facts): boolean {
  const v = f.value;
  if (v !== undefined && v >= (f.works ? THRESHOLD_WORKS : THRESHOLD_SUPPLIES_SERVICES)) return true;
  const text = fold(r.text.slice(0, 20_000));
  if (EUROPEAN_MARKERS.test(text)) return true;
  return FORMAL_PROCEDURES.test(fold(r.tender.procedure ?? ''));
}

/** When the notice was published, if the reading or the caller knows it. */
function publishedOn(r: Reading, published?: string): string | undefined {
  const t = r.tender as { published?: string; publishedAt?: string; publicationDate?: string };
  const d = published ?? t.published ?? t.publishedAt ?? t.publicationDate;
  return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : undefined;
}

/**
 * The duty, when it applies and the notice declares no social consideration (no insertion clause, social criterion
 * or reservation); undefined otherwise.
 */
export function socialDuty(r: Reading, f: Facts, o: { role: Role; lang: Lang; today?: string; published?: string }): ObligationAdvice | undefined {
  const today = (o.today ?? new Date().toISOString()).slice(0, 10);
  if (today < SOCIAL_DUTY_FROM) return undefined;
  const declaresSocial = r.signals.some((s) => s.id === 'clause-insertion' || s.id === 'critere-social' || s.id.startsWith('reserve-'));
  if (declaresSocial || !aboveThresholds(r, f)) return undefined;
  const published = publishedOn(r, o.published);
  let basis: ObligationAdvice['basis'];
  if (published) {
    if (published < SOCIAL_DUTY_FROM) return undefined;
    basis = 'published';
  } else if (r.tender.deadline && r.tender.deadline.slice(0, 10) >= SOCIAL_DUTY_FROM) basis = 'deadline';
  else return undefined;
  const P = (k: Parameters<typeof phrase>[1]) => phrase(o.lang, k);
  const lead = o.role === 'structure' || o.role === 'citoyen' ? P('obligationStructure') : P('obligationBuyer');
  return {
    id: 'social-consideration-2026',
    text: `${lead}${basis === 'deadline' ? ` ${P('obligationIfLaunched')}` : ''} (${P('obligationOutside')})`,
    reference: REFERENCE,
    exceptions: [P('obligationExceptionReady'), P('obligationExceptionCompetition'), P('obligationExceptionCheck')],
    outsideSources: true,
    basis,
  };
}
