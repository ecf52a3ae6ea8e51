// The widget's territory: which small data files to load for a territory code, the table they make once
// loaded (the same resolver the extension and the CLI use over the whole table), and the place they describe.
// The full commune table is too big to ship in a widget (≈ 290 KB gzip), so widget/build-data.ts splits
// data/territory.json and data/epci.json into one file of communes per département and an EPCI index.
import { departementFromCommuneCode, type TerritoryLevel, type TerritoryRef } from './codes.ts';
import type { TerritoryData, TerritoryLookup } from './resolver.ts';

/** Régions and départements, shipped in the widget's main data file. */
export interface GeoTables {
  /** [code, name] */
  regions: readonly (readonly [string, string])[];
  /** [code, name, regionCode] */
  departements: readonly (readonly [string, string, string])[];
}

/** One département's file (`communes/<dep>.js`). */
export interface CommuneFile {
  /** EPCIs with a member in the département: [siren, name]. */
  epci: readonly (readonly [string, string])[];
  /** Current communes: [code, name, index in `epci` or -1]. */
  communes: readonly (readonly [string, string, number])[];
  /** Arrondissements municipaux and communes déléguées or associées: [code, name, current commune code]. */
  aliases: readonly (readonly [string, string, string])[];
}

/** EPCI SIREN → département codes separated by spaces (`epci.js`). */
export type EpciIndex = Readonly<Record<string, string>>;

/** A place guidance is shown for, with every code actors and examples are matched against. */
export interface Place {
  level: TerritoryLevel;
  code: string;
  name: string;
  /** Enclosing areas, for the heading: département and région names. */
  context: string[];
  communes: string[];
  departements: string[];
  regions: string[];
}

/** Départements whose commune files a territory needs (the EPCI index must be loaded for an EPCI). */
export function departementsNeeded(ref: TerritoryRef, epci?: EpciIndex): string[] {
  if (ref.level === 'commune') {
    const dep = departementFromCommuneCode(ref.code);
    return dep ? [dep] : [];
  }
  if (ref.level === 'epci') {
    const deps = epci && Object.prototype.hasOwnProperty.call(epci, ref.code) ? epci[ref.code] : undefined;
    return typeof deps === 'string' ? deps.split(' ').filter(Boolean) : [];
  }
  return [];
}

/**
 * The territory table made of the widget's files: régions and départements, and the communes, aliases and
 * EPCIs of the départements loaded so far (no postal codes: the widget reads INSEE codes only).
 */
export function tablesFromFiles(geo: GeoTables, files: Readonly<Record<string, CommuneFile | undefined>> = {}): TerritoryData {
  const communes: [string, string, string, string][] = [];
  const aliases: [string, string, string][] = [];
  const epci = new Map<string, { name: string; members: string[] }>();
  for (const [dep, file] of Object.entries(files)) {
    if (!file) continue;
    for (const [code, name, e] of file.communes) {
      communes.push([code, name, dep, '']);
      const info = e >= 0 ? file.epci[e] : undefined;
      if (!info) continue;
      const entry = epci.get(info[0]) ?? { name: info[1], members: [] };
      entry.members.push(code);
      epci.set(info[0], entry);
    }
    for (const a of file.aliases) aliases.push([a[0], a[1], a[2]]);
  }
  return {
    v: 1,
    regions: geo.regions,
    departements: geo.departements,
    communes,
    aliases,
    epci: [...epci].map(([siren, e]) => [siren, e.name, e.members.join(' ')] as const),
  };
}

/** The place a territory code names, or undefined when the table does not know it. */
export function describePlace(ref: TerritoryRef, territory: TerritoryLookup): Place | undefined {
  const depContext = (dep: string): string[] => {
    const name = territory.name('departement', dep);
    if (!name) return [];
    const r = territory.name('region', territory.regionOf(dep) ?? '');
    return r && r !== name ? [`${name} (${dep})`, r] : [`${name} (${dep})`];
  };
  if (ref.level === 'region') {
    const name = territory.name('region', ref.code);
    if (!name) return undefined;
    return { level: 'region', code: ref.code, name, context: [], communes: [], departements: territory.departementsOf(ref.code), regions: [ref.code] };
  }
  if (ref.level === 'departement') {
    const t = territory.fromDepartement(ref.code);
    const name = territory.name('departement', ref.code);
    if (!t?.region || !name) return undefined;
    const r = territory.name('region', t.region);
    return { level: 'departement', code: ref.code, name, context: r && r !== name ? [r] : [], communes: [], departements: [ref.code], regions: [t.region] };
  }
  if (ref.level === 'commune') {
    // An arrondissement or a commune déléguée: the guidance is the current commune's, the name the one asked.
    const t = territory.fromCommune(ref.code);
    const name = territory.name('commune', ref.code);
    if (!t?.commune || !t.departement || !t.region || !name) return undefined;
    const codes = t.commune === ref.code ? [ref.code] : [t.commune, ref.code];
    return { level: 'commune', code: ref.code, name, context: depContext(t.departement), communes: codes, departements: [t.departement], regions: [t.region] };
  }
  const e = territory.fromEpci(ref.code);
  if (!e) return undefined;
  const regions = [...new Set(e.departements.map((d) => territory.regionOf(d)).filter((r): r is string => !!r))];
  const context =
    e.departements.length === 1
      ? depContext(e.departements[0]!)
      : [...e.departements.map((d) => `${territory.name('departement', d) ?? d} (${d})`), ...regions.map((r) => territory.name('region', r) ?? r)];
  return { level: 'epci', code: ref.code, name: e.name, context, communes: e.communes, departements: e.departements, regions };
}
