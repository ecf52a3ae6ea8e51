// Territory codes: the one definition of what a commune, département, région, EPCI or postal code looks
// like, and the one parser of a code as written by a host, a stored setting or a profile. Whether a
// well-formed code exists is the resolver's business (it holds the table).

/** Levels a territory code can name. */
export const TERRITORY_LEVELS = ['commune', 'departement', 'region', 'epci'] as const;
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** A territory code checked for form only. */
export interface TerritoryRef {
  level: TerritoryLevel;
  code: string;
}

/** Commune INSEE code: 5 digits, or 2A/2B and 3 digits in Corsica. */
export const COMMUNE_CODE = /^(\d{5}|2[AB]\d{3})$/;
/** Département code: 2 digits, 2A/2B, or 3 digits overseas (971…989). "20" is not one (Corsica is split). */
export const DEPARTEMENT_CODE = /^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2[AB]|9[78]\d)$/;
/** Région code: 2 digits (01–06 overseas, 11–94 in mainland France and Corsica) or 3 digits overseas (COM). */
export const REGION_CODE = /^(\d{2}|9[78]\d)$/;
/** EPCI SIREN: 9 digits. */
export const EPCI_SIREN = /^\d{9}$/;
/** Postal code: 5 digits (input only: Essor stores INSEE codes). */
export const POSTAL_CODE = /^\d{5}$/;

const text = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' && Number.isFinite(x) ? String(x) : '');

/** "1" → "01", "2a" → "2A", "971" stays; anything that cannot be a département gives undefined. */
export function normaliseDepartement(code: unknown): string | undefined {
  let c = text(code).trim().toUpperCase();
  if (/^\d$/.test(c)) c = `0${c}`;
  return DEPARTEMENT_CODE.test(c) ? c : undefined;
}

/** Département code of a commune INSEE code ("2A004" → "2A", "97411" → "974"). */
export function departementFromCommuneCode(code: unknown): string | undefined {
  const c = text(code).trim().toUpperCase();
  if (!COMMUNE_CODE.test(c)) return undefined;
  return normaliseDepartement(c.startsWith('97') || c.startsWith('98') ? c.slice(0, 3) : c.slice(0, 2));
}

/**
 * The département a local authority's SIREN (or SIRET) was numbered in: communes (21), départements (22), the older
 * groupings of communes (24), syndicates (25) and local public establishments such as hospitals, school funds or
 * social-action centres (26-28) carry it in their third and fourth digits, the overseas ones as 97 then their third
 * digit. Undefined for any other body (State, régions, groupings numbered since 2000 under 20…) and for Corsica,
 * numbered 20 before its split.
 */
export function departementFromSiren(siren: unknown): string | undefined {
  const s = text(siren).replace(/\s/g, '');
  if (!/^2[12345678]\d{7}/.test(s) || s.startsWith('23')) return undefined;
  const dd = s.slice(2, 4);
  if (dd === '97') return ['971', '972', '973', '974', '976'].includes(`97${s[4]}`) ? `97${s[4]}` : undefined;
  const n = Number(dd);
  return n >= 1 && n <= 95 && n !== 20 ? dd : undefined;
}

/**
 * Département of a postal code without any table: first two digits, Corsica split by range
 * (200xx-201xx → 2A, 202xx+ → 2B), overseas on three digits. Undefined when the code cannot be French
 * (Monaco 980xx, 00xxx…).
 */
export function departementFromPostalCode(postalCode: unknown): string | undefined {
  const cp = text(postalCode).trim();
  if (!POSTAL_CODE.test(cp)) return undefined;
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

/** Folds case, accents and punctuation: "Saint-Étienne" → "saint etienne". */
export function foldName(s: string): string {
  return text(s)
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

const PREFIX = /^(COMMUNE|INSEE|DEP|DEPT|DEPARTEMENT|REG|REGION|EPCI|SIREN)[:=-](.+)$/;

/**
 * Reads a territory code as hosts, settings and profiles write it. Unprefixed: 5 characters are a commune,
 * 2–3 a département ("1" is "01"), 9 digits an EPCI SIREN. A région must be prefixed (`reg:84`) because every
 * région code is also a département code (84 is Auvergne-Rhône-Alpes and Vaucluse). `commune:`, `dep:` and
 * `epci:` are accepted too. Postal codes are not codes: see the resolver's `parseTerritory` for user input.
 */
export function parseTerritoryCode(input: unknown): TerritoryRef | undefined {
  const raw = text(input)
    .replace(/\s+/g, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
  if (!raw || raw.length > 40) return undefined;
  const m = PREFIX.exec(raw);
  const prefix = m?.[1] ?? '';
  const code = m?.[2] ?? raw;
  if (prefix.startsWith('REG')) return REGION_CODE.test(code) ? { level: 'region', code } : undefined;
  if (prefix.startsWith('DEP')) {
    const dep = normaliseDepartement(code);
    return dep ? { level: 'departement', code: dep } : undefined;
  }
  if (prefix === 'COMMUNE' || prefix === 'INSEE') return COMMUNE_CODE.test(code) ? { level: 'commune', code } : undefined;
  if (prefix === 'EPCI' || prefix === 'SIREN') return EPCI_SIREN.test(code) ? { level: 'epci', code } : undefined;
  if (COMMUNE_CODE.test(code)) return { level: 'commune', code };
  const dep = normaliseDepartement(code);
  if (dep) return { level: 'departement', code: dep };
  if (EPCI_SIREN.test(code)) return { level: 'epci', code };
  return undefined;
}

/** The code as a host writes it back (`reg:84` for a région, the bare code otherwise). */
export function formatTerritoryCode(ref: TerritoryRef): string {
  return ref.level === 'region' ? `reg:${ref.code}` : ref.code;
}
