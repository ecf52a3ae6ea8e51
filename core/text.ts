/** Lower case, no diacritics, one space between words: the form every keyword match compares. */
export function fold(s: string): string {
  // A letter lost in a bad conversion ("d\ufffdch\ufffdteries"): between letters it was most often an accented e.
  // Checked first: fold runs on every keystroke of the search.
  if (s.includes('\ufffd')) s = s.replace(/(?<=\p{L})\ufffd(?=\p{L})/gu, 'e');
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œ]/g, 'oe')
    .replace(/[æ]/g, 'ae')
    .toLowerCase()
    .replace(/[’'`]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Finds a folded keyword in folded text at word boundaries, tolerating a plural -s/-x on each word.
 * Returns the index in `folded`, or -1.
 */
export function findKeyword(folded: string, keyword: string): number {
  const re = keywordPattern(keyword);
  const m = re ? re.exec(folded) : null;
  return m ? m.index + (m[0].startsWith(' ') ? 1 : 0) : -1;
}

// The knowledge base has a few hundred keywords, matched on every advice: compile each once.
const patterns = new Map<string, RegExp | null>();
function keywordPattern(keyword: string): RegExp | null {
  let re = patterns.get(keyword);
  if (re !== undefined) return re;
  const k = fold(keyword);
  const pattern = k
    .split(' ')
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '(?:s|x)?')
    .join(' ');
  re = k ? new RegExp(`(?:^| )${pattern}(?= |$)`) : null;
  if (patterns.size < 5000) patterns.set(keyword, re);
  return re;
}

/** Euros as French readers write them: 40 000 €. */
export function euros(n: number): string {
  return `${Math.round(n).toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ')} €`;
}
