// One headline per advice, shared by every place that counts or names it (toolbar badge, overlay badge, panel,
// copied summary), so the numbers a buyer sees never disagree.
import type { Advice, LeverAdvice, Strength } from '../core/advise/index';
import type { ProcurementLeverId } from '../core/kb/vocabulary';
import { plural, t, type Lang, type MessageKey } from './i18n';

/** What one advice comes down to. */
export interface Headline {
  /** A word or two for a badge: "Réserver ?", "Allotir ?", "Clause", "Critère", "Pistes", "Déjà social", "—". */
  badge: string;
  /** One sentence: how many actions, and the first ones by name. */
  title: string;
  /** Number of prioritised actions (at most {@link MAX_ACTIONS}); the same number everywhere. */
  actions: number;
}

/** The panel's first block never holds more actions than this. */
export const MAX_ACTIONS = 3;

const STRENGTH_RANK: Record<Strength, number> = { fort: 0, possible: 1, faible: 2 };

// What a notice can already declare that makes it social (lots alone do not).
const SOCIAL: ReadonlySet<ProcurementLeverId> = new Set(['reserve-handicap', 'reserve-siae', 'reserve-ess', 'clause-insertion', 'critere-social']);

const STRENGTH_KEY: Record<Strength, MessageKey> = { fort: 'strengthFort', possible: 'strengthPossible', faible: 'strengthFaible' };

/** The strength word of a lever, in the reader's language. */
export function strengthLabel(lang: Lang, s: Strength | undefined): string {
  return t(lang, STRENGTH_KEY[s ?? 'faible']);
}

/** A lever's reason without the strength word the engine puts first (the tag already shows it). */
export function reasonText(l: LeverAdvice): string {
  const r = (l.reason ?? '').trim();
  const cut = r.indexOf(' — ');
  if (cut > 0 && cut <= 14) return r.slice(cut + 3).trim();
  // "Fort." alone says nothing the tag does not.
  return /^[^\s]{1,12}\.$/.test(r) ? '' : r;
}

const RUNG_BADGE: Record<string, MessageKey> = {
  reserve: 'headlineReserve',
  lot: 'headlineLot',
  clause: 'headlineClause',
  criterion: 'headlineCriterion',
};

/** The suggested levers in priority order: strength first, then the engine's score (its order). */
export function rankedSuggestions(advice: Advice): LeverAdvice[] {
  return advice.levers
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.status !== 'declared')
    .sort((a, b) => STRENGTH_RANK[a.l.strength ?? 'faible'] - STRENGTH_RANK[b.l.strength ?? 'faible'] || a.i - b.i)
    .map(({ l }) => l);
}

/** The prioritised actions for this notice: at most three suggested levers. */
export function priorityActions(advice: Advice): LeverAdvice[] {
  return rankedSuggestions(advice).slice(0, MAX_ACTIONS);
}

/** The levers the notice already declares. */
export function declaredLevers(advice: Advice): LeverAdvice[] {
  return advice.levers.filter((l) => l.status === 'declared');
}

/** "1 action" / "3 actions" in the reader's language. */
export function actionCount(lang: Lang, n: number): string {
  // The forms keep their {n} for plural() to fill.
  return plural(lang, n, { one: t(lang, 'actionsOne', { n: '{n}' }), other: t(lang, 'actionsOther', { n: '{n}' }) });
}

/** The headline of an advice: badge word, title sentence and action count, the same for badge, panel and summary. */
export function adviceHeadline(advice: Advice, lang: Lang): Headline {
  const actions = priorityActions(advice);
  const declaredSocial = declaredLevers(advice).filter((l) => SOCIAL.has(l.id));
  let badge: string;
  if (declaredSocial.length) badge = t(lang, 'headlineDeclared');
  else if (!actions.length) badge = '—';
  else {
    // The first action's rung; off the ladder (sourcing, joint bids…), the engine's rung when no declared lever holds it.
    const first = actions[0]!;
    const ladder = advice.ladder.rung;
    const rung = RUNG_BADGE[first.rung ?? ''] ? first.rung : RUNG_BADGE[ladder] && !declaredLevers(advice).some((l) => l.rung === ladder) ? ladder : undefined;
    badge = t(lang, rung ? RUNG_BADGE[rung]! : 'headlineOther');
  }
  const count = actionCount(lang, actions.length);
  // Inside a sentence: "prévoit déjà clause d’insertion", but acronyms ("SPASER") keep their capitals.
  const inline = (label: string) => (/^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label);
  const names = actions.map((l) => l.label).join(', ');
  let title: string;
  if (declaredSocial.length)
    title = actions.length
      ? t(lang, 'headlineTitleDeclaredMore', { declared: declaredSocial.map((l) => inline(l.label)).join(', '), count, names })
      : t(lang, 'headlineTitleDeclared', { declared: declaredSocial.map((l) => inline(l.label)).join(', ') });
  else title = actions.length ? t(lang, 'headlineTitle', { count, names }) : t(lang, 'headlineTitleNone');
  return { badge, title, actions: actions.length };
}
