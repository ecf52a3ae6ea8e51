import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers.ts';
import { analyze } from './run-analyze.ts';

const tmp = mkdtempSync(join(tmpdir(), 'essor-fit-cli-'));

const run = analyze;

const records = readFileSync(join(FIXTURES, 'real', 'tenders.jsonl'), 'utf8').split('\n').filter(Boolean);
const pick = (id: string) => records.find((l) => (JSON.parse(l) as { id: string }).id === id)!;

describe('analyze --profile', () => {
  it('adds fit {verdict, headline, reasons} to each output, read for this structure', async () => {
    const input = join(tmp, 'notices.jsonl');
    writeFileSync(input, `${[pick('decp-data.gouv.fr_pes-2018J1208A'), pick('boamp-20-101721')].join('\n')}\n`);
    const profile = join(tmp, 'esat.json');
    writeFileSync(profile, JSON.stringify({ kind: 'esat', sectors: ['proprete-nettoyage'], territory: ['69'] }));
    const r = await run(['--profile', profile, input]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [reserved, masks] = r.lines.map((l) => JSON.parse(l) as { fit: { verdict: string; headline: string; reasons: string[] } });
    // The DECP record gives no deadline: the verdict does not depend on the day the test runs.
    expect(reserved!.fit).toMatchObject({ verdict: 'yes', headline: 'Réservé à votre type de structure' });
    expect(reserved!.fit.reasons[0]).toMatch(/L2113-12/);
    expect(masks!.fit.verdict).toBe('no');
    expect(Object.keys(masks!.fit)).toEqual(['verdict', 'headline', 'reasons']);
  }, 60_000);

  it('a bad profile gets one line listing every error and exit code 2; no output', async () => {
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, JSON.stringify({ kind: 'siae', sectors: ['nettoyage'], territory: ['reg:999'] }));
    const input = join(tmp, 'one.jsonl');
    writeFileSync(input, `${pick('boamp-20-101721')}\n`);
    for (const [file, msg] of [
      [bad, /kind: unknown "siae".*sectors: unknown id "nettoyage".*territory: "reg:999"/],
      [join(tmp, 'missing.json'), /no such file/],
    ] as const) {
      const r = await run(['--profile', file, input]);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(msg);
    }
  }, 60_000);

  it('without --profile the output has no fit key', async () => {
    const input = join(tmp, 'plain.jsonl');
    writeFileSync(input, `${pick('boamp-20-101721')}\n`);
    expect(JSON.parse((await run([input])).lines[0]!)).not.toHaveProperty('fit');
  }, 60_000);
});
