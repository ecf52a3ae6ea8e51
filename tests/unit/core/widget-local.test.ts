import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { KbData } from '../../../core/kb/validate';
import { localGuidance } from '../../../core/widget/local';
import type { Place } from '../../../core/territory/index';

const kb = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../data/kb.json'), 'utf8')) as KbData;
const regionOf = (dep: string) => (dep === '69' || dep === '01' ? '84' : dep === '44' ? '52' : undefined);
const lyon: Place = { level: 'commune', code: '69123', name: 'Lyon', context: [], communes: ['69123'], departements: ['69'], regions: ['84'] };

describe('localGuidance (real knowledge base)', () => {
  it('finds the CRESS of the région and the actors of the département, the commune first', () => {
    const g = localGuidance(kb, lyon, [], regionOf);
    expect(g.cress.map((a) => a.id)).toEqual(['cress-84']);
    expect(g.near[0]!.where).toBe('commune');
    expect(g.near.map((n) => n.actor.id)).toEqual(expect.arrayContaining(['commune-69123', 'commune-69266']));
    expect(g.near.every((n) => n.actor.kind !== 'cress' && n.actor.scope !== 'national')).toBe(true);
    const ranks = g.near.map((n) => ['commune', 'departement', 'region'].indexOf(n.where));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('keeps only national networks working on the chosen themes', () => {
    const g = localGuidance(kb, lyon, ['alimentation'], regionOf);
    expect(g.networks.length).toBeGreaterThan(0);
    expect(g.networks.every((a) => a.scope === 'national' && a.topics.includes('alimentation'))).toBe(true);
  });

  it('finds the examples of the fiches that took place nearby', () => {
    const g = localGuidance(kb, lyon, [], regionOf);
    expect(g.examples.length).toBeGreaterThan(0);
    expect(g.examples[0]!.where).toBe('commune');
    for (const e of g.examples) {
      const dep = e.example.places.some((p) => p.commune?.startsWith('69') || p.departement === '69' || p.region === '84');
      expect(dep).toBe(true);
    }
  });

  it('shows only national networks without a place, and nothing local', () => {
    const g = localGuidance(kb, undefined, [], regionOf);
    expect(g.cress).toEqual([]);
    expect(g.near).toEqual([]);
    expect(g.examples).toEqual([]);
    expect(g.networks.length).toBeGreaterThan(0);
    expect(g.networks.every((a) => a.kind === 'network' || a.kind === 'federation')).toBe(true);
    expect(g.networks.map((a) => a.id)).toContain('rtes');
  });
});
