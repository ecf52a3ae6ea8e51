// The words of a marker on a list of results: a short badge and the sentence behind it (what, why, from where).
import type { EntryMarker } from '../core/fit/list';
import { t, type Lang, type MessageKey } from './i18n';
import { signalLabel } from './signal-label';

const LABEL: Record<EntryMarker['id'], MessageKey> = {
  'reserved-for-you': 'markerReservedForYou',
  fits: 'markerFits',
  declared: 'markerDeclared',
  'not-for-you': 'markerNotForYou',
  nothing: 'markerNothing',
};

/** The badge and the full sentence of one marker, in `lang`. */
export function markerText(m: EntryMarker, lang: Lang): { label: string; detail: string } {
  // Inside a sentence: a lower-case first letter, acronyms kept ("marché réservé ESAT / EA").
  const signals = m.signals.map((id) => signalLabel(lang, id).replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase())).join(', ');
  let label = m.id === 'nothing' && m.source === 'list' ? t(lang, 'markerNothingList') : t(lang, LABEL[m.id], { signals });
  if (m.source === 'list' && m.id !== 'nothing') label = `${label} (${t(lang, 'markerFromList')})`;
  const parts = [t(lang, 'markerName', { label })];
  if (m.headline && m.headline !== label) parts.push(/[.!?…]$/.test(m.headline) ? m.headline : `${m.headline}.`);
  if (m.signals.length && m.id !== 'declared') parts.push(t(lang, 'markerSignals', { signals }));
  parts.push(t(lang, m.source === 'record' ? 'markerSourceRecord' : 'markerSourceList'));
  return { label, detail: parts.join(' ') };
}
