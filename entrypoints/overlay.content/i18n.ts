// The content script's stand-in for components/i18n.ts (swapped in by the overlay build in wxt.config.ts):
// same `t`, but the catalogue arrives from the background once a notice is recognised, so the two
// catalogues stay out of the script every portal page loads. The strings themselves live in i18n.ts only.
import type { Lang, MessageKey } from '../../components/i18n';

export type { Lang, MessageKey };

const loaded: Partial<Record<Lang, Record<string, string>>> = {};

/** Stores the catalogue of one language (sent by the background with `essor:ui`). */
export function setMessages(lang: Lang, messages: Record<string, string>): void {
  loaded[lang] = messages;
}

/** True once the catalogue of `lang` is there. */
export function hasMessages(lang: Lang): boolean {
  return !!loaded[lang];
}

/** Same contract as i18n.ts `t`: unknown languages fall back to French, then to the key itself. */
export function t(lang: Lang, key: MessageKey, values: Record<string, string | number> = {}): string {
  const s = loaded[lang]?.[key] ?? loaded.fr?.[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
