import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { buildOutputs, codeChecker, loadRaw } from '../../../data/build';
import { validateKb, formatError } from '../../../core/kb/validate';
import { THEME_IDS, POLICY_LEVER_IDS, PROCUREMENT_LEVER_IDS } from '../../../core/kb/vocabulary';
import { createKb } from '../../../core/kb/index';

const dataDir = path.resolve(__dirname, '../../../data');
const built = buildOutputs();
const kb = createKb(built.data);

describe('knowledge base', () => {
  it('validates with no error (schema, ids, INSEE codes)', () => {
    const { errors } = validateKb(loadRaw(), codeChecker());
    expect(errors.map(formatError)).toEqual([]);
  });

  it('the committed kb.json and search index are not stale', () => {
    expect(fs.readFileSync(path.join(dataDir, 'kb.json'), 'utf8'), 'run npm run build:data').toBe(built.kb);
    expect(fs.readFileSync(path.join(dataDir, 'search-index.json'), 'utf8'), 'run npm run build:data').toBe(built.index);
  });

  it('has every fiche of the five documents (53) with the right statuses', () => {
    const ids = kb.fiches.map((f) => f.id);
    for (let n = 1; n <= 28; n++) expect(ids).toContain(`municipal-2026-${n}`);
    for (let n = 1; n <= 22; n++) expect(ids).toContain(`regional-2021-${n}`);
    for (const id of ['rtes-2020-24', 'cress-occitanie-2026', 'cress-nouvelle-aquitaine']) expect(ids).toContain(id);
    expect(kb.fiches).toHaveLength(53);
    // The 2026 working draft stops after fiche 17: fiche 4 and 18-28 exist only as titles.
    const titleOnly = kb.fiches.filter((f) => f.status === 'title-only').map((f) => f.id).sort();
    expect(titleOnly).toEqual(['municipal-2026-4', ...Array.from({ length: 11 }, (_, i) => `municipal-2026-${18 + i}`)].sort());
    expect(kb.fiche('municipal-2026-28')!.seeAlso).toEqual(expect.arrayContaining(['regional-2021-22', 'rtes-2020-24']));
    expect(kb.fiche('municipal-2026-21')!.seeAlso).toContain('regional-2021-10');
  });

  it('every complete fiche has a summary, levers and a source range inside its document', () => {
    for (const f of kb.fiches.filter((x) => x.status === 'complete')) {
      expect(f.summary.length, f.id).toBeGreaterThan(80);
      expect(f.levers.length, f.id).toBeGreaterThan(0);
      const src = path.resolve(dataDir, '../../shared/sources', f.source.document);
      const lines = fs.readFileSync(src, 'utf8').split('\n').length;
      expect(f.source.lines[1], f.id).toBeLessThanOrEqual(lines);
    }
  });

  it('reaches every theme and policy lever from a fiche; every procurement lever has both readers’ guidance', () => {
    const topics = new Set(kb.fiches.flatMap((f) => f.topics));
    for (const id of [...THEME_IDS, ...POLICY_LEVER_IDS]) expect(topics.has(id), id).toBe(true);
    expect(kb.levers.map((l) => l.id).sort()).toEqual([...PROCUREMENT_LEVER_IDS].sort());
    for (const l of kb.levers) {
      expect(l.buyer.length, l.id).toBeGreaterThan(0);
      expect(l.structure.length, l.id).toBeGreaterThan(0);
    }
  });

  it('has one CRESS for every région, overseas included', () => {
    // The 18 régions (13 in mainland France, 5 overseas); the collectivités d'outre-mer with 3-digit codes have no CRESS.
    const regions = (JSON.parse(fs.readFileSync(require.resolve('@etalab/decoupage-administratif/data/regions.json'), 'utf8')) as { code: string }[]).map((r) => r.code).filter((c) => c.length === 2);
    expect(regions).toHaveLength(18);
    const cress = new Set(kb.actors.filter((a) => a.kind === 'cress').map((a) => a.region));
    for (const r of regions) expect(cress.has(r), `CRESS of région ${r}`).toBe(true);
  });

  it('fails validation with a message naming file, entry and field', () => {
    const raw = loadRaw();
    const broken = structuredClone(raw);
    (broken.levers.records[0] as Record<string, unknown>).buyer = 'not an array';
    (broken.fiches[0]!.records[0] as Record<string, unknown>).topics = ['no-such-theme'];
    const { errors } = validateKb(broken, codeChecker());
    const msgs = errors.map(formatError);
    expect(msgs.some((m) => m.startsWith('levers.json: entry "reserve-handicap": field "buyer"'))).toBe(true);
    expect(msgs.some((m) => /fiches\/.*\.json: entry ".*": field "topics": unknown id "no-such-theme"/.test(m))).toBe(true);
  });
});
