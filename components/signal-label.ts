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

/** Where a signal was found, for people: a notice section number, a field, the header pictograms. */
export function whereLabel(lang: Lang, where: string): string {
  if (where === 'pictogram') return t(lang, 'wherePictogram');
  return /^[IVX]+(\.\d+)*$/.test(where) ? t(lang, 'whereSection', { where }) : where;
}
