import type { Lot, Nature, Tender } from './types.ts';
import type { Section } from './sections.ts';
import { isCpvDivision, normaliseCpv } from './cpv.ts';
import { capitalise, clip, collapse, fold, key } from './text.ts';

/** Tender fields read so far, plus what only helps to derive others. */
export interface TenderPatch extends Partial<Tender> {
  /** Number of lots when the page states it without listing them (Atexo "33 Lots"). */
  lotCount?: number;
  /** The buyer's address as read (resolved to INSEE codes later). */
  place?: PlaceHint;
}

/** Raw location clues, resolved by core/read/locate.ts. */
export interface PlaceHint {
  postalCode?: string;
  city?: string;
  communeCode?: string;
  departementName?: string;
  /** "Département(s) de publication": the first one is the buyer's, in practice. */
  publication?: string[];
  /** Places of performance: taken as the buyer's territory only when there is one. */
  execution?: string[];
}

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
  if (!text) return undefined;
  const f = fold(text.length > 300_000 ? text.slice(0, 300_000) : text);
  for (const tier of VALUE_RULES) {
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

/** CPV codes written in the text near a "CPV" mention; the main code first. */
export function findCpvs(text: string): { codes: string[]; main: boolean } {
  const codes: string[] = [];
  let main: string | undefined;
  if (!text) return { codes, main: false };
  const f = fold(text.length > 300_000 ? text.slice(0, 300_000) : text);
  const re = /\bcpv\b/g;
  let count = 0;
  for (let m = re.exec(f); m && count < 400; m = re.exec(f), count++) {
    const windowText = f.slice(m.index, m.index + 160);
    const head = f.slice(Math.max(0, m.index - 30), m.index + 60);
    const codeRe = /(?<![\d-])(\d{8})(?:-\d)?(?!\d)/g;
    let k = 0;
    for (let c = codeRe.exec(windowText); c && k < 12; c = codeRe.exec(windowText), k++) {
      const code = normaliseCpv(c[1] ?? '');
      if (!code || !isCpvDivision(code)) continue;
      // Stop at the next numbered section: its codes belong to another field.
      if (/(?:^|\s)(?:vi|iv|v|iii|ii|i)(?:\.\d{1,2}){1,3}\)/.test(windowText.slice(0, c.index))) break;
      const around = head + windowText.slice(0, c.index) + ' ' + windowText.slice(c.index + c[0].length, c.index + c[0].length + 24);
      if (!main && /principal|main\b/.test(around)) main = code;
      if (!codes.includes(code)) codes.push(code);
    }
  }
  if (main) {
    codes.splice(codes.indexOf(main), 1);
    codes.unshift(main);
  }
  return { codes, main: Boolean(main) };
}

const NATURE_WORDS: Record<string, Nature> = {
  travaux: 'travaux', works: 'travaux', fournitures: 'fournitures', fourniture: 'fournitures', supplies: 'fournitures', services: 'services', service: 'services',
};

/** Travaux / fournitures / services from a label ("Type de marché", "Catégorie principale"…) or a word. */
export function toNature(s: string | undefined): Nature | undefined {
  if (!s) return undefined;
  const m = /\b(travaux|works|fournitures?|supplies|services?)\b/.exec(fold(s));
  return m ? NATURE_WORDS[m[1] ?? ''] : undefined;
}

export function findNature(text: string): Nature | undefined {
  if (!text) return undefined;
  const f = fold(text.slice(0, 300_000));
  const m =
    /(?:type\s+de\s+marche|categorie\s+principale|type\s+of\s+contract|nature\s+du\s+marche|type\s+de\s+prestations?)\s*(?:de\s+)?:?\s*(travaux|fournitures|services|works|supplies)\b/.exec(f) ??
    /\bannonce\s+no\s*\d{2}-\d{3,6}\s+(travaux|fournitures|services)\b/.exec(f) ??
    /\bcontract\s+\d\s*-\s*(works|supplies|services)\b/.exec(f);
  return m ? NATURE_WORDS[m[1] ?? ''] : undefined;
}

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

