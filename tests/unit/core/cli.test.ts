import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from './helpers.ts';
import { Readable, Writable } from 'node:stream';
import { runAnalyze } from '../../../core/cli/analyze.ts';
import { analyze } from './run-analyze.ts';

const CLI = join(ROOT, 'core', 'cli', 'analyze.ts');
const tmp = mkdtempSync(join(tmpdir(), 'essor-analyze-'));

// In this process (worker threads included: the worker registers tsx itself). Only the pipe into a slow
// reader and the terminal need a real process, spawned below.
const run = analyze;

const page = join(FIXTURES, 'real', 'pages', 'ted_379439-2020.html');

describe('analyze CLI', () => {
  it('reads a saved page (UTF-16, URL inferred) into one JSON document', async () => {
    const r = await run([page]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    const doc = JSON.parse(r.lines[0] ?? '{}');
    expect(Object.keys(doc)).toEqual(['isTender', 'confidence', 'portal', 'pageKind', 'tender', 'signals', 'themes', 'levers', 'whyNot', 'fiches', 'actors']);
    expect(doc).toMatchObject({ isTender: true, portal: 'ted', pageKind: 'notice', tender: { tedId: '379439-2020', cpv: ['55321000'], buyerTerritory: { departement: '74' } } });
    for (const k of ['themes', 'levers', 'whyNot', 'fiches', 'actors']) expect(Array.isArray(doc[k])).toBe(true);
  }, 60_000);

  it('uses --url, reads stdin and the role', async () => {
    const html = readFileSync(join(FIXTURES, 'real', 'pages', 'place_624658.html'));
    const r = await run(['--role', 'structure', '--url', 'https://www.marches-publics.gouv.fr/?page=entreprise.EntrepriseDetailsConsultation&refConsultation=624658&orgAcronyme=f5j', '-'], html);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.lines[0] ?? '{}')).toMatchObject({ portal: 'place', tender: { reference: '2020-44KT-INC', buyerTerritory: { departement: '44' } } });
  }, 60_000);

  it('reads a .jsonl file into JSON Lines, one per notice', async () => {
    const recs = readFileSync(join(FIXTURES, 'real', 'tenders.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 3);
    const file = join(tmp, 'three.jsonl');
    writeFileSync(file, `${recs.join('\n')}\n`);
    const r = await run([file]);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(3);
    expect(r.lines.map((l) => JSON.parse(l).tender.boampId)).toEqual(['20-100500', '20-101701', '20-101651']);
    expect(JSON.parse(r.lines[1] ?? '{}').signals.map((s: { id: string }) => s.id)).toEqual(['critere-social', 'critere-environnemental', 'allotissement']);
  }, 60_000);

  it('reads one JSON notice', async () => {
    const file = join(tmp, 'one.json');
    writeFileSync(file, JSON.stringify({ title: 'Fourniture de produits d’entretien - Marché réservé', cpv: ['39812100-8'], buyer_location: 'A Lyon (Code commune 69123)' }));
    const r = await run([file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.lines[0] ?? '{}')).toMatchObject({ tender: { cpv: ['39812100'], buyerTerritory: { commune: '69123' } }, signals: [{ id: 'reserve-handicap' }] });
  }, 60_000);

  it('bad inputs: one line on stderr each, exit 2, no stack trace, good inputs still processed', async () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"title": ');
    const empty = join(tmp, 'empty.html');
    writeFileSync(empty, '');
    const bin = join(tmp, 'blob.html');
    writeFileSync(bin, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const lines = join(tmp, 'mixed.jsonl');
    writeFileSync(lines, '{"title": "Nettoyage des écoles de la commune"}\nnot json\n');
    const missing = join(tmp, 'missing.html');
    const r = await run([bad, page, empty, bin, missing, tmp, lines]);
    expect(r.code).toBe(2);
    expect(r.lines).toHaveLength(2); // the TED page and the good jsonl line
    const errs = r.err.split('\n').filter(Boolean);
    expect(errs).toEqual([
      expect.stringMatching(new RegExp(`^analyze: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalid JSON`)),
      `analyze: ${empty}: empty file`,
      `analyze: ${bin}: binary file`,
      `analyze: ${missing}: no such file`,
      `analyze: ${tmp}: is a directory`,
      expect.stringMatching(/: line 2: invalid JSON/),
    ]);
    expect(r.err).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('bad options exit 2', async () => {
    const r = await run(['--role', 'maire', page]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('analyze: --role must be acheteur or structure');
    expect((await run([])).code).toBe(2);
  }, 60_000);

  it('--help prints the usage on stdout and exits 0, whatever follows', async () => {
    const r = await run(['--help', '--role', 'maire']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^usage: analyze .*--jobs N\] FILE\.\.\./);
  }, 60_000);
});

describe('analyze on open data', () => {
  const CURRENT = join(FIXTURES, 'current');
  const records = ['boamp-api_26-80978.json', 'boamp-api_26-81190.json'].map((f) => JSON.parse(readFileSync(join(CURRENT, f), 'utf8')) as Record<string, unknown>);
  const idwebs = (lines: string[]) => lines.map((l) => JSON.parse(l).tender.boampId as string);

  it('reads an explore API answer, an exports/json array, exports/jsonl lines and a single record', async () => {
    const answer = join(tmp, 'answer.json');
    writeFileSync(answer, JSON.stringify({ total_count: 2, results: records }, null, 2));
    const array = join(tmp, 'export.json');
    writeFileSync(array, JSON.stringify(records));
    const lines = join(tmp, 'export.jsonl');
    writeFileSync(lines, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const r = await run([answer, array, lines, join(CURRENT, 'boamp-api_26-80978.json')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(idwebs(r.lines)).toEqual(['26-80978', '26-81190', '26-80978', '26-81190', '26-80978', '26-81190', '26-80978']);
    expect(JSON.parse(r.lines[0] ?? '{}')).toMatchObject({ isTender: true, portal: 'boamp', tender: { cpv: ['60170000', '60172000'], departements: ['31'], noticeType: 'award' } });
  }, 60_000);

  it('reads an exports/csv file (semicolons, quoted fields holding JSON and line breaks)', async () => {
    const keys = Object.keys(records[0] ?? {});
    const cell = (v: unknown) => {
      const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(',') : String(v);
      return /[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const csv = join(tmp, 'export.csv');
    writeFileSync(csv, `\uFEFF${keys.join(';')}\r\n${records.map((r) => keys.map((k) => cell(r[k])).join(';')).join('\r\n')}\r\n`);
    const r = await run([csv]);
    expect(r.err).toBe('');
    expect(idwebs(r.lines)).toEqual(['26-80978', '26-81190']);
    expect(JSON.parse(r.lines[1] ?? '{}').tender).toMatchObject({ buyer: 'Service administratif et financier du Pôle Aménagement', estimatedValue: 230930.41, departements: ['52'] });
  }, 60_000);

  it('reads TED XML; unknown shapes get one clear line, never a silent empty result', async () => {
    const odd = join(tmp, 'odd.jsonl');
    writeFileSync(odd, `${JSON.stringify({ foo: 1, bar: 2 })}\n${JSON.stringify({ ...records[0], donnees: JSON.stringify({ AUTRE: {} }) })}\n`);
    const oddXml = join(tmp, 'odd.xml');
    writeFileSync(oddXml, '<?xml version="1.0"?><Catalogue><Item>1</Item></Catalogue>');
    const r = await run([join(CURRENT, 'ted_183632-2026.xml'), odd, oddXml]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.lines[0] ?? '{}').tender.tedId).toBe('183632-2026');
    // The record with an unknown donnees is still read from its flat fields, with a warning.
    expect(idwebs(r.lines.slice(1))).toEqual(['26-80978']);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      `analyze: ${odd}: line 1: unknown record shape (keys: foo, bar)`,
      `analyze: ${odd}: line 2: unknown donnees schema (AUTRE): read from the flat fields only`,
      `analyze: ${oddXml}: XML that is neither an eForms notice nor a BOAMP notice`,
    ]);
  }, 60_000);

  it('--summary counts notices declaring each signal, by département and by kind', async () => {
    const lines = join(tmp, 'summary.jsonl');
    writeFileSync(lines, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const r = await run(['--summary', lines]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      records: 2,
      unreadable: 0,
      notices: 2,
      signals: { 'critere-environnemental': 1, allotissement: 2 },
      byDepartement: { '31': { notices: 1, signals: { 'critere-environnemental': 1, allotissement: 1 } }, '52': { notices: 1, signals: { allotissement: 1 } } },
      byNature: { award: { notices: 2, signals: { 'critere-environnemental': 1, allotissement: 2 } } },
    });
  }, 60_000);

  it('loses no line through a pipe into a slow reader, and exits 0 once drained', async () => {
    // A few hundred notices: the real records, each under its own idweb, and the labelled notices.
    const notices: string[] = [];
    for (let i = 0; i < 300; i++) notices.push(JSON.stringify({ ...records[i % 2], idweb: `26-${900000 + i}` }));
    const tenders = readFileSync(join(FIXTURES, 'real', 'tenders.jsonl'), 'utf8').split('\n').filter(Boolean);
    notices.push(...tenders);
    const file = join(tmp, 'many.jsonl');
    writeFileSync(file, `${notices.join('\n')}\n`);
    // The reader takes one chunk, then sleeps, then the next one: the pipe fills and the writer must wait.
    const reader = `let n=0,rest='';process.stdin.on('data',c=>{process.stdin.pause();const p=(rest+c).split('\\n');rest=p.pop();n+=p.length;setTimeout(()=>process.stdin.resume(),8)});process.stdin.on('end',()=>{if(rest)n++;console.log(n)})`;
    const { spawn } = await import('node:child_process');
    const analyze = spawn(process.execPath, ['--import', 'tsx', CLI, file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const slow = spawn(process.execPath, ['-e', reader], { stdio: ['pipe', 'pipe', 'inherit'] });
    analyze.stdout.pipe(slow.stdin);
    let err = '';
    analyze.stderr.on('data', (c) => (err += c));
    let counted = '';
    slow.stdout.on('data', (c) => (counted += c));
    const code = await new Promise<number | null>((res) => analyze.on('close', res));
    await new Promise((res) => slow.on('close', res));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(Number(counted.trim())).toBe(notices.length);
  }, 120_000);
});

describe('analyze in process, into a slow stdout', () => {
  it('waits for a stdout that asks it to (back-pressure) and loses no line', async () => {
    const recs = readFileSync(join(FIXTURES, 'real', 'tenders.jsonl'), 'utf8').split('\n').filter(Boolean);
    const file = join(tmp, 'slow-stdout.jsonl');
    writeFileSync(file, `${recs.join('\n')}\n`);
    let out = '';
    // A one-byte buffer: every line asks the writer to wait for 'drain' before the next one.
    const stdout = new Writable({
      highWaterMark: 1,
      decodeStrings: false,
      write(chunk: string, _enc, cb) {
        // Never more than the line being written: the writer waited for the previous one.
        queued = Math.max(queued, stdout.writableLength - chunk.length);
        out += chunk;
        setTimeout(cb, 1);
      },
    });
    let queued = 0;
    let drains = 0;
    stdout.on('drain', () => drains++);
    let err = '';
    const stderr = new Writable({ write: (c: Buffer, _e, cb) => ((err += String(c)), cb()) });
    const code = await runAnalyze([file], { stdin: Readable.from([]), stdout, stderr });
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(queued).toBe(0);
    expect(drains).toBe(recs.length);
    expect(out.split('\n').filter(Boolean).map((l) => JSON.parse(l).isTender)).toHaveLength(recs.length);
  }, 60_000);
});

describe('analyze with worker threads', () => {
  it('gives the same lines, in input order, with --jobs 2 as in one thread', async () => {
    const recs = ['boamp-api_26-80978.json', 'boamp-api_26-81190.json'].map((f) => JSON.parse(readFileSync(join(FIXTURES, 'current', f), 'utf8')) as Record<string, unknown>);
    const file = join(tmp, 'jobs.jsonl');
    writeFileSync(file, `${Array.from({ length: 200 }, (_, i) => JSON.stringify({ ...recs[i % 2], idweb: `26-${700000 + i}` })).join('\n')}\n`);
    const one = await run(['--jobs', '1', file]);
    const two = await run(['--jobs', '2', file]);
    expect(two.err).toBe('');
    expect(two.code).toBe(0);
    expect(two.lines).toHaveLength(200);
    expect(two.lines).toEqual(one.lines);
  }, 120_000);
});

describe('analyze progress', () => {
  const file = join(tmp, 'progress.jsonl');
  const recs = ['boamp-api_26-80978.json', 'boamp-api_26-81190.json'].map((f) => readFileSync(join(FIXTURES, 'current', f), 'utf8'));
  writeFileSync(file, `${Array.from({ length: 1500 }, (_, i) => JSON.stringify({ ...JSON.parse(recs[i % 2] ?? '{}'), idweb: `26-${800000 + i}` })).join('\n')}\n`);

  it('stays silent on stderr when stderr is not a terminal', async () => {
    const r = await run(['--summary', file]);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  }, 120_000);

  // util-linux `script` gives the command a terminal, as a user running analyze by hand has one.
  it.runIf(existsSync('/usr/bin/script'))('shows records read and the rate on a terminal', () => {
    const cmd = `${process.execPath} --import tsx ${CLI} --summary --jobs 1 ${file} > /dev/null`;
    const r = spawnSync('/usr/bin/script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\r').some((l) => /analyze: [\d  ]+ records · [\d  ]+\/s/.test(l))).toBe(true);
  }, 120_000);
});

describe('analyze says why no reservation', () => {
  it('a concession (real BOAMP title 26-24830): whyNot with the field and the reservations it withholds', async () => {
    const { analyze } = await import('./run-analyze.ts');
    const { code, lines } = await analyze(['-'], 'Délégation de service public pour la restauration collective de la Ville et du CCAS de Vallauris Golfe-Juan');
    expect(code).toBe(0);
    const doc = JSON.parse(lines[0]!);
    expect(doc.whyNot[0]).toMatchObject({ field: 'concession' });
    expect(doc.whyNot[0].levers).toContain('reserve-siae');
    expect(doc.levers.every((l: { strength: string }) => ['fort', 'possible', 'faible'].includes(l.strength))).toBe(true);
  });
});
