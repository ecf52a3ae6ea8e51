// The ESS structure's profile: what kind of structure it is, its trades, its territory and the size of contract
// it can carry. One parser for every reader: the CLI (strict: every error listed, nothing kept) and the extension's
// stored settings (repairing: what is valid is kept, the rest dropped and noted). Framework-free.
import { formatTerritoryCode, parseTerritoryCode, type TerritoryRef } from '../territory/codes';

/** Kinds of ESS structure, as the public id the CLI's profile file and the stored settings use. */
export const STRUCTURE_KINDS = ['ei', 'aci', 'ai', 'etti', 'eiti', 'geiq', 'esat', 'ea', 'association', 'scop', 'scic', 'ess-other'] as const;
export type StructureKind = (typeof STRUCTURE_KINDS)[number];

/**
 * The SIAE of the code du travail (art. L5132-4): insertion enterprises, insertion workshops and sites, intermediary
 * associations, temporary-work insertion enterprises, and the independent-work insertion enterprises. A GEIQ is not
 * one (levers.json, reserve-siae pitfalls).
 */
export const SIAE_KINDS = ['ei', 'aci', 'ai', 'etti', 'eiti'] as const satisfies readonly StructureKind[];
/** ESAT and entreprises adaptées (EA, EATT): the structures of L2113-12. */
export const HANDICAP_KINDS = ['esat', 'ea'] as const satisfies readonly StructureKind[];
/** Kinds that are ESS enterprises by their very form (art. 1 of the loi du 31 juillet 2014). */
export const ESS_BY_FORM_KINDS = ['association', 'scop', 'scic', 'ess-other'] as const satisfies readonly StructureKind[];
/** Kinds whose trade is insertion itself: they employ people in an insertion path and can place their hours. */
export const INSERTION_KINDS = [...SIAE_KINDS, 'geiq'] as const satisfies readonly StructureKind[];

export type SiaeKind = (typeof SIAE_KINDS)[number];
export type HandicapKind = (typeof HANDICAP_KINDS)[number];

export const isSiae = (k: StructureKind): k is SiaeKind => (SIAE_KINDS as readonly string[]).includes(k);
export const isHandicap = (k: StructureKind): k is HandicapKind => (HANDICAP_KINDS as readonly string[]).includes(k);
export const isInsertion = (k: StructureKind): boolean => (INSERTION_KINDS as readonly string[]).includes(k);
export const isEssByForm = (k: StructureKind): boolean => (ESS_BY_FORM_KINDS as readonly string[]).includes(k);

/** Version of the stored profile. */
export const PROFILE_VERSION = 1;

/** An ESS structure's profile. Stored locally by the extension, never sent; read from a file by the CLI. */
export interface Profile {
  v: typeof PROFILE_VERSION;
  kind: StructureKind;
  /** Holds the ESUS approval (entreprise solidaire d'utilité sociale). */
  esus: boolean;
  /** Its trades: ids of data/sectors.json. */
  sectors: string[];
  /** Its territory: commune and département INSEE codes, `reg:NN` for a région (as {@link formatTerritoryCode} writes them). */
  territory: string[];
  /** The largest contract it can take, euros HT; absent when it did not say. */
  maxValue?: number;
}

/** A profile's territory split by level (derived, for matching). */
export interface ProfilePlaces {
  communes: string[];
  departements: string[];
  regions: string[];
}

export const MAX_SECTORS = 40;
export const MAX_TERRITORY = 60;
const MAX_VALUE = 1e12;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** What {@link parseProfile} gives back. */
export interface ParsedProfile {
  /** The profile; in strict mode only when there is no error; in repair mode whenever the kind is readable. */
  profile: Profile | null;
  /** One short English line per problem, naming the field (the CLI prints them; the extension logs them). */
  errors: string[];
  /** Repair mode: the stored value should be written back. */
  repaired: boolean;
}

export interface ParseProfileOptions {
  /** The knowledge base's sector ids (data/sectors.json): a trade must be one of them. */
  sectors: readonly string[];
  /** `strict` (CLI): any error refuses the whole profile. `repair` (stored settings): keep what is valid. */
  mode?: 'strict' | 'repair';
}

const KIND_ALIASES: Record<string, StructureKind> = { eatt: 'ea', ess: 'ess-other', other: 'ess-other', autre: 'ess-other' };

function readKind(raw: unknown, errors: string[]): StructureKind | undefined {
  if (typeof raw !== 'string') {
    errors.push(raw === undefined ? `kind: missing (one of ${STRUCTURE_KINDS.join(', ')})` : 'kind: not a string');
    return undefined;
  }
  const k = raw.trim().toLowerCase();
  if ((STRUCTURE_KINDS as readonly string[]).includes(k)) return k as StructureKind;
  if (KIND_ALIASES[k]) return KIND_ALIASES[k];
  errors.push(`kind: unknown "${raw.slice(0, 40)}" (one of ${STRUCTURE_KINDS.join(', ')})`);
  return undefined;
}

