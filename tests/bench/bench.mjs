#!/usr/bin/env node
// `npm run bench`: the extension and the widget as built (dist/chrome-mv3, widget-dist/), measured in
// headless Chromium on the real saved pages served at their real portal URLs, plus the search and the
// reader in Node. Prints an aligned table, then one JSON line with every figure. A measurement, not a
// test: it exits 0 even when a target is missed. Environment: EXT_DIR (default dist/chrome-mv3),
// CHROMIUM_PATH (default /usr/bin/chromium), BENCH_RUNS (default 15 runs per page and context: 7 cannot resolve 2 % on a 15–30 ms page).
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { bigNotice } from '../fixtures/hostile/big-notice.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(here, '..', '..');
const EXT_DIR = path.resolve(ROOT, process.env.EXT_DIR ?? 'dist/chrome-mv3');
const DIST_DIR = path.resolve(ROOT, 'dist');
const WIDGET_DIR = path.join(ROOT, 'widget-dist');
const PAGES_DIR = path.join(ROOT, 'tests', 'fixtures', 'real', 'pages');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Same flags as tests/e2e/playwright.config.ts (that file is TypeScript; this one runs in plain Node).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const RUNS = Math.max(3, Number(process.env.BENCH_RUNS ?? 15));
const BIG_RUNS = 3;
const WIDGET_RUNS = 7;
const PROXY_RUNS = 3;
const COLD_RUNS = 5;
const STARTED = Date.now();
/** The whole bench stays under 5 minutes: past this, remaining steps are skipped and reported n/a. */
const BUDGET_MS = 270_000;
const PLAIN_URL = 'https://www.boamp.fr/pages/aide/consulter-les-annonces/';
const BIG_URL = 'https://www.boamp.fr/avis/detail/20-96685';
/** Development aid: BENCH_ONLY=big skips everything but the generated 5 MB notice. */
const ONLY = process.env.BENCH_ONLY ?? '';

const results = { startedAt: new Date(STARTED).toISOString(), runs: RUNS, extDir: path.relative(ROOT, EXT_DIR), notes: [] };
const timeLeft = () => BUDGET_MS - (Date.now() - STARTED);

// --- small helpers -------------------------------------------------------------------------------------

function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const at = (p) => v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
  const median = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  return { median, min: v[0], max: v[v.length - 1], p95: at(95), n: v.length };
}

const gzipSize = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

function decode(buf) {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  return new TextDecoder('utf-8').decode(buf);
}

function contentType(buf) {
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'text/html; charset=utf-16le';
  return 'text/html; charset=utf-8';
}

function listFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** Size of a zip archive of `dir` as `zip -9` would write it: deflated data plus headers per file. */
function zipEstimate(dir) {
  let total = 22; // end of central directory
  for (const f of listFiles(dir)) {
    const name = Buffer.byteLength(path.relative(dir, f));
    const data = fs.readFileSync(f);
    const deflated = Math.min(zlib.deflateRawSync(data, { level: 9 }).length, data.length);
    total += 30 + name + deflated + 46 + name;
  }
  return total;
}

// --- sizes ---------------------------------------------------------------------------------------------

function extensionSizes() {
  const manifestFile = path.join(EXT_DIR, 'manifest.json');
  if (!fs.existsSync(manifestFile)) return { error: `no build at ${EXT_DIR}` };
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  const cs = (manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);
  const file = (rel) => path.join(EXT_DIR, rel);
  const contentScripts = cs.filter((rel) => fs.existsSync(file(rel))).map((rel) => ({ file: rel, raw: fs.statSync(file(rel)).size, gzip: gzipSize(fs.readFileSync(file(rel))) }));
  // The first stage: built apart (not in the manifest), injected by the background into portal pages once
  // they have loaded; counted with whatever the manifest lists as content scripts.
  const stage1Rel = 'probe.js';
  if (fs.existsSync(file(stage1Rel)) && !cs.includes(stage1Rel)) contentScripts.push({ file: stage1Rel, raw: fs.statSync(file(stage1Rel)).size, gzip: gzipSize(fs.readFileSync(file(stage1Rel))) });
  // The second stage: built apart (not in the manifest), injected by the background on notices and lists.
  const stage2Rel = 'overlay.js';
  const secondStage = fs.existsSync(file(stage2Rel)) ? { file: stage2Rel, raw: fs.statSync(file(stage2Rel)).size, gzip: gzipSize(fs.readFileSync(file(stage2Rel))) } : null;
  // The list stage (markers on result lists): injected instead of the second stage where the first finds a list.
  const listRel = 'markers.js';
  const listStage = fs.existsSync(file(listRel)) ? { file: listRel, raw: fs.statSync(file(listRel)).size, gzip: gzipSize(fs.readFileSync(file(listRel))) } : null;
  const bgRel = manifest.background?.service_worker;
  const background = bgRel && fs.existsSync(file(bgRel)) ? { file: bgRel, raw: fs.statSync(file(bgRel)).size, gzip: gzipSize(fs.readFileSync(file(bgRel))) } : null;
  const all = listFiles(EXT_DIR);
  const zips = fs.existsSync(DIST_DIR) ? fs.readdirSync(DIST_DIR).filter((f) => f.endsWith('.zip')).map((f) => ({ file: f, bytes: fs.statSync(path.join(DIST_DIR, f)).size })) : [];
  return {
    contentScriptGzip: contentScripts.reduce((s, c) => s + c.gzip, 0),
    contentScripts,
    secondStage,
    listStage,
    background,
    totalRaw: all.reduce((s, f) => s + fs.statSync(f).size, 0),
    totalGzip: all.reduce((s, f) => s + gzipSize(fs.readFileSync(f)), 0),
    storeZips: zips,
    zipEstimateChrome: zipEstimate(EXT_DIR),
  };
}

