// Node-side wiring of the real pipeline (the same modules the extension and the widget run), shared by the
// eval, the bench and the tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
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

/** Decodes a saved page (UTF-16 with BOM, UTF-8 BOM, or meta charset) and parses it without running scripts. */
export function parseHtml(buf: Buffer, url: string): Document {
  let html: string;
  if (buf[0] === 0xff && buf[1] === 0xfe) html = buf.subarray(2).toString('utf16le');
  else if (buf[0] === 0xfe && buf[1] === 0xff) html = Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  else if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) html = buf.subarray(3).toString('utf8');
  else {
    const head = buf.subarray(0, 2048).toString('latin1');
    const cs = /charset=["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    html = cs && /^(iso-8859-1|latin1|windows-1252)$/.test(cs) ? buf.toString('latin1') : buf.toString('utf8');
  }
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true } });
  const doc = new window.DOMParser().parseFromString(html, 'text/html');
  return doc as unknown as Document;
}
