import type { Nature } from '../types.ts';
import { fold } from '../text.ts';

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
