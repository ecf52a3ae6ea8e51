// A local stand-in for BOAMP's open-data API in tests: real records (tests/fixtures/current-boamp) served as the
// explore API v2.1 answers them. The watch's code targets the real address; only tests route it here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'current-boamp');

/** RFC 4180 rows (quoted fields, doubled quotes, newlines inside quotes). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell), rows.push(row), (row = []), (cell = '');
    else if (c !== '\r') cell += c;
  }
  if (cell || row.length) row.push(cell), rows.push(row);
  return rows;
}

// The export wrote the API's list fields joined with " | ".
const LIST_FIELDS = new Set(['type_marche', 'titulaire', 'code_departement', 'code_departement_prestation', 'type_avis']);

/** The rows of the export as the API gives its records. */
export function exportRecords(file = 'boamp_avis_2026-03-15.csv'): Record<string, unknown>[] {
  const [header, ...rows] = csvRows(readFileSync(path.join(DIR, file), 'utf8'));
  return rows
    .filter((r) => r.length === header!.length)
    .map((r) => {
      const rec: Record<string, unknown> = {};
      header!.forEach((h, i) => {
        const v = r[i] ?? '';
        rec[h] = LIST_FIELDS.has(h) ? (v.trim() ? v.split('|').map((s) => s.trim()).filter(Boolean) : null) : v === '' ? null : v;
      });
      return rec;
    });
}

/** The two API records saved as published (award notices). */
export function apiRecords(): Record<string, unknown>[] {
  return ['boamp-api_26-80978.json', 'boamp-api_26-81190.json'].map((f) => JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Record<string, unknown>);
}

/** An explore API v2.1 answer. */
export function apiAnswer(records: Record<string, unknown>[]): { total_count: number; results: Record<string, unknown>[] } {
  return { total_count: records.length, results: records };
}

/** The idwebs a records request asks for (`where=idweb="a"` or `where=idweb in ("a","b")`), in its order. */
export function askedIdwebs(url: string): string[] {
  const where = new URL(url).searchParams.get('where') ?? '';
  return [...where.matchAll(/"(\d{2}-\d{1,7})"/g)].map((m) => m[1]!);
}

/** An API answer holding, of `records`, those whose idweb the request asks for: what BOAMP answers for them. */
export function answerFor(url: string, records: Record<string, unknown>[]): { total_count: number; results: Record<string, unknown>[] } {
  const asked = new Set(askedIdwebs(url));
  return apiAnswer(records.filter((r) => asked.has(String(r.idweb))));
}

/**
 * Real records given the idwebs of other notices, one each in order (id, idweb and url_avis rewritten, nothing
 * else). For the saved search page only: the records of the notices it lists are in no public source we have, so
 * the tests answer its request with real records of other notices and check that each marker says what the
 * record it was given declares.
 */
export function rekeyed(records: Record<string, unknown>[], idwebs: string[]): Record<string, unknown>[] {
  return idwebs.slice(0, records.length).map((idweb, i) => ({ ...records[i]!, idweb, id: idweb.replace('-', '_'), url_avis: `https://www.boamp.fr/pages/avis/?q=idweb:${idweb}` }));
}
