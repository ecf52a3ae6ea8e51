// The Node half of `npm run bench` (run by bench.mjs through tsx): search latency and index load with
// core/search (the code the extension and the widget run), and the reader's throughput over the real pages.
// Prints one JSON object on stdout; bench.mjs formats it.
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { KbData } from '../../core/kb/index.ts';
import { createSearch } from '../../core/search/index.ts';
import { readNotice, readPage } from '../../core/read/index.ts';
import type { NoticeRecord } from '../../core/read/index.ts';
import { createTerritory, type TerritoryData } from '../../core/territory/index.ts';
import { closeParser, decodeBytes, parseHtml } from '../../core/cli/load.ts';
import { makeQueries, stats } from './queries.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Set by bench.mjs: each half (search, reader) stops repeating once it has used half of this. */
const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 90_000);
const started = performance.now();
const over = (share: number) => performance.now() - started > BUDGET_MS * share;
const readJson = (rel: string): unknown => JSON.parse(readFileSync(join(ROOT, rel), 'utf8'));

interface RealPage {
  file: string;
  originalUrl: string;
}

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
}

function searchBench() {
  const kbText = readFileSync(join(ROOT, 'data', 'kb.json'), 'utf8');
  const indexText = readFileSync(join(ROOT, 'data', 'search-index.json'), 'utf8');
  const kb = JSON.parse(kbText) as KbData;
  const index = JSON.parse(indexText) as unknown;
  const tenders = readFileSync(join(ROOT, 'tests', 'fixtures', 'real', 'tenders.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { title?: string });
  const titles = tenders.map((t) => t.title ?? '').filter(Boolean);
  const queries = makeQueries(titles, 200);

  // Index load: createSearch parses the serialised index lazily, on the first query; both are counted.
  const REPEATS = 15;
  const load: number[] = [];
  const create: number[] = [];
  const parseAndLoad: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const [tp, parsed] = time(() => ({ k: JSON.parse(kbText) as KbData, x: JSON.parse(indexText) as unknown }));
    const [tc, s] = time(() => createSearch(parsed.k, parsed.x));
    const [tq] = time(() => s.search(queries[i % queries.length]!));
    create.push(tc);
    load.push(tc + tq);
    parseAndLoad.push(tp + tc + tq);
  }

  const search = createSearch(kb, index);
  // Warm-up (JIT, index build) before timing, as a page would after its first keystroke.
  for (const q of queries.slice(0, 20)) search.search(q);
  // The whole set several times: p50/p95 of each pass, then median/min/max over passes.
  const passes: { p50: number; p95: number; max: number }[] = [];
  let hits = 0;
  for (let pass = 0; pass < 5 && (pass < 1 || !over(0.5)); pass++) {
    const l: number[] = [];
    hits = 0;
    for (const q of queries) {
      const [ms, r] = time(() => search.search(q));
      l.push(ms);
      if (r.length) hits++;
    }
    const s = stats(l);
    passes.push({ p50: s.p50, p95: s.p95, max: s.max });
  }
  return {
    queries: queries.length,
    sampleQueries: queries.slice(0, 5),
    queriesWithHits: hits,
    passes: passes.length,
    worstQuery: stats(passes.map((p) => p.max)),
    p50: stats(passes.map((p) => p.p50)),
    p95: stats(passes.map((p) => p.p95)),
    indexLoad: stats(load),
    createOnly: stats(create),
    parseAndLoad: stats(parseAndLoad),
  };
}

async function analyzeBench() {
  const { realPages } = (await import(join(ROOT, 'widget', 'demo', 'server.mjs'))) as { realPages(): RealPage[] };
  const pages = realPages();
  const pagesDir = join(ROOT, 'tests', 'fixtures', 'real', 'pages');
  const bytes = pages.map((p) => ({ url: new URL(p.originalUrl), buf: readFileSync(join(pagesDir, p.file)) }));
  const records = readFileSync(join(ROOT, 'tests', 'fixtures', 'real', 'tenders.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as NoticeRecord);
  const territory = createTerritory(readJson('data/territory.json') as TerritoryData);
  const docs = bytes.map((b) => ({ url: b.url, doc: parseHtml(decodeBytes(b.buf).text) }));

  // Warm-up pass.
  for (const d of docs) readPage(d.doc, d.url, { territory });
  for (const r of records) readNotice(r, { territory });

  const ROUNDS = 8;
  const readOnly: number[] = [];
  const endToEnd: number[] = [];
  const notices: number[] = [];
  for (let i = 0; i < ROUNDS && (i < 2 || !over(0.9)); i++) {
    let [ms] = time(() => {
      for (const d of docs) readPage(d.doc, d.url, { territory });
    });
    readOnly.push((docs.length / ms) * 1000);
    [ms] = time(() => {
      for (const b of bytes) readPage(parseHtml(decodeBytes(b.buf).text), b.url, { territory });
    });
    endToEnd.push((bytes.length / ms) * 1000);
    [ms] = time(() => {
      for (const r of records) readNotice(r, { territory });
    });
    notices.push((records.length / ms) * 1000);
  }
  // Per page: readPage time on each real page (happy-dom documents; the browser's DOM differs).
  const perPage = docs.map((d, i) => {
    const l: number[] = [];
    for (let k = 0; k < 7; k++) l.push(time(() => readPage(d.doc, d.url, { territory }))[0]);
    return { file: pages[i]!.file, ms: stats(l) };
  });
  await closeParser();
  return {
    pages: docs.length,
    notices: records.length,
    readPagePerSec: stats(readOnly),
    decodeParseReadPerSec: stats(endToEnd),
    readNoticePerSec: stats(notices),
    perPage,
  };
}

const out: Record<string, unknown> = { node: process.version };
try {
  out.search = searchBench();
} catch (e) {
  out.search = { error: String((e as Error)?.message ?? e) };
}
try {
  out.analyze = await analyzeBench();
} catch (e) {
  out.analyze = { error: String((e as Error)?.message ?? e) };
}
process.stdout.write(`${JSON.stringify(out)}\n`);
