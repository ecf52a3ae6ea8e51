// The background's advising: the knowledge base and the territory tables live here only, so the content
// script stays small. Pure functions of their inputs (the data is passed in), unit-tested directly.
import { advise } from '../../core/advise/index';
import type { Kb, Fiche } from '../../core/kb/index';
import { toLang, type Lang } from '../../core/lang';
import type { Reading, Territory } from '../../core/read/types';
import { readText } from '../../core/read/index';
import type { TerritoryResolver } from '../../core/territory/index';
import { resolvePlaceClues } from '../../core/territory/resolve-clues';
import { EXTENSION_ROLES, type ExtensionRole, type Settings } from '../../core/settings';
import type { AdviseResponse } from '../../components/extension/messages';
import { fitNotice, type Fit } from '../../core/fit/index';
import type { Profile } from '../../core/profile/index';

export interface AdviceDeps {
  kb: Kb;
  territory: TerritoryResolver;
  /** ISO date, for deadlines; the clock when absent. */
  today?: string;
}

const MAX_TEXT = 20_000;

/** "Nantes (44000) · Loire-Atlantique · Pays de la Loire", from whatever levels are known. */
export function territoryLabel(t: Territory | undefined, resolver: TerritoryResolver): string | undefined {
  if (!t) return undefined;
  const parts: string[] = [];
  if (t.communeName) parts.push(t.postalCode ? `${t.communeName} (${t.postalCode})` : t.communeName);
  else if (t.postalCode) parts.push(t.postalCode);
  const dep = t.departement ? resolver.departementName(t.departement) : undefined;
  if (t.departement) parts.push(dep ? `${dep} (${t.departement})` : t.departement);
  const reg = t.region ? resolver.regionName(t.region) : undefined;
  if (reg) parts.push(reg);
  return parts.length ? parts.join(' · ') : undefined;
}

function fichesOf(kb: Kb, ids: readonly string[]): Fiche[] {
  const out = new Map<string, Fiche>();
  for (const id of ids) {
    const f = kb.fiche(id);
    if (!f || out.has(id)) continue;
    out.set(id, f);
    // Title-only fiches point to the covered ones: send those too so the panel can name them.
    for (const other of f.seeAlso ?? []) {
      const o = kb.fiche(other);
      if (o && !out.has(other)) out.set(other, o);
    }
  }
  return [...out.values()];
}

function cleanRole(role: unknown): ExtensionRole {
  return EXTENSION_ROLES.includes(role as ExtensionRole) ? (role as ExtensionRole) : 'acheteur';
}

function cleanLang(lang: unknown): Lang {
  return toLang(lang);
}

function isReading(r: unknown): r is Reading {
  const x = r as Reading;
  return typeof x === 'object' && x !== null && typeof x.tender === 'object' && x.tender !== null && Array.isArray(x.tender.cpv) && Array.isArray(x.tender.lots) && Array.isArray(x.signals) && typeof x.text === 'string';
}

/**
 * Advises on a reading sent by a content script (or built from a text). The user's territory is a
 * fallback for notices that name none. Never throws: a malformed message gets `{ ok: false }`.
 */
export function adviseReading(
  deps: AdviceDeps,
  reading: unknown,
  opts: { role?: unknown; lang?: unknown; userTerritory?: Settings['territory']; profile?: Profile | null },
): AdviseResponse & { fit?: Fit } {
  try {
    if (!isReading(reading)) return { ok: false, error: 'bad reading' };
    const role = cleanRole(opts.role);
    const lang = cleanLang(opts.lang);
    // The content script sends the place clues it read; they are resolved here, once, with the table.
    const places = resolvePlaceClues(reading.tender.placeClues, deps.territory);
    const buyerTerritory = places.buyer ?? reading.tender.buyerTerritory;
    const performanceTerritory = places.performance ?? reading.tender.performanceTerritory;
    const tender = { ...reading.tender, ...(buyerTerritory ? { buyerTerritory } : {}), ...(performanceTerritory ? { performanceTerritory } : {}) };
    const r: Reading = { ...reading, text: reading.text.slice(0, 300_000), tender };
    const known = buyerTerritory && (buyerTerritory.commune || buyerTerritory.departement || buyerTerritory.region);
    const user = opts.userTerritory;
    const fallback = !known && user ? { commune: user.commune, departement: user.departement, region: user.region ?? (user.departement ? deps.territory.regionOf(user.departement) : undefined) } : undefined;
    const t = deps.territory;
    const advice = advise(deps.kb, r, {
      role,
      lang,
      ...(fallback ? { territory: fallback } : {}),
      placeName: (level, code) => (level === 'region' ? t.regionName(code) : level === 'departement' ? t.departementName(code) : t.fromCommune(code)?.communeName),
      ...(deps.today ? { today: deps.today } : {}),
    });
    const label = territoryLabel(buyerTerritory, t);
    // The ESS structure's own reading of the notice (core/fit), when it filled in a profile (stored locally).
    const fit =
      role === 'structure' && opts.profile
        ? fitNotice(r, advice, opts.profile, {
            kb: deps.kb,
            lang,
            regionOf: (d) => t.regionOf(d),
            placeName: (level, code) => (level === 'region' ? t.regionName(code) : level === 'departement' ? t.departementName(code) : t.fromCommune(code)?.communeName),
            ...(deps.today ? { today: deps.today } : {}),
          })
        : undefined;
    return { ok: true, reading: r, advice, fiches: fichesOf(deps.kb, advice.fiches.map((f) => f.id)), ...(label ? { territoryLabel: label } : {}), ...(fit ? { fit } : {}) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : 'advice failed' };
  }
}

/** Advises on a free text (a selection, a draft notice): readText then {@link adviseReading}. */
export function adviseText(deps: AdviceDeps, text: unknown, opts: { cpv?: unknown; role?: unknown; lang?: unknown; userTerritory?: Settings['territory']; profile?: Profile | null }): AdviseResponse {
  if (typeof text !== 'string' || text.trim().length < 3) return { ok: false, error: 'empty text' };
  try {
    const cpv = typeof opts.cpv === 'string' && opts.cpv.trim() ? opts.cpv.split(/[\s,;]+/).filter(Boolean).slice(0, 20) : undefined;
    const reading = readText(text.slice(0, MAX_TEXT), { territory: deps.territory, ...(cpv ? { cpv } : {}) });
    return adviseReading(deps, reading, opts);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : 'advice failed' };
  }
}
