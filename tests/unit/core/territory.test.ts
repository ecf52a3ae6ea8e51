import { describe, expect, it } from 'vitest';
import { departementFromPostalCode, departementFromCommuneCode, foldName } from '../../../core/territory/index.ts';
import { territoryResolver } from './helpers.ts';

describe('territory resolver (data/territory.json)', () => {
  const t = territoryResolver();

  it('postal code → communes → département → région', () => {
    const list = t.fromPostalCode('74910');
    expect(list.map((x) => x.communeName)).toContain('Seyssel');
    const seyssel = list.find((x) => x.commune === '74269');
    expect(seyssel).toMatchObject({ departement: '74', region: '84', postalCode: '74910' });
    expect(t.fromPostalCode('69001')).toEqual([{ commune: '69123', communeName: 'Lyon', departement: '69', region: '84', postalCode: '69001' }]);
    expect(t.fromPostalCode('91165')).toEqual([]); // a CEDEX code is not in the La Poste table
  });

  it('commune code → département → région, with aliases (arrondissements, communes déléguées)', () => {
    expect(t.fromCommune('69123')).toMatchObject({ communeName: 'Lyon', departement: '69', region: '84' });
    expect(t.fromCommune('2A004')).toMatchObject({ communeName: 'Ajaccio', departement: '2A', region: '94' });
    expect(t.fromCommune('75101')).toMatchObject({ commune: '75056', communeName: 'Paris' });
    expect(t.fromCommune('99999')).toBeUndefined();
  });

  it('départements and régions: codes and names', () => {
    expect(t.fromDepartement('974')).toEqual({ departement: '974', region: '04' });
    expect(t.fromDepartement('1')).toEqual({ departement: '01', region: '84' });
    expect(t.regionOf('2B')).toBe('94');
    expect(t.departementName('64')).toBe('Pyrénées-Atlantiques');
    expect(t.regionName('84')).toBe('Auvergne-Rhône-Alpes');
    expect(t.findDepartement('pyrenees atlantiques')).toBe('64');
    expect(t.findCommune('Saulx Les Chartreux', '91')).toMatchObject({ commune: '91587' });
    expect(t.findCommune('Lunel Cedex', '34')).toMatchObject({ commune: '34145' });
    expect(t.findCommune('Saint-Martin')).toBeUndefined(); // several communes: no guess
  });

  it('searchCommunes: accent-insensitive name or postal code, best first', () => {
    expect(t.searchCommunes('saint etienne')[0]?.name).toBe('Saint-Étienne');
    expect(t.searchCommunes('ST ETIENNE')[0]?.name).toBe('Saint-Étienne');
    expect(t.searchCommunes('59710').map((c) => c.name)).toContain('Pont-à-Marcq');
    expect(t.searchCommunes('', 5)).toEqual([]);
    expect(t.searchCommunes('lyon', 3).length).toBeLessThanOrEqual(3);
  });

  it('parseTerritory: typed results, never throws', () => {
    expect(t.parseTerritory('69123')).toMatchObject({ ok: true, kind: 'commune', territory: { commune: '69123' } });
    expect(t.parseTerritory('13120')).toMatchObject({ ok: true, kind: 'postalCode', territory: { commune: '13041', communeName: 'Gardanne' } });
    expect(t.parseTerritory('74910')).toMatchObject({ ok: true, kind: 'postalCode', territory: { postalCode: '74910', departement: '74', region: '84' } });
    expect(t.parseTerritory('69001')).toMatchObject({ ok: true, kind: 'postalCode', territory: { departement: '69' } });
    expect(t.parseTerritory('84')).toMatchObject({ ok: true, kind: 'departement', ambiguousWith: 'region' });
    expect(t.parseTerritory('reg:84')).toMatchObject({ ok: true, kind: 'region', territory: { region: '84' } });
    expect(t.parseTerritory('dep:2a')).toMatchObject({ ok: true, kind: 'departement', territory: { departement: '2A', region: '94' } });
    expect(t.parseTerritory('cp 91165')).toEqual({ ok: false, reason: 'unknown postal code 91165' });
    expect(t.parseTerritory('91165')).toMatchObject({ ok: true, kind: 'postalCode', territory: { departement: '91' } });
    expect(t.parseTerritory('Loire-Atlantique')).toMatchObject({ ok: true, kind: 'departement', territory: { departement: '44' } });
    expect(t.parseTerritory('')).toMatchObject({ ok: false });
    expect(t.parseTerritory('zzz')).toMatchObject({ ok: false });
    expect(t.parseTerritory(undefined as unknown as string)).toMatchObject({ ok: false });
  });
});

