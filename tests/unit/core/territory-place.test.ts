import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { buildCommuneFiles, buildGeo } from '../../../widget/build-data';
import { createTerritory, departementsNeeded, describePlace, parseTerritoryCode, tablesFromFiles, type CommuneFile, type EpciIndex, type GeoTables } from '../../../core/territory/index';

const resolvePlace = (ref: Parameters<typeof describePlace>[0], g: GeoTables, f: Record<string, CommuneFile | undefined>) => describePlace(ref, createTerritory(tablesFromFiles(g, f)));

let geo: GeoTables;
let files: Map<string, CommuneFile>;
let epci: EpciIndex;

beforeAll(() => {
  geo = buildGeo();
  ({ files, epci } = buildCommuneFiles());
});

/** Resolves like the widget does: only the files the code asks for. */
function place(code: string) {
  const ref = parseTerritoryCode(code);
  if (!ref) return undefined;
  const deps = departementsNeeded(ref, epci);
  return resolvePlace(ref, geo, Object.fromEntries(deps.map((d) => [d, files.get(d)])));
}

describe('places the widget describes, from its files (real COG data)', () => {
  it('names a commune with its département and région', () => {
    expect(place('69123')).toMatchObject({ level: 'commune', name: 'Lyon', context: ['Rhône (69)', 'Auvergne-Rhône-Alpes'], communes: ['69123'], departements: ['69'], regions: ['84'] });
    expect(place('2A004')).toMatchObject({ name: 'Ajaccio', departements: ['2A'], regions: ['94'] });
    expect(place('97411')).toMatchObject({ name: 'Saint-Denis', departements: ['974'], regions: ['04'] });
  });

  it('maps an arrondissement municipal to its commune for matching, keeping its own name', () => {
    expect(place('69381')).toMatchObject({ name: 'Lyon 1er Arrondissement', communes: ['69123', '69381'] });
  });

  it('reads départements, régions (prefixed) and EPCI', () => {
    expect(place('84')).toMatchObject({ level: 'departement', name: 'Vaucluse', regions: ['93'] });
    const aura = place('reg:84')!;
    expect(aura).toMatchObject({ level: 'region', name: 'Auvergne-Rhône-Alpes' });
    expect(aura.departements).toEqual(expect.arrayContaining(['01', '69', '74']));
    const lyon = place('200046977')!;
    expect(lyon).toMatchObject({ level: 'epci', name: 'Métropole de Lyon', departements: ['69'], regions: ['84'] });
    expect(lyon.communes).toEqual(expect.arrayContaining(['69123', '69266']));
    expect(lyon.communes).not.toContain('69001');
  });

  it('returns undefined for codes that do not exist', () => {
    expect(place('69999')).toBeUndefined();
    expect(place('00')).toBeUndefined();
    expect(place('reg:99')).toBeUndefined();
    expect(place('123456789')).toBeUndefined();
    // a commune without its file is unknown, not a crash
    expect(resolvePlace({ level: 'commune', code: '69123' }, geo, {})).toBeUndefined();
  });

  it('keeps each shipped file small', () => {
    const gz = (x: unknown) => gzipSync(JSON.stringify(x)).length;
    const biggest = Math.max(...[...files.values()].map(gz));
    expect(files.size).toBeGreaterThan(100);
    expect(biggest).toBeLessThan(12_000);
    expect(gz(files.get('69'))).toBeLessThan(5_000);
    expect(gz(geo)).toBeLessThan(3_000);
    expect(gz(epci)).toBeLessThan(8_000);
  });

  it('names places for the advice', () => {
    const { name } = createTerritory(tablesFromFiles(geo, { '69': files.get('69') }));
    expect(name('commune', '69266')).toBe('Villeurbanne');
    expect(name('departement', '2B')).toBe('Haute-Corse');
    expect(name('region', '53')).toBe('Bretagne');
    expect(name('commune', '75056')).toBeUndefined();
  });
});