// --- the Node half (search, reader throughput) ---------------------------------------------------------

function nodeBench() {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'node-bench.ts')], { cwd: ROOT, env: { ...process.env, BENCH_BUDGET_MS: String(Math.min(90_000, timeLeft() / 2)) } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), Math.min(150_000, timeLeft()));
    child.on('close', () => {
      clearTimeout(timer);
      const line = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line));
      } catch {
        resolve({ error: `node-bench gave no JSON: ${err.trim().split('\n').slice(-3).join(' | ')}` });
      }
    });
  });
}

// --- the browser half -----------------------------------------------------------------------------------

// Runs before any page script, in the main world, in both contexts (same cost with and without the
// extension). Records the moment the overlay's badge exists and has a size. The overlay appends its host
// to <html>, so only <html>'s children are watched (not the whole document). Long tasks are read from a
// trace instead (traceLoad): the Long Tasks API does not report the content script's tasks.
const INIT = `(() => {
  const rec = (window.__essorBench = { badgeAt: null, hostAt: null });
  const badge = () => {
    const host = document.documentElement && document.documentElement.querySelector(':scope > essor-overlay');
    if (!host) return false;
    if (rec.hostAt === null) rec.hostAt = performance.now();
    const b = host.shadowRoot && host.shadowRoot.querySelector('button.essor-badge');
    if (b && b.getBoundingClientRect().width > 0) { rec.badgeAt = performance.now(); return true; }
    if (host.shadowRoot && !host.__benchWatched) {
      host.__benchWatched = true;
      new MutationObserver((_, o) => { if (rec.badgeAt === null && badge()) o.disconnect(); }).observe(host.shadowRoot, { childList: true, subtree: true });
    }
    return false;
  };
  const onRoot = new MutationObserver(() => { if (rec.badgeAt === null && badge()) onRoot.disconnect(); });
  const watchRoot = () => { if (!document.documentElement) return false; onRoot.observe(document.documentElement, { childList: true }); return true; };
  if (!watchRoot()) { const first = new MutationObserver(() => { if (watchRoot()) first.disconnect(); }); first.observe(document, { childList: true }); }
})();`;

/** Serves `table` (href → body) at the real portal URLs; aborts every other outside request. */
async function routePortals(context, table) {
  const aborted = [];
  await context.route(
    (u) => u.protocol.startsWith('http') && u.hostname !== '127.0.0.1' && u.hostname !== 'localhost',
    (route) => {
      const req = route.request();
      const u = new URL(req.url());
      u.hash = '';
      const body = req.resourceType() === 'document' ? table.get(u.href) : undefined;
      if (body) return route.fulfill({ status: 200, headers: { 'content-type': contentType(body) }, body });
      aborted.push(u.href);
      return route.abort();
    },
  );
  return aborted;
}

async function launch(withExtension) {
  const args = withExtension ? [`--disable-extensions-except=${EXT_DIR}`, `--load-extension=${EXT_DIR}`, ...CHROMIUM_ARGS] : CHROMIUM_ARGS;
  const context = await chromium.launchPersistentContext('', { executablePath: CHROMIUM, headless: true, args });
  await context.addInitScript({ content: INIT });
  if (withExtension) {
    let [sw] = context.serviceWorkers();
    if (!sw) sw = await context.waitForEvent('serviceworker', { timeout: 15_000 });
    // The extension writes its timing marks on the page's timeline only when its own storage allows it.
    await sw.evaluate(() => chrome.storage.local.set({ essorTiming: true }));
  }
  return context;
}

