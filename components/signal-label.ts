import type { Nature } from '../core/read/types';
import type { SignalId } from '../core/kb/vocabulary';
import { t, type Lang, type MessageKey } from './i18n';

/** The UI catalogue key naming each signal (the conventions test checks every signal has one). */
export const SIGNAL_KEYS: Readonly<Record<SignalId, MessageKey>> = {
  'reserve-handicap': 'sigReserveHandicap',
  'reserve-siae': 'sigReserveSiae',
  'reserve-ess': 'sigReserveEss',
  'clause-insertion': 'sigClauseInsertion',
  'critere-social': 'sigCritereSocial',
  'clause-environnementale': 'sigClauseEnvironnementale',
  'critere-environnemental': 'sigCritereEnvironnemental',
  'label-equitable': 'sigLabelEquitable',
  allotissement: 'sigAllotissement',
  'not-reserved': 'sigNotReserved',
};

/** A declared signal's name for people; the id itself when it is unknown. */
export function signalLabel(lang: Lang, id: string): string {
  const key = (SIGNAL_KEYS as Readonly<Record<string, MessageKey>>)[id];
  return key ? t(lang, key) : id;
}

// The places the readers record a signal in (core/read), named for people. Anything else (an XML path, a
// portal's own label) is an internal word: it is not shown.
const WHERE_KEYS: Readonly<Record<string, MessageKey>> = {
  pictogram: 'wherePictogram',
  title: 'whereTitle',
  object: 'whereObject',
  lots: 'whereLots',
  conditions: 'whereConditions',
  participation: 'whereParticipation',
  criteria: 'whereCriteria',
  procedure: 'whereProcedure',
  performance: 'wherePerformance',
  buyer: 'whereBuyer',
  text: 'whereText',
  form: 'whereForm',
  xml: 'whereForm',
  'bt-71': 'whereReservedParticipation',
  'bt-736': 'whereReservedExecution',
};

/** Where a signal was found, for people: a notice section, a field, the header pictograms; '' when unknown. */
export function whereLabel(lang: Lang, where: string): string {
  const key = WHERE_KEYS[where.trim().toLowerCase()];
  if (key) return t(lang, key);
  return /^[IVX]+(\.\d+)*\)?$/.test(where.trim()) ? t(lang, 'whereSection', { where: where.trim() }) : '';
}

/** Whether "show in the page" can work for a signal: header pictograms and structured data are not page text. */
export function findableInPage(where: string): boolean {
  const w = where.trim().toLowerCase();
  return w !== 'pictogram' && w !== 'xml' && w !== 'form' && !w.startsWith('bt-');
}

const NATURE_KEYS: Readonly<Record<Nature, MessageKey>> = { travaux: 'natureTravaux', fournitures: 'natureFournitures', services: 'natureServices' };

/** The nature of a contract as a word ("Services", "Travaux"). */
export function natureLabel(lang: Lang, nature: string | undefined): string | undefined {
  if (!nature) return undefined;
  const key = (NATURE_KEYS as Readonly<Record<string, MessageKey>>)[nature];
  return key ? t(lang, key) : nature;
}

// The canonical procedure names of core/read/fields/procedure.ts, translated; any other name is shown as read.
const PROCEDURE_KEYS: Readonly<Record<string, MessageKey>> = {
  'Procédure adaptée': 'procAdaptee',
  'Appel d\'offres ouvert': 'procOuvert',
  'Appel d\'offres restreint': 'procRestreint',
  'Procédure avec négociation': 'procNegociation',
  'Procédure négociée sans publicité ni mise en concurrence': 'procSansPublicite',
  'Dialogue compétitif': 'procDialogue',
  'Partenariat d\'innovation': 'procInnovation',
  Concours: 'procConcours',
  Concession: 'procConcession',
  'Procédure négociée': 'procNegociee',
};

/** A procedure's name in the reader's language when it is one of the canonical names. */
export function procedureLabel(lang: Lang, procedure: string | undefined): string | undefined {
  if (!procedure) return undefined;
  const key = PROCEDURE_KEYS[procedure];
  return key ? t(lang, key) : procedure;
}
