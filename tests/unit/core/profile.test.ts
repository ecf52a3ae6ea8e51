import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseProfile, profileErrorLine, profilePlaces, STRUCTURE_KINDS, isSiae } from '../../../core/profile/index';
import { loadJson } from '../../lib/engine';

const sectors = loadJson<{ id: string }[]>('data/sectors.json').map((s) => s.id);

describe('parseProfile (strict, as the CLI reads a file)', () => {
  it('reads the profile of the issue: kind, trades, territory as INSEE codes and reg:NN', () => {
    const r = parseProfile({ kind: 'aci', sectors: ['espaces-verts-naturels', 'proprete-nettoyage'], territory: ['59350', '62', 'reg:32'], maxValue: '150 000' }, { sectors });
    expect(r.errors).toEqual([]);
    expect(r.profile).toEqual({ v: 1, kind: 'aci', esus: false, sectors: ['espaces-verts-naturels', 'proprete-nettoyage'], territory: ['59350', '62', 'reg:32'], maxValue: 150000 });
    expect(profilePlaces(r.profile!)).toEqual({ communes: ['59350'], departements: ['62'], regions: ['32'] });
  });

  it('lists every error, one line for the CLI, and keeps nothing', () => {
    const r = parseProfile({ kind: 'siae', sectors: ['nettoyage', 'proprete-nettoyage'], territory: ['999999', '200046977', 'reg:xx'], maxValue: -3, colour: 'red' }, { sectors });
    expect(r.profile).toBeNull();
    expect(r.errors.map((e) => e.split(':')[0])).toEqual(['kind', 'sectors', 'territory', 'territory', 'territory', 'maxValue', 'colour']);
    const line = profileErrorLine(r.errors);
    expect(line).not.toMatch(/\n/);
    expect(line).toMatch(/^bad profile: kind: unknown "siae"/);
    expect(line).toMatch(/EPCI/);
  });

  it('refuses what is not an object, and a missing kind', () => {
    for (const raw of ['{"kind":', 42, [], 'null']) expect(parseProfile(raw, { sectors }).profile).toBeNull();
    expect(parseProfile({ sectors: [] }, { sectors }).errors[0]).toMatch(/^kind: missing/);
  });

  it('GEIQ is a kind of its own, not an SIAE; EATT is read as EA', () => {
    expect(isSiae('geiq')).toBe(false);
    expect(STRUCTURE_KINDS.filter(isSiae)).toEqual(['ei', 'aci', 'ai', 'etti', 'eiti']);
    expect(parseProfile({ kind: 'EATT' }, { sectors }).profile?.kind).toBe('ea');
  });
});

describe('parseProfile (repair, as the extension reads storage)', () => {
  it('keeps what is valid and asks for a rewrite', () => {
    const r = parseProfile({ v: 1, kind: 'esat', esus: 'yes', sectors: ['blanchisserie', 'x'], territory: ['69', 'nowhere'] }, { sectors, mode: 'repair' });
    expect(r.profile).toEqual({ v: 1, kind: 'esat', esus: false, sectors: ['blanchisserie'], territory: ['69'] });
    expect(r.repaired).toBe(true);
  });

  it('never throws and never returns an invalid profile, whatever is stored', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const r = parseProfile(raw, { sectors, mode: 'repair' });
        if (r.profile) {
          expect(STRUCTURE_KINDS).toContain(r.profile.kind);
          for (const s of r.profile.sectors) expect(sectors).toContain(s);
          expect(parseProfile(r.profile, { sectors }).errors).toEqual([]);
        }
      }),
    );
  });
});
