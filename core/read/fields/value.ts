import { fold } from '../text.ts';

// "880 000", "785 000.00", "1 000 000,00", "1.250.000", "55000", "2,5 millions".
const AMOUNT = String.raw`(\d{1,3}(?:[  . ]\d{3})+|\d+)(?:[.,](\d{1,2}))?(?!\d)\s*(millions?|m€|meur|k€|milliers?)?`;
const CURRENCY = /^\s*(?:d')?\s*(?:euros?|eur\b|€|m€|k€|\(ht\)|ht\b|h\.t\.)/;

/** Number of euros in a written amount; undefined when unreadable. */
export function parseAmount(s: string): number | undefined {
  const m = new RegExp(AMOUNT).exec(fold(s));
  return m ? amountOf(m) : undefined;
}

function amountOf(m: RegExpExecArray, at = 1): number | undefined {
  const int = (m[at] ?? '').replace(/[  . ]/g, '');
  if (!int) return undefined;
  let v = Number(int) + (m[at + 1] ? Number(`0.${m[at + 1]}`) : 0);
  const unit = m[at + 2];
  if (unit) v *= /^m/.test(unit) ? 1e6 : 1e3;
  return Number.isFinite(v) && v > 0 && v < 1e11 ? v : undefined;
}

interface ValueRule {
  re: RegExp;
  /** How several matches combine. */
  mode: 'max' | 'sum' | 'first';
  /** Whether a currency must follow the amount (quantities are not euros). */
  currency: boolean;
}

// Estimated value, by priority: the explicit maximum estimate, the total estimate, a value HT, a range.
const VALUE_RULES: ValueRule[][] = [
  [{ re: new RegExp(String.raw`valeur\s+(?:maximum|maximale)\s+estimee(?:[^:\n]{0,40}:|\s+(?:a|de))\s*` + AMOUNT, 'g'), mode: 'max', currency: false }],
  [
    { re: new RegExp(String.raw`valeur\s+totale\s+estimee\s*(?:hors\s+tva)?\s*:?\s*(?:valeur\s+hors\s+tva\s*:?)?\s*` + AMOUNT, 'g'), mode: 'max', currency: false },
    { re: new RegExp(String.raw`estimated\s+total\s+value\s*:?\s*(?:value\s+excluding\s+vat\s*:?)?\s*` + AMOUNT, 'g'), mode: 'max', currency: false },
  ],
  [
    { re: new RegExp(String.raw`(?:valeur|montant)\s+(?:estimee?\s+)?(?:hors\s+tva|h\.?t\.?)\s*:\s*` + AMOUNT, 'g'), mode: 'max', currency: true },
    { re: new RegExp(String.raw`value\s+excluding\s+vat\s*:\s*` + AMOUNT, 'g'), mode: 'max', currency: true },
    { re: new RegExp(String.raw`(?:montant|budget|cout)\s+(?:global\s+|total\s+)?(?:estimatif|estime|previsionnel)\s*(?:\(ht\)|ht|hors\s+taxes?)?\s*(?:du\s+marche\s*)?:?\s*(?:de\s+)?` + AMOUNT, 'g'), mode: 'sum', currency: true },
  ],
  [
    { re: new RegExp(String.raw`entre\s+` + AMOUNT + String.raw`\s*(?:euros?|eur|€)?\s*(?:\(?ht\)?\s*)?et\s+` + AMOUNT, 'g'), mode: 'max', currency: true },
    { re: new RegExp(String.raw`offre\s+la\s+plus\s+elevee\s*:\s*` + AMOUNT, 'g'), mode: 'max', currency: false },
    { re: new RegExp(String.raw`(?:montant|valeur)\s+(?:total\s+|annuel\s+|global\s+)?maxim(?:um|al)e?\s+(?:annuel\s+|global\s+|total\s+)?(?:de\s+|du\s+marche\s+)?:?\s*` + AMOUNT, 'g'), mode: 'max', currency: true },
    { re: new RegExp(String.raw`\bmaximum\s+(?:ht|h\.t\.)\s*:?\s*` + AMOUNT, 'g'), mode: 'max', currency: true },
  ],
];

/** Estimated value in euros HT: the explicit maximum estimate, else the total, else the largest amount stated. */
export function findEstimatedValue(text: string): number | undefined {
  return valueOf(text, VALUE_RULES);
}

/** The value the notice states as its whole (maximum or total estimate), not one lot's; undefined otherwise. */
export function findTotalValue(text: string): number | undefined {
  return valueOf(text, VALUE_RULES.slice(0, 2));
}

function valueOf(text: string, tiers: ValueRule[][]): number | undefined {
  if (!text) return undefined;
  const f = fold(text.length > 300_000 ? text.slice(0, 300_000) : text);
  for (const tier of tiers) {
    let best: number | undefined;
    for (const rule of tier) {
      rule.re.lastIndex = 0;
      const values: number[] = [];
      let n = 0;
      for (let m = rule.re.exec(f); m && n < 200; m = rule.re.exec(f), n++) {
        // A range has two amounts: the second (the maximum) counts.
        const second = m[4] !== undefined || m[5] !== undefined ? amountOf(m, 4) : undefined;
        const v = second ?? amountOf(m, 1);
        if (v === undefined) continue;
        if (rule.currency && !CURRENCY.test(f.slice(m.index + m[0].length, m.index + m[0].length + 12)) && !/€|euro|eur\b/.test(m[0])) continue;
        values.push(v);
      }
      if (!values.length) continue;
      const v = rule.mode === 'sum' ? values.reduce((a, b) => a + b, 0) : Math.max(...values);
      best = best === undefined ? v : Math.max(best, v);
    }
    if (best !== undefined) return Math.round(best * 100) / 100;
  }
  return undefined;
}
