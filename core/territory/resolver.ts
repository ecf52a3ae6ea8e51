import type { Territory } from '../read/types.ts';
import { departementFromPostalCode, foldName, normaliseDepartement as normaliseDepCode, parseTerritoryCode, POSTAL_CODE, REGION_CODE, type TerritoryLevel, type TerritoryRef } from './codes.ts';

/**
 * Compact territory table written by `data/build-territory.ts` (data/territory.json).
 * Rows are arrays to keep the file small.
 */
export interface TerritoryData {
  v: number;
  source?: string;
  /** [code, name] */
  regions: readonly (readonly [string, string])[];
  /** [code, name, regionCode] */
  departements: readonly (readonly [string, string, string])[];
  /** [code, name, departementCode, postal codes separated by spaces] */
  communes: readonly (readonly [string, string, string, string])[];
  /** [code, name, currentCommuneCode]: communes déléguées/associées and arrondissements municipaux. */
  aliases?: readonly (readonly [string, string, string])[];
  /** [SIREN, name, member commune codes separated by spaces]: EPCIs (data/epci.json, the widget's files). */
  epci?: readonly (readonly [string, string, string])[];
}

/** An EPCI and its member communes, as returned by {@link TerritoryLookup.fromEpci}. */
export interface EpciInfo {
  code: string;
  name: string;
  communes: string[];
  departements: string[];
}

/** A commune as returned by {@link TerritoryResolver.searchCommunes}. */
export interface CommuneInfo {
  code: string;
  name: string;
  departement: string;
  region: string;
  postalCodes: string[];
}

/** What {@link TerritoryResolver.parseTerritory} understood; never throws. */
export type ParsedTerritory =
  | { ok: true; kind: 'commune' | 'postalCode' | 'departement' | 'region'; territory: Territory; ambiguousWith?: 'commune' | 'postalCode' | 'departement' | 'region' }
  | { ok: false; reason: string };

/** Lookups by code over the table: what the extension, the widget and the CLI all resolve places with. */
export interface TerritoryLookup {
  /** Commune INSEE code (current, délégué or arrondissement municipal) → territory of the current commune. */
  fromCommune(code: string): Territory | undefined;
  fromDepartement(code: string): Territory | undefined;
  /** Région code of a département. */
  regionOf(departement: string): string | undefined;
  /** Département codes of a région, in code order. */
  departementsOf(region: string): string[];
  departementName(code: string): string | undefined;
  regionName(code: string): string | undefined;
  /** The name of a place by level and code: the one place-namer of extension, widget and CLI. */
  name(level: TerritoryLevel, code: string): string | undefined;
  /** An EPCI by SIREN, when the table holds EPCIs. */
  fromEpci(siren: string): EpciInfo | undefined;
  /** The table the lookups read (for the name and postal-code indexes built on top of them). */
  readonly data: TerritoryData;
}

/**
 * The lookups, and what reading names, postal codes and a person's input needs on top of them (the notice
 * readers' clues, the options page, the CLI). Its indexes are built on first use.
 */
export interface TerritoryResolver extends TerritoryLookup {
  /** One territory per commune served by the postal code (empty when unknown, e.g. CEDEX codes). */
  fromPostalCode(postalCode: string): Territory[];
  /** A commune by name (accent/case/hyphen-insensitive), optionally within a département. */
  findCommune(name: string, departement?: string): Territory | undefined;
  /** A département code by its name ("Pyrénées-Atlantiques" → "64"). */
  findDepartement(name: string): string | undefined;
  /** Communes whose name or postal code starts with / contains the query, best first. */
  searchCommunes(query: string, limit?: number): CommuneInfo[];
  /**
   * Reads what a person types: a commune, département or région INSEE code, a postal code or a name.
   * Prefixes `commune:`, `cp:`, `dep:` and `reg:` remove ambiguity (a 2-digit code is read as a département
   * by default, a 5-digit code that is both a postal code and a commune code as a postal code). Codes go
   * through the one code parser, {@link parseTerritoryCode}.
   */
  parseTerritory(input: string): ParsedTerritory;
}

interface CommuneRow {
  code: string;
  name: string;
  dep: string;
  cps: string[];
  /** Folded name, computed on first use (folding 35 000 names at start-up is slow). */
  key?: string;
}

const keyOf = (row: CommuneRow): string => (row.key ??= foldName(row.name));
const str = (x: unknown): string => (typeof x === 'string' ? x : '').trim();

