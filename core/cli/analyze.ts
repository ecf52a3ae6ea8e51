// analyze: read tender pages, notice records and open-data exports and print what Essor understands.
//   npm run --silent analyze -- [--url URL] [--role acheteur|structure] [--profile FILE] [--summary] [--jobs N] FILE...   ("-" reads stdin)
// One JSON line per notice. Large exports (BOAMP explore API answers, exports/json|jsonl|csv, TED search
// answers) are streamed and read by worker threads; output is written with back-pressure and the process
// ends only once stdout is drained, so nothing is lost through a slow pipe. Bad inputs print one line
// `analyze: <file>: <reason>` on stderr; the exit code is then 2.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Readable, Writable } from 'node:stream';
import type { ItemResult, Role, Tables } from './analyze-item.ts';
import type { Batch, BatchResult } from './worker.ts';
import { inferUrl, readNotice, readPage, readTedNotice, readText } from '../read/index.ts';
import { adviceFault, analyseJson, analyseParsed, analyseRow, factsOf, jsonError, loadTables, output, resetAdviceFault } from './analyze-item.ts';
import { CsvRows, JsonItems, Lines } from './streams.ts';
import { Summary } from './summary.ts';
import { parseProfile, profileErrorLine, type Profile } from '../profile/index.ts';
import { closeParser, decodeBytes, isDraftFile, looksBinary, parseHtml, readDraftFile } from './load.ts';

class InputError extends Error {}

/** The streams one run of analyze reads and writes: `process` itself when run as a script. */
export interface AnalyzeIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
}

// The profile of --profile, also handed to the worker threads.
let givenProfile: Profile | undefined;

/** Reads a --profile file strictly: the profile, or one line listing every error. */
function loadProfile(file: string, tables: Tables): Profile | string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : 'unreadable';
  }
  if (!tables.kb) return 'the knowledge base (data/kb.json) is needed to read a profile';
  const r = parseProfile(text, { sectors: tables.kb.sectors.map((s) => s.id) });
  return r.profile ?? profileErrorLine(r.errors);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Pages and single notices are read whole; exports are streamed whatever their size.
const MAX_BYTES = 50 * 1024 * 1024;
// Above this size a streamed input is shared between worker threads.
const PARALLEL_BYTES = 2 * 1024 * 1024;
const BATCH = 64;
// Records read in the main thread before a stream of unknown size is shared between worker threads.
const PARALLEL_AFTER = 500;

function usage(): string {
  return 'usage: analyze [--url URL] [--role acheteur|structure] [--profile FILE] [--summary] [--jobs N] FILE... (FILE "-" reads stdin)';
}

interface Args {
  url?: string;
  role: Role;
  summary: boolean;
  jobs?: number;
  /** A JSON profile of an ESS structure: each output gets `fit` (core/fit). */
  profile?: string;
  files: string[];
  /** --help was asked: print the usage and do nothing else. */
  help?: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { role: 'acheteur', summary: false, files: [] };
  const value = (a: string, name: string, i: number): [string | undefined, number] => (a === name ? [argv[i + 1], i + 1] : [a.slice(name.length + 1), i]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--url' || a.startsWith('--url=')) {
      const [v, j] = value(a, '--url', i);
      i = j;
      if (!v) throw new InputError('--url needs a value');
      if (!URL.canParse(v)) throw new InputError(`--url: not a URL: ${v}`);
      args.url = v;
    } else if (a === '--role' || a.startsWith('--role=')) {
      const [v, j] = value(a, '--role', i);
      i = j;
      if (v !== 'acheteur' && v !== 'structure') throw new InputError('--role must be acheteur or structure');
      args.role = v;
    } else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const [v, j] = value(a, '--jobs', i);
      i = j;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new InputError('--jobs must be a whole number from 1 to 64');
      args.jobs = n;
    } else if (a === '--profile' || a.startsWith('--profile=')) {
      const [v, j] = value(a, '--profile', i);
      i = j;
      if (!v) throw new InputError('--profile needs a file');
      args.profile = v;
    } else if (a === '--summary') {
      args.summary = true;
    } else if (a === '-h' || a === '--help') {
      args.help = true;
      return args;
    } else if (a === '--') {
      args.files.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('--')) {
      throw new InputError(`unknown option ${a}`);
    } else args.files.push(a);
  }
  return args;
}

// --- output: back-pressure, then drained before the end ---------------------------------------------

// The streams of the current run, set at the start of each runAnalyze (runs do not overlap).
let io: AnalyzeIo = process;
let stdoutGone = false;

