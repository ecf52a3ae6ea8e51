import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { readNotice, type NoticeRecord } from '../../../core/read/index';
import { parseProfile } from '../../../core/profile/index';
import { createEngine } from '../../../entrypoints/background/engine';
import { adviseReading } from '../../../entrypoints/background/advice';
import { AdvicePanel } from '../../../components/advice-panel';
import { createPanelModel } from '../../../components/panel-model';

const root = path.resolve(__dirname, '../../..');
const getEngine = createEngine(async (file) => JSON.parse(fs.readFileSync(path.join(root, 'data', `${file}.json`), 'utf8')));
const records = fs
  .readFileSync(path.join(root, 'tests/fixtures/real/tenders.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as NoticeRecord & { id: string });

describe('the structure panel’s first line', () => {
  it('the background adds the fit for the ESS structure with a profile, and the panel shows it first', async () => {
    const deps = { ...(await getEngine()), today: '2020-09-01' };
    const reading = readNotice(records.find((r) => r.id === 'boamp-20-101701')!);
    const profile = parseProfile({ kind: 'aci', sectors: ['espaces-verts-naturels'], territory: ['60'] }, { sectors: deps.kb.sectors.map((s) => s.id) }).profile;
    const res = adviseReading(deps, reading, { role: 'structure', lang: 'fr', profile });
    if (!res.ok) throw new Error(res.error);
    expect(res.fit).toMatchObject({ verdict: 'yes', headline: 'Lots 1, 3 et 4 à votre portée' });
    // The buyer never gets a fit, nor does a structure without a profile.
    expect(adviseReading(deps, reading, { role: 'acheteur', lang: 'fr', profile })).not.toHaveProperty('fit');
    expect(adviseReading(deps, reading, { role: 'structure', lang: 'fr', profile: null })).not.toHaveProperty('fit');

    const el = document.createElement('div');
    document.body.append(el);
    const model = createPanelModel({ role: 'structure', lang: 'fr' });
    render(<AdvicePanel reading={res.reading} advice={res.advice} fit={res.fit} model={model} ficheById={deps.kb.fiche} idPrefix="t" />, el);
    const first = el.querySelector('section')!;
    expect(first.getAttribute('data-essor-fit')).toBe('yes');
    expect(first.querySelector('h3')!.textContent).toBe('À saisir Lots 1, 3 et 4 à votre portée');
    expect(first.getAttribute('aria-labelledby')).toBe(first.querySelector('h3')!.id);
    expect(first.textContent).toContain('Répondez seulement sur les lots 1, 3 et 4');
    model.role.value = 'acheteur';
    render(<AdvicePanel reading={res.reading} advice={res.advice} fit={res.fit} model={model} ficheById={deps.kb.fiche} idPrefix="t" />, el);
    expect(el.querySelector('[data-essor-fit]')).toBeNull();
    render(null, el);
  });
});
