// Divisions (first two digits) of the CPV 2008 nomenclature.
const DIVISIONS = new Set(
  '03 09 14 15 16 18 19 22 24 30 31 32 33 34 35 37 38 39 41 42 43 44 45 48 50 51 55 60 63 64 65 66 70 71 72 73 75 76 77 79 80 85 90 92 98'.split(' '),
);

/**
 * Normalises a CPV code to its 8 digits: "39812100-8" → "39812100", "39 81 21 00" → "39812100".
 * Returns null when the input is not an 8-digit code (with an optional check digit).
 */
export function normaliseCpv(input: unknown): string | null {
  if (typeof input !== 'string' && typeof input !== 'number') return null;
  const s = String(input).trim();
  if (s.length > 40) return null;
  const m = /^(\d{2})[\s.]?(\d{2})[\s.]?(\d{2})[\s.]?(\d{2})(?:\s*-\s*\d)?$/.exec(s);
  if (!m) return null;
  const code = `${m[1]}${m[2]}${m[3]}${m[4]}`;
  return code === '00000000' ? null : code;
}

/** True when the code belongs to a CPV 2008 division (used to tell CPV codes from other 8-digit numbers in free text). */
export function isCpvDivision(code: string): boolean {
  return DIVISIONS.has(code.slice(0, 2));
}

/** Normalises and de-duplicates a list, keeping order; invalid entries are dropped. */
export function normaliseCpvList(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  const out: string[] = [];
  for (const item of list.slice(0, 500)) {
    const c = normaliseCpv(item);
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}
