// `npm run eval [-- --dir DIR] [--json-only]`: runs the real reading and advising pipeline over a directory in
// the format of ../shared/fixtures/real (tenders.jsonl, labels.jsonl, pages/) and scores it against the labels,
// beside a naive baseline (fuse.js over fiche titles with the notice title as query).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { readNotice, readPage } from '../../core/read/index';
import { portals } from '../../core/portals/index';
import type { Reading } from '../../core/read/types';
import { decodeBytes, parseHtml } from '../../core/cli/load';
import { advise, engine, placeNamer } from '../lib/engine';
// @ts-expect-error plain ESM module of the demo server, no type declarations
import { originalUrl } from '../../widget/demo/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const dirArg = args.indexOf('--dir');
const dir = path.resolve(dirArg >= 0 ? args[dirArg + 1]! : path.join(here, '..', '..', '..', 'shared', 'fixtures', 'real'));
const jsonOnly = args.includes('--json-only');

interface Label {
  id: string;
  themes: string[];
  levers_core: string[];
  signals: { id: string; evidence: string; in_text?: boolean }[];
  department?: string;
}

const readJsonl = <T>(file: string): T[] =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as T)
    : [];

const tenders = readJsonl<Record<string, unknown> & { id: string; title?: string }>(path.join(dir, 'tenders.jsonl'));
const labels = new Map(readJsonl<Label>(path.join(dir, 'labels.jsonl')).map((l) => [l.id, l]));
const pageIndex = readJsonl<Record<string, string>>(path.join(dir, 'pages', 'index.jsonl'));
const { kb, territory } = engine();
const placeName = placeNamer(territory);

/** The URL a saved page was published at (the demo server's rule), else its file. */
function pageUrl(p: Record<string, string>): string {
  return originalUrl(p, path.join(dir, 'pages')) ?? `file://${path.join(dir, 'pages', p.file!)}`;
}

/** Expected engine id: the registry engine whose name or id opens the index's `portal` text. */
function expectedEngine(portalText: string): string | undefined {
  const head = portalText.toLowerCase();
  const hit = portals.find((p) => head.startsWith(p.id) || head.startsWith(p.name.toLowerCase()));
  return hit?.id ?? head.split(/[\s—-]+/)[0];
}

// ---- pages: engine recognition
const pageRows: { file: string; expected?: string; got: string | null; ok: boolean; isTender: boolean }[] = [];
for (const p of pageIndex) {
  if (!p.file) continue;
  const buf = fs.readFileSync(path.join(dir, 'pages', p.file));
  const url = pageUrl(p);
  const reading = readPage(parseHtml(decodeBytes(buf).text, url), new URL(url));
  const expected = p.portal ? expectedEngine(p.portal) : undefined;
  pageRows.push({ file: p.file, expected, got: reading.portal, ok: reading.isTender && reading.portal === expected, isTender: reading.isTender });
}

// ---- records: signals, themes, levers, département
interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const perSignal = new Map<string, Tally>();
const tally = (id: string) => perSignal.get(id) ?? (perSignal.set(id, { tp: 0, fp: 0, fn: 0 }), perSignal.get(id)!);
const misses: string[] = [];
const score = { themeTop1: 0, themeTop3: 0, themed: 0, noTheme: 0, unthemed: 0, lever3: 0, lever5: 0, leverTotal: 0, dept: 0, deptTotal: 0 };
const base = { themeTop1: 0, themeTop3: 0, noTheme: 0, lever3: 0, lever5: 0 };
const fuse = new Fuse(kb.fiches, { keys: ['title'], ignoreDiacritics: true, includeScore: true, threshold: 0.6, ignoreLocation: true });
const themeIds = new Set(kb.themes.map((t) => t.id));

for (const rec of tenders) {
  const label = labels.get(rec.id);
  if (!label) continue;
  const reading: Reading = readNotice(rec as never, { territory });
  const advice = advise(kb, reading, { role: 'acheteur', placeName, today: '2020-01-01' });
  const got = new Set(reading.signals.map((s) => s.id));
  const want = new Set(label.signals.map((s) => s.id));
  for (const id of got) (want.has(id) ? tally(id).tp++ : (tally(id).fp++, misses.push(`${rec.id}: extra ${id} «${reading.signals.find((s) => s.id === id)?.evidence.slice(0, 80)}»`)));
  for (const s of label.signals) if (!got.has(s.id as never)) (tally(s.id).fn++, misses.push(`${rec.id}: missed ${s.id}${s.in_text === false ? ' (not in text)' : ''} «${s.evidence.slice(0, 80)}»`));

  const themes = advice.themes.map((t) => t.id);
  // Baseline: the fiches whose titles best match the notice title, and what they are about.
  const hits = fuse.search(String(rec.title ?? '').slice(0, 120)).slice(0, 5).map((h) => h.item);
  const baseThemes = [...new Set(hits.flatMap((f) => f.topics.filter((t) => themeIds.has(t))))];
  const baseLevers = [...new Set(hits.flatMap((f) => f.procurementLevers))];
  if (label.themes.length) {
    score.themed++;
    if (themes[0] && label.themes.includes(themes[0])) score.themeTop1++;
    if (themes.slice(0, 3).some((t) => label.themes.includes(t))) score.themeTop3++;
    if (baseThemes[0] && label.themes.includes(baseThemes[0])) base.themeTop1++;
    if (baseThemes.slice(0, 3).some((t) => label.themes.includes(t))) base.themeTop3++;
  } else {
    score.unthemed++;
    if (!themes.length) score.noTheme++;
    if (!baseThemes.length) base.noTheme++;
  }
  const levers = advice.levers.map((l) => l.id as string);
  for (const l of label.levers_core) {
    score.leverTotal++;
    if (levers.slice(0, 3).includes(l)) score.lever3++;
    if (levers.slice(0, 5).includes(l)) score.lever5++;
    else misses.push(`${rec.id}: lever ${l} not in top 5 [${levers.slice(0, 5).join(', ')}]`);
    if (baseLevers.slice(0, 3).includes(l)) base.lever3++;
    if (baseLevers.slice(0, 5).includes(l)) base.lever5++;
  }
  if (label.department) {
    score.deptTotal++;
    if (reading.tender.buyerTerritory?.departement === label.department) score.dept++;
    else misses.push(`${rec.id}: département ${reading.tender.buyerTerritory?.departement ?? '—'} ≠ ${label.department}`);
  }
}

