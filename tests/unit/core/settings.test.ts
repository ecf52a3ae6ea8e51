import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultSettings, mergeSettings, parseSettings, SETTINGS_VERSION, type Settings } from '../../../core/settings';
import { portals } from '../../../core/portals/index';

const known = portals.map((p) => p.id);

describe('parseSettings', () => {
  it('gives the defaults on a fresh install, without asking for a rewrite', () => {
    const r = parseSettings(undefined, known);
    expect(r.settings).toEqual(defaultSettings());
    expect(r.settings).toMatchObject({ v: SETTINGS_VERSION, role: 'acheteur', lang: 'fr', territory: null, disabledPortals: [], overlay: { side: 'right', collapsed: false }, listMarkers: true });
    expect(r.repaired).toBe(false);
  });

  it('list markers: on by default and for values stored before the setting existed; a wrong type is repaired', () => {
    const before = parseSettings({ v: SETTINGS_VERSION, role: 'structure', lang: 'fr', territory: null, disabledPortals: [], overlay: { side: 'right', collapsed: false } }, known);
    expect(before.settings.listMarkers).toBe(true);
    expect(before.repaired).toBe(false);
    const wrong = parseSettings({ ...defaultSettings(), listMarkers: 'off' }, known);
    expect(wrong.settings.listMarkers).toBe(true);
    expect(wrong.repaired).toBe(true);
    expect(wrong.problems).toContain('listMarkers: invalid');
    expect(mergeSettings(defaultSettings(), { listMarkers: false }, known).listMarkers).toBe(false);
  });

  it('keeps a valid current value as it is', () => {
    const stored: Settings = {
      v: SETTINGS_VERSION,
      role: 'structure',
      lang: 'en',
      territory: { commune: '44109', departement: '44', region: '52', label: 'Nantes (44000)' },
      disabledPortals: ['boamp'],
      overlay: { side: 'left', collapsed: true },
      listMarkers: false,
    };
    const r = parseSettings(structuredClone(stored), known);
    expect(r.settings).toEqual(stored);
    expect(r.repaired).toBe(false);
    expect(r.problems).toEqual([]);
  });

  it.each([
    ['a number', 42],
    ['an array', ['fr']],
    ['a boolean', true],
    ['text that is not JSON', '{"v":1,'],
  ])('falls back to the defaults and asks for a repair when the stored value is %s', (_, raw) => {
    const r = parseSettings(raw, known);
    expect(r.settings).toEqual(defaultSettings());
    expect(r.repaired).toBe(true);
  });

  it('repairs field by field: a bad field does not cost the good ones', () => {
    const r = parseSettings({ v: SETTINGS_VERSION, role: 'admin', lang: 'en', territory: { commune: 'abc', departement: '44' }, disabledPortals: 'boamp', overlay: { side: 'up', collapsed: 'yes' } }, known);
    expect(r.settings).toEqual({ ...defaultSettings(), lang: 'en', territory: { departement: '44' } });
    expect(r.repaired).toBe(true);
    expect(r.problems.join(' ')).toMatch(/role/);
    expect(r.problems.join(' ')).toMatch(/overlay.side/);
  });

  it('migrates an unversioned (v0) value: bare territory code, top-level overlay state, portal map', () => {
    const r = parseSettings({ role: 'structure', territory: '69123', position: 'left', collapsed: true, portals: { boamp: false, ted: true, atexo: false } }, known);
    expect(r.settings).toEqual({
      ...defaultSettings(),
      role: 'structure',
      territory: { commune: '69123', departement: '69' },
      disabledPortals: ['boamp', 'atexo'],
      overlay: { side: 'left', collapsed: true },
    });
    expect(r.repaired).toBe(true);
    expect(r.problems[0]).toMatch(/old version/);
  });

  it('reads a value from a newer build field by field and rewrites it in this version', () => {
    const r = parseSettings({ v: SETTINGS_VERSION + 1, role: 'structure', lang: 'en', theme: 'dark' }, known);
    expect(r.settings).toMatchObject({ v: SETTINGS_VERSION, role: 'structure', lang: 'en' });
    expect(r.repaired).toBe(true);
  });

  it('accepts JSON text once and asks to store the object', () => {
    const r = parseSettings(JSON.stringify({ v: SETTINGS_VERSION, lang: 'en' }), known);
    expect(r.settings.lang).toBe('en');
    expect(r.repaired).toBe(true);
  });

  it('drops portal ids the registry no longer has, and duplicates', () => {
    const r = parseSettings({ v: SETTINGS_VERSION, disabledPortals: ['boamp', 'boamp', 'gone-portal', 7] }, known);
    expect(r.settings.disabledPortals).toEqual(['boamp']);
    expect(r.repaired).toBe(true);
  });

  it('keeps a commune and its département consistent', () => {
    const r = parseSettings({ v: SETTINGS_VERSION, territory: { commune: '2A004', departement: '13' } }, known);
    expect(r.settings.territory).toEqual({ commune: '2A004', departement: '2A' });
    expect(r.repaired).toBe(true);
    expect(parseSettings({ v: SETTINGS_VERSION, territory: {} }).settings.territory).toBeNull();
  });

  it('never throws and always returns usable settings, whatever is stored', () => {
    fc.assert(
      fc.property(fc.anything({ withMap: true, withSet: true, withBigInt: true, withDate: true, withTypedArray: true }), (raw) => {
        const { settings } = parseSettings(raw, known);
        expect(['acheteur', 'structure']).toContain(settings.role);
        expect(['fr', 'en']).toContain(settings.lang);
        expect(['left', 'right']).toContain(settings.overlay.side);
        expect(typeof settings.overlay.collapsed).toBe('boolean');
        expect(Array.isArray(settings.disabledPortals)).toBe(true);
        expect(settings.territory === null || typeof settings.territory === 'object').toBe(true);
        // What comes out is stable: parsing it again changes nothing.
        expect(parseSettings(JSON.parse(JSON.stringify(settings)), known)).toEqual({ settings, repaired: false, problems: [] });
      }),
      { numRuns: 500 },
    );
    const hostile = { get role() { throw new Error('boom'); } };
    expect(parseSettings(hostile, known).settings).toEqual(defaultSettings());
  });
});

describe('mergeSettings', () => {
  it('applies a change and validates the result', () => {
    const next = mergeSettings(defaultSettings(), { overlay: { side: 'left', collapsed: false }, lang: 'en' }, known);
    expect(next).toMatchObject({ lang: 'en', overlay: { side: 'left', collapsed: false } });
    const bad = mergeSettings(defaultSettings(), { role: 'root' as never }, known);
    expect(bad.role).toBe('acheteur');
  });
});
