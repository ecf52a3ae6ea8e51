// One record of an input analysed into one output line: shared by the main thread and the workers of analyze.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reading } from '../read/types.ts';
import type { NoticeRecord } from '../read/notice.ts';
import type { TerritoryData, TerritoryResolver } from '../territory/resolver.ts';
import type { KbData } from '../kb/index.ts';
import { readBoampRecord, readNotice, readTedHit } from '../read/index.ts';
import { asBoampRecord } from '../read/boamp-record.ts';
import { createTerritory } from '../territory/resolver.ts';
import { createKb } from '../kb/index.ts';
import { advise } from '../advise/index.ts';
import { fitOutput } from '../fit/index.ts';
import type { Profile } from '../profile/index.ts';
import { guard, onFault } from '../errors.ts';

onFault((f) => {
  if (f.where === 'cli:advise' && !adviceFault) adviceFault = f.error instanceof Error ? (f.error.message.split('\n')[0] ?? 'fault') : String(f.error);
});

export type Role = 'acheteur' | 'structure';

/** The tables analyze reads with: territory (to resolve places) and the knowledge base (to advise). */
export interface Tables {
  territory?: TerritoryResolver;
  kb?: ReturnType<typeof createKb>;
  /** Only the summary is wanted: no advice and no output line are built. */
  countOnly?: boolean;
  /** The ESS structure's profile of `--profile`: each output line gets `fit` (core/fit). */
  profile?: Profile;
}

/**
 * Loads data/territory.json and data/kb.json; a missing table leaves its part out (départements only, no
 * advice). `countOnly`: the knowledge base is not loaded (a summary needs no advice).
 */
export function loadTables(root: string, countOnly = false): Tables {
  const t: Tables = countOnly ? { countOnly } : {};
  try {
    t.territory = createTerritory(JSON.parse(readFileSync(join(root, 'data', 'territory.json'), 'utf8')) as TerritoryData);
  } catch {
    // Without the table, readers still derive département codes: a working degraded mode, not a fault.
  }
  if (!countOnly) try {
    t.kb = createKb(JSON.parse(readFileSync(join(root, 'data', 'kb.json'), 'utf8')) as KbData);
  } catch {
    // Without the knowledge base there is no advice; the reading itself is still printed.
  }
  return t;
}

/** What the summary counts of one notice. */
export interface Facts {
  tender: boolean;
  departements: string[];
  noticeType: string;
  signals: string[];
}

/** One record analysed: its output line and facts, or why it could not be read. */
export interface ItemResult {
  line?: string;
  facts?: Facts;
  error?: string;
  warning?: string;
  /** The advice engine failed (first fault): the line has no advice. */
  adviceFault?: string;
}

/** Why advice could not be given (the first fault), reported once by the CLI. */
export let adviceFault: string | undefined;

/** Forgets the advice fault of an earlier run (analyze run several times in one process). */
export function resetAdviceFault(): void {
  adviceFault = undefined;
}

/** The JSON line printed for a reading (same keys as before open-data input, entries for lists). */
export function output(reading: Reading, role: Role, tables: Tables): string {
  let advice: ReturnType<typeof advise> | undefined;
  const { kb, territory } = tables;
  // The CLI is a boundary: a fault of the advice engine must not lose the reading; it is reported once.
  if (kb && reading.isTender) advice = guard('cli:advise', () => adviseOn(kb, reading, role, territory), undefined);
  const { profile } = tables;
  return line(reading, advice, kb && advice && profile ? guard('cli:fit', () => fitOutput(reading, advice, profile, kb, territory), undefined) : undefined);
}

function adviseOn(kb: NonNullable<Tables['kb']>, reading: Reading, role: Role, territory: TerritoryResolver | undefined): ReturnType<typeof advise> {
  return advise(kb, reading, {
      role,
      ...(territory
        ? {
            placeName: (level: 'region' | 'departement' | 'commune', code: string) =>
              level === 'region' ? territory.regionName(code) : level === 'departement' ? territory.departementName(code) : territory.fromCommune(code)?.communeName,
          }
        : {}),
    });
}