const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);
const all = [...perSignal.values()].reduce((s, x) => ({ tp: s.tp + x.tp, fp: s.fp + x.fp, fn: s.fn + x.fn }), { tp: 0, fp: 0, fn: 0 });
const result = {
  dir,
  records: tenders.length,
  pages: pageRows.length,
  engine: ratio(pageRows.filter((r) => r.ok).length, pageRows.length),
  signals: {
    precision: ratio(all.tp, all.tp + all.fp),
    recall: ratio(all.tp, all.tp + all.fn),
    perId: Object.fromEntries([...perSignal.entries()].sort().map(([id, x]) => [id, { precision: ratio(x.tp, x.tp + x.fp), recall: ratio(x.tp, x.tp + x.fn), tp: x.tp, fp: x.fp, fn: x.fn }])),
  },
  themes: { top1: ratio(score.themeTop1, score.themed), top3: ratio(score.themeTop3, score.themed), noTheme: ratio(score.noTheme, score.unthemed), themed: score.themed, unthemed: score.unthemed },
  levers: { recallAt3: ratio(score.lever3, score.leverTotal), recallAt5: ratio(score.lever5, score.leverTotal), core: score.leverTotal },
  departement: ratio(score.dept, score.deptTotal),
  baseline: {
    themes: { top1: ratio(base.themeTop1, score.themed), top3: ratio(base.themeTop3, score.themed), noTheme: ratio(base.noTheme, score.unthemed) },
    levers: { recallAt3: ratio(base.lever3, score.leverTotal), recallAt5: ratio(base.lever5, score.leverTotal) },
    signals: { precision: null, recall: 0 },
    departement: 0,
  },
  targets: { engine: 1, signalsPrecision: 0.95, signalsRecall: 0.9, themeTop3: 0.9, noTheme: 0.8, leverRecallAt5: 0.9, departement: 0.95 },
};

if (!jsonOnly) {
  const pct = (x: number | null) => (x === null ? '  —  ' : `${(x * 100).toFixed(1).padStart(5)} %`);
  const mark = (x: number | null, target: number) => (x !== null && x >= target ? 'ok' : 'MISS');
  const rows: [string, number | null, number | null, number][] = [
    ['pages: right engine', result.engine, null, 1],
    ['signals: precision', result.signals.precision, null, 0.95],
    ['signals: recall', result.signals.recall, 0, 0.9],
    ['themes: top-1', result.themes.top1, result.baseline.themes.top1, 0],
    ['themes: top-3', result.themes.top3, result.baseline.themes.top3, 0.9],
    ['themes: none when none labelled', result.themes.noTheme, result.baseline.themes.noTheme, 0.8],
    ['levers: recall at 3', result.levers.recallAt3, result.baseline.levers.recallAt3, 0],
    ['levers: recall at 5', result.levers.recallAt5, result.baseline.levers.recallAt5, 0.9],
    ['département', result.departement, 0, 0.95],
  ];
  console.log(`Essor evaluation on ${dir}: ${result.records} records, ${result.pages} pages\n`);
  console.log(`${'metric'.padEnd(34)} ${'Essor'.padStart(8)} ${'baseline'.padStart(9)}  target`);
  for (const [name, v, b, target] of rows) console.log(`${name.padEnd(34)} ${pct(v).padStart(8)} ${pct(b).padStart(9)}  ${target ? `≥ ${target * 100} % ${mark(v, target)}` : ''}`);
  console.log('\nsignals per id:');
  for (const [id, x] of Object.entries(result.signals.perId)) console.log(`  ${id.padEnd(26)} P ${pct(x.precision)}  R ${pct(x.recall)}  (tp ${x.tp}, fp ${x.fp}, fn ${x.fn})`);
  console.log('\npages:');
  for (const r of pageRows) console.log(`  ${r.ok ? 'ok  ' : 'MISS'} ${r.file.padEnd(26)} expected ${r.expected ?? '?'}, got ${r.got ?? 'none'}${r.isTender ? '' : ' (not a tender)'}`);
  if (misses.length) {
    console.log('\nmisses:');
    for (const m of misses) console.log(`  ${m}`);
  }
  console.log('');
}
console.log(JSON.stringify(result));
