// Shared loaders for the core tests (Node only).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeBytes, parseHtml } from '../../../core/cli/load.ts';
import { createTerritory, type TerritoryData, type TerritoryResolver } from '../../../core/territory/index.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');

/** A fixture file as a document (encoding detected like the CLI does). */
export function fixtureDoc(rel: string): Document {
  return parseHtml(decodeBytes(readFileSync(join(FIXTURES, rel))).text);
}

let territory: TerritoryResolver | undefined;
/** The resolver over data/territory.json (built by data/build-territory.ts). */
export function territoryResolver(): TerritoryResolver {
  territory ??= createTerritory(JSON.parse(readFileSync(join(ROOT, 'data', 'territory.json'), 'utf8')) as TerritoryData);
  return territory;
}

export function jsonl<T>(rel: string): T[] {
  return readFileSync(join(FIXTURES, rel), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
