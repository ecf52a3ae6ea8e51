import type { Lot } from '../types.ts';
import type { Section } from '../sections.ts';
import { clip, collapse, fold, key } from '../text.ts';
import { cpvCodesIn } from './cpv.ts';
import { parseAmount } from './value.ts';

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
    } else if (s.where === 'II.2.6' && current) {
      // II.2.6) Valeur estimée of this lot.
      const v = parseAmount(s.text.replace(/^[^:]*:/, ''));
      if (v !== undefined) current.value = v;
    } else if (s.where === 'II.2.2' && current) {
      for (const c of cpvCodesIn(s.text)) if (!current.cpv.includes(c)) current.cpv.push(c);
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
      if (title) out.push({ number: mk.number, title: clip(title, 300), cpv: cpvCodesIn(body) });
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
