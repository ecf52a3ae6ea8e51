/**
 * Writes the widget's data files next to widget-dist/essor-widget.js (run after `vite build`, which empties
 * the folder):
 *   essor-data.js        knowledge base without the fiches' bodies, régions and départements (every widget)
 *   fiches/<id>.js       the body of one fiche (loaded when a user opens it)
 *   communes/<dep>.js    one per département: its communes, their EPCI, arrondissements and communes déléguées
 *                        (loaded when `territoire` is a commune or an EPCI)
 *   epci.js              EPCI SIREN → département codes (loaded only for an EPCI `territoire`)
 * (essor-draft.js, the reader of dropped drafts, is a third vite build, loaded only when a file is dropped.)
 * The search index is not shipped (it would add about 40 KB gzip): the widget builds it in the browser once
 * the first widget is shown and the page is idle (tens of milliseconds; see widget/README.md).
 * Each file is a classic script that puts one object into `window.__essorData[key]`: a `<script>` element is
 * allowed by `script-src 'self'` where a fetch would need `connect-src`. Object literals, not JSON.parse(),
 * so a host page that replaces JSON.parse cannot break them.
 * Run: npx tsx widget/build-data.ts   (part of `npm run build:widget`)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { KbData } from '../core/kb/validate';
import type { CommuneFile, EpciIndex, GeoTables, TerritoryData } from '../core/territory/index';
import { communeFile, EPCI_FILE, ficheFile, MAIN_FILE, splitFiche, type DataFile, type FicheBody } from '../core/widget/files';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(root, 'widget-dist');

function readJson(rel: string): unknown {
  const file = path.join(root, rel);
  if (!fs.existsSync(file)) throw new Error(`${rel} is missing: run \`npm run build:data\` first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The script text of one data file. `window`, not `self`: a page may shadow `self`, never `window`. */
function script(file: DataFile, payload: unknown): string {
  return `(window.__essorData=window.__essorData||{})[${JSON.stringify(file.key)}]=${JSON.stringify(payload)};\n`;
}

