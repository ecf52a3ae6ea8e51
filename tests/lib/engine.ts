// Node-side wiring of the real pipeline (the same modules the extension and the widget run), shared by the
// eval, the bench and the tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKb, type Kb, type KbData } from '../../core/kb/index';
import { advise, type AdviseOptions } from '../../core/advise/index';
import { createSearch } from '../../core/search/index';
import { createTerritory } from '../../core/territory/index';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function loadJson<T>(rel: string): T {
  return JSON.parse(fs.readFileSync(path.join(root, rel), 'utf8')) as T;
}

let cached: { kb: Kb; territory: ReturnType<typeof createTerritory> } | undefined;

/** The built knowledge base (data/kb.json) and the territory tables (data/territory.json). */
export function engine() {
  if (!cached) {
    const kb = createKb(loadJson<KbData>('data/kb.json'));
    const territory = createTerritory(loadJson('data/territory.json'));
    cached = { kb, territory };
  }
  return cached;
}

export function searchOf(kb: Kb) {
  return createSearch(kb, loadJson('data/search-index.json'));
}

/** Place names for the reasons advising writes. */
export function placeNamer(territory: ReturnType<typeof createTerritory>): NonNullable<AdviseOptions['placeName']> {
  return (level, code) => {
    if (level === 'region') return territory.regionName(code);
    if (level === 'departement') return territory.departementName(code);
    return territory.fromCommune(code)?.communeName;
  };
}

export { advise };
