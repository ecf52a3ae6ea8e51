/** Upper bound of the text we scan, in UTF-16 code units (about 300 KB). */
export const MAX_SCAN = 300_000;

const foldCache = new Map<string, string>();

/**
 * Lower-cases and strips accents **without changing the length**, so a match at index i in the
 * folded string is at index i in the original (evidence is cut from the original).
 * Apostrophes and dashes are unified, non-breaking spaces become spaces.
 */
export function fold(s: string): string {
  // Readers fold the same notice text many times (one field reader each): keep the last few.
  if (s.length > 256) {
    const hit = foldMemo.get(s);
    if (hit !== undefined) return hit;
    const out = foldRaw(s);
    if (foldMemo.size >= 8) foldMemo.delete(foldMemo.keys().next().value as string);
    foldMemo.set(s, out);
    return out;
  }
  return foldRaw(s);
}

const foldMemo = new Map<string, string>();

function foldRaw(s: string): string {
  let out = '';
  let plain = 0;
  const flush = (i: number) => {
    if (i > plain) out += s.slice(plain, i).toLowerCase();
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // ASCII stays in the plain run, lower-cased in bulk by flush().
    if (c < 0x80) continue;
    flush(i);
    const ch = s[i] as string;
    let f = foldCache.get(ch);
    if (f === undefined) {
      if (c === 0x2019 || c === 0x2018 || c === 0x02bc || c === 0x00b4 || c === 0x0060) f = "'";
      else if (c === 0x00a0 || c === 0x202f || c === 0x2009 || c === 0x2007) f = ' ';
      else if (c >= 0x2010 && c <= 0x2014) f = '-';
      else if (c === 0x00ba) f = 'o'; // "nº"
      else if (c === 0xfffd) f = '\ufffd';
      else {
        const d = ch.normalize('NFD').charAt(0).toLowerCase();
        f = d.length === 1 ? d : ch;
      }
      if (foldCache.size < 4096) foldCache.set(ch, f);
    }
    // A letter lost in a bad conversion ("d\ufffdch\ufffdteries"): between letters it was most often an accented e.
    if (f === '\ufffd') f = /\p{L}/u.test(s[i - 1] ?? '') && /\p{L}/u.test(s[i + 1] ?? '') ? 'e' : ' ';
    out += f;
    plain = i + 1;
  }
  flush(s.length);
  return out;
}

/** Collapses runs of white space to one space and trims. */
export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** Collapses spaces inside lines but keeps line breaks (at most one empty line). */
export function tidyLines(s: string): string {
  return s
    .replace(/[ \t\f\v\u00a0\u202f\u2009]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Cuts `s` to `max` characters on a word boundary when possible. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const sp = cut.lastIndexOf(' ');
  return (sp > max * 0.6 ? cut.slice(0, sp) : cut).trimEnd() + '…';
}

/** Full normalisation for comparing labels: folded, punctuation to spaces, collapsed. */
export function key(s: string): string {
  return fold(s)
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** First letter upper-cased. */
export function capitalise(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** Bounded input: a string, cut at MAX_SCAN. */
export function bounded(s: unknown, max = MAX_SCAN): string {
  if (typeof s !== 'string') return '';
  return s.length > max ? s.slice(0, max) : s;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the few XML/HTML entities found in notice XML (and numeric ones). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (m, e: string) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}
