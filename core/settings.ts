// The extension's user settings: one versioned record, validated field by field. Pure and framework-free:
// the extension glue reads raw storage, passes it through parseSettings, and writes back what it returns.
import { toLang, type Lang } from './lang';
import { COMMUNE_CODE as COMMUNE, departementFromCommuneCode, normaliseDepartement, REGION_CODE as REGION } from './territory/codes';

/** Version written by this build. */
export const SETTINGS_VERSION = 1;

/** Roles the extension offers (the panel's switch): the public buyer and the ESS structure. */
export type ExtensionRole = 'acheteur' | 'structure';
export const EXTENSION_ROLES: readonly ExtensionRole[] = ['acheteur', 'structure'];

/** Which side of the window the overlay sits on. */
export type OverlaySide = 'right' | 'left';

/** The user's territory as INSEE codes, with the name shown back to them. */
export interface SettingsTerritory {
  commune?: string;
  departement?: string;
  region?: string;
  /** Display name chosen in the options ("Nantes (44000)"); never used for matching. */
  label?: string;
}

export interface Settings {
  v: typeof SETTINGS_VERSION;
  role: ExtensionRole;
  lang: Lang;
  territory: SettingsTerritory | null;
  /** Portal engine ids (core/portals registry) the user switched off; new engines are on by default. */
  disabledPortals: string[];
  overlay: { side: OverlaySide; collapsed: boolean };
  /** Markers on the results of a list (BOAMP's search page, other engines' lists); on by default. */
  listMarkers: boolean;
}

/** What {@link parseSettings} returns: always usable settings, and whether the stored value needs rewriting. */
export interface ParsedSettings {
  settings: Settings;
  /** True when the stored value was old, corrupt or partly invalid and should be written back. */
  repaired: boolean;
  /** Short English notes on what was repaired (for logs and tests). */
  problems: string[];
}

/** A fresh copy of the defaults. */
export function defaultSettings(): Settings {
  return { v: SETTINGS_VERSION, role: 'acheteur', lang: 'fr', territory: null, disabledPortals: [], overlay: { side: 'right', collapsed: false }, listMarkers: true };
}

const PORTAL_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const MAX_PORTALS = 64;
const MAX_LABEL = 120;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

function parseTerritory(raw: unknown, problems: string[]): SettingsTerritory | null {
  if (raw === null || raw === undefined) return null;
  // Unversioned (v0) values stored a bare INSEE code.
  if (typeof raw === 'string') {
    const code = raw.trim().toUpperCase();
    if (COMMUNE.test(code)) return { commune: code, departement: departementFromCommuneCode(code) };
    const dep = normaliseDepartement(code);
    if (dep) return { departement: dep };
    problems.push('territory: unreadable code');
    return null;
  }
  if (!isObj(raw)) {
    problems.push('territory: not an object');
    return null;
  }
  const t: SettingsTerritory = {};
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).trim().toUpperCase() : undefined);
  const commune = str('commune');
  const departement = str('departement');
  const region = str('region');
  if (commune !== undefined) {
    if (COMMUNE.test(commune)) t.commune = commune;
    else problems.push('territory.commune: invalid');
  }
  if (departement !== undefined) {
    const dep = normaliseDepartement(departement);
    if (dep) t.departement = dep;
    else problems.push('territory.departement: invalid');
  }
  if (region !== undefined) {
    if (REGION.test(region)) t.region = region;
    else problems.push('territory.region: invalid');
  }
  // A commune code fixes its département: keep them consistent rather than trust a hand-edited value.
  if (t.commune) {
    const dep = departementFromCommuneCode(t.commune);
    if (dep && t.departement !== dep) {
      if (t.departement) problems.push('territory.departement: did not match the commune');
      t.departement = dep;
    }
  }
  if (typeof raw.label === 'string' && raw.label.trim()) t.label = raw.label.trim().slice(0, MAX_LABEL);
  else if (raw.label !== undefined) problems.push('territory.label: invalid');
  if (!t.commune && !t.departement && !t.region) {
    if (Object.keys(raw).length) problems.push('territory: no valid code');
    return null;
  }
  return t;
}

