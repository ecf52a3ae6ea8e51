import type { Territory } from '../read/types.ts';

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

export interface TerritoryResolver {
  /** One territory per commune served by the postal code (empty when unknown, e.g. CEDEX codes). */
  fromPostalCode(postalCode: string): Territory[];
  /** Commune INSEE code (current, délégué or arrondissement municipal) → territory of the current commune. */
  fromCommune(code: string): Territory | undefined;
  fromDepartement(code: string): Territory | undefined;
  /** Région code of a département. */
  regionOf(departement: string): string | undefined;
  departementName(code: string): string | undefined;
  regionName(code: string): string | undefined;
  /** A commune by name (accent/case/hyphen-insensitive), optionally within a département. */
  findCommune(name: string, departement?: string): Territory | undefined;
  /** A département code by its name ("Pyrénées-Atlantiques" → "64"). */
  findDepartement(name: string): string | undefined;
  /** Communes whose name or postal code starts with / contains the query, best first. */
  searchCommunes(query: string, limit?: number): CommuneInfo[];
  /**
   * Reads a commune, département or région INSEE code or a postal code. Prefixes `commune:`, `cp:`,
   * `dep:` and `reg:` remove ambiguity (a 2-digit code is read as a département by default, a 5-digit
   * code that is both a postal code and a commune code as a postal code).
   */
  parseTerritory(input: string): ParsedTerritory;
}

/** Folds case, accents and punctuation: "Saint-Étienne" → "saint etienne". */
export function foldName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Département of a postal code without any table: first two digits, Corsica split by range
 * (200xx-201xx → 2A, 202xx+ → 2B), overseas on three digits. Returns undefined when the code
 * cannot be French (Monaco 980xx, 00xxx…).
 */
export function departementFromPostalCode(postalCode: string): string | undefined {
  const cp = String(postalCode ?? '').trim();
  if (!/^\d{5}$/.test(cp)) return undefined;
  // Saint-Barthélemy and Saint-Martin share the Guadeloupe 971 prefix.
  if (cp === '97133') return '977';
  if (cp === '97150') return '978';
  const two = cp.slice(0, 2);
  if (two === '00' || two === '96') return undefined;
  if (two === '20') return Number(cp) < 20200 ? '2A' : '2B';
  if (two === '97') {
    const three = cp.slice(0, 3);
    return ['971', '972', '973', '974', '975', '976'].includes(three) ? three : undefined;
  }
  if (two === '98') {
    const three = cp.slice(0, 3);
    return ['984', '986', '987', '988', '989'].includes(three) ? three : undefined;
  }
  return two;
}

