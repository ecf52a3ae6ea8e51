// The UI's messages and formats. Catalogues are registered at run time (one file per language), so each
// build carries what it needs: extension pages and the widget register both, the overlay registers the one
// the background sends once a notice is recognised (pages that are not notices never load a catalogue).
import { DEFAULT_LANG, toLang, type Lang } from '../../core/lang';
import type { MessageKey, Messages } from './fr';

export type { Lang, MessageKey, Messages };
export { toLang };

const registry: Partial<Record<Lang, Readonly<Record<string, string>>>> = {};

/** Registers the catalogue of one language (replacing any earlier one). */
export function registerCatalogue(lang: Lang, messages: Readonly<Record<string, string>>): void {
  registry[lang] = messages;
}

/** True once a catalogue is registered for `lang`. */
export function hasCatalogue(lang: Lang): boolean {
  return !!registry[lang];
}

/**
 * Translates a UI message with `{name}` placeholders. A missing language or key falls back to French,
 * then to the key itself (so a missing catalogue shows, and never throws).
 */
export function t(lang: Lang, key: MessageKey, values: Readonly<Record<string, string | number>> = {}): string {
  const s = registry[lang]?.[key] ?? registry[DEFAULT_LANG]?.[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** The BCP 47 locale used for formatting in `lang`. */
export function locale(lang: Lang): string {
  return LOCALES[lang] ?? LOCALES[DEFAULT_LANG];
}

/**
 * A notice's date or date-time ("2020-09-15", "2020-09-15T12:00:00", "2020-09-15 12:00") in the reader's
 * language; the time only when the notice gives one. Anything unreadable is returned as it came.
 */
export function formatDate(lang: Lang, iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso.trim());
  if (!m) return iso;
  const [, y, mo, d, h, mi] = m;
  // Built as UTC and shown as UTC: notices give local times without a zone, which must not shift.
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0)));
  if (Number.isNaN(date.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' };
  if (h !== undefined) Object.assign(opts, { hour: '2-digit', minute: '2-digit' });
  return new Intl.DateTimeFormat(locale(lang), opts).format(date);
}

/** An amount in euros, without cents ("1 250 000 €" / "€1,250,000"). */
export function formatAmount(lang: Lang, euros: number | undefined): string | undefined {
  if (euros === undefined || !Number.isFinite(euros)) return undefined;
  return new Intl.NumberFormat(locale(lang), { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(euros);
}

/** A count with the right plural form: `plural('fr', n, { one: '{n} levier', other: '{n} leviers' })`. */
export function plural(lang: Lang, n: number, forms: { one: string; other: string }): string {
  const form = new Intl.PluralRules(locale(lang)).select(n) === 'one' ? forms.one : forms.other;
  return form.replace(/\{n\}/g, new Intl.NumberFormat(locale(lang)).format(n));
}