function line(reading: Reading, advice: ReturnType<typeof advise> | undefined, fit?: ReturnType<typeof fitOutput>): string {
  const out: Record<string, unknown> = {
    isTender: reading.isTender,
    confidence: reading.confidence,
    portal: reading.portal,
    pageKind: reading.pageKind,
    tender: reading.tender,
    signals: reading.signals.map((s) => ({ id: s.id, evidence: s.evidence, where: s.where })),
    themes: advice?.themes ?? [],
    levers: advice?.levers ?? [],
    // Why no reservation: the buyer's "why not", as in the panel.
    whyNot: advice?.whyNot ?? [],
    ...(advice?.obligation ? { obligation: advice.obligation } : {}),
    fiches: advice?.fiches ?? [],
    actors: advice?.actors ?? [],
  };
  if (reading.pageKind === 'list') out.entries = reading.entries;
  if (fit) out.fit = fit;
  return JSON.stringify(out);
}

/** The facts of a reading for the summary. */
export function factsOf(r: Reading): Facts {
  const t = r.tender;
  // Publication départements (BOAMP), else the buyer's, else the place of performance (a TED hit gives only that).
  const dep = t.buyerTerritory?.departement ?? t.performanceTerritory?.departement;
  const deps = t.departements?.length ? t.departements : dep ? [dep] : [];
  return { tender: r.isTender, departements: deps, noticeType: t.noticeType ?? 'unknown', signals: r.signals.map((s) => s.id) };
}

function keysOf(v: Record<string, unknown>): string {
  const k = Object.keys(v).slice(0, 5);
  return k.length ? k.join(', ') : 'no keys';
}

/** Reads one parsed record: a BOAMP open-data record, a TED API hit, or a notice record (tenders.jsonl). */
export function readValue(value: unknown, tables: Tables): { reading?: Reading; error?: string; warning?: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'not a notice object' };
  const v = value as Record<string, unknown>;
  const boamp = asBoampRecord(v);
  if (boamp) {
    const r = readBoampRecord(boamp, { territory: tables.territory });
    if (!r.ok) return { error: r.reason };
    return r.warning ? { reading: r.reading, warning: r.warning } : { reading: r.reading };
  }
  if (typeof v['publication-number'] === 'string' || Array.isArray(v['publication-number'])) return { reading: readTedHit(v, { territory: tables.territory }) };
  const known = ['title', 'object', 'raw_excerpt', 'buyer', 'cpv', 'boamp_idweb', 'url'].some((k) => k in v);
  if (!known) return { error: `unknown record shape (keys: ${keysOf(v)})` };
  const reading = readNotice(v as NoticeRecord, { territory: tables.territory });
  if (!reading.isTender) return { error: 'no notice in this record (no title, object or text)' };
  return { reading };
}

/** Analyses one record given as JSON text. */
export function analyseJson(text: string, tables: Tables, role: Role): ItemResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // Bad input is expected in a large export: it is reported on its line, the rest goes on.
    return { error: jsonError(e) };
  }
  return analyseParsed(value, tables, role);
}

/** Analyses one parsed record. */
export function analyseParsed(value: unknown, tables: Tables, role: Role): ItemResult {
  const r = readValue(value, tables);
  if (!r.reading) return { error: r.error ?? 'unreadable record' };
  const out: ItemResult = { line: tables.countOnly ? '' : output(r.reading, role, tables), facts: factsOf(r.reading) };
  if (r.warning) out.warning = r.warning;
  if (adviceFault) out.adviceFault = adviceFault;
  return out;
}

/** Analyses one CSV row given with its header (an `exports/csv` line of the BOAMP dataset). */
export function analyseRow(header: string[], row: string[], tables: Tables, role: Role): ItemResult {
  if (row.length !== header.length) return { error: `${row.length} fields where the header has ${header.length}` };
  const value: Record<string, string> = {};
  header.forEach((h, i) => {
    value[h.trim()] = row[i] ?? '';
  });
  return analyseParsed(value, tables, role);
}

/** "invalid JSON (reason)", one line. */
export function jsonError(e: unknown): string {
  const msg = e instanceof Error ? (e.message.split('\n')[0] ?? '') : '';
  return `invalid JSON${msg ? ` (${msg.slice(0, 120)})` : ''}`;
}