describe('data-free fallbacks', () => {
  it('département of a postal code: Corsica by range, overseas on three digits', () => {
    expect(departementFromPostalCode('20000')).toBe('2A');
    expect(departementFromPostalCode('20167')).toBe('2A');
    expect(departementFromPostalCode('20200')).toBe('2B');
    expect(departementFromPostalCode('20600')).toBe('2B');
    expect(departementFromPostalCode('97100')).toBe('971');
    expect(departementFromPostalCode('97411')).toBe('974');
    expect(departementFromPostalCode('97133')).toBe('977');
    expect(departementFromPostalCode('97150')).toBe('978');
    expect(departementFromPostalCode('98800')).toBe('988');
    expect(departementFromPostalCode('98000')).toBeUndefined(); // Monaco
    expect(departementFromPostalCode('01400')).toBe('01');
    expect(departementFromPostalCode('1400')).toBeUndefined();
    expect(departementFromCommuneCode('2B033')).toBe('2B');
    expect(departementFromCommuneCode('97411')).toBe('974');
  });

  it('agrees with the table on every postal code of a single département', () => {
    const t = territoryResolver();
    const sample = ['01400', '13001', '20000', '20200', '33000', '59000', '69001', '75015', '97200', '97300', '97600'];
    for (const cp of sample) {
      const deps = new Set(t.fromPostalCode(cp).map((x) => x.departement));
      if (deps.size === 1) expect(departementFromPostalCode(cp), cp).toBe([...deps][0]);
    }
  });

  it('foldName', () => {
    expect(foldName("L'Haÿ-les-Roses")).toBe('l hay les roses');
    expect(foldName('St-Étienne')).toBe('saint etienne');
  });
});

// Real BOAMP notices of 2020 (tests/fixtures/eval-9 and eval-10): the buyer's place when its address is incomplete.
describe('buyer places from incomplete addresses', () => {
  const resolver = territoryResolver();
  it('a European form with no postal code: the buyer block\'s NUTS 3 code gives the département (COMSOPGN, Le Blanc, FRB03)', async () => {
    const { readNotice } = await import('../../../core/read/index.ts');
    const { jsonl } = await import('./helpers.ts');
    const rec = jsonl<{ id: string }>('eval-10/tenders.jsonl').find((r) => r.id === 'boamp-20-101579')!;
    expect(readNotice(rec as never, { territory: resolver }).tender.buyerTerritory?.departement).toBe('36');
  });

  it('a Corsican CEDEX code past 20200 is read with its town: "20304 Ajaccio" is in Corse-du-Sud', async () => {
    const { resolveHint } = await import('../../../core/territory/resolve-clues.ts');
    expect(resolveHint({ postalCode: '20304', city: 'Ajaccio' }, resolver)?.departement).toBe('2A');
    expect(resolveHint({ postalCode: '20200', city: 'Bastia' }, resolver)?.departement).toBe('2B');
  });
});

describe('a département named by its own institutions', () => {
  it('"Préfecture Haute-Garonne" with no address is in 31, whatever the first département of publication', async () => {
    const { readNotice } = await import('../../../core/read/index.ts');
    const { jsonl } = await import('./helpers.ts');
    const rec = jsonl<{ id: string }>('eval-12/tenders.jsonl').find((r) => r.id === 'boamp-20-99432')!; // publication: 11, 12, 31…
    expect(readNotice(rec as never, { territory: territoryResolver() }).tender.buyerTerritory?.departement).toBe('31');
  });
});