function parsePortals(raw: Obj, known: readonly string[] | undefined, problems: string[]): string[] {
  let list: unknown = raw.disabledPortals;
  // v0 kept a map of engine id → active.
  if (list === undefined && isObj(raw.portals)) list = Object.entries(raw.portals).filter(([, on]) => on === false).map(([id]) => id);
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push('disabledPortals: not an array');
    return [];
  }
  const out: string[] = [];
  for (const id of list) {
    if (typeof id !== 'string' || !PORTAL_ID.test(id) || (known && !known.includes(id))) {
      problems.push('disabledPortals: unknown or invalid id dropped');
      continue;
    }
    if (!out.includes(id)) out.push(id);
    if (out.length >= MAX_PORTALS) break;
  }
  return out;
}

/**
 * Reads a stored settings value of any age or shape. Never throws: unknown versions, wrong types and
 * corrupt values fall back to the defaults field by field, and `repaired` says the value must be rewritten.
 * `knownPortals` (engine ids of the registry) drops ids that no longer exist.
 */
export function parseSettings(raw: unknown, knownPortals?: readonly string[]): ParsedSettings {
  const settings = defaultSettings();
  const problems: string[] = [];
  try {
    if (raw === undefined || raw === null) return { settings, repaired: false, problems };
    if (typeof raw === 'string') {
      // Some stores keep JSON text; accept it once, then write the object back.
      try {
        raw = JSON.parse(raw);
        problems.push('stored as text');
      } catch {
        return { settings, repaired: true, problems: ['corrupt: not JSON'] };
      }
    }
    if (!isObj(raw)) return { settings, repaired: true, problems: ['corrupt: not an object'] };
    const v = raw.v;
    if (v !== SETTINGS_VERSION) problems.push(typeof v === 'number' && v > SETTINGS_VERSION ? `newer version ${v} read field by field` : `old version ${String(v ?? 0)} migrated`);

    if (EXTENSION_ROLES.includes(raw.role as ExtensionRole)) settings.role = raw.role as ExtensionRole;
    else if (raw.role !== undefined) problems.push('role: invalid');

    if (typeof raw.lang === 'string' && toLang(raw.lang) === raw.lang) settings.lang = raw.lang;
    else if (raw.lang !== undefined) problems.push('lang: invalid');

    settings.territory = parseTerritory(raw.territory, problems);
    settings.disabledPortals = parsePortals(raw, knownPortals, problems);

    // v0 kept the overlay state at the top level.
    const ov: Obj = isObj(raw.overlay) ? raw.overlay : { side: raw.position, collapsed: raw.collapsed };
    if (raw.overlay !== undefined && !isObj(raw.overlay)) problems.push('overlay: not an object');
    if (ov.side === 'left' || ov.side === 'right') settings.overlay.side = ov.side;
    else if (ov.side !== undefined) problems.push('overlay.side: invalid');
    if (typeof ov.collapsed === 'boolean') settings.overlay.collapsed = ov.collapsed;
    else if (ov.collapsed !== undefined) problems.push('overlay.collapsed: invalid');
    if (typeof raw.listMarkers === 'boolean') settings.listMarkers = raw.listMarkers;
    else if (raw.listMarkers !== undefined) problems.push('listMarkers: invalid');
  } catch {
    return { settings: defaultSettings(), repaired: true, problems: ['corrupt: unreadable'] };
  }
  return { settings, repaired: problems.length > 0, problems };
}

/** Applies a partial change and validates the result (the options page and the overlay write through this). */
export function mergeSettings(current: Settings, patch: Partial<Omit<Settings, 'v'>>, knownPortals?: readonly string[]): Settings {
  const next = { ...current, ...patch, overlay: { ...current.overlay, ...(patch.overlay ?? {}) }, v: SETTINGS_VERSION };
  return parseSettings(next, knownPortals).settings;
}
