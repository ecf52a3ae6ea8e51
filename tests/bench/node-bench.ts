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
/**
 * `node --import tsx tests/bench/node-bench.ts --batch`: only the batch tool, on BENCH_BATCH_RECORDS records
 * (200 000 by default) within BENCH_BATCH_MS — the full-size run that `npm run bench` has no time for.
 */
const BATCH_ONLY = process.argv.includes('--batch');
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

// Peak and current resident memory (MB) and CPU time used (s) of a process (Linux /proc); empty elsewhere.
function memoryOf(pid: number): { peak?: number; now?: number; cpu?: number } {
  try {
    const st = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(st)?.[1]);
    // utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const cpu = (Number(stat[11]) + Number(stat[12])) / 100;
    return { peak: Math.round(kb('VmHWM') / 1024), now: Math.round(kb('VmRSS') / 1024), ...(Number.isFinite(cpu) ? { cpu } : {}) };
  } catch {
    // Not Linux, or the process just ended: no figure rather than a wrong one.
    return {};
  }
}

/**
 * The batch tool on a large BOAMP export: the real open-data records of tests/fixtures/current, each under its
 * own idweb, streamed into `analyze --summary -` (full `donnees` read, worker threads on every core) with
 * back-pressure, never written to disk. Reports records/s and the process's peak memory, sampled along the run
 * to show whether it stays flat. Stops early, and says so, when the time budget runs out.
 */
async function batchBench() {
  const { spawn } = await import('node:child_process');
  const { availableParallelism } = await import('node:os');
  const target = Number(process.env.BENCH_BATCH_RECORDS ?? 200_000);
  // Each record serialised once; only its idweb changes from line to line (the writer must not be the bottleneck).
  const recs = ['boamp-api_26-80978.json', 'boamp-api_26-81190.json'].map((f) => {
    const json = JSON.stringify({ ...(readJson(`tests/fixtures/current/${f}`) as Record<string, unknown>), idweb: '@IDWEB@' });
    const at = json.indexOf('@IDWEB@');
    return [json.slice(0, at), `${json.slice(at + 7)}\n`] as const;
  });
  const jobs = Math.max(2, availableParallelism());
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'core', 'cli', 'analyze.ts'), '--summary', '--jobs', String(jobs), '-'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const closed = new Promise<number | null>((res) => child.on('close', res));
  const samples: { records: number; rssMb?: number }[] = [];
  let peak = 0;
  let cpu = 0;
  let sent = 0;
  const load = (await import('node:os')).loadavg;
  const loadBefore = load()[0];
  const poll = setInterval(() => {
    const m = memoryOf(child.pid ?? 0);
    if (m.peak) peak = Math.max(peak, m.peak);
    if (m.cpu) cpu = m.cpu;
    if (m.now) samples.push({ records: sent, rssMb: m.now });
  }, 250);
  const t0 = performance.now();
  // Inside `npm run bench`: what the search and reader halves left of the budget (the whole bench stays under
  // five minutes, so the run may stop before `target` and says so). Alone (`--batch`): BENCH_BATCH_MS.
  const budget = BATCH_ONLY ? Number(process.env.BENCH_BATCH_MS ?? 600_000) : Math.max(20_000, BUDGET_MS - (performance.now() - started)) * 0.9;
  let stopped = false;
  for (let i = 0; i < target; i++) {
    if (performance.now() - t0 > budget) {
      stopped = true;
      break;
    }
    const [head, tail] = recs[i % recs.length]!;
    const line = `${head}26-${1_000_000 + i}${tail}`;
    sent++;
    if (!child.stdin.write(line)) await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  const code = await closed;
  const ms = performance.now() - t0;
  clearInterval(poll);
  let records = 0;
  try {
    records = (JSON.parse(out) as { records: number }).records;
  } catch {
    // No summary: the run failed, reported below with its exit code and stderr.
  }
  // Memory along the run: the sample nearest each quarter of the records sent.
  const at = (share: number) => samples.find((s) => s.records >= sent * share)?.rssMb;
  return {
    target,
    sent,
    records,
    stoppedByBudget: stopped,
    jobs,
    exitCode: code,
    ...(code !== 0 ? { stderr: err.trim().split('\n').slice(-3).join(' | ') } : {}),
    seconds: Math.round(ms / 100) / 10,
    recordsPerSec: Math.round((records / ms) * 1000),
    // Other work on the machine slows the wall-clock figure; CPU seconds say what the tool itself needs.
    cpuSeconds: cpu || undefined,
    recordsPerCpuSecond: cpu ? Math.round(records / cpu) : undefined,
    loadAverage: { before: Math.round(loadBefore * 10) / 10, after: Math.round(load()[0] * 10) / 10 },
    peakRssMb: peak || undefined,
    // The last sample before the input ends (after it, the workers are stopped and memory falls).
    rssMbAt: { '25%': at(0.25), '50%': at(0.5), '75%': at(0.75), '99%': at(0.99) },
  };
}

const out: Record<string, unknown> = { node: process.version };
if (BATCH_ONLY) {
  out.batch = await batchBench();
} else {
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
  try {
    out.batch = await batchBench();
  } catch (e) {
    out.batch = { error: String((e as Error)?.message ?? e) };
  }
}
// No process.exit(): the line must reach a piped reader whole.
process.stdout.write(`${JSON.stringify(out)}\n`);
