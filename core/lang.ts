// The languages Essor speaks, as one list: every other language list derives from it.

/** Languages of the UI and of the advice, French first (the default). */
export const LANGS = ['fr', 'en'] as const;

/** A language Essor speaks. */
export type Lang = (typeof LANGS)[number];

/** The default language, used for anything else (a third language falls back to French). */
export const DEFAULT_LANG: Lang = 'fr';

/** Reads a language tag ("en", "en-GB", "EN"); anything Essor does not speak gives French. */
export function toLang(value: unknown): Lang {
  if (typeof value !== 'string') return DEFAULT_LANG;
  const base = value.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGS as readonly string[]).includes(base ?? '') ? (base as Lang) : DEFAULT_LANG;
}

/** Picks the label of a `{ fr, en }` pair in `lang`, French when that language has none. */
export function pick(label: Readonly<Partial<Record<Lang, string>>> & { fr: string }, lang: Lang): string {
  return label[lang] ?? label.fr;
}