const hook = { seen: false };

/** One page load: navigation timing, the badge, the content script's own measure when it records one. */
async function loadOnce(context, url, { extension, tender, settleMs = 0 }) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => (performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0) > 0, null, { timeout: 10_000 });
    if (extension && tender) await page.waitForFunction(() => window.__essorBench.badgeAt !== null, null, { timeout: 10_000 }).catch(() => undefined);
    else if (extension) {
      // Not a notice: the first stage decides, and a second stage, were one coming, would come within this.
      await page.waitForFunction(() => performance.getEntriesByName('essor:probe').length > 0, null, { timeout: 3_000 }).catch(() => undefined);
      await page.waitForTimeout(300);
    }
    if (settleMs) await page.waitForTimeout(settleMs);
    const m = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      const rec = window.__essorBench;
      return {
        load: n.loadEventEnd - n.startTime,
        // What the user sees: on these pages (no subresource) the load event may come before the first paint.
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        dcl: n.domContentLoadedEventStart,
        dclEnd: n.domContentLoadedEventEnd,
        badgeAt: rec.badgeAt,
        hostAt: rec.hostAt,
        read: performance.getEntriesByName('essor:read').map((e) => e.duration),
        readSlice: performance.getEntriesByName('essor:read-slice').map((e) => e.duration),
        stage2: performance.getEntriesByName('essor:stage2').length,
      };
    });
    if (m.read.length) hook.seen = true;
    return m;
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * One page load under a Chromium trace: the tasks of the page's renderer main thread after
 * DOMContentLoaded (the content script runs at document_idle, after it; parsing the page comes before).
 */
async function traceLoad(context, url, { extension, tender, settleMs }) {
  const browser = context.browser();
  if (!browser) throw new Error('no browser handle for tracing');
  const cdp = await browser.newBrowserCDPSession();
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'blink.user_timing', 'devtools.timeline', 'disabled-by-default-devtools.timeline', '__metadata'], recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
  let m;
  try {
    m = await loadOnce(context, url, { extension, tender, settleMs });
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach().catch(() => undefined);
  }
  const threads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args?.name);
  // The page's renderer: the process of the last DOMContentLoaded (one page is open at a time).
  const dclEvent = events.filter((e) => e.name === 'domContentLoadedEventEnd').sort((a, b) => a.ts - b.ts).pop();
  const pid = dclEvent?.pid;
  const dcl = dclEvent?.ts ?? NaN;
  const tasks = events
    // RunTask (what DevTools shows as a task) also wraps IPC tasks such as the promise continuations
    // where the content script reads the page; ThreadControllerImpl::RunTask does not.
    .filter((e) => e.pid === pid && e.name === 'RunTask' && e.ph === 'X' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && e.ts >= dcl)
    .map((e) => e.dur / 1000);
  const extensionEval = events
    .filter((e) => e.pid === pid && e.name === 'EvaluateScript' && String(e.args?.data?.url ?? '').startsWith('chrome-extension://'))
    .reduce((s, e) => s + (e.dur ?? 0) / 1000, 0);
  return { ...m, longestAfterDcl: Number.isFinite(dcl) ? Math.max(0, ...tasks) : NaN, over200: tasks.filter((d) => d > 200).length, extensionEval };
}

/**
 * The service worker stopped (as the browser stops an idle one), then a notice loaded: from the first stage's
 * request (the message that wakes the worker) to the advice in the panel, and DOMContentLoaded → badge.
 */