/** Builds the lookups by code over a territory table (data/territory.json, or the widget's files). */
export function createLookup(data: TerritoryData): TerritoryLookup {
  const regionNames = new Map<string, string>();
  for (const [code, name] of data?.regions ?? []) regionNames.set(code, name);
  const deps = new Map<string, { name: string; region: string }>();
  for (const [code, name, region] of data?.departements ?? []) deps.set(code, { name, region });
  const communes = new Map<string, { name: string; dep: string }>();
  for (const [code, name, dep] of data?.communes ?? []) communes.set(code, { name, dep });
  const aliases = new Map<string, { name: string; current: string }>();
  for (const [code, name, current] of data?.aliases ?? []) aliases.set(code, { name, current });
  const epcis = new Map<string, { name: string; communes: string[] }>();
  for (const [siren, name, members] of data?.epci ?? []) epcis.set(siren, { name, communes: members ? members.split(' ') : [] });

  const regionOf = (dep: string): string | undefined => deps.get(normaliseDepCode(dep) ?? '')?.region;

  const fromCommune = (code: string): Territory | undefined => {
    const c = str(code).toUpperCase();
    const current = communes.has(c) ? c : aliases.get(c)?.current;
    const row = current ? communes.get(current) : undefined;
    if (!current || !row) return undefined;
    const t: Territory = { commune: current, communeName: row.name, departement: row.dep };
    const region = regionOf(row.dep);
    if (region) t.region = region;
    return t;
  };

  const fromDepartement = (code: string): Territory | undefined => {
    const c = normaliseDepCode(code);
    const d = c ? deps.get(c) : undefined;
    return c && d ? { departement: c, region: d.region } : undefined;
  };

  const fromEpci = (siren: string): EpciInfo | undefined => {
    const e = epcis.get(str(siren));
    if (!e) return undefined;
    const departements = [...new Set(e.communes.map((c) => communes.get(c)?.dep).filter((d): d is string => !!d))].sort();
    return { code: str(siren), name: e.name, communes: [...e.communes], departements };
  };

  const name = (level: TerritoryLevel, code: string): string | undefined => {
    if (level === 'region') return regionNames.get(str(code));
    if (level === 'departement') return deps.get(normaliseDepCode(code) ?? '')?.name;
    if (level === 'epci') return epcis.get(str(code))?.name;
    const c = str(code).toUpperCase();
    return communes.get(c)?.name ?? aliases.get(c)?.name;
  };

  return {
    fromCommune,
    fromDepartement,
    regionOf,
    departementsOf: (region) => [...deps].filter(([, d]) => d.region === str(region)).map(([c]) => c),
    departementName: (code) => name('departement', code),
    regionName: (code) => name('region', code),
    name,
    fromEpci,
    data,
  };
}

/** Builds the full resolver over the table of data/territory.json. */
export function createTerritory(data: TerritoryData): TerritoryResolver {
  return withInput(createLookup(data));
}

