import type { Advice } from '../core/advise/index';
import type { Reading } from '../core/read/types';
import { adviceHeadline, priorityActions, rankedSuggestions, reasonText, strengthLabel } from './headline';
import { formatAmount, formatDate, t, type Lang } from './i18n';
import { natureLabel, procedureLabel, signalLabel } from './signal-label';

const one = (s: string, n = 160) => {
  const x = s.replace(/\s+/g, ' ').trim();
  return x.length > n ? `${x.slice(0, n - 1)}…` : x;
};

/** Plain-text summary a buyer can paste into an e-mail or a note; its action count is the panel's and the badge's. */
export function summaryText(reading: Reading, advice: Advice, lang: Lang, url?: string): string {
  const tnd = reading.tender;
  const head = adviceHeadline(advice, lang);
  const lines: string[] = [t(lang, 'summaryHeader'), ''];
  if (tnd.title) lines.push(tnd.title);
  if (url) lines.push(url);
  const lotCount = tnd.lots.length || tnd.lotCount;
  const facts: [string, string | undefined][] = [
    [t(lang, 'buyer'), tnd.buyer],
    [t(lang, 'reference'), tnd.reference ?? tnd.boampId ?? tnd.tedId],
    [t(lang, 'cpv'), tnd.cpv.length ? tnd.cpv.join(', ') : undefined],
    [t(lang, 'nature'), natureLabel(lang, tnd.nature)],
    [t(lang, 'procedure'), procedureLabel(lang, tnd.procedure)],
    [t(lang, 'value'), tnd.estimatedValue ? `${formatAmount(lang, tnd.estimatedValue)} ${t(lang, 'exclTax')}` : undefined],
    [t(lang, 'deadline'), formatDate(lang, tnd.deadline)],
    [t(lang, 'lots'), lotCount ? String(lotCount) : undefined],
  ];
  const sep = lang === 'fr' ? ' : ' : ': ';
  for (const [k, v] of facts) if (v) lines.push(`${k}${sep}${v}`);
  lines.push('', head.title);
  const actions = priorityActions(advice);
  if (actions.length) {
    lines.push('', `${t(lang, 'summaryActions')}${sep.trimEnd()}`);
    actions.forEach((l, i) => {
      const reason = reasonText(l);
      lines.push(`${i + 1}. ${l.label} (${strengthLabel(lang, l.strength)})${sep}${one(l.why, 220)}${reason ? ` — ${one(reason, 200)}` : ''}`);
    });
  }
  for (const w of advice.whyNot) lines.push('', w.text);
  if (advice.obligation) lines.push('', `${t(lang, 'summaryObligation')}${sep}${advice.obligation.text} (${advice.obligation.reference})`);
  const declared = reading.signals;
  if (declared.length) {
    lines.push('', `${t(lang, 'summaryDeclared')}${sep.trimEnd()}`);
    for (const s of declared) lines.push(`- ${signalLabel(lang, s.id)}${sep}« ${one(s.evidence)} »`);
  }
  const others = rankedSuggestions(advice).slice(actions.length);
  if (others.length) lines.push('', `${t(lang, 'summaryOtherLevers')}${sep}${others.map((l) => `${l.label} (${strengthLabel(lang, l.strength)})`).join(', ')}`);
  if (advice.bid.length) {
    lines.push('', `${t(lang, 'bidTitle')}`);
    for (const b of advice.bid) if (b !== advice.obligation?.text) lines.push(`- ${b}`);
  }
  if (advice.fiches.length) {
    lines.push('', `${t(lang, 'summaryFiches')}${sep.trimEnd()}`);
    const seen = new Set<string>();
    for (const f of advice.fiches) {
      const key = f.title.toLowerCase();
      if (seen.has(key) || seen.size >= 5) continue;
      seen.add(key);
      lines.push(`- ${f.title}`);
    }
  }
  if (advice.actors.length) {
    lines.push('', `${t(lang, 'summaryActors')}${sep.trimEnd()}`);
    for (const a of advice.actors.slice(0, 5)) lines.push(`- ${a.name}${a.website ? ` — ${a.website}` : ''}`);
  }
  for (const l of advice.links) lines.push(`- ${l.label}${sep}${l.url}`);
  return lines.join('\n');
}
