import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import territoryData from '../../../data/territory.json';
import { parseSettings } from '../../../core/settings';
import { createTerritory, normaliseDepartement, parseTerritoryCode, type TerritoryData } from '../../../core/territory/index';
import { parseConfig } from '../../../core/widget/config';

const territory = createTerritory(territoryData as unknown as TerritoryData);

describe('one territory code parser', () => {
  it('reads the forms of the vocabulary', () => {
    expect(parseTerritoryCode('69123')).toEqual({ level: 'commune', code: '69123' });
    expect(parseTerritoryCode('2a004')).toEqual({ level: 'commune', code: '2A004' });
    expect(parseTerritoryCode('69')).toEqual({ level: 'departement', code: '69' });
    expect(parseTerritoryCode('1')).toEqual({ level: 'departement', code: '01' });
    expect(parseTerritoryCode('974')).toEqual({ level: 'departement', code: '974' });
    expect(parseTerritoryCode('reg:84')).toEqual({ level: 'region', code: '84' });
    expect(parseTerritoryCode('Région = 53')).toEqual({ level: 'region', code: '53' });
    expect(parseTerritoryCode('dep:2b')).toEqual({ level: 'departement', code: '2B' });
    expect(parseTerritoryCode('200046977')).toEqual({ level: 'epci', code: '200046977' });
    for (const bad of ['', '20', '123', '96', 'reg:', 'dep:999', 'abc', '6912', '2C004']) expect(parseTerritoryCode(bad), bad).toBeUndefined();
  });

  it('settings, the widget configuration and the resolver agree on what a département code is', () => {
    fc.assert(
      fc.property(fc.oneof(fc.stringMatching(/^[0-9AB]{1,3}$/), fc.constantFrom('01', '1', '2A', '2b', '20', '974', '975', '977', '99', '100', '123')), (code) => {
        const parsed = parseTerritoryCode(code);
        const asDep = parsed?.level === 'departement' ? parsed.code : undefined;
        expect(normaliseDepartement(code)).toBe(asDep);
        const settings = parseSettings({ v: 1, territory: { departement: code } }).settings.territory;
        expect(settings?.departement).toBe(asDep);
        const widget = parseConfig({ territoire: code }).config.territory;
        expect(widget?.level === 'departement' ? widget.code : undefined).toBe(asDep);
        // A code the table knows is always one the parser accepts.
        const known = territory.fromDepartement(code);
        if (known) expect(known.departement).toBe(asDep);
      }),
    );
  });

  it('reads what a person types through the same parser', () => {
    expect(territory.parseTerritory('reg:84')).toMatchObject({ ok: true, kind: 'region', territory: { region: '84' } });
    expect(territory.parseTerritory('dep 44')).toMatchObject({ ok: true, kind: 'departement', territory: { departement: '44', region: '52' } });
    expect(territory.parseTerritory('84')).toMatchObject({ ok: true, kind: 'departement', ambiguousWith: 'region' });
    expect(territory.parseTerritory('69001')).toMatchObject({ ok: true, kind: 'postalCode', territory: { commune: '69123' } });
    expect(territory.parseTerritory('commune:69123')).toMatchObject({ ok: true, kind: 'commune', territory: { commune: '69123' } });
    expect(territory.parseTerritory('Pyrénées-Atlantiques')).toMatchObject({ ok: true, kind: 'departement', territory: { departement: '64' } });
    expect(territory.parseTerritory('dep:20')).toMatchObject({ ok: false });
  });

  it('names places at every level, with one namer', () => {
    expect(territory.name('commune', '69123')).toBe('Lyon');
    expect(territory.name('commune', '69381')).toBe('Lyon 1er Arrondissement');
    expect(territory.name('departement', '2B')).toBe('Haute-Corse');
    expect(territory.name('region', '53')).toBe('Bretagne');
    expect(territory.name('commune', '99999')).toBeUndefined();
    expect(territory.departementsOf('53')).toEqual(['22', '29', '35', '56']);
  });
});

describe("a local authority's SIREN", () => {
  it('carries the département it was numbered in; other bodies and Corsica say nothing', async () => {
    const { departementFromSiren } = await import('../../../core/territory/codes');
    expect(departementFromSiren('21730015100016')).toBe('73'); // commune des Allues
    expect(departementFromSiren('216901231')).toBe('69'); // Ville de Lyon
    expect(departementFromSiren('22590001800013')).toBe('59'); // Département du Nord
    expect(departementFromSiren('243100518')).toBe('31'); // Toulouse Métropole, numbered before 2000
    expect(departementFromSiren('26690027300012')).toBe('69'); // a hospital of the Rhône
    expect(departementFromSiren('219711207')).toBe('971'); // Pointe-à-Pitre
    expect(departementFromSiren('200046977')).toBeUndefined(); // Métropole de Lyon, numbered since 2000
    expect(departementFromSiren('23750007900012')).toBeUndefined(); // a région
    expect(departementFromSiren('212000046')).toBeUndefined(); // Ajaccio: 20, before Corsica's split
    expect(departementFromSiren('13000548100010')).toBeUndefined(); // a State body
    expect(departementFromSiren('not a siren')).toBeUndefined();
  });
});
