// analyze: read tender pages or notice records and print what Essor understands, one JSON per input.
//   npm run --silent analyze -- [--url URL] [--role acheteur|structure] FILE...   (FILE "-" reads stdin)
// Bad inputs print one line `analyze: <file>: <reason>` on stderr; the exit code is then 2.
import { readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Reading } from '../read/types.ts';
import type { NoticeRecord } from '../read/notice.ts';
import type { TerritoryData, TerritoryResolver } from '../territory/resolver.ts';
import type { KbData } from '../kb/index.ts';
import { inferUrl, readNotice, readPage, readText } from '../read/index.ts';
import { createTerritory } from '../territory/resolver.ts';
import { createKb } from '../kb/index.ts';
import { advise } from '../advise/index.ts';
import { closeParser, decodeBytes, looksBinary, parseHtml } from './load.ts';

type Role = 'acheteur' | 'structure';

class InputError extends Error {}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAX_BYTES = 50 * 1024 * 1024;

function usage(): string {
  return 'usage: analyze [--url URL] [--role acheteur|structure] FILE... (FILE "-" reads stdin)';
}

interface Args {
  url?: string;
  role: Role;
  files: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { role: 'acheteur', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--url' || a.startsWith('--url=')) {
      const v = a === '--url' ? argv[++i] : a.slice(6);
      if (!v) throw new InputError('--url needs a value');
      try {
        new URL(v);
      } catch {
        throw new InputError(`--url: not a URL: ${v}`);
      }
      args.url = v;
    } else if (a === '--role' || a.startsWith('--role=')) {
      const v = a === '--role' ? argv[++i] : a.slice(7);
      if (v !== 'acheteur' && v !== 'structure') throw new InputError('--role must be acheteur or structure');
      args.role = v;
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(`${usage()}\n`);
      process.exit(0);
    } else if (a === '--') {
      args.files.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('--')) {
      throw new InputError(`unknown option ${a}`);
    } else args.files.push(a);
  }
  return args;
}

function readInput(file: string): Uint8Array {
  if (file === '-') {
    try {
      return readFileSync(0);
    } catch {
      throw new InputError('cannot read stdin');
    }
  }
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError('is a directory');
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'unreadable');
  }
  if (size > MAX_BYTES) throw new InputError('file too large');
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'EACCES' ? 'permission denied' : 'unreadable');
  }
}

let territory: TerritoryResolver | undefined;
let kb: ReturnType<typeof createKb> | undefined;

function loadTables(): void {
  try {
    territory = createTerritory(JSON.parse(readFileSync(join(root, 'data', 'territory.json'), 'utf8')) as TerritoryData);
  } catch {
    territory = undefined; // readers fall back to data-free département codes
  }
  try {
    kb = createKb(JSON.parse(readFileSync(join(root, 'data', 'kb.json'), 'utf8')) as KbData);
  } catch {
    kb = undefined; // no advice without the knowledge base
  }
}

function output(reading: Reading, role: Role): string {
  let advice: ReturnType<typeof advise> | undefined;
  if (kb && reading.isTender) {
    try {
      advice = advise(kb, reading, {
        role,
        ...(territory
          ? {
              placeName: (level: 'region' | 'departement' | 'commune', code: string) =>
                level === 'region' ? territory?.regionName(code) : level === 'departement' ? territory?.departementName(code) : territory?.fromCommune(code)?.communeName,
            }
          : {}),
      });
    } catch {
      advice = undefined;
    }
  }
  const out: Record<string, unknown> = {
    isTender: reading.isTender,
    confidence: reading.confidence,
    portal: reading.portal,
    pageKind: reading.pageKind,
    tender: reading.tender,
    signals: reading.signals.map((s) => ({ id: s.id, evidence: s.evidence, where: s.where })),
    themes: advice?.themes ?? [],
    levers: advice?.levers ?? [],
    fiches: advice?.fiches ?? [],
    actors: advice?.actors ?? [],
  };
  if (reading.pageKind === 'list') out.entries = reading.entries;
  return JSON.stringify(out);
}

type Kind = 'html' | 'json' | 'jsonl' | 'xml' | 'text';

function kindOf(file: string, text: string): Kind {
  const ext = extname(file).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.json') return 'json';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || ext === '.php') return 'html';
  if (ext === '.xml') return 'xml';
  if (ext === '.txt') return 'text';
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    const lines = t.split('\n').filter((l) => l.trim());
    return lines.length > 1 && lines.every((l) => l.trim().startsWith('{')) ? 'jsonl' : 'json';
  }
  if (t.startsWith('<?xml') && /<ANNONCE\b/i.test(t.slice(0, 2000))) return 'xml';
  if (t.startsWith('<')) return 'html';
  return 'text';
}

function asRecord(value: unknown): NoticeRecord {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new InputError('not a notice object');
  return value as NoticeRecord;
}

function jsonError(e: unknown): string {
  const msg = e instanceof Error ? e.message.split('\n')[0] ?? '' : '';
  return `invalid JSON${msg ? ` (${msg.slice(0, 120)})` : ''}`;
}

// Analyses one input; returns output lines and reports line-level problems through `fail`.
function analyse(file: string, args: Args, fail: (reason: string) => void): string[] {
  const bytes = readInput(file);
  if (bytes.length === 0) throw new InputError('empty file');
  const decoded = decodeBytes(bytes);
  if (looksBinary(decoded)) throw new InputError('binary file');
  const text = decoded.text;
  if (!text.trim()) throw new InputError('empty file');
  const lines: string[] = [];
  switch (kindOf(file, text)) {
    case 'jsonl': {
      let n = 0;
      text.split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        n++;
        try {
          lines.push(output(readNotice(asRecord(JSON.parse(line)), { territory }), args.role));
        } catch (e) {
          fail(`line ${i + 1}: ${e instanceof InputError ? e.message : jsonError(e)}`);
        }
      });
      if (!n) throw new InputError('empty file');
      return lines;
    }
    case 'json': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw new InputError(jsonError(e));
      }
      const list = Array.isArray(value) ? value : [value];
      if (!list.length) throw new InputError('empty JSON array');
      for (const item of list) lines.push(output(readNotice(asRecord(item), { territory }), args.role));
      return lines;
    }
    case 'xml':
      return [output(readNotice({ raw_excerpt: text }, { territory }), args.role)];
    case 'text':
      return [output(readText(text, territory ? { resolver: territory } : {}), args.role)];
    case 'html': {
      const doc = parseHtml(text);
      const url = args.url ?? inferUrl(doc)?.href ?? (file === '-' ? 'file:///stdin' : pathToFileURL(resolve(file)).href);
      return [output(readPage(doc, new URL(url), { territory }), args.role)];
    }
  }
}

function main(): number {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`analyze: ${e instanceof Error ? e.message : 'bad arguments'}\n${usage()}\n`);
    return 2;
  }
  if (!args.files.length) {
    process.stderr.write(`analyze: no input\n${usage()}\n`);
    return 2;
  }
  loadTables();
  let failed = false;
  for (const file of args.files) {
    const name = file === '-' ? '<stdin>' : file;
    try {
      const lines = analyse(file, args, (reason) => {
        failed = true;
        process.stderr.write(`analyze: ${name}: ${reason}\n`);
      });
      if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
    } catch (e) {
      failed = true;
      const reason = e instanceof InputError ? e.message : 'unreadable input';
      process.stderr.write(`analyze: ${name}: ${reason}\n`);
    }
  }
  return failed ? 2 : 0;
}

const code = main();
void closeParser().finally(() => process.exit(code));