function onStdoutError(e: NodeJS.ErrnoException): void {
  // The reader went away (`| head`): stop writing, without a stack trace.
  if (e.code === 'EPIPE') {
    stdoutGone = true;
    return;
  }
  throw e;
}

async function write(text: string): Promise<void> {
  if (stdoutGone || !text) return;
  const out = io.stdout;
  if (out.write(text)) return;
  await new Promise<void>((res) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      res();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

async function drained(): Promise<void> {
  if (stdoutGone) return;
  await new Promise<void>((res) => io.stdout.write('', () => res()));
}

// --- progress on a terminal -----------------------------------------------------------------------------

class Progress {
  private readonly on = Boolean(io.stderr.isTTY);
  private records = 0;
  private bytes = 0;
  private total = 0;
  private readonly t0 = Date.now();
  private last = 0;

  start(total: number): void {
    this.total += total;
  }

  tick(records: number, bytes = 0): void {
    this.records += records;
    this.bytes += bytes;
    if (!this.on) return;
    const now = Date.now();
    if (now - this.last < 250) return;
    this.last = now;
    const secs = (now - this.t0) / 1000;
    const rate = secs > 0 ? Math.round(this.records / secs) : 0;
    let left = '';
    if (this.total > 0 && this.bytes > 0 && secs > 1) {
      const remain = ((this.total - this.bytes) / this.bytes) * secs;
      left = remain > 90 ? ` · about ${Math.round(remain / 60)} min left` : ` · about ${Math.max(0, Math.round(remain))} s left`;
    }
    io.stderr.write(`\ranalyze: ${this.records.toLocaleString('fr-FR')} records · ${rate.toLocaleString('fr-FR')}/s${left}   `);
  }

  done(): void {
    if (this.on && this.last) io.stderr.write('\r\u001b[K');
  }
}

// --- where records are analysed: inline, or in worker threads for large inputs --------------------------

type Unit = { kind: 'json'; text: string; where: string } | { kind: 'csv'; header: string[]; row: string[]; where: string };

interface Sink {
  result(r: ItemResult, where: string): Promise<void>;
}

// The worker module is TypeScript, run by tsx like this file: the worker registers tsx before importing it.
function spawnWorker(role: Role, countOnly: boolean): Worker {
  const url = new URL('./worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); })`;
  // A bounded heap makes the collector keep memory flat over a long export (a record's reading needs little).
  return new Worker(boot, { eval: true, workerData: { root, role, countOnly, profile: givenProfile }, resourceLimits: { maxOldGenerationSizeMb: 256 } });
}

class Pool {
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private next = 0;
  private written = 0;
  private readonly done = new Map<number, { results: ItemResult[]; wheres: string[] }>();
  private readonly wheres = new Map<number, string[]>();
  private waiters: (() => void)[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(
    size: number,
    role: Role,
    countOnly: boolean,
    private readonly sink: Sink,
  ) {
    for (let i = 0; i < size; i++) {
      const w = spawnWorker(role, countOnly);
      w.on('message', (m: BatchResult) => this.onResult(w, m));
      w.on('error', (e) => {
        this.failure = e instanceof Error ? e : new Error(String(e));
        this.wake();
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  private onResult(w: Worker, m: BatchResult): void {
    this.done.set(m.id, { results: m.results, wheres: this.wheres.get(m.id) ?? [] });
    this.wheres.delete(m.id);
    this.idle.push(w);
    // Results are written in input order, each batch once every earlier one is out.
    this.flushing = this.flushing.then(async () => {
      for (let b = this.done.get(this.written); b; b = this.done.get(this.written)) {
        this.done.delete(this.written);
        this.written++;
        for (let i = 0; i < b.results.length; i++) await this.sink.result(b.results[i] as ItemResult, b.wheres[i] ?? '');
      }
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  // At most two batches per worker wait for output: reading pauses until the writer catches up.
  private async room(): Promise<void> {
    while (!this.failure && (!this.idle.length || this.next - this.written >= this.workers.length * 2)) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
  }

  async send(units: Unit[]): Promise<void> {
    if (!units.length) return;
    await this.room();
    const w = this.idle.pop() as Worker;
    const id = this.next++;
    this.wheres.set(id, units.map((u) => u.where));
    const first = units[0] as Unit;
    const batch: Batch =
      first.kind === 'json'
        ? { id, kind: 'json', items: units.map((u) => (u.kind === 'json' ? u.text : '')) }
        : { id, kind: 'csv', header: first.header, items: units.map((u) => (u.kind === 'csv' ? u.row : [])) };
    w.postMessage(batch);
  }

  async finish(): Promise<void> {
    while (!this.failure && this.written < this.next) await new Promise<void>((r) => this.waiters.push(r));
    await this.flushing;
    await Promise.all(this.workers.map((w) => w.terminate()));
    if (this.failure) throw this.failure;
  }
}

class Runner implements Sink {
  private pool: Pool | undefined;
  private pending: Unit[] = [];
  readonly summary = new Summary();
  readonly progress = new Progress();
  failed = false;
  name = '';

  constructor(
    private readonly args: Args,
    private readonly tables: Tables,
  ) {}

  fail(reason: string): void {
    this.failed = true;
    io.stderr.write(`analyze: ${this.name}: ${reason}\n`);
  }

  private adviceReported = false;

  private adviceCheck(fault: string | undefined): void {
    if (!fault || this.adviceReported) return;
    this.adviceReported = true;
    this.failed = true;
    io.stderr.write(`analyze: advice unavailable, notices printed without it (${fault})\n`);
  }

  async result(r: ItemResult, where: string): Promise<void> {
    this.adviceCheck(r.adviceFault);
    if (r.error || r.line === undefined) {
      this.summary.fail();
      this.fail(`${where}: ${r.error ?? 'unreadable record'}`);
    } else {
      if (r.warning) io.stderr.write(`analyze: ${this.name}: ${where}: ${r.warning}\n`);
      if (r.facts) this.summary.add(r.facts);
      if (!this.args.summary) await write(`${r.line}\n`);
    }
  }

  private inline = 0;

  useWorkers(bytes: number): void {
    const jobs = this.args.jobs ?? (bytes >= PARALLEL_BYTES ? Math.max(1, Math.min(4, availableParallelism())) : 1);
    if (jobs > 1 && !this.pool) this.pool = new Pool(jobs, this.args.role, this.args.summary, this);
  }

  async unit(u: Unit): Promise<void> {
    this.progress.tick(1);
    // A stream of unknown size (stdin) that turns out long: the workers take over from here, in order.
    if (!this.pool && this.args.jobs === undefined && ++this.inline === PARALLEL_AFTER) this.useWorkers(PARALLEL_BYTES);
    if (!this.pool) {
      const r = u.kind === 'json' ? analyseJson(u.text, this.tables, this.args.role) : analyseRow(u.header, u.row, this.tables, this.args.role);
      await this.result(r, u.where);
      return;
    }
    this.pending.push(u);
    if (this.pending.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    const units = this.pending;
    this.pending = [];
    if (this.pool && units.length) await this.pool.send(units);
  }

  async end(): Promise<void> {
    await this.flush();
    if (this.pool) await this.pool.finish();
    this.pool = undefined;
  }

  /** A whole document read in the main thread. */
  async reading(r: Parameters<typeof output>[0]): Promise<void> {
    this.progress.tick(1);
    this.summary.add(factsOf(r));
    const text = this.args.summary ? '' : output(r, this.args.role, this.tables);
    this.adviceCheck(adviceFault);
    if (!this.args.summary) await write(`${text}\n`);
  }
}

// --- inputs --------------------------------------------------------------------------------------------

type Kind = 'html' | 'json' | 'jsonl' | 'csv' | 'xml' | 'text';

function kindByName(file: string): Kind | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || ext === '.php') return 'html';
  if (ext === '.xml') return 'xml';
  if (ext === '.txt') return 'text';
  return undefined;
}

function kindByContent(head: string): Kind {
  const t = head.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    const lines = t.split('\n').filter((l) => l.trim());
    // Several lines each opening an object: JSON Lines (the last one may be cut by the sniffing window).
    if (lines.length > 1 && lines.slice(0, -1).every((l) => l.trim().startsWith('{') && l.trim().endsWith('}'))) return 'jsonl';
    return 'json';
  }
  if (t.startsWith('<?xml') || /^<(?:\w+:)?(?:ContractNotice|ContractAwardNotice|PriorInformationNotice|ANNONCE)\b/.test(t)) return 'xml';
  if (t.startsWith('<')) return 'html';
  const first = t.split('\n')[0] ?? '';
  if (/(^|[;,])"?idweb"?([;,]|$)/.test(first)) return 'csv';
  return 'text';
}

function statOf(file: string): number {
  if (file === '-') return 0;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError('is a directory');
    return st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'unreadable');
  }
}

// The first chunk of an input, to choose how to read it; the rest comes from the same iterator.
async function head(stream: Readable): Promise<{ first: Buffer; rest: AsyncIterator<Buffer> }> {
  const rest = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const r = await rest.next();
  return { first: r.done ? Buffer.alloc(0) : (r.value as Buffer), rest };
}

async function streamed(kind: 'json' | 'jsonl' | 'csv', first: Buffer, rest: AsyncIterator<Buffer>, run: Runner, tables: Tables, role: Role): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  const texts = (async function* () {
    yield first;
    for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
  })();
  if (kind === 'jsonl') {
    const lines = new Lines();
    let n = 0;
    const units: Unit[] = [];
    const take = (line: string, at: number) => {
      if (!line.trim()) return;
      n++;
      units.push({ kind: 'json', text: line, where: `line ${at}` });
    };
    for await (const buf of texts) {
      run.progress.tick(0, buf.length);
      lines.push(decoder.decode(buf, { stream: true }), take);
      for (const u of units.splice(0)) await run.unit(u);
    }
    lines.end(take);
    for (const u of units.splice(0)) await run.unit(u);
    if (!n) throw new InputError('empty file');
    return;
  }
  if (kind === 'csv') {
    const rows = new CsvRows();
    let header: string[] | undefined;
    const units: Unit[] = [];
    const take = (row: string[], at: number) => {
      if (!header) {
        header = row.map((h) => h.trim());
        if (!header.includes('idweb')) throw new InputError('CSV without an idweb column: not a BOAMP export');
        return;
      }
      units.push({ kind: 'csv', header, row, where: `row ${at}` });
    };
    for await (const buf of texts) {
      run.progress.tick(0, buf.length);
      rows.push(decoder.decode(buf, { stream: true }), take);
      for (const u of units.splice(0)) await run.unit(u);
    }
    if (!rows.end(take)) run.fail('the last field opens a quote it never closes');
    for (const u of units.splice(0)) await run.unit(u);
    if (!header) throw new InputError('empty file');
    return;
  }
  const items = new JsonItems();
  let n = 0;
  const units: Unit[] = [];
  const take = (text: string) => {
    n++;
    units.push({ kind: 'json', text, where: `record ${n}` });
  };
  for await (const buf of texts) {
    run.progress.tick(0, buf.length);
    items.push(decoder.decode(buf, { stream: true }), take);
    for (const u of units.splice(0)) await run.unit(u);
  }
  const end = items.end();
  if (end.kind === 'items') {
    if (!end.count && !n) throw new InputError(end.key ? `no records in "${end.key}"` : 'empty JSON array');
    return;
  }
  if (end.kind === 'too-large') throw new InputError('JSON value too large to read whole (no records array found)');
  if (end.kind === 'empty') throw new InputError(first.length ? 'invalid JSON (no object or array)' : 'empty file');
  let value: unknown;
  try {
    value = JSON.parse(end.text);
  } catch (e) {
    throw new InputError(jsonError(e));
  }
  const r = analyseParsed(value, tables, role);
  if (r.error) throw new InputError(r.error);
  await run.result(r, 'record 1');
}

async function analyse(file: string, args: Args, run: Runner, tables: Tables): Promise<void> {
  const size = statOf(file);
  const stream = file === '-' ? io.stdin : createReadStream(file, { highWaterMark: 256 * 1024 });
  const { first, rest } = await head(stream);
  if (first.length === 0) throw new InputError('empty file');
  if (isDraftFile(first)) {
    // A draft of the tender documents (PDF, DOCX, ODT): read to text locally, then read as a free text.
    run.progress.start(size);
    const parts: Buffer[] = [first];
    for (let r = await rest.next(), total = first.length; !r.done; r = await rest.next()) {
      if ((total += r.value.length) > MAX_BYTES) throw new InputError('file too large');
      parts.push(r.value);
    }
    const d = await readDraftFile(Buffer.concat(parts), file === '-' ? 'stdin' : basename(file));
    if (!d.ok) throw new InputError(d.message);
    await run.reading(readText(d.text, tables.territory ? { resolver: tables.territory } : {}));
    return;
  }
  const sniff = decodeBytes(first.subarray(0, 65536));
  if (looksBinary(sniff)) throw new InputError('binary file');
  if (!sniff.text.trim() && first.length < 65536) throw new InputError('empty file');
  const kind = kindByName(file) ?? kindByContent(sniff.text.slice(0, 65536));
  run.progress.start(size);
  if ((kind === 'json' || kind === 'jsonl' || kind === 'csv') && sniff.encoding === 'utf-8') {
    run.useWorkers(size);
    try {
      await streamed(kind, first, rest, run, tables, args.role);
    } finally {
      await run.end();
    }
    return;
  }
  // Pages, XML notices and texts are read whole (bounded).
  if (size > MAX_BYTES) throw new InputError('file too large');
  const parts: Buffer[] = [first];
  let total = first.length;
  for (let r = await rest.next(); !r.done; r = await rest.next()) {
    total += r.value.length;
    if (total > MAX_BYTES) {
      stream.destroy();
      throw new InputError('file too large');
    }
    parts.push(r.value);
  }
  const all = Buffer.concat(parts);
  const decoded = decodeBytes(all);
  const text = decoded.text;
  if (!text.trim()) throw new InputError('empty file');
  switch (kind) {
    case 'json':
    case 'jsonl': {
      // A UTF-16 export: decoded whole, then read as JSON Lines or one JSON value.
      const lines = kind === 'jsonl' ? text.split('\n').filter((l) => l.trim()) : [text];
      for (const [i, l] of lines.entries()) await run.result(analyseJson(l, tables, args.role), kind === 'jsonl' ? `line ${i + 1}` : 'record 1');
      return;
    }
    case 'csv':
      throw new InputError('CSV must be UTF-8');
    case 'xml': {
      if (/<(?:\w+:)?(?:ContractNotice|ContractAwardNotice|PriorInformationNotice|BusinessRegistrationInformationNotice)\b/.test(text.slice(0, 4000))) {
        const r = readTedNotice(text, { territory: tables.territory });
        if (!r.ok) throw new InputError(r.reason);
        await run.reading(r.reading);
        return;
      }
      if (!/<ANNONCE\b/i.test(text.slice(0, 4000))) throw new InputError('XML that is neither an eForms notice nor a BOAMP notice');
      await run.reading(readNotice({ raw_excerpt: text }, { territory: tables.territory }));
      return;
    }
    case 'text':
      await run.reading(readText(text, tables.territory ? { resolver: tables.territory } : {}));
      return;
    case 'html': {
      const doc = parseHtml(text);
      const url = args.url ?? inferUrl(doc)?.href ?? (file === '-' ? 'file:///stdin' : pathToFileURL(resolve(file)).href);
      await run.reading(readPage(doc, new URL(url), { territory: tables.territory }));
      return;
    }
  }
}

/**
 * Runs analyze on `argv` (the arguments after the script name), reading and writing only `streams`;
 * resolves to the exit code once everything is written to `streams.stdout`. Runs must not overlap.
 */
export async function runAnalyze(argv: string[], streams: AnalyzeIo): Promise<number> {
  io = streams;
  stdoutGone = false;
  givenProfile = undefined;
  resetAdviceFault();
  // Left on once the run is over: a broken pipe may still report after the last write (once per stream).
  if (!streams.stdout.listeners('error').includes(onStdoutError)) streams.stdout.on('error', onStdoutError);
  try {
    return await main(argv);
  } finally {
    await closeParser();
  }
}

async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr.write(`analyze: ${e instanceof Error ? e.message : 'bad arguments'}\n${usage()}\n`);
    return 2;
  }
  if (args.help) {
    await write(`${usage()}\n`);
    await drained();
    return 0;
  }
  if (!args.files.length) {
    io.stderr.write(`analyze: no input\n${usage()}\n`);
    return 2;
  }
  const tables = loadTables(root, args.summary);
  if (args.profile) {
    const p = loadProfile(args.profile, tables);
    if (typeof p === 'string') {
      io.stderr.write(`analyze: --profile ${args.profile}: ${p}\n`);
      return 2;
    }
    tables.profile = givenProfile = p;
  }
  const run = new Runner(args, tables);
  for (const file of args.files) {
    run.name = file === '-' ? '<stdin>' : file;
    try {
      await analyse(file, args, run, tables);
    } catch (e) {
      // The boundary of one input: report it in one line and go on with the next file.
      run.fail(e instanceof InputError ? e.message : `unreadable input (${e instanceof Error ? e.message.split('\n')[0] : 'fault'})`);
    }
    if (stdoutGone) break;
  }
  run.progress.done();
  if (args.summary) await write(`${JSON.stringify(run.summary.toJSON(), null, 2)}\n`);
  await drained();
  return run.failed ? 2 : 0;
}

// Run as a script: the process ends by itself once stdout is drained and the parser closed, no
// process.exit() that would drop what a slow reader has not taken yet.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void runAnalyze(process.argv.slice(2), process).then((code) => {
    process.exitCode = code;
  });
}
