// The widget's territory: which small data files to load for a territory code, and the place they describe.
// The full commune table is too big to ship (≈ 290 KB gzip), so the widget build (widget/build-data.ts)
// writes régions and départements into the main data file, one file of communes per département, and an
// index from EPCI SIREN to départements; the widget loads only what its `territoire` needs.
import { departementFromCommuneCode } from './territory/index';
import type { TerritoryRef, TerritoryLevel } from './widget-config';

/** Régions and départements, shipped in the main data file. */
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

/** A place the widget shows guidance for, with every code actors and examples are matched against. */
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

/** Département code of a commune code, or undefined when the code cannot be one. */
export function departementOfCommune(code: string): string | undefined {
  return departementFromCommuneCode(code);
}

/** Départements whose commune files a territory needs (the EPCI index must be loaded for an EPCI). */
export function departementsNeeded(ref: TerritoryRef, epci?: EpciIndex): string[] {
  if (ref.level === 'commune') {
    const dep = departementOfCommune(ref.code);
    return dep ? [dep] : [];
  }
  if (ref.level === 'epci') {
    const deps = epci && Object.prototype.hasOwnProperty.call(epci, ref.code) ? epci[ref.code] : undefined;
    return typeof deps === 'string' ? deps.split(' ').filter(Boolean) : [];
  }
  return [];
}

/**
 * The place a territory code names, or undefined when the code does not exist. `files` holds the commune
 * files already loaded, by département code.
 */
export function resolvePlace(ref: TerritoryRef, geo: GeoTables, files: Readonly<Record<string, CommuneFile | undefined>> = {}): Place | undefined {
  const regionName = new Map(geo.regions.map(([c, n]) => [c, n] as const));
  const deps = new Map(geo.departements.map(([c, n, r]) => [c, { name: n, region: r }] as const));
  const depContext = (dep: string): string[] => {
    const d = deps.get(dep);
    if (!d) return [];
    const r = regionName.get(d.region);
    return r && r !== d.name ? [`${d.name} (${dep})`, r] : [`${d.name} (${dep})`];
  };

  if (ref.level === 'region') {
    const name = regionName.get(ref.code);
    if (!name) return undefined;
    const inRegion = geo.departements.filter(([, , r]) => r === ref.code).map(([c]) => c);
    return { level: 'region', code: ref.code, name, context: [], communes: [], departements: inRegion, regions: [ref.code] };
  }
  if (ref.level === 'departement') {
    const d = deps.get(ref.code);
    if (!d) return undefined;
    const r = regionName.get(d.region);
    return { level: 'departement', code: ref.code, name: d.name, context: r && r !== d.name ? [r] : [], communes: [], departements: [ref.code], regions: [d.region] };
  }
  if (ref.level === 'commune') {
    const dep = departementOfCommune(ref.code);
    const file = dep ? files[dep] : undefined;
    const d = dep ? deps.get(dep) : undefined;
    if (!dep || !file || !d) return undefined;
    let row = file.communes.find(([c]) => c === ref.code);
    let name = row?.[1];
    if (!row) {
      // An arrondissement or a commune déléguée: the guidance is the current commune's, the name the one asked.
      const alias = file.aliases.find(([c]) => c === ref.code);
      row = alias ? file.communes.find(([c]) => c === alias[2]) : undefined;
      name = alias?.[1];
    }
    if (!row || !name) return undefined;
    const codes = row[0] === ref.code ? [row[0]] : [row[0], ref.code];
    return { level: 'commune', code: ref.code, name, context: depContext(dep), communes: codes, departements: [dep], regions: [d.region] };
  }
  // EPCI: its member communes are spread over the commune files of its départements.
  let name: string | undefined;
  const communes: string[] = [];
  const depsOf: string[] = [];
  for (const [dep, file] of Object.entries(files)) {
    if (!file) continue;
    const idx = file.epci.findIndex(([s]) => s === ref.code);
    if (idx < 0) continue;
    name ??= file.epci[idx]![1];
    depsOf.push(dep);
    for (const [c, , e] of file.communes) if (e === idx) communes.push(c);
  }
  if (!name) return undefined;
  const regions = [...new Set(depsOf.map((dp) => deps.get(dp)?.region).filter((r): r is string => !!r))];
  const context = depsOf.length === 1 ? depContext(depsOf[0]!) : [...depsOf.map((dp) => `${deps.get(dp)?.name ?? dp} (${dp})`), ...regions.map((r) => regionName.get(r) ?? r)];
  return { level: 'epci', code: ref.code, name, context, communes, departements: depsOf.sort(), regions };
}

/** Names of places for the advice engine's reasons ("près de Lyon"). */
export function placeNamer(geo: GeoTables, files: Readonly<Record<string, CommuneFile | undefined>> = {}) {
  const regionName = new Map(geo.regions.map(([c, n]) => [c, n] as const));
  const depName = new Map(geo.departements.map(([c, n]) => [c, n] as const));
  return (level: 'region' | 'departement' | 'commune', code: string): string | undefined => {
    if (level === 'region') return regionName.get(code);
    if (level === 'departement') return depName.get(code);
    const dep = departementOfCommune(code);
    return dep ? files[dep]?.communes.find(([c]) => c === code)?.[1] : undefined;
  };
}
