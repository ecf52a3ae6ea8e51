// Configuration of the embeddable widget, read from attributes (`<essor-widget territoire="69123">`),
// `data-` attributes (`<div data-essor data-territoire="69123">`) or the options of `Essor.mount()`.
// Pure: no DOM, no data tables. Whether a well-formed territory code exists is checked later, once the
// territory tables are loaded (core/territory/place.ts).
import { ROLES, THEME_IDS, type Role, type ThemeId } from '../kb/vocabulary';
import { LANGS, type Lang } from '../lang';
import { parseTerritoryCode, type TerritoryRef } from '../territory/codes';

export type WidgetMode = Role;
export type WidgetLang = Lang;
export type { TerritoryLevel, TerritoryRef } from '../territory/codes';
export { parseTerritoryCode };

/** The widget's configuration once read; always complete (defaults fill the gaps). */
export interface WidgetConfig {
  /** Absent when the host gave none: the widget then shows the national view. */
  territory?: TerritoryRef;
  /** @default 'citoyen' */
  mode: WidgetMode;
  /** Theme ids of the vocabulary, in the host's order, without duplicates. */
  themes: ThemeId[];
  /** @default 'fr' */
  lang: WidgetLang;
  /** Prefills the search box. */
  query: string;
  /** Nonce for the `<style>` fallback on engines without constructable stylesheets. */
  nonce?: string;
}

/** Message keys of the UI catalogue used for configuration errors. */
export type ConfigErrorKey = 'errUnknownTerritory' | 'errUnknownTheme' | 'errUnknownMode' | 'errUnknownLang';

/** One problem with the host's configuration: the option, the value as given (clipped) and a message key. */
export interface ConfigError {
  option: 'territoire' | 'themes' | 'mode' | 'lang';
  value: string;
  key: ConfigErrorKey;
}

/** Anything attribute-like: an element's attributes, a `dataset`, or the options of `Essor.mount()`. */
export type ConfigInput = Readonly<Record<string, unknown>>;

const MAX_VALUE = 200;
const MODES: readonly string[] = ROLES;
const THEMES: readonly string[] = THEME_IDS;

function text(v: unknown): string {
  if (typeof v === 'string') return v.slice(0, MAX_VALUE);
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

/** Lower case, no accents, so `Élu` and `elu` are the same mode. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

/** What the host typed, short enough to quote in a message. */
function quote(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
}

/** Splits `themes` given as "a,b c" or as an array. */
function themeList(v: unknown): string[] {
  const parts = Array.isArray(v) ? v.slice(0, 40).map(text) : text(v).split(/[\s,;]+/);
  return parts.map((s) => fold(s)).filter(Boolean);
}

/**
 * Reads the widget's options. Never throws: unknown values are left out, defaults apply, and each problem
 * is returned in `errors` for the widget to show.
 */
export function parseConfig(input: ConfigInput | null | undefined): { config: WidgetConfig; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const get = (name: string): unknown => {
    try {
      return input && typeof input === 'object' ? input[name] : undefined;
    } catch {
      return undefined;
    }
  };
  const config: WidgetConfig = { mode: 'citoyen', themes: [], lang: 'fr', query: '' };

  const mode = fold(text(get('mode')));
  if (mode) {
    if (MODES.includes(mode)) config.mode = mode as WidgetMode;
    else errors.push({ option: 'mode', value: quote(text(get('mode'))), key: 'errUnknownMode' });
  }

  const lang = fold(text(get('lang')));
  if (lang) {
    const base = lang.split(/[-_]/)[0]!;
    if ((LANGS as readonly string[]).includes(base)) config.lang = base as Lang;
    else errors.push({ option: 'lang', value: quote(text(get('lang'))), key: 'errUnknownLang' });
  }

  const unknownThemes: string[] = [];
  for (const th of themeList(get('themes'))) {
    if (THEMES.includes(th)) {
      if (!config.themes.includes(th as ThemeId)) config.themes.push(th as ThemeId);
    } else if (!unknownThemes.includes(th)) unknownThemes.push(th);
  }
  for (const th of unknownThemes) errors.push({ option: 'themes', value: quote(th), key: 'errUnknownTheme' });

  const territoire = text(get('territoire')).trim();
  if (territoire) {
    const ref = parseTerritoryCode(territoire);
    if (ref) config.territory = ref;
    else errors.push({ option: 'territoire', value: quote(territoire), key: 'errUnknownTerritory' });
  }

  config.query = text(get('query')).replace(/\s+/g, ' ').trim();
  const nonce = text(get('nonce')).trim();
  if (nonce) config.nonce = nonce;
  return { config, errors };
}

/** Names of the options, as attributes (`territoire`) and as `data-` attributes (`data-territoire`). */
export const CONFIG_OPTIONS = ['territoire', 'mode', 'themes', 'lang', 'query', 'nonce'] as const;