async function coldStart(context, url) {
  const [sw] = context.serviceWorkers();
  const extensionId = sw ? new URL(sw.url()).host : null;
  if (!extensionId) return null;
  const ext = await context.newPage();
  const page = await context.newPage();
  try {
    await ext.goto(`chrome-extension://${extensionId}/options.html`);
    const cdp = await context.newCDPSession(ext);
    const state = new Map();
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) if (v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) state.set(v.versionId, v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await new Promise((r) => setTimeout(r, 200));
    for (const [id, st] of state) if (st === 'running' || st === 'starting') await cdp.send('ServiceWorker.stopWorker', { versionId: id });
    for (let i = 0; i < 100 && [...state.values()].some((st) => st !== 'stopped'); i++) await new Promise((r) => setTimeout(r, 20));
    await cdp.detach().catch(() => undefined);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => window.__essorBench.badgeAt !== null && performance.getEntriesByName('essor:advise').length > 0, null, { timeout: 10_000 }).catch(() => undefined);
    return await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      const probe = performance.getEntriesByName('essor:probe')[0];
      const advise = performance.getEntriesByName('essor:advise')[0];
      const stage2 = performance.getEntriesByName('essor:stage2')[0];
      const badgeAt = window.__essorBench.badgeAt;
      return {
        toPanel: probe && advise ? advise.startTime + advise.duration - probe.startTime : null,
        // The woken worker answers the first stage (settings, injection) without loading the knowledge base.
        toStage2: probe && stage2 ? stage2.startTime - probe.startTime : null,
        badgeAfterDcl: badgeAt === null ? null : badgeAt - n.domContentLoadedEventStart,
      };
    });
  } catch (e) {
    results.notes.push(`cold start on ${url}: ${e?.message ?? e}`);
    return null;
  } finally {
    await page.close().catch(() => undefined);
    await ext.close().catch(() => undefined);
  }
}

