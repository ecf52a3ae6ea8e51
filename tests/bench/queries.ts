// Search queries for the bench, drawn from real notice titles the way people type them: lower case,
// no accents, a few words, one typo. Deterministic (seeded PRNG) so two runs time the same queries.

/** Mulberry32: small, fast, good enough to pick words and letters. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lower case, accents stripped, punctuation to spaces. */
export function foldQuery(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One typo in a word of four letters or more: a letter dropped, doubled, replaced or two swapped. */
function typo(word: string, rnd: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(rnd() * (word.length - 2));
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i) + LETTERS[Math.floor(rnd() * 26)] + word.slice(i + 1);
    default:
      return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
  }
}

/** `n` queries: 2 to 5 consecutive words of a title, folded, with one typo in one of the longer words. */
export function makeQueries(titles: readonly string[], n: number, seed = 20260417): string[] {
  const rnd = prng(seed);
  const out: string[] = [];
  for (let k = 0; out.length < n && k < n * 10; k++) {
    const words = foldQuery(titles[k % titles.length] ?? '').split(' ').filter(Boolean);
    if (!words.length) continue;
    const len = Math.min(words.length, 2 + Math.floor(rnd() * 4));
    const start = Math.floor(rnd() * (words.length - len + 1));
    const picked = words.slice(start, start + len);
    const long = picked.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 4);
    if (long.length) {
      const [w, i] = long[Math.floor(rnd() * long.length)]!;
      picked[i] = typo(w, rnd);
    }
    out.push(picked.join(' '));
  }
  return out;
}

/** Summary of timings: median, min, max and percentiles. */
export interface Stats {
  median: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
  n: number;
}

/** Nearest-rank percentiles over a copy of `values`. */
export function stats(values: readonly number[]): Stats {
  const v = [...values].sort((a, b) => a - b);
  const at = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))] ?? NaN;
  const mid = v.length % 2 ? v[(v.length - 1) / 2]! : ((v[v.length / 2 - 1] ?? NaN) + (v[v.length / 2] ?? NaN)) / 2;
  return { median: mid, min: v[0] ?? NaN, max: v[v.length - 1] ?? NaN, p50: at(50), p95: at(95), n: v.length };
}