const written: { file: string; raw: number; gzip: number }[] = [];
function write(file: DataFile, payload: unknown) {
  const target = path.join(out, `${file.path}.js`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const text = script(file, payload);
  fs.writeFileSync(target, text);
  written.push({ file: `${file.path}.js`, raw: Buffer.byteLength(text), gzip: gzipSync(text, { level: 9 }).length });
}

/** Régions and départements as the widget ships them. */
export function buildGeo(table: TerritoryData = readJson('data/territory.json') as TerritoryData): GeoTables {
  return { regions: table.regions, departements: table.departements };
}

/**
 * One commune file per département, and the EPCI index, cut from data/territory.json and data/epci.json
 * (the one build of commune data, data/build-territory.ts).
 */
export function buildCommuneFiles(
  table: TerritoryData = readJson('data/territory.json') as TerritoryData,
  epciTable: Pick<TerritoryData, 'epci'> = readJson('data/epci.json') as Pick<TerritoryData, 'epci'>,
): { files: Map<string, CommuneFile>; epci: EpciIndex } {
  const depOfCommune = new Map(table.communes.map(([code, , dep]) => [code, dep] as const));
  const epciOf = new Map<string, string>();
  const epciName = new Map<string, string>();
  const epciDeps = new Map<string, Set<string>>();
  for (const [siren, name, members] of epciTable.epci ?? []) {
    epciName.set(siren, name);
    const deps = new Set<string>();
    for (const code of members.split(' ')) {
      epciOf.set(code, siren);
      const dep = depOfCommune.get(code);
      if (dep) deps.add(dep);
    }
    epciDeps.set(siren, deps);
  }
  const raw = new Map<string, { epci: string[]; communes: [string, string, number][]; aliases: [string, string, string][] }>();
  const fileOf = (dep: string) => {
    let f = raw.get(dep);
    if (!f) raw.set(dep, (f = { epci: [], communes: [], aliases: [] }));
    return f;
  };
  for (const [code, name, dep] of table.communes) {
    if (!dep) continue;
    const f = fileOf(dep);
    const siren = epciOf.get(code);
    let idx = -1;
    if (siren) {
      idx = f.epci.indexOf(siren);
      if (idx < 0) idx = f.epci.push(siren) - 1;
    }
    f.communes.push([code, name, idx]);
  }
  for (const [code, name, current] of table.aliases ?? []) {
    const dep = depOfCommune.get(current);
    if (dep && current !== code) fileOf(dep).aliases.push([code, name, current]);
  }
  const files = new Map<string, CommuneFile>();
  for (const [dep, f] of [...raw.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    files.set(dep, {
      epci: f.epci.map((siren) => [siren, epciName.get(siren) ?? siren] as const),
      communes: f.communes.sort((a, b) => a[0].localeCompare(b[0])),
      aliases: f.aliases.sort((a, b) => a[0].localeCompare(b[0])),
    });
  }
  const epci: EpciIndex = Object.fromEntries([...epciDeps.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([siren, deps]) => [siren, [...deps].sort().join(' ')]));
  return { files, epci };
}

/**
 * The main data file's payload and the fiche bodies. Fields no widget view shows are left out: actors'
 * review notes, levers' pitfalls and threshold history.
 */
export function buildMain(kb: KbData): { main: { v: 1; kb: KbData; geo: GeoTables }; bodies: Map<string, FicheBody> } {
  const bodies = new Map<string, FicheBody>();
  const fiches = kb.fiches.map((f) => {
    const { head, body } = splitFiche(f);
    bodies.set(f.id, body);
    return head;
  });
  const actors = kb.actors.map(({ note: _note, ...a }) => a);
  const levers = kb.levers.map(({ pitfalls: _p, thresholdHistory: _t, ...l }) => ({ ...l, pitfalls: [] }));
  return { main: { v: 1, kb: { ...kb, fiches, actors, levers }, geo: buildGeo() }, bodies };
}

function run() {
  const { main, bodies } = buildMain(readJson('data/kb.json') as KbData);
  write(MAIN_FILE, main);
  for (const [id, body] of bodies) write(ficheFile(id), body);
  const { files, epci } = buildCommuneFiles();
  for (const [dep, f] of files) write(communeFile(dep), f);
  write(EPCI_FILE, epci);
  for (const name of ['essor-draft.js', 'essor-check.js', 'essor-widget.js']) {
    const code = path.join(out, name);
    if (!fs.existsSync(code)) throw new Error(`widget-dist/${name} is missing: run the two vite builds first (see widget/README.md)`);
    const text = fs.readFileSync(code);
    written.unshift({ file: name, raw: text.length, gzip: gzipSync(text, { level: 9 }).length });
  }
  const kbSize = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const show = (w: (typeof written)[number]) => `${w.file}: ${kbSize(w.raw)} raw, ${kbSize(w.gzip)} gzip`;
  const communeFiles = written.filter((w) => w.file.startsWith('communes/'));
  const ficheFiles = written.filter((w) => w.file.startsWith('fiches/'));
  const biggest = communeFiles.reduce((a, b) => (b.gzip > a.gzip ? b : a), communeFiles[0]!);
  const median = [...communeFiles].sort((a, b) => a.gzip - b.gzip)[Math.floor(communeFiles.length / 2)]!;
  for (const w of written.filter((x) => !x.file.includes('/'))) console.log(show(w));
  const fmax = ficheFiles.reduce((a, b) => (b.gzip > a.gzip ? b : a), ficheFiles[0]!);
  console.log(`fiches/*.js: ${ficheFiles.length} files; largest ${show(fmax)}; all together ${kbSize(ficheFiles.reduce((n, w) => n + w.gzip, 0))} gzip`);
  console.log(`communes/*.js: ${communeFiles.length} files; ${show(written.find((w) => w.file === 'communes/69.js') ?? median)}; median ${kbSize(median.gzip)} gzip; largest ${show(biggest)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) run();
