import type { PlaceHint } from '../types.ts';
import { departementOfNuts } from '../nuts.ts';
import { collapse, fold } from '../text.ts';

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

const DEP = String.raw`(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])`;
const WRAPPED_START = new RegExp(String.raw`^\s*\(\s*${DEP}\s*\)`, 'i');
const WRAPPED_END = new RegExp(String.raw`\(\s*${DEP}\s*\)\s*$`, 'i');
// "Site de Caen (14) et ses environs", "à Paris (75) - Lot 1": a place's name with its code inside a title.
const WRAPPED_AFTER_NAME = new RegExp(String.raw`[A-ZÀ-Ý][\p{L}'’-]+\s*\(\s*${DEP}\s*\)`, 'gu');
// "75 APHP", "13 - Ville de Marseille": a code then a capitalised name; only trusted on a buyer's name.
const BARE_START = new RegExp(String.raw`^\s*${DEP}\s*(?:[-–]\s*)?(?=[A-ZÀ-Ý]{2}|[A-ZÀ-Ý][a-zà-ÿ])`);

/**
 * Département codes written beside a name: a title "(16) Travaux de voirie" or "… (33)", a buyer
 * "75 APHP". A clue only: weaker than an address. `kind` says whether a bare leading number counts
 * (it does on a buyer's name; in a title "10 logements" is a quantity).
 */
export function departementClues(s: string | undefined, kind: 'title' | 'buyer'): string[] {
  if (!s) return [];
  const head = s.slice(0, 300);
  const m = WRAPPED_START.exec(head) ?? WRAPPED_END.exec(head) ?? (kind === 'buyer' ? BARE_START.exec(head) : null);
  if (m?.[1]) return [m[1].toUpperCase()];
  if (kind !== 'title') return [];
  const inside = [...head.matchAll(WRAPPED_AFTER_NAME)].map((x) => (x[1] ?? '').toUpperCase());
  return [...new Set(inside)].length === 1 && inside[0] ? [inside[0]] : [];
}

/**
 * The place of performance a notice states apart from the buyer's address: "II.2.3) Lieu d'exécution
 * Code NUTS : FRI34 Lieu principal d'exécution : Poitiers", "Lieu d'exécution : 86000 Poitiers",
 * "Lieu de livraison : (86) Vienne", "Place of performance NUTS code: FRI34".
 */
export function findPerformancePlace(text: string): PlaceHint | undefined {
  if (!text) return undefined;
  const f = fold(text.slice(0, 300_000));
  const m = /(?:lieux?\s+(?:principal\s+)?d'(?:execution|exécution)|lieu\s+de\s+livraison|place\s+of\s+performance|main\s+site\s+or\s+(?:location|place)\s+of\s+(?:works|performance|delivery))/.exec(f);
  if (!m) return undefined;
  let end = Math.min(f.length, m.index + m[0].length + 300);
  // The field ends at the next numbered section of a standard form.
  const next = /\b(?:vi|iv|v|iii|ii|i)\.\d{1,2}(?:\.\d{1,2})?\)/.exec(f.slice(m.index + m[0].length, end));
  if (next) end = m.index + m[0].length + next.index;
  const slice = text.slice(m.index + m[0].length, end);
  const fs = f.slice(m.index + m[0].length, end);
  const hint: PlaceHint = {};
  const nuts = /\b(fr[a-z0-9]{3})\b/.exec(fs)?.[1];
  const dep = departementOfNuts(nuts);
  if (dep) hint.departement = dep;
  const addr = findPostalAddress(slice);
  if (addr) {
    hint.postalCode = addr.postalCode;
    if (addr.city) hint.city = addr.city;
  } else {
    const city = /(?:principal\s+d'execution|main\s+site\s+or\s+(?:location|place)\s+of\s+(?:works|performance|delivery))\s*:?\s*([a-z][a-z' -]{1,50})/.exec(f.slice(m.index, end));
    if (city?.[1]) {
      const at = m.index + (f.slice(m.index, end).indexOf(city[1]));
      hint.city = collapse(text.slice(at, at + city[1].length));
    }
  }
  const deps = findDepartementCodes(slice.slice(0, 200));
  if (deps.length) hint.execution = deps;
  return Object.keys(hint).length ? hint : undefined;
}