/** Adds to the lookups by code the name and postal-code indexes and the reading of a person's input. */
export function withInput(lookup: TerritoryLookup): TerritoryResolver {
  const { fromCommune, fromDepartement } = lookup;
  const regionOf = (dep: string) => lookup.regionOf(dep);
  let rows: CommuneRow[] | undefined;
  let byPostal: Map<string, CommuneRow[]> | undefined;
  let byName: Map<string, CommuneRow[]> | undefined;
  let depByName: Map<string, string> | undefined;
  const communeRows = (): CommuneRow[] => (rows ??= (lookup.data?.communes ?? []).map(([code, name, dep, cps]) => ({ code, name, dep, cps: cps ? cps.split(' ') : [] })));
  const postalIndex = (): Map<string, CommuneRow[]> => {
    if (byPostal) return byPostal;
    byPostal = new Map();
    for (const row of communeRows()) for (const cp of row.cps) byPostal.set(cp, [...(byPostal.get(cp) ?? []), row]);
    return byPostal;
  };
  const nameIndex = (): Map<string, CommuneRow[]> => {
    if (byName) return byName;
    const index = new Map<string, CommuneRow[]>();
    const byCode = new Map<string, CommuneRow>();
    for (const row of communeRows()) {
      byCode.set(row.code, row);
      const k = keyOf(row);
      index.set(k, [...(index.get(k) ?? []), row]);
    }
    for (const [, aliasName, current] of lookup.data?.aliases ?? []) {
      const row = byCode.get(current);
      const k = foldName(aliasName);
      if (row && !index.has(k)) index.set(k, [row]);
    }
    return (byName = index);
  };

  const territoryOf = (row: CommuneRow, postalCode?: string): Territory => {
    const t: Territory = { commune: row.code, communeName: row.name, departement: row.dep };
    const region = regionOf(row.dep);
    if (region) t.region = region;
    if (postalCode) t.postalCode = postalCode;
    return t;
  };

  const fromPostalCode = (postalCode: string): Territory[] => {
    const cp = str(postalCode);
    return (postalIndex().get(cp) ?? []).map((row) => territoryOf(row, cp));
  };

  const findCommune = (communeName: string, departement?: string): Territory | undefined => {
    const key = foldName(str(communeName).replace(/\bcedex\b.*$/i, ''));
    if (!key) return undefined;
    const found = nameIndex().get(key) ?? [];
    const inDep = departement ? found.filter((r) => r.dep === departement) : found;
    return inDep.length === 1 && inDep[0] ? territoryOf(inDep[0]) : undefined;
  };

  const findDepartement = (depName: string): string | undefined => {
    depByName ??= new Map((lookup.data?.departements ?? []).map(([code, n]) => [foldName(n), code] as const));
    return depByName.get(foldName(str(depName)));
  };

  let searchIndex: readonly CommuneRow[] | undefined;
  const searchCommunes = (query: string, limit = 20): CommuneInfo[] => {
    const q = str(query).slice(0, 100);
    if (!q) return [];
    const all = (searchIndex ??= communeRows());
    const scored: { row: CommuneRow; score: number }[] = [];
    if (/^\d{2,5}$/.test(q)) {
      for (const row of all) {
        if (row.cps.some((cp) => cp.startsWith(q))) scored.push({ row, score: row.cps.includes(q) ? 0 : 1 });
        else if (row.code.startsWith(q)) scored.push({ row, score: 2 });
      }
    } else {
      const k = foldName(q);
      if (!k) return [];
      for (const row of all) {
        const rk = keyOf(row);
        if (rk === k) scored.push({ row, score: 0 });
        else if (rk.startsWith(k)) scored.push({ row, score: 1 });
        else if (rk.includes(k)) scored.push({ row, score: 2 });
      }
    }
    scored.sort((a, b) => a.score - b.score || a.row.name.length - b.row.name.length || a.row.code.localeCompare(b.row.code));
    return scored.slice(0, Math.max(0, limit)).map(({ row }) => ({
      code: row.code,
      name: row.name,
      departement: row.dep,
      region: regionOf(row.dep) ?? '',
      postalCodes: [...row.cps],
    }));
  };

  const asPostal = (value: string): ParsedTerritory | undefined => {
    if (!POSTAL_CODE.test(value)) return undefined;
    const list = fromPostalCode(value);
    if (list.length === 1 && list[0]) return { ok: true, kind: 'postalCode', territory: list[0] };
    if (list.length > 1) {
      const dep = list[0]?.departement;
      const t: Territory = { postalCode: value };
      if (dep && list.every((x) => x.departement === dep)) {
        t.departement = dep;
        const region = regionOf(dep);
        if (region) t.region = region;
      }
      return { ok: true, kind: 'postalCode', territory: t };
    }
    return undefined;
  };

  const fromRef = (ref: TerritoryRef): ParsedTerritory | undefined => {
    if (ref.level === 'region') return lookup.name('region', ref.code) !== undefined ? { ok: true, kind: 'region', territory: { region: ref.code } } : undefined;
    if (ref.level === 'departement') {
      const t = fromDepartement(ref.code);
      return t ? { ok: true, kind: 'departement', territory: t } : undefined;
    }
    if (ref.level === 'commune') {
      const t = fromCommune(ref.code);
      return t ? { ok: true, kind: 'commune', territory: t } : undefined;
    }
    return undefined;
  };

  const parseTerritory = (input: string): ParsedTerritory => {
    const raw = str(input);
    if (!raw) return { ok: false, reason: 'empty' };
    if (raw.length > 64) return { ok: false, reason: 'too long' };
    // A prefixed code ("reg:84", "dep 44", "cp 69001"): postal codes here, every other code through the one parser.
    const m = /^(commune|insee|cp|code postal|postal|dep|dept|departement|département|reg|region|région)\s*[:= ]\s*(.+)$/i.exec(raw);
    if (m) {
      const prefix = foldName(m[1]!);
      const value = m[2]!.replace(/\s+/g, '');
      if (prefix.startsWith('cp') || prefix.includes('postal')) return asPostal(value) ?? { ok: false, reason: `unknown postal code ${value}` };
      const ref = parseTerritoryCode(`${prefix.replace(/\s+/g, '')}:${value}`);
      return (ref && fromRef(ref)) ?? { ok: false, reason: `unknown ${prefix} code ${value}` };
    }
    const value = raw.replace(/\s+/g, '').toUpperCase();
    const ref = parseTerritoryCode(value);
    if (ref?.level === 'commune') {
      // People type postal codes far more often than INSEE codes: a 5-digit value that is both is read as a postal code.
      const p = asPostal(value);
      const c = fromRef(ref);
      if (p && c) return { ...p, ambiguousWith: 'commune' } as ParsedTerritory;
      if (p) return p;
      if (c) return c;
      // A CEDEX or unlisted postal code still tells the département.
      const dep = departementFromPostalCode(value);
      const t = dep ? fromDepartement(dep) : undefined;
      if (t) return { ok: true, kind: 'postalCode', territory: { postalCode: value, ...t } };
      return { ok: false, reason: `unknown code ${value}` };
    }
    if (ref?.level === 'departement' || (ref === undefined && REGION_CODE.test(value))) {
      const d = ref ? fromRef(ref) : undefined;
      const r = fromRef({ level: 'region', code: value });
      if (d && r) return { ...d, ambiguousWith: 'region' } as ParsedTerritory;
      return d ?? r ?? { ok: false, reason: `unknown code ${value}` };
    }
    if (ref) return { ok: false, reason: `unknown code ${value}` };
    // A name: département, then commune.
    const depCode = findDepartement(raw);
    if (depCode) {
      const t = fromDepartement(depCode);
      if (t) return { ok: true, kind: 'departement', territory: t };
    }
    const t = findCommune(raw);
    if (t) return { ok: true, kind: 'commune', territory: t };
    return { ok: false, reason: 'not a known code or name' };
  };

  return { ...lookup, fromPostalCode, findCommune, findDepartement, searchCommunes, parseTerritory };
}
