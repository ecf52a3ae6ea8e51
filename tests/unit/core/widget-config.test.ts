import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseConfig, parseTerritoryCode } from '../../../core/widget/config';

describe('parseConfig', () => {
  it('fills defaults when nothing is given', () => {
    expect(parseConfig({})).toEqual({ config: { mode: 'citoyen', themes: [], lang: 'fr', query: '' }, errors: [] });
    expect(parseConfig(undefined).errors).toEqual([]);
    expect(parseConfig(null).config.mode).toBe('citoyen');
  });

  it('reads every option of the issue', () => {
    const { config, errors } = parseConfig({ territoire: '69123', mode: 'acheteur', themes: 'alimentation,mobilite', lang: 'en', query: '  clause   sociale ' });
    expect(errors).toEqual([]);
    expect(config).toEqual({ territory: { level: 'commune', code: '69123' }, mode: 'acheteur', themes: ['alimentation', 'mobilite'], lang: 'en', query: 'clause sociale' });
  });

  it('is lenient on case, accents, separators and language tags', () => {
    const { config, errors } = parseConfig({ mode: ' Élu ', themes: 'Alimentation; mobilite  alimentation', lang: 'fr-FR' });
    expect(errors).toEqual([]);
    expect(config.mode).toBe('elu');
    expect(config.themes).toEqual(['alimentation', 'mobilite']);
    expect(config.lang).toBe('fr');
    expect(parseConfig({ themes: ['culture', 'tourisme'] }).config.themes).toEqual(['culture', 'tourisme']);
  });

  it('reports each bad option with its value and keeps the good ones', () => {
    const { config, errors } = parseConfig({ territoire: 'Lyon', mode: 'maire', themes: 'alimentation,velo', lang: 'de' });
    expect(errors).toEqual([
      { option: 'mode', value: 'maire', key: 'errUnknownMode' },
      { option: 'lang', value: 'de', key: 'errUnknownLang' },
      { option: 'themes', value: 'velo', key: 'errUnknownTheme' },
      { option: 'territoire', value: 'Lyon', key: 'errUnknownTerritory' },
    ]);
    expect(config).toEqual({ mode: 'citoyen', themes: ['alimentation'], lang: 'fr', query: '' });
  });

  it('clips what it quotes back', () => {
    const long = 'x'.repeat(500);
    const { errors } = parseConfig({ mode: long });
    expect(errors[0]!.value.length).toBeLessThanOrEqual(40);
  });

  it('keeps a nonce', () => {
    expect(parseConfig({ nonce: ' abc123 ' }).config.nonce).toBe('abc123');
  });

  it('never throws, whatever the host passes', () => {
    const hostile = { get mode() { throw new Error('boom'); } };
    expect(parseConfig(hostile).config.mode).toBe('citoyen');
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('territoire', 'mode', 'themes', 'lang', 'query', 'nonce', 'x'), fc.anything()), (input) => {
        const { config, errors } = parseConfig(input);
        expect(['citoyen', 'elu', 'acheteur', 'structure']).toContain(config.mode);
        expect(['fr', 'en']).toContain(config.lang);
        expect(Array.isArray(errors)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseTerritoryCode', () => {
  it.each([
    ['69123', 'commune', '69123'],
    ['2A004', 'commune', '2A004'],
    ['2a004', 'commune', '2A004'],
    ['97411', 'commune', '97411'],
    ['69', 'departement', '69'],
    ['2B', 'departement', '2B'],
    ['974', 'departement', '974'],
    ['reg:84', 'region', '84'],
    ['region:11', 'region', '11'],
    ['Région=93', 'region', '93'],
    ['dep:84', 'departement', '84'],
    ['commune:69123', 'commune', '69123'],
    ['200046977', 'epci', '200046977'],
    ['epci:244400404', 'epci', '244400404'],
  ])('%s is a %s', (input, level, code) => {
    expect(parseTerritoryCode(input)).toEqual({ level, code });
  });

  it.each(['', 'Lyon', '6912', '691234', 'reg:1', 'reg:2A', 'dep:123', 'commune:69', '<img src=x>'])('rejects %j', (input) => {
    expect(parseTerritoryCode(input)).toBeUndefined();
  });
});
