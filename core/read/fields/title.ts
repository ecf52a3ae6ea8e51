import { clip, collapse, fold } from '../text.ts';

/**
 * Where a labelled value ends in a pasted one-line text: at the next "Label :" after a sentence end
 * ("… locaux. Acheteur : Ville de Lyon. Date limite : …"). Tested on folded text.
 */
export const NEXT_LABEL = /[.;]\s+[a-z][a-z' ()-]{2,40}\s?:\s/;

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
    let line = (text.slice(m.index + m[0].length, m.index + m[0].length + 600).split('\n')[0] ?? '').split(/\s+(?:Numéro de référence|Reference number|Lot nº|Lot No)\b/)[0] ?? '';
    const next = NEXT_LABEL.exec(fold(line));
    if (next) line = line.slice(0, next.index + 1);
    const t = collapse(line).replace(/[.;,]+$/, '');
    if (t.length >= 4) return clip(t, 300);
  }
  return undefined;
}