function readSectors(raw: unknown, known: readonly string[], errors: string[]): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    errors.push('sectors: not a list of sector ids');
    return [];
  }
  const out: string[] = [];
  for (const s of raw) {
    const id = typeof s === 'string' ? s.trim() : '';
    if (!known.includes(id)) {
      errors.push(`sectors: unknown id "${String(s).slice(0, 40)}"`);
      continue;
    }
    if (!out.includes(id)) out.push(id);
  }
  if (out.length > MAX_SECTORS) {
    errors.push(`sectors: more than ${MAX_SECTORS}`);
    return out.slice(0, MAX_SECTORS);
  }
  return out;
}

function readTerritory(raw: unknown, errors: string[]): string[] {
  if (raw === undefined) return [];
  const list = typeof raw === 'string' ? raw.split(/[,;\s]+/).filter(Boolean) : raw;
  if (!Array.isArray(list)) {
    errors.push('territory: not a list of INSEE codes');
    return [];
  }
  const out: string[] = [];
  for (const c of list) {
    const ref = parseTerritoryCode(c);
    if (!ref) {
      errors.push(`territory: "${String(c).slice(0, 40)}" is not a commune, département or reg:NN code`);
      continue;
    }
    if (ref.level === 'epci') {
      errors.push(`territory: "${ref.code}" is an EPCI; give its communes or its département`);
      continue;
    }
    const code = formatTerritoryCode(ref);
    if (!out.includes(code)) out.push(code);
  }
  if (out.length > MAX_TERRITORY) {
    errors.push(`territory: more than ${MAX_TERRITORY} codes`);
    return out.slice(0, MAX_TERRITORY);
  }
  return out;
}

function readMax(raw: unknown, errors: string[]): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.')) : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > MAX_VALUE) {
    errors.push('maxValue: not a positive amount in euros');
    return undefined;
  }
  return Math.round(n);
}

/**
 * Reads a profile written by a person (CLI file) or stored by the extension. Never throws. Accepted keys: `kind`,
 * `esus`, `sectors` (also `trades`), `territory`, `maxValue` (also `max`). Unknown keys are an error in strict mode.
 */
export function parseProfile(raw: unknown, options: ParseProfileOptions): ParsedProfile {
  const strict = options.mode !== 'repair';
  const errors: string[] = [];
  try {
    if (raw === undefined || raw === null) return { profile: null, errors: strict ? ['no profile'] : [], repaired: false };
    if (typeof raw === 'string') {
      try {
        raw = JSON.parse(raw);
      } catch {
        return { profile: null, errors: ['not JSON'], repaired: !strict };
      }
    }
    if (!isObj(raw)) return { profile: null, errors: ['not a JSON object'], repaired: !strict };
    const kind = readKind(raw.kind, errors);
    let esus = false;
    if (typeof raw.esus === 'boolean') esus = raw.esus;
    else if (raw.esus !== undefined) errors.push('esus: not true or false');
    const sectors = readSectors(raw.sectors ?? raw.trades, options.sectors, errors);
    const territory = readTerritory(raw.territory, errors);
    const maxValue = readMax(raw.maxValue ?? raw.max, errors);
    if (raw.v !== undefined && raw.v !== PROFILE_VERSION) errors.push(`v: unknown version ${String(raw.v).slice(0, 10)}`);
    if (strict) {
      const knownKeys = ['v', 'kind', 'esus', 'sectors', 'trades', 'territory', 'maxValue', 'max'];
      for (const k of Object.keys(raw)) if (!knownKeys.includes(k)) errors.push(`${k.slice(0, 40)}: unknown key`);
    }
    if (!kind || (strict && errors.length)) return { profile: null, errors, repaired: !strict };
    const profile: Profile = { v: PROFILE_VERSION, kind, esus, sectors, territory, ...(maxValue !== undefined ? { maxValue } : {}) };
    return { profile, errors, repaired: !strict && (errors.length > 0 || raw.v !== PROFILE_VERSION) };
  } catch {
    return { profile: null, errors: ['unreadable'], repaired: !strict };
  }
}

/** The profile's territory by level. */
export function profilePlaces(p: Pick<Profile, 'territory'>): ProfilePlaces {
  const out: ProfilePlaces = { communes: [], departements: [], regions: [] };
  for (const c of p.territory) {
    const ref: TerritoryRef | undefined = parseTerritoryCode(c);
    if (ref?.level === 'commune') out.communes.push(ref.code);
    else if (ref?.level === 'departement') out.departements.push(ref.code);
    else if (ref?.level === 'region') out.regions.push(ref.code);
  }
  return out;
}

/** One line for the CLI listing every error. */
export function profileErrorLine(errors: readonly string[]): string {
  return errors.length ? `bad profile: ${errors.join('; ')}` : 'bad profile';
}
