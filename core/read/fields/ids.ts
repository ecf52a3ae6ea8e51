import { collapse, fold } from '../text.ts';

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
  // The label keeps the line break after it: an empty field must not borrow the next line.
  const m =
    /numero\s+de\s+reference(?:\s+attribue\s+au\s+marche\s+par\s+le\s+pouvoir\s+adjudicateur\s*\/?\s*l'entite\s+adjudicatrice)?\s*:[ \t]*/.exec(f) ??
    /reference\s+number\s*:[ \t]*/.exec(f) ??
    /(?:^|\n)[ \t]*(?:reference|ref\.?)\s*(?:de\s+la\s+consultation|du\s+marche|acheteur)?\s*:[ \t]*/.exec(f);
  if (!m) return undefined;
  const v = collapse(text.slice(m.index + m[0].length, m.index + m[0].length + 80).split(/\n|\s{2,}|\s+(?:[IV]{1,3}\.\d|Section|Intitulé|Objet)\b/)[0] ?? '');
  const cleaned = v.replace(/[.;,]+$/, '').trim();
  if (!cleaned || cleaned.length > 60 || /^(non|sans objet|-|n\/a)$/i.test(cleaned)) return undefined;
  // A heading where the value should be: the field was empty on a flattened page.
  if (/^(?:(?:VI|IV|V|III|II|I)(?:\.\d{1,2})+\)|section\b|code\s+cpv|intitul|objet\b|type\s+de\s+march|description\b|title\b|main\s+cpv)/i.test(cleaned)) return undefined;
  return cleaned;
}