/** Département code of a commune INSEE code ("2A004" → "2A", "97411" → "974"). */
export function departementFromCommuneCode(code: string): string | undefined {
  const c = String(code ?? '').trim().toUpperCase();
  if (!/^(\d{5}|2[AB]\d{3})$/.test(c)) return undefined;
  return c.startsWith('97') || c.startsWith('98') ? c.slice(0, 3) : c.slice(0, 2);
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

/** Builds a resolver over the table of data/territory.json. */
export function createTerritory(data: TerritoryData): TerritoryResolver {
  const regionNames = new Map<string, string>();
  for (const [code, name] of data?.regions ?? []) regionNames.set(code, name);
  const deps = new Map<string, { name: string; region: string }>();
  const depByName = new Map<string, string>();
  for (const [code, name, region] of data?.departements ?? []) {
    deps.set(code, { name, region });
    depByName.set(foldName(name), code);
  }
  const communes = new Map<string, CommuneRow>();
  const byPostal = new Map<string, CommuneRow[]>();
  for (const [code, name, dep, cpList] of data?.communes ?? []) {
    const row: CommuneRow = { code, name, dep, cps: cpList ? cpList.split(' ') : [] };
    communes.set(code, row);
    for (const cp of row.cps) {
      const list = byPostal.get(cp);
      if (list) list.push(row);
      else byPostal.set(cp, [row]);
    }
  }
  const aliases = new Map<string, { name: string; current: string }>();
  for (const [code, name, current] of data?.aliases ?? []) aliases.set(code, { name, current });

  // Name index, built on the first name lookup.
  let byNameIndex: Map<string, CommuneRow[]> | undefined;
  const byName = (): Map<string, CommuneRow[]> => {
    if (byNameIndex) return byNameIndex;
    const index = new Map<string, CommuneRow[]>();
    for (const row of communes.values()) {
      const k = keyOf(row);
      const same = index.get(k);
      if (same) same.push(row);
      else index.set(k, [row]);
    }
    for (const [, { name, current }] of aliases) {
      const row = communes.get(current);
      const k = foldName(name);
      if (row && !index.has(k)) index.set(k, [row]);
    }
    byNameIndex = index;
    return index;
  };

  const regionOf = (dep: string): string | undefined => deps.get(dep)?.region;

  const territoryOf = (row: CommuneRow, postalCode?: string): Territory => {
    const t: Territory = { commune: row.code, communeName: row.name, departement: row.dep };
    const region = regionOf(row.dep);
    if (region) t.region = region;
    if (postalCode) t.postalCode = postalCode;
    return t;
  };

  const fromPostalCode = (postalCode: string): Territory[] => {
    const cp = String(postalCode ?? '').trim();
    return (byPostal.get(cp) ?? []).map((row) => territoryOf(row, cp));
  };

  const fromCommune = (code: string): Territory | undefined => {
    const c = String(code ?? '').trim().toUpperCase();
    const row = communes.get(c) ?? communes.get(aliases.get(c)?.current ?? '');
    return row ? territoryOf(row) : undefined;
  };

  const fromDepartement = (code: string): Territory | undefined => {
    const c = normaliseDepCode(code);
    const d = c ? deps.get(c) : undefined;
    if (!c || !d) return undefined;
    return { departement: c, region: d.region };
  };

  const findCommune = (name: string, departement?: string): Territory | undefined => {
    const key = foldName(String(name ?? '').replace(/\bcedex\b.*$/i, ''));
    if (!key) return undefined;
    const rows = byName().get(key) ?? [];
    const inDep = departement ? rows.filter((r) => r.dep === departement) : rows;
    if (inDep.length === 1 && inDep[0]) return territoryOf(inDep[0]);
    return undefined;
  };

  const findDepartement = (name: string): string | undefined => depByName.get(foldName(String(name ?? '')));

  let searchIndex: CommuneRow[] | undefined;
  const searchCommunes = (query: string, limit = 20): CommuneInfo[] => {
    const q = String(query ?? '').trim().slice(0, 100);
    if (!q) return [];
    searchIndex ??= [...communes.values()];
    const scored: { row: CommuneRow; score: number }[] = [];
    if (/^\d{2,5}$/.test(q)) {
      for (const row of searchIndex) {
        if (row.cps.some((cp) => cp.startsWith(q))) scored.push({ row, score: row.cps.includes(q) ? 0 : 1 });
        else if (row.code.startsWith(q)) scored.push({ row, score: 2 });
      }
    } else {
      const k = foldName(q);
      if (!k) return [];
      for (const row of searchIndex) {
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

  const parseTerritory = (input: string): ParsedTerritory => {
    try {
      const raw = String(input ?? '').trim();
      if (!raw) return { ok: false, reason: 'empty' };
      if (raw.length > 64) return { ok: false, reason: 'too long' };
      const m = /^(commune|insee|cp|code postal|postal|dep|departement|département|reg|region|région)\s*[:= ]\s*(.+)$/i.exec(raw);
      const prefix = m?.[1] ? foldName(m[1]) : '';
      const value = (m?.[2] ?? raw).replace(/\s+/g, '').toUpperCase();

      const asRegion = (): ParsedTerritory | undefined =>
        regionNames.has(value) ? { ok: true, kind: 'region', territory: { region: value } } : undefined;
      const asDep = (): ParsedTerritory | undefined => {
        const t = fromDepartement(value);
        return t ? { ok: true, kind: 'departement', territory: t } : undefined;
      };
      const asCommune = (): ParsedTerritory | undefined => {
        const t = fromCommune(value);
        return t ? { ok: true, kind: 'commune', territory: t } : undefined;
      };
      const asPostal = (): ParsedTerritory | undefined => {
        if (!/^\d{5}$/.test(value)) return undefined;
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

      if (prefix.startsWith('reg') || prefix.startsWith('region')) return asRegion() ?? { ok: false, reason: `unknown région code ${value}` };
      if (prefix.startsWith('dep')) return asDep() ?? { ok: false, reason: `unknown département code ${value}` };
      if (prefix === 'commune' || prefix === 'insee') return asCommune() ?? { ok: false, reason: `unknown commune code ${value}` };
      if (prefix.startsWith('cp') || prefix.includes('postal')) return asPostal() ?? { ok: false, reason: `unknown postal code ${value}` };

      if (/^(\d{5}|2[AB]\d{3})$/.test(value)) {
        const p = asPostal();
        const c = asCommune();
        if (p && c) return { ...p, ambiguousWith: 'commune' } as ParsedTerritory;
        if (p) return p;
        if (c) return c;
        // A CEDEX or unlisted postal code still tells the département.
        const dep = departementFromPostalCode(value);
        const t = dep ? fromDepartement(dep) : undefined;
        if (t) return { ok: true, kind: 'postalCode', territory: { postalCode: value, ...t } };
        return { ok: false, reason: `unknown code ${value}` };
      }
      if (/^(\d{2,3}|2[AB])$/.test(value)) {
        const d = asDep();
        const r = asRegion();
        if (d && r) return { ...d, ambiguousWith: 'region' } as ParsedTerritory;
        if (d) return d;
        if (r) return r;
        return { ok: false, reason: `unknown code ${value}` };
      }
      // A name: département, then commune.
      const depCode = findDepartement(raw);
      if (depCode) {
        const t = fromDepartement(depCode);
        if (t) return { ok: true, kind: 'departement', territory: t };
      }
      const t = findCommune(raw);
      if (t) return { ok: true, kind: 'commune', territory: t };
      return { ok: false, reason: 'not a known code or name' };
    } catch {
      return { ok: false, reason: 'unreadable input' };
    }
  };

  return {
    fromPostalCode,
    fromCommune,
    fromDepartement,
    regionOf: (dep) => regionOf(normaliseDepCode(dep) ?? ''),
    departementName: (code) => deps.get(normaliseDepCode(code) ?? '')?.name,
    regionName: (code) => regionNames.get(String(code ?? '').trim()),
    findCommune,
    findDepartement,
    searchCommunes,
    parseTerritory,
  };
}

// "1" → "01", "2a" → "2A", "971" stays; anything else undefined.
function normaliseDepCode(code: string): string | undefined {
  const c = String(code ?? '').trim().toUpperCase();
  if (/^\d$/.test(c)) return `0${c}`;
  if (/^(\d{2,3}|2[AB])$/.test(c)) return c;
  return undefined;
}
