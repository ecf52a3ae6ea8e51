import type { Advice } from '../core/advise/index';
import type { Reading } from '../core/read/types';
import { formatDate, t, type Lang } from './i18n';
import { signalLabel } from './signal-label';

/** Plain-text summary a buyer can paste into an e-mail or a note. */
export function summaryText(reading: Reading, advice: Advice, lang: Lang, url?: string): string {
  const tnd = reading.tender;
  const lines: string[] = [t(lang, 'summaryHeader'), ''];
  if (tnd.title) lines.push(tnd.title);
  if (url) lines.push(url);
  const facts: [string, string | undefined][] = [
    [t(lang, 'buyer'), tnd.buyer],
    [t(lang, 'reference'), tnd.reference ?? tnd.boampId ?? tnd.tedId],
    [t(lang, 'cpv'), tnd.cpv.length ? tnd.cpv.join(', ') : undefined],
    [t(lang, 'deadline'), formatDate(lang, tnd.deadline)],
    [t(lang, 'lots'), tnd.lots.length ? String(tnd.lots.length) : undefined],
  ];
  for (const [k, v] of facts) if (v) lines.push(`${k} : ${v}`);
  const declared = reading.signals;
  if (declared.length) {
    lines.push('', `${t(lang, 'summaryDeclared')} :`);
    for (const s of declared) lines.push(`- ${signalLabel(lang, s.id)} : « ${s.evidence.replace(/\s+/g, ' ').slice(0, 160)} »`);
  }
  if (advice.levers.length) {
    lines.push('', `${t(lang, 'summaryLevers')} :`);
    for (const l of advice.levers.slice(0, 6)) lines.push(`- ${l.label}${l.status === 'declared' ? ` (${t(lang, 'statusDeclared')})` : ''} : ${l.why}`);
  }
  if (advice.bid.length) {
    lines.push('', `${t(lang, 'bidTitle')}`);
    for (const b of advice.bid) lines.push(`- ${b}`);
  }
  if (advice.fiches.length) {
    lines.push('', `${t(lang, 'summaryFiches')} :`);
    for (const f of advice.fiches.slice(0, 5)) lines.push(`- ${f.title} (${f.id})`);
  }
  if (advice.actors.length) {
    lines.push('', `${t(lang, 'summaryActors')} :`);
    for (const a of advice.actors.slice(0, 5)) lines.push(`- ${a.name}${a.website ? ` — ${a.website}` : ''}`);
  }
  for (const l of advice.links) lines.push(`- ${l.label} : ${l.url}`);
  return lines.join('\n');
}
