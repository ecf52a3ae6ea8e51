import { collapse, fold } from '../text.ts';

/** The buyer's name from the standard labels. */
export function findBuyer(text: string): string | undefined {
  if (!text) return undefined;
  const f = fold(text.slice(0, 300_000));
  const rules: RegExp[] = [
    /nom\s+et\s+adresses?\s+officiels?\s+de\s+l'organisme\s+acheteur\s*:\s*/,
    /\bi\.1\)\s*nom\s+et\s+adresses?\s*:?\s*(?:\n\s*)?/,
    /\b(?:official name|nom officiel)\s*:\s*/,
    /(?:^|\n|[.;]\s)\s*(?:pouvoir adjudicateur|organisme acheteur|acheteur public|acheteur|entite adjudicatrice|maitre d'ouvrage|organisme)\s*:\s*/,
  ];
  for (const re of rules) {
    const m = re.exec(f);
    if (!m) continue;
    const raw = text.slice(m.index + m[0].length, m.index + m[0].length + 300);
    // Cut on the folded copy (same indices) so accented labels ("Numéro national") are found.
    const cut = /\n|,\s*(?:numero national|national registration|point\(s\) de contact|correspondant|\d)|\.\s+(?:correspondant|adresse|tel)|\s+-\s+\d|\s+\(\d{5}\)|[.;]\s+[a-z][a-z' ()-]{2,40}\s?:\s/.exec(fold(raw));
    const name = collapse(raw.slice(0, cut ? cut.index : raw.length)).replace(/[.,;]+$/, '');
    if (name && name.length >= 3 && name.length <= 200) return name;
  }
  return undefined;
}