/** BOAMP idweb (`20-96685`) stated in the text. */
export function findBoampId(text: string): string | undefined {
  if (!text) return undefined;
  const f = fold(text.slice(0, 300_000));
  const m = /(?:avis\s+n\s*[o°]?\s*|annonce\s+no\s*|idweb\s*[:=]\s*"?|avis\s+no\s*|boamp\s*(?:n\s*[o°]\s*)?:?\s*)(\d{2}-\d{3,6})\b/.exec(f);
  return m?.[1];
}

/** TED publication number (`379439-2020`) from "2020/S 155-379439" or an ND field. */
export function findTedId(text: string): string | undefined {
  if (!text) return undefined;
  const f = fold(text.slice(0, 300_000));
  const oj = /\b(20\d{2})\/s\s*\d{1,3}\s*-\s*(\d{4,8})\b/.exec(f);
  if (oj) return `${Number(oj[2])}-${oj[1]}`;
  const nd = /(?:document number|numero du document|\bnd\b)\s*:?\s*(\d{4,8}-20\d{2})\b/.exec(f);
  return nd?.[1];
}

/** The buyer's own reference of the procedure. */
export function findReference(text: string): string | undefined {
  if (!text) return undefined;
  const f = fold(text.slice(0, 300_000));
  const m =
    /numero\s+de\s+reference(?:\s+attribue\s+au\s+marche\s+par\s+le\s+pouvoir\s+adjudicateur\s*\/?\s*l'entite\s+adjudicatrice)?\s*:\s*/.exec(f) ??
    /reference\s+number\s*:\s*/.exec(f) ??
    /(?:^|\n)\s*(?:reference|ref\.?)\s*(?:de\s+la\s+consultation|du\s+marche|acheteur)?\s*:\s*/.exec(f);
  if (!m) return undefined;
  const v = collapse(text.slice(m.index + m[0].length, m.index + m[0].length + 80).split(/\n|\s{2,}|\s+(?:[IV]{1,3}\.\d|Section|Intitulé|Objet)\b/)[0] ?? '');
  const cleaned = v.replace(/[.;,]+$/, '').trim();
  return cleaned && cleaned.length <= 60 && !/^(non|sans objet|-|n\/a)$/i.test(cleaned) ? cleaned : undefined;
}

/** The buyer's name from the standard labels. */
export function findBuyer(text: string): string | undefined {
  if (!text) return undefined;
  const f = fold(text.slice(0, 300_000));
  const rules: RegExp[] = [
    /nom\s+et\s+adresses?\s+officiels?\s+de\s+l'organisme\s+acheteur\s*:\s*/,
    /\bi\.1\)\s*nom\s+et\s+adresses?\s*:?\s*(?:\n\s*)?/,
    /\b(?:official name|nom officiel)\s*:\s*/,
    /(?:^|\n)\s*(?:pouvoir adjudicateur|organisme acheteur|acheteur public|acheteur|entite adjudicatrice|maitre d'ouvrage|organisme)\s*:\s*/,
  ];
  for (const re of rules) {
    const m = re.exec(f);
    if (!m) continue;
    const raw = text.slice(m.index + m[0].length, m.index + m[0].length + 300);
    // Cut on the folded copy (same indices) so accented labels ("Numéro national") are found.
    const cut = /\n|,\s*(?:numero national|national registration|point\(s\) de contact|correspondant|\d)|\.\s+(?:correspondant|adresse|tel)|\s+-\s+\d|\s+\(\d{5}\)/.exec(fold(raw));
    const name = collapse(raw.slice(0, cut ? cut.index : raw.length)).replace(/[.,;]+$/, '');
    if (name && name.length >= 3 && name.length <= 200) return name;
  }
  return undefined;
}

/** Postal code and city of the buyer's address (skipping CS/BP box numbers). */
export function findPostalAddress(text: string): { postalCode: string; city?: string } | undefined {
  if (!text) return undefined;
  const src = text.slice(0, 20_000);
  const f = fold(src);
  // TED/eForms fields first.
  const pc = /(?:postal code|code postal)\s*:\s*(\d{5})\b/.exec(f);
  if (pc?.[1]) {
    const town = /(?:\btown|\bville)\s*:\s*([^\n,]{2,60})/.exec(f);
    const city = town ? collapse(src.slice(town.index + town[0].length - (town[1]?.length ?? 0), town.index + town[0].length)) : undefined;
    return city ? { postalCode: pc[1], city } : { postalCode: pc[1] };
  }
  const re = /(?<![\d-])(\d{5})(?![\d-])(?:\s*,\s*|\s+)([a-z][a-z' .-]{1,50})/g;
  let n = 0;
  for (let m = re.exec(f); m && n < 50; m = re.exec(f), n++) {
    const before = f.slice(Math.max(0, m.index - 12), m.index);
    if (/\b(?:cs|bp|tsa|cedex|case postale|siret|siren|tel|fax|n°|no)\s*\.?\s*:?\s*$/.test(before)) continue;
    const city = collapse(src.slice(m.index + m[0].length - (m[2]?.length ?? 0), m.index + m[0].length)).replace(/[,.;]+$/, '');
    if (/^(euros?|eur|ht|habitants|m2|m²|repas|heures)\b/i.test(city)) continue;
    // "Albitél. : 05…": the phone label glued to the city in flattened national forms.
    return { postalCode: m[1] ?? '', city: city.replace(/\s+(?:f|fr|france|tel|téléphone)$/i, '').replace(/tél$/, '').trim() };
  }
  return undefined;
}

/** Département codes written as "(44) Loire-Atlantique" in a place-of-performance field. */
export function findDepartementCodes(s: string): string[] {
  const out: string[] = [];
  const re = /\((\d{2,3}|2[ab])\)/gi;
  let n = 0;
  for (let m = re.exec(s); m && n < 200; m = re.exec(s), n++) {
    const c = (m[1] ?? '').toUpperCase();
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

const LOT_NUMBER = /\blots?\s*(?:\(s\)\s*)?(?:n\s*[o°]?\s*\.?\s*:?\s*|numero\s*|no\s*\.?\s*|#\s*)?(\d{1,3})\b/g;

/** Lots of a standard form (II.2.1 "Intitulé … Lot nº") or of a national form ("Lot(s) 1. - …"). */
export function findLots(sections: Section[], text: string): Lot[] {
  const lots: Lot[] = [];
  // Standard forms: each II.2.1 opens a lot description; II.2.2 holds its CPV codes.
  let current: Lot | undefined;
  for (const s of sections) {
    if (s.where === 'II.2.1') {
      const f = fold(s.text);
      const num = /\blot\s*n\s*[o°]?\s*:?\s*(\d{1,3})\b|\blot\s+no\s*:?\s*(\d{1,3})\b/.exec(f);
      const titleMatch = /^(?:intitule|title)\s*:?\s*/.exec(f);
      let title = s.text.slice(titleMatch ? titleMatch[0].length : 0);
      if (num) title = s.text.slice(titleMatch ? titleMatch[0].length : 0, num.index);
      title = collapse(title).replace(/[.,;:-]+$/, '').trim();
      const number = num?.[1] ?? num?.[2];
      current = undefined;
      if (title || number) {
        current = { title: clip(title || `Lot ${number}`, 300), cpv: [] };
        if (number) current.number = number;
        lots.push(current);
      }
    } else if (s.where === 'II.2.2' && current) {
      for (const c of findAllCodes(s.text)) if (!current.cpv.includes(c)) current.cpv.push(c);
    }
  }
  const numbered = lots.filter((l) => l.number);
  const notDivided = /divise(?:e|s|es)?\s+en\s+lots\s*:?\s*non\b|divided\s+into\s+lots\s*:?\s*no\b/.test(fold(text.slice(0, 300_000)));
  if (numbered.length >= 2 || (numbered.length === 1 && !notDivided)) return numbered;
  if (lots.length >= 2) return lots;
  if (notDivided) return [];

  // National forms: "Renseignements relatifs aux lots : Lot(s) 1. - titre. … Lot(s) 2. - …".
  const out: Lot[] = [];
  const f = fold(text.slice(0, 300_000));
  const start = f.indexOf('renseignements relatifs aux lots');
  if (start >= 0) {
    const re = /lot\s*\(s\)\s*(\d{1,3})\s*\.?\s*-\s*/g;
    re.lastIndex = start;
    const marks: { at: number; end: number; number: string }[] = [];
    for (let m = re.exec(f); m && marks.length < 300; m = re.exec(f)) marks.push({ at: m.index, end: m.index + m[0].length, number: m[1] ?? '' });
    for (let i = 0; i < marks.length; i++) {
      const mk = marks[i];
      if (!mk) continue;
      const body = text.slice(mk.end, marks[i + 1]?.at ?? Math.min(text.length, mk.end + 2000));
      const title = collapse(body.split(/\.\s|\n/)[0] ?? '').replace(/[.;]+$/, '');
      if (title) out.push({ number: mk.number, title: clip(title, 300), cpv: findAllCodes(body) });
    }
  }
  return out;
}

/**
 * Merges two readings of the lots: the longer list (or, at equal length, the more detailed one),
 * completed with the numbers and CPV codes of the other list's lots of the same title.
 */
export function mergeLots(a: Lot[] | undefined, b: Lot[] | undefined): Lot[] {
  const A = a ?? [];
  const B = b ?? [];
  const detail = (l: Lot[]) => l.reduce((n, x) => n + (x.number ? 1 : 0) + (x.cpv.length ? 1 : 0), 0);
  const base = B.length > A.length || (B.length === A.length && detail(B) > detail(A)) ? B : A;
  const other = new Map((base === A ? B : A).map((l) => [key(l.title), l]));
  return base.map((l) => {
    const o = other.get(key(l.title));
    if (!o) return l;
    const number = l.number ?? o.number;
    return { ...(number ? { number } : {}), title: l.title, cpv: l.cpv.length ? l.cpv : o.cpv };
  });
}

/** Distinct lot numbers mentioned in a text ("Lot n o 3", "lot 2 :", "LOT 1 -"). */
export function lotNumbers(text: string): string[] {
  const f = fold(text.slice(0, 300_000));
  const out: string[] = [];
  LOT_NUMBER.lastIndex = 0;
  let n = 0;
  for (let m = LOT_NUMBER.exec(f); m && n < 500; m = LOT_NUMBER.exec(f), n++) {
    const after = f.slice(m.index + m[0].length, m.index + m[0].length + 3);
    if (!/^\s*[:.)\-–]/.test(after) && !/^\s*$/.test(after)) continue;
    const num = String(Number(m[1]));
    if (num !== '0' && !out.includes(num)) out.push(num);
  }
  return out;
}

function findAllCodes(s: string): string[] {
  const out: string[] = [];
  const re = /(?<![\d-])(\d{8})(?:-\d)?(?!\d)/g;
  let n = 0;
  for (let m = re.exec(s); m && n < 50; m = re.exec(s), n++) {
    const c = normaliseCpv(m[1] ?? '');
    if (c && isCpvDivision(c) && !out.includes(c)) out.push(c);
  }
  return out;
}

/** Title of the procurement from its label ("Intitulé :", "Objet du marché :", "Title:"). */
export function findTitle(text: string): string | undefined {
  if (!text) return undefined;
  const f = fold(text.slice(0, 300_000));
  const rules = [
    /\bii\.1\.1\)\s*(?:intitule|title)\s*:?\s*/,
    /(?:^|\n)\s*intitule(?:\s+du\s+marche|\s+de\s+la\s+consultation)?\s*:\s*/,
    /(?:^|\n)\s*objet\s+(?:du\s+marche|de\s+la\s+consultation|de\s+l'accord-cadre)\s*:\s*/,
    /(?:^|\n)\s*objet\s*:\s*/,
  ];
  for (const re of rules) {
    const m = re.exec(f);
    if (!m) continue;
    const line = (text.slice(m.index + m[0].length, m.index + m[0].length + 600).split('\n')[0] ?? '').split(/\s+(?:Numéro de référence|Reference number|Lot nº|Lot No)\b/)[0] ?? '';
    const t = collapse(line).replace(/[.;,]+$/, '');
    if (t.length >= 4) return clip(t, 300);
  }
  return undefined;
}

/** URLs of the buyer profile and of the consultation documents stated in the notice. */
export function findLinks(text: string): { dce?: string; buyerProfile?: string } {
  const out: { dce?: string; buyerProfile?: string } = {};
  if (!text) return out;
  const f = fold(text.slice(0, 300_000));
  const url = /(https?:\/\/[^\s"'<>)]+|www\.[^\s"'<>)]+)/;
  const grab = (re: RegExp): string | undefined => {
    const m = re.exec(f);
    if (!m) return undefined;
    const tail = text.slice(m.index + m[0].length, m.index + m[0].length + 300);
    const u = url.exec(tail);
    if (!u || u.index > 120) return undefined;
    const v = (u[1] ?? '').replace(/[.,;]+$/, '');
    return v.startsWith('www.') ? `https://${v}` : v;
  };
  const profile = grab(/(?:adresse\s+(?:internet\s+)?du\s+profil\s+(?:d'\s*)?acheteur|address\s+of\s+the\s+buyer\s+profile|profil\s+(?:d'\s*)?acheteur)\s*:?/);
  if (profile) out.buyerProfile = profile;
  const dce = grab(
    /(?:documents\s+du\s+marche\s+sont\s+disponibles[^:]{0,80}:|adresse\s+aupres\s+de\s+laquelle\s+les\s+documents\s+peuvent\s+etre\s+obtenus\s*:|procurement\s+documents\s+are\s+available[^:]{0,80}:|lien\s+(?:direct\s+)?(?:vers\s+)?(?:le\s+)?dce\s*:|telechargement\s+du\s+dce\s*:)/,
  );
  if (dce) out.dce = dce;
  return out;
}

/** Everything the text tells about the tender (each field only when stated). */
export function extractFromText(sections: Section[], text: string): TenderPatch {
  const patch: TenderPatch = {};
  try {
    const idweb = findBoampId(text);
    if (idweb) patch.boampId = idweb;
    const ted = findTedId(text);
    if (ted) patch.tedId = ted;
    const ref = findReference(text);
    if (ref) patch.reference = ref;
    const buyer = findBuyer(text);
    if (buyer) patch.buyer = buyer;
    const cpv = findCpvs(text);
    if (cpv.codes.length) {
      patch.cpv = cpv.codes;
      patch.cpvMain = cpv.main;
    }
    const nature = findNature(text);
    if (nature) patch.nature = nature;
    const procedure = findProcedure(text);
    if (procedure) patch.procedure = procedure;
    const deadline = parseDeadline(text);
    if (deadline) patch.deadline = deadline;
    const value = findEstimatedValue(text);
    if (value !== undefined) patch.estimatedValue = value;
    const lots = findLots(sections, text);
    if (lots.length) patch.lots = lots;
    const links = findLinks(text);
    if (links.dce || links.buyerProfile) patch.links = links;
    const buyerSection = sections.find((s) => s.kind === 'buyer');
    const addr = findPostalAddress(buyerSection?.text ?? text);
    if (addr) patch.place = addr.city ? { postalCode: addr.postalCode, city: addr.city } : { postalCode: addr.postalCode };
    const pub = /departement\(s\)\s+de\s+publication\s*:\s*([\d,\s ab]{2,80})/.exec(fold(text.slice(0, 5000)));
    if (pub?.[1]) {
      const deps = pub[1].split(/[,\s]+/).map((d) => d.trim().toUpperCase()).filter((d) => /^(\d{2,3}|2[AB])$/.test(d));
      if (deps.length) patch.place = { ...(patch.place ?? {}), publication: deps };
    }
  } catch {
    /* a field extractor failed on odd input: keep what was read */
  }
  return patch;
}
