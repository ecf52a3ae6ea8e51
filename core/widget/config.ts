// Configuration of the embeddable widget, read from attributes (`<essor-widget territoire="69123">`),
// `data-` attributes (`<div data-essor data-territoire="69123">`) or the options of `Essor.mount()`.
// Pure: no DOM, no data tables. Whether a well-formed territory code exists is checked later, once the
// territory tables are loaded (core/widget-territory.ts).
import { ROLES, THEME_IDS, type Role, type ThemeId } from './kb/vocabulary';

export type WidgetMode = Role;
export type WidgetLang = 'fr' | 'en';
export type TerritoryLevel = 'commune' | 'departement' | 'region' | 'epci';

/** A territory code as written by the host, checked for form only. */
export interface TerritoryRef {
  level: TerritoryLevel;
  code: string;
}

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

/** Message keys of components/i18n.ts used for configuration errors. */
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

const COMMUNE = /^(\d{5}|2[AB]\d{3})$/;
// Every département code is 2 characters (2A, 2B) or 3 digits overseas (971…989).
const DEPARTEMENT = /^(\d{2}|2[AB]|9[78]\d)$/;
const REGION = /^(\d{2}|9[78]\d)$/;
const SIREN = /^\d{9}$/;

/**
 * Reads a territory code. Unprefixed: 5 characters are a commune, 2–3 a département, 9 digits an EPCI SIREN.
 * Région codes must be prefixed (`reg:84`) because every région code is also a département code
 * (84 is Auvergne-Rhône-Alpes and Vaucluse). `commune:`, `dep:` and `epci:` are accepted too.
 */
export function parseTerritoryCode(input: string): TerritoryRef | undefined {
  const raw = input.replace(/\s+/g, '').toUpperCase();
  if (!raw) return undefined;
  const m = /^(COMMUNE|INSEE|DEP|DEPT|DEPARTEMENT|DÉPARTEMENT|REG|REGION|RÉGION|EPCI|SIREN)[:=-](.+)$/.exec(raw);
  const prefix = m ? fold(m[1]!) : '';
  const code = m ? m[2]! : raw;
  if (prefix.startsWith('reg')) return REGION.test(code) ? { level: 'region', code } : undefined;
  if (prefix.startsWith('dep')) return DEPARTEMENT.test(code) ? { level: 'departement', code } : undefined;
  if (prefix === 'commune' || prefix === 'insee') return COMMUNE.test(code) ? { level: 'commune', code } : undefined;
  if (prefix === 'epci' || prefix === 'siren') return SIREN.test(code) ? { level: 'epci', code } : undefined;
  if (COMMUNE.test(code)) return { level: 'commune', code };
  if (DEPARTEMENT.test(code)) return { level: 'departement', code };
  if (SIREN.test(code)) return { level: 'epci', code };
  return undefined;
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
    if (base === 'fr' || base === 'en') config.lang = base;
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