async function readProxyBundle() {
  try {
    const esbuild = await import('esbuild');
    const r = await esbuild.build({ entryPoints: [path.join(here, 'read-entry.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, minify: true, logLevel: 'silent' });
    return r.outputFiles[0].text;
  } catch (e) {
    results.notes.push(`read proxy bundle failed: ${e?.message ?? e}`);
    return null;
  }
}

/** readPage (bench bundle) on the page's DOM in a context without the extension. */
async function readProxy(context, url, bundle) {
  if (!bundle) return null;
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.addScriptTag({ content: bundle });
    return await page.evaluate(() => window.__essorBenchRead(3));
  } catch (e) {
    results.notes.push(`read proxy on ${url}: ${e?.message ?? e}`);
    return null;
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function browserBench() {
  const { realPages } = await import(path.join(ROOT, 'widget', 'demo', 'server.mjs'));
  const pages = realPages().map((p) => ({ name: p.file.replace(/\.html$/, ''), url: p.originalUrl, body: fs.readFileSync(path.join(PAGES_DIR, p.file)), tender: true }));
  const plain = { name: 'plain (non-tender)', url: PLAIN_URL, body: fs.readFileSync(path.join(here, 'pages', 'plain.html')), tender: false };
  const records = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'real', 'tenders.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const bigBase = pages.find((p) => p.url === BIG_URL) ?? pages[0];
  const bigHtml = bigNotice(decode(bigBase.body), records, 5 * 1024 * 1024);
  const big = { name: 'generated 5 MB notice', url: BIG_URL + '?generated=5mb', body: Buffer.from(bigHtml, 'utf8'), tender: true };
  const table = new Map([...pages, plain, big].map((p) => [new URL(p.url).href, p.body]));
  const out = { pages: {}, big: null, bigBytes: big.body.length };

  const withExt = await launch(true);
  const without = await launch(false);
  try {
    const abortedWith = await routePortals(withExt, table);
    await routePortals(without, table);
    const timed = ONLY === 'big' ? [] : [...pages, plain];
    // Warm-up: first navigation in each context (service worker start, caches), not counted.
    for (const p of timed.slice(0, 2)) {
      await loadOnce(withExt, p.url, { extension: true, tender: p.tender });
      await loadOnce(without, p.url, { extension: false, tender: p.tender });
    }
    const runs = Object.fromEntries(timed.map((p) => [p.name, { with: [], without: [] }]));
    for (let i = 0; i < RUNS; i++) {
      if (timeLeft() < 90_000) {
        results.notes.push(`page-load runs stopped after ${i} of ${RUNS} (time budget)`);
        break;
      }
      for (const p of timed) {
        // Alternate which context goes first, so neither always gets the warmer CPU.
        const order = i % 2 ? [['without', without], ['with', withExt]] : [['with', withExt], ['without', without]];
        for (const [k, ctx] of order) runs[p.name][k].push(await loadOnce(ctx, p.url, { extension: k === 'with', tender: p.tender }));
      }
    }
    for (const p of timed) {
      const r = runs[p.name];
      const w = stats(r.with.map((m) => m.load));
      const wo = stats(r.without.map((m) => m.load));
      const n = Math.min(r.with.length, r.without.length);
      const paired = stats(Array.from({ length: n }, (_, k) => r.with[k].load / r.without[k].load));
      out.pages[p.name] = {
        url: p.url,
        tender: p.tender,
        loadWith: w,
        loadWithout: wo,
        ratio: w && wo ? { median: w.median / wo.median, min: paired?.min, max: paired?.max } : null,
        // The same runs, each with the one without it beside it (information: the target is on the ratio above).
        pairedRatio: paired,
        fcpRatio: (() => {
          const fw = stats(r.with.map((m) => m.fcp ?? NaN));
          const fwo = stats(r.without.map((m) => m.fcp ?? NaN));
          return fw && fwo ? { median: fw.median / fwo.median, min: fw.median, max: fwo.median } : null;
        })(),
        addedMs: w && wo ? w.median - wo.median : null,
        badgeAfterDcl: p.tender ? stats(r.with.map((m) => (m.badgeAt === null ? NaN : m.badgeAt - m.dcl))) : null,
        badgeMissing: p.tender ? r.with.filter((m) => m.badgeAt === null).length : 0,
        readMs: stats(r.with.flatMap((m) => m.read.slice(0, 1))),
        stage2Runs: r.with.reduce((sum, m) => sum + (m.stage2 ?? 0), 0),
      };
    }
    out.abortedOutsideRequests = [...new Set(abortedWith)].length;

    // Cold starts: the worker stopped before each run, on the first real notice.
    if (ONLY !== 'big' && timeLeft() > 60_000) {
      const cold = [];
      for (let i = 0; i < COLD_RUNS && timeLeft() > 50_000; i++) {
        const c = await coldStart(withExt, (pages.find((p) => p.url === BIG_URL) ?? pages[0]).url);
        if (c) cold.push(c);
      }
      out.cold = { runs: cold.length, toPanel: stats(cold.map((c) => c.toPanel ?? NaN)), toStage2: stats(cold.map((c) => c.toStage2 ?? NaN)), badgeAfterDcl: stats(cold.map((c) => c.badgeAfterDcl ?? NaN)) };
    }

    // The generated 5 MB notice, traced: long tasks of the page's main thread after DOMContentLoaded
    // (the content script runs at document_idle; the page's own parsing comes before) with and without
    // the extension.
    if (timeLeft() > 40_000) {
      const bw = [];
      const bwo = [];
      for (let i = 0; i < BIG_RUNS && timeLeft() > 30_000; i++) {
        bw.push(await traceLoad(withExt, big.url, { extension: true, tender: true, settleMs: 1500 }));
        bwo.push(await traceLoad(without, big.url, { extension: false, tender: true, settleMs: 1500 }));
      }
      out.big = {
        runs: bw.length,
        longestTaskAfterDclWith: stats(bw.map((m) => m.longestAfterDcl)),
        longestTaskAfterDclWithout: stats(bwo.map((m) => m.longestAfterDcl)),
        tasksOver200AfterDclWith: stats(bw.map((m) => m.over200)),
        contentScriptEvaluateMs: stats(bw.map((m) => m.extensionEval)),
        badgeAfterDcl: stats(bw.map((m) => (m.badgeAt === null ? NaN : m.badgeAt - m.dcl))),
        badgeMissing: bw.filter((m) => m.badgeAt === null).length,
        loadWith: stats(bw.map((m) => m.load)),
        loadWithout: stats(bwo.map((m) => m.load)),
        readMs: stats(bw.flatMap((m) => m.read.slice(0, 1))),
        readSliceMs: stats(bw.flatMap((m) => m.readSlice.slice(0, 1))),
      };
    } else results.notes.push('generated 5 MB notice skipped (time budget)');

    // Stand-in for the analysis time until the content script records it: the same reading code,
    // bundled here, run once on each freshly loaded page (cold, as the content script runs it) in the
    // context without the extension. It runs in the page's world, where DOM calls are cheaper than from
    // the content script's isolated world: expect it to read lower than the real thing.
    if (hook.seen) results.notes.push('readPage stand-in skipped: the content script records essor:read');
    else if (timeLeft() > 25_000) {
      const bundle = await readProxyBundle();
      out.readProxy = {};
      for (const p of ONLY === 'big' ? [big] : [...pages, big]) {
        const cold = [];
        const warm = [];
        let last = null;
        for (let i = 0; i < PROXY_RUNS && timeLeft() > 15_000; i++) {
          const r = await readProxy(without, p.url, bundle);
          if (!r) break;
          cold.push(r.ms[0]);
          warm.push(...r.ms.slice(1));
          last = r;
        }
        if (last) out.readProxy[p.name] = { cold: stats(cold), warm: stats(warm), isTender: last.isTender, pageKind: last.pageKind };
      }
    }
  } finally {
    await withExt.close().catch(() => undefined);
    await without.close().catch(() => undefined);
  }
  out.hookPresent = hook.seen;
  return out;
}

// --- the widget ------------------------------------------------------------------------------------------

async function widgetBench() {
  if (!fs.existsSync(path.join(WIDGET_DIR, 'essor-widget.js'))) return { error: 'no widget build in widget-dist/' };
  const { startDemoServer } = await import(path.join(ROOT, 'widget', 'demo', 'server.mjs'));
  const server = await startDemoServer({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    // First frame in which the widget's shadow root shows something with a size (independent of its marks).
    await context.addInitScript({
      content: `(() => { const rec = (window.__essorWidgetBench = { visibleAt: null }); const t0 = performance.now();
        const tick = () => { const el = document.querySelector('essor-widget, [data-essor]');
          const c = el && el.shadowRoot && el.shadowRoot.querySelector('.essor-root');
          if (c && c.getBoundingClientRect().height > 0) { rec.visibleAt = performance.now(); return; }
          if (performance.now() - t0 < 15000) requestAnimationFrame(tick); };
        requestAnimationFrame(tick); })();`,
    });
    const runs = [];
    let files = null;
    for (let i = 0; i < WIDGET_RUNS && timeLeft() > 10_000; i++) {
      const page = await context.newPage();
      const bodies = [];
      page.on('response', (r) => {
        if (new URL(r.url()).pathname.startsWith('/widget/')) bodies.push(r.body().then((b) => ({ url: new URL(r.url()).pathname, bytes: b.length, gzip: gzipSize(b) }), () => null));
      });
      await page.goto(`${server.url}/commune.html`, { waitUntil: 'load' });
      await page.waitForFunction(() => performance.getEntriesByName('essor:ready').length > 0, null, { timeout: 15_000 }).catch(() => undefined);
      await page.waitForTimeout(300);
      const m = await page.evaluate(() => {
        const res = performance.getEntriesByType('resource').find((e) => /\/essor-widget\.js(\?|$)/.test(e.name));
        const mark = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
        return { responseEnd: res?.responseEnd ?? null, scriptStart: mark('essor:script-start'), firstRender: mark('essor:first-render'), ready: mark('essor:ready'), visibleAt: window.__essorWidgetBench.visibleAt };
      });
      if (!files) files = (await Promise.all(bodies)).filter(Boolean);
      runs.push(m);
      await page.close();
    }
    const since = (k) => stats(runs.map((m) => (m.responseEnd !== null && m[k] !== null ? m[k] - m.responseEnd : NaN)));
    const isCode = (u) => /\/essor-(widget|check)\.js$/.test(u);
    const unique = new Map((files ?? []).map((f) => [f.url, f]));
    const list = [...unique.values()];
    return {
      runs: runs.length,
      firstRender: since('firstRender'),
      visible: since('visibleAt'),
      ready: since('ready'),
      scriptEval: stats(runs.map((m) => (m.scriptStart !== null && m.firstRender !== null ? m.firstRender - m.scriptStart : NaN))),
      files: list,
      gzipTotal: list.reduce((s, f) => s + f.gzip, 0),
      gzipCode: list.filter((f) => isCode(f.url)).reduce((s, f) => s + f.gzip, 0),
      gzipData: list.filter((f) => !isCode(f.url)).reduce((s, f) => s + f.gzip, 0),
    };
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
}

// --- report ------------------------------------------------------------------------------------------------

const fmtMs = (v) => (v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const fmtX = (v) => (v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : `${v.toFixed(3)}×`);
const fmtKB = (v) => (v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : `${(v / 1024).toFixed(1)} KB`);
const fmtN = (v) => (v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v >= 100 ? v.toFixed(0) : v.toFixed(1));

const one = (v) => (v === undefined || v === null ? null : { median: v, min: v, max: v });

function rows() {
  const r = [];
  const add = (metric, s, fmt, target, limit) => {
    const med = s?.median ?? null;
    const status = limit === undefined ? '' : med === null || !Number.isFinite(med) ? 'n/a' : med <= limit ? 'ok' : 'MISS';
    r.push([metric, fmt(med), fmt(s?.min ?? null), fmt(s?.max ?? null), target, status]);
  };
  const addMin = (metric, s, fmt, target, floor) => {
    const med = s?.median ?? null;
    r.push([metric, fmt(med), fmt(s?.min ?? null), fmt(s?.max ?? null), target, floor === undefined ? '' : med === null ? 'n/a' : med >= floor ? 'ok' : 'MISS']);
  };
  const b = results.browser ?? {};
  const pages = b.pages ?? {};
  const added = (p) => (p.addedMs === null || p.addedMs === undefined ? '' : ` (${p.addedMs >= 0 ? '+' : ''}${p.addedMs.toFixed(0)} ms)`);
  for (const [name, p] of Object.entries(pages)) add(`load with ÷ without: ${name}${added(p)}`, p.ratio, fmtX, p.tender ? '≤ 1.05' : '≤ 1.02', p.tender ? 1.05 : 1.02);
  const worst = (k) => Object.entries(pages).map(([name, p]) => [name, p[k]]).filter(([, v]) => v?.median != null).sort((a, b) => b[1].median - a[1].median)[0];
  const wp = worst('pairedRatio');
  if (wp) add(`load with ÷ without, median of paired runs, worst page: ${wp[0]}`, wp[1], fmtX, '(info)');
  const wf = worst('fcpRatio');
  if (wf) r.push([`first contentful paint with ÷ without, worst page: ${wf[0]}`, fmtX(wf[1].median), fmtMs(wf[1].min), fmtMs(wf[1].max), '(info: with, without)', '']);
  for (const [name, p] of Object.entries(pages)) if (p.tender) add(`DOMContentLoaded → badge: ${name}`, p.badgeAfterDcl, fmtMs, '≤ 150 ms', 150);
  for (const [name, p] of Object.entries(pages)) if (p.tender) add(`reading in the content script: ${name}`, p.readMs, fmtMs, '≤ 30 ms', 30);
  for (const [name, p] of Object.entries(pages)) if (!p.tender) add(`second stage on a page that is not a notice: ${name}`, one(p.stage2Runs), fmtN, '0 runs', 0);
  add('service worker cold start → panel content (advice in)', b.cold?.toPanel, fmtMs, '≤ 300 ms', 300);
  add('cold start: first stage asks → second stage runs (no KB)', b.cold?.toStage2, fmtMs, '≤ 50 ms', 50);
  add('service worker cold start: DOMContentLoaded → badge', b.cold?.badgeAfterDcl, fmtMs, '(info)');
  // The reading yields to the page between slices: the target is on the longest slice, one task of ours.
  add('reading in the content script: generated 5 MB, longest slice (one task)', b.big?.readSliceMs, fmtMs, '≤ 50 ms', 50);
  add('reading in the content script: generated 5 MB, all slices (pauses left out)', b.big?.readMs, fmtMs, '(info)');
  for (const [name, p] of Object.entries(b.readProxy ?? {})) add(`stand-in: readPage, page world, cold: ${name}`, p.cold, fmtMs, name.startsWith('generated') ? '(info)' : '≤ 50 ms', name.startsWith('generated') ? undefined : 50);
  const lw = b.big?.longestTaskAfterDclWith;
  const lwo = b.big?.longestTaskAfterDclWithout;
  add('5 MB: longest main-thread task after DCL, with ext.', lw, fmtMs, '(info)');
  add('5 MB: longest main-thread task after DCL, without', lwo, fmtMs, '(reference)');
  add('5 MB: longest task, with − without (medians)', lw && lwo ? one(lw.median - lwo.median) : null, fmtMs, '≤ 20 ms', 20);
  add('5 MB: content script evaluation (trace)', b.big?.contentScriptEvaluateMs, fmtMs, '(info)');
  add('5 MB: DOMContentLoaded → badge', b.big?.badgeAfterDcl, fmtMs, '(info)');
  add('5 MB: load with ÷ without', b.big?.loadWith && b.big?.loadWithout ? { median: b.big.loadWith.median / b.big.loadWithout.median } : null, fmtX, '(info)');
  const s = results.node?.search ?? {};
  add('search p50 (Node, 200 typo queries)', s.p50, fmtMs, '(info)');
  add('search p95 (Node, 200 typo queries)', s.p95, fmtMs, '≤ 8 ms', 8);
  add('index load (Node: createSearch + 1st query)', s.indexLoad, fmtMs, '≤ 20 ms', 20);
  const a = results.node?.analyze ?? {};
  addMin('analyze: readPage, real pages/s (Node)', a.readPagePerSec, fmtN, '(info)');
  addMin('analyze: decode+parse+read pages/s (Node)', a.decodeParseReadPerSec, fmtN, '(info)');
  addMin('analyze: readNotice records/s (Node)', a.readNoticePerSec, fmtN, '(info)');
  // The batch tool on a streamed BOAMP export (node-bench.ts batchBench): records/s with the full donnees read.
  const bt = results.node?.batch ?? {};
  const once = (v) => (v === undefined || v === null ? null : { median: v, min: v, max: v });
  addMin(`analyze --summary: BOAMP records/s (${bt.records ?? 0} records, ${bt.jobs ?? '?'} workers, load ${bt.loadAverage?.before ?? '?'})`, once(bt.recordsPerSec), fmtN, '≥ 1000', 1000);
  addMin('analyze --summary: records per CPU-second', once(bt.recordsPerCpuSecond), fmtN, '(info)');
  add('analyze --summary: peak memory (MB)', once(bt.peakRssMb), fmtN, '(info)');
  const w = results.widget ?? {};
  add('widget: script loaded → first render', w.firstRender, fmtMs, '≤ 100 ms', 100);
  add('widget: script loaded → data shown', w.ready, fmtMs, '(info)');
  add('widget: gzip of all it downloads', one(w.gzipTotal), fmtKB, '≤ 120 KB', 120 * 1024);
  add('widget: gzip of code (no data)', one(w.gzipCode), fmtKB, '≤ 40 KB', 40 * 1024);
  const e = results.sizes ?? {};
  add('ext: first stage (content script on portal pages), gzip', one(e.contentScriptGzip), fmtKB, '≤ 6 KB', 6 * 1024);
  add('ext: second stage (injected on notices), gzip', one(e.secondStage?.gzip), fmtKB, '≤ 45 KB', 45 * 1024);
  add('ext: list stage (markers, injected on result lists), gzip', one(e.listStage?.gzip), fmtKB, '≤ 20 KB', 20 * 1024);
  add('ext: background, gzip', one(e.background?.gzip), fmtKB, '(info)');
  add('ext: all files, gzip', one(e.totalGzip), fmtKB, '(info)');
  if (e.storeZips?.length) for (const z of e.storeZips) add(`store zip: ${z.file}`, one(z.bytes), fmtKB, '(info)');
  else add('store zips (dist/*.zip): none built', null, fmtKB, '(info)');
  add('chrome zip estimate (deflate -9 of the build)', one(e.zipEstimateChrome), fmtKB, '(info)');
  return r;
}

let printed = false;
function report() {
  if (printed) return;
  printed = true;
  results.elapsedMs = Date.now() - STARTED;
  const head = ['metric', 'median', 'min', 'max', 'target', ''];
  const body = rows();
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => String(row[i]).length)));
  const line = (row) => row.map((c, i) => (i === 0 || i === 4 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
  const missed = body.filter((row) => row[5] === 'MISS').map((row) => row[0]);
  const na = body.filter((row) => row[5] === 'n/a').map((row) => row[0]);
  results.missed = missed;
  results.notAvailable = na;
  console.log(`\n${missed.length} target(s) missed, ${na.length} not measured${results.notes.length ? `; notes: ${results.notes.join('; ')}` : ''}. Times are medians of ${RUNS} runs (min and max beside them); Chromium headless; elapsed ${(results.elapsedMs / 1000).toFixed(0)} s.`);
  console.log(JSON.stringify(results));
}

const watchdog = setTimeout(() => {
  results.notes.push('stopped by the 5-minute watchdog');
  report();
  process.exit(0);
}, BUDGET_MS + 20_000);

try {
  results.sizes = fs.existsSync(EXT_DIR) ? extensionSizes() : { error: `no build at ${EXT_DIR}` };
  results.node = ONLY ? {} : await nodeBench();
  if (fs.existsSync(path.join(EXT_DIR, 'manifest.json')) && fs.existsSync(CHROMIUM)) {
    try {
      results.browser = await browserBench();
    } catch (e) {
      results.browser = { error: String(e?.message ?? e) };
      results.notes.push(`browser bench failed: ${String(e?.message ?? e).split('\n')[0]}`);
    }
  } else results.notes.push(`browser bench skipped: no extension build at ${EXT_DIR} or no Chromium at ${CHROMIUM}`);
  if (fs.existsSync(CHROMIUM) && !ONLY) {
    try {
      results.widget = await widgetBench();
    } catch (e) {
      results.widget = { error: String(e?.message ?? e) };
      results.notes.push(`widget bench failed: ${String(e?.message ?? e).split('\n')[0]}`);
    }
  }
} finally {
  clearTimeout(watchdog);
  report();
}
process.exit(0);
