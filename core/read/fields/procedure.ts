import { capitalise, collapse, fold } from '../text.ts';

const PROCEDURES: [RegExp, string][] = [
  [/\badaptee?\b|\bmapa\b/, 'Procédure adaptée'],
  [/appel d'offres? ouvert|procedure ouverte|\bouverte\b|open procedure|\bouvert\b/, 'Appel d\'offres ouvert'],
  [/appel d'offres? restreint|procedure restreinte|restricted procedure|\brestreinte?\b/, 'Appel d\'offres restreint'],
  [/concurrentielle avec negociation|competitive procedure with negotiation|avec negociation/, 'Procédure avec négociation'],
  [/negociee? sans (?:publicite|mise en concurrence)|without (?:prior )?publication/, 'Procédure négociée sans publicité ni mise en concurrence'],
  [/dialogue competitif|competitive dialogue/, 'Dialogue compétitif'],
  [/partenariat d'innovation|innovation partnership/, 'Partenariat d\'innovation'],
  [/\bconcours\b|design contest/, 'Concours'],
  [/concession|delegation de service public/, 'Concession'],
  [/negociee?|negotiated/, 'Procédure négociée'],
];

/** Canonical name of a procedure ("procédure adaptée", "Open procedure", "1 - Open procedure"…). */
export function canonicalProcedure(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  const f = fold(s.slice(0, 200));
  for (const [re, name] of PROCEDURES) if (re.test(f)) return name;
  const c = collapse(s);
  return c && c.length <= 80 && !/^[A-Z_/]+$/.test(c) ? capitalise(c) : undefined;
}

export function findProcedure(text: string): string | undefined {
  if (!text) return undefined;
  const f = fold(text.slice(0, 300_000));
  const m = /(?:type\s+de\s+procedure|forme\s+de\s+la\s+procedure|procedure\s+de\s+passation|type\s+of\s+procedure|mode\s+de\s+passation)\s*:?\s*([^\n]{3,100})/.exec(f);
  if (m) {
    const c = canonicalProcedure(text.slice(m.index + m[0].length - (m[1]?.length ?? 0), m.index + m[0].length));
    if (c) return c;
  }
  const direct = /\b(procedure adaptee|appel d'offres? (?:ouvert|restreint)|procedure (?:ouverte|restreinte)|dialogue competitif|procedure concurrentielle avec negociation)\b/.exec(f);
  return direct ? canonicalProcedure(direct[1]) : undefined;
}
