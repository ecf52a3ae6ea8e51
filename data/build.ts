// Validates the knowledge base and writes what the extension and the widget ship:
//   data/kb.json            merged fiches, levers, themes, sectors, actors
//   data/search-index.json  the fuse.js index built with core/search/definition.ts
// `--check` writes nothing and fails when a committed output is stale. Any invalid entry fails the build
// with a message naming the file, the entry and the field.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { formatError, validateKb, type CodeChecker, type KbData, type RawKb } from '../core/kb/validate';
import { buildSearchIndex } from '../core/search/index';

const dataDir = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function readJson(rel: string): unknown[] {
  const file = path.join(dataDir, rel);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${rel}: cannot read or parse: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${rel}: expected a JSON array of records`);
  return parsed;
}

function readDir(rel: string) {
  const dir = path.join(dataDir, rel);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: `${rel}/${f}`, records: readJson(`${rel}/${f}`) }));
}

/** INSEE codes from @etalab/decoupage-administratif (never hand-written lists). */
export function codeChecker(): CodeChecker {
  const load = (name: string) => require(`@etalab/decoupage-administratif/data/${name}.json`) as { code: string; type?: string }[];
  const sets = {
    commune: new Set(load('communes').filter((c) => !c.type || c.type === 'commune-actuelle').map((c) => c.code)),
    departement: new Set(load('departements').map((d) => d.code)),
    region: new Set(load('regions').map((r) => r.code)),
  };
  return (level, code) => sets[level].has(code);
}

export function loadRaw(): RawKb {
  return {
    fiches: readDir('fiches'),
    actors: readDir('actors'),
    levers: { file: 'levers.json', records: readJson('levers.json') },
    themes: { file: 'themes.json', records: readJson('themes.json') },
    sectors: { file: 'sectors.json', records: readJson('sectors.json') },
  };
}

/** Builds the outputs in memory: { kb, index } serialised exactly as written to disk. */
export function buildOutputs(): { kb: string; index: string; data: KbData } {
  const { data, errors } = validateKb(loadRaw(), codeChecker());
  if (errors.length) {
    const err = new Error(`${errors.length} error(s) in data/:\n` + errors.map(formatError).join('\n'));
    err.name = 'KbValidationError';
    throw err;
  }
  const order = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const kbData: KbData = { ...data, actors: [...data.actors].sort(order) };
  return { kb: JSON.stringify(kbData) + '\n', index: JSON.stringify(buildSearchIndex(kbData)) + '\n', data: kbData };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  try {
    const out = buildOutputs();
    const targets = [
      ['kb.json', out.kb],
      ['search-index.json', out.index],
    ] as const;
    for (const [name, content] of targets) {
      const file = path.join(dataDir, name);
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      if (check) {
        if (current !== content) {
          console.error(`data/${name} is stale: run \`npm run build:data\` and commit it`);
          process.exit(1);
        }
      } else if (current !== content) fs.writeFileSync(file, content);
    }
    const d = out.data;
    console.log(
      `data ok: ${d.fiches.length} fiches, ${d.levers.length} levers, ${d.themes.length} themes, ${d.sectors.length} sectors, ${d.actors.length} actors` +
        (check ? ' (outputs up to date)' : ''),
    );
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
