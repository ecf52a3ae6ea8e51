import { fold } from '../text.ts';

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, fevrier: 2, fevr: 2, fev: 2, mars: 3, avril: 4, avr: 4, mai: 5, juin: 6, juillet: 7, juil: 7,
  aout: 8, septembre: 9, sept: 9, octobre: 10, oct: 10, novembre: 11, nov: 11, decembre: 12, dec: 12,
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): boolean {
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1;
}

// Date forms, tried on folded text: 16/10/2020, 16.10.2020, 4 septembre 2020, 2017-01-30T16:00:00+01:00.
const DATE_RE =
  /(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2})(?::(\d{2}))?(z|[+-]\d{2}:?\d{2})?)?|\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b|\b(\d{1,2})(?:\s?(?:er|\.?e\.?r\.?|re|eme))?\s+(janvier|janv\.?|fevrier|fevr\.?|fev\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|aout|septembre|sept\.?|octobre|oct\.?|novembre|nov\.?|decembre|dec\.?|january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{4})\b/;
// A time right after the date: "à 12h00", "- 12:00", ", à 17 heures", "Local time: 12:00".
const TIME_RE = /^[\s,;.–-]*(?:a\s+|at\s+|local time\s*:\s*|heure locale\s*:?\s*|\(?heure de paris\)?\s*)?(\d{1,2})\s*(?:h|:|heures?)\s*(\d{2})?/;

/** First date (and time right after it) in `s`, as ISO 8601 local time; undefined when none. */
export function parseDate(s: string): string | undefined {
  if (!s) return undefined;
  const f = fold(s.slice(0, 2000));
  const m = DATE_RE.exec(f);
  if (!m) return undefined;
  let y: number, mo: number, d: number;
  if (m[1]) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
    if (!validDate(y, mo, d)) return undefined;
    if (m[4]) {
      const zone = m[7] ? (m[7] === 'z' ? 'Z' : m[7].length === 5 ? `${m[7].slice(0, 3)}:${m[7].slice(3)}` : m[7]) : '';
      return `${y}-${pad(mo)}-${pad(d)}T${m[4]}:${m[5]}:${m[6] ?? '00'}${zone}`;
    }
    return `${y}-${pad(mo)}-${pad(d)}`;
  }
  if (m[8]) {
    d = Number(m[8]);
    mo = Number(m[9]);
    y = Number(m[10]);
    if (y < 100) y += 2000;
  } else {
    d = Number(m[11]);
    mo = MONTHS[(m[12] ?? '').replace('.', '')] ?? 0;
    y = Number(m[13]);
  }
  if (!validDate(y, mo, d)) return undefined;
  const rest = f.slice(m.index + m[0].length, m.index + m[0].length + 40);
  const t = TIME_RE.exec(rest);
  if (t) {
    const h = Number(t[1]);
    const mi = t[2] ? Number(t[2]) : 0;
    if (h <= 23 && mi <= 59) return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00`;
  }
  return `${y}-${pad(mo)}-${pad(d)}`;
}

// Deadline labels, most specific first.
const DEADLINE_LABELS: RegExp[] = [
  /date\s+(?:et\s+heure\s+)?limites?\s+(?:de\s+)?(?:reception|remise|depot)\s+des\s+(?:offres|plis|candidatures|demandes?\s+de\s+participation|projets|dossiers)/g,
  /time\s+limit\s+for\s+receipt\s+of\s+tenders/g,
  /date\s+limite\s+de\s+reponse/g,
  /(?:remise|reception|depot)\s+des\s+(?:offres|plis|candidatures)\s+(?:avant\s+le|le|au\s+plus\s+tard\s+le|jusqu'au)/g,
  /date\s+(?:et\s+heure\s+)?limites?/g,
  /\bdeadline\b/g,
];

/** The deadline for tenders: the date after a deadline label (ISO, local time). */
export function parseDeadline(text: string): string | undefined {
  if (!text) return undefined;
  const f = fold(text.length > 300_000 ? text.slice(0, 300_000) : text);
  for (const re of DEADLINE_LABELS) {
    re.lastIndex = 0;
    let tries = 0;
    for (let m = re.exec(f); m && tries < 20; m = re.exec(f), tries++) {
      // The date follows its label closely; another dated label (sending date…) ends the search.
      let after = text.slice(m.index + m[0].length, m.index + m[0].length + 160);
      const other = /date\s+d'envoi|date\s+de\s+(?:publication|parution)|publie\s+le|delai\s+minimum|date\s+previsionnelle/.exec(fold(after));
      if (other) after = after.slice(0, other.index);
      const d = parseDate(after);
      if (d) return d;
    }
  }
  return undefined;
}
