import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from './helpers.ts';

const CLI = join(ROOT, 'core', 'cli', 'analyze.ts');
const tmp = mkdtempSync(join(tmpdir(), 'essor-analyze-'));

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, lines: r.stdout.split('\n').filter(Boolean) };
}

const page = join(FIXTURES, 'real', 'pages', 'ted_379439-2020.html');

describe('analyze CLI', () => {
  it('reads a saved page (UTF-16, URL inferred) into one JSON document', () => {
    const r = run([page]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(1);
    const doc = JSON.parse(r.lines[0] ?? '{}');
    expect(Object.keys(doc)).toEqual(['isTender', 'confidence', 'portal', 'pageKind', 'tender', 'signals', 'themes', 'levers', 'fiches', 'actors']);
    expect(doc).toMatchObject({ isTender: true, portal: 'ted', pageKind: 'notice', tender: { tedId: '379439-2020', cpv: ['55321000'], buyerTerritory: { departement: '74' } } });
    for (const k of ['themes', 'levers', 'fiches', 'actors']) expect(Array.isArray(doc[k])).toBe(true);
  }, 60_000);

  it('uses --url, reads stdin and the role', () => {
    const html = readFileSync(join(FIXTURES, 'real', 'pages', 'place_624658.html'));
    const r = run(['--role', 'structure', '--url', 'https://www.marches-publics.gouv.fr/?page=entreprise.EntrepriseDetailsConsultation&refConsultation=624658&orgAcronyme=f5j', '-'], html);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.lines[0] ?? '{}')).toMatchObject({ portal: 'place', tender: { reference: '2020-44KT-INC', buyerTerritory: { departement: '44' } } });
  }, 60_000);

  it('reads a .jsonl file into JSON Lines, one per notice', () => {
    const recs = readFileSync(join(FIXTURES, 'real', 'tenders.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 3);
    const file = join(tmp, 'three.jsonl');
    writeFileSync(file, `${recs.join('\n')}\n`);
    const r = run([file]);
    expect(r.code).toBe(0);
    expect(r.lines).toHaveLength(3);
    expect(r.lines.map((l) => JSON.parse(l).tender.boampId)).toEqual(['20-100500', '20-101701', '20-101651']);
    expect(JSON.parse(r.lines[1] ?? '{}').signals.map((s: { id: string }) => s.id)).toEqual(['critere-social', 'critere-environnemental', 'allotissement']);
  }, 60_000);

  it('reads one JSON notice', () => {
    const file = join(tmp, 'one.json');
    writeFileSync(file, JSON.stringify({ title: 'Fourniture de produits d’entretien - Marché réservé', cpv: ['39812100-8'], buyer_location: 'A Lyon (Code commune 69123)' }));
    const r = run([file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.lines[0] ?? '{}')).toMatchObject({ tender: { cpv: ['39812100'], buyerTerritory: { commune: '69123' } }, signals: [{ id: 'reserve-handicap' }] });
  }, 60_000);

  it('bad inputs: one line on stderr each, exit 2, no stack trace, good inputs still processed', () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"title": ');
    const empty = join(tmp, 'empty.html');
    writeFileSync(empty, '');
    const bin = join(tmp, 'blob.html');
    writeFileSync(bin, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const lines = join(tmp, 'mixed.jsonl');
    writeFileSync(lines, '{"title": "Nettoyage des écoles de la commune"}\nnot json\n');
    const missing = join(tmp, 'missing.html');
    const r = run([bad, page, empty, bin, missing, tmp, lines]);
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

  it('bad options exit 2', () => {
    const r = run(['--role', 'maire', page]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('analyze: --role must be acheteur or structure');
    expect(run([]).code).toBe(2);
  }, 60_000);
});
