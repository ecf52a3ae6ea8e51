// The words of a marker in both languages: the badge, and the sentence that says what, why and from where.
import { describe, expect, it } from 'vitest';
import { markerText } from '../../../components/marker-text';

describe('marker words', () => {
  it('names what the notice declares, acronyms kept, and where the facts come from', () => {
    const m = { key: 'idweb:26-1', id: 'declared' as const, source: 'record' as const, signals: ['reserve-handicap', 'clause-insertion'] };
    expect(markerText(m, 'fr')).toEqual({
      label: 'Déclare : marché réservé ESAT / EA, clause d’insertion',
      detail: 'Essor : Déclare : marché réservé ESAT / EA, clause d’insertion. D’après l’avis publié (données ouvertes du BOAMP).',
    });
    expect(markerText(m, 'en').label).toBe('Declares: reserved for ESAT / EA, insertion clause');
    expect(markerText({ ...m, source: 'list' }, 'fr').label).toBe('Déclare : marché réservé ESAT / EA, clause d’insertion (d’après la liste)');
    expect(markerText({ ...m, source: 'list' }, 'en').detail).toMatch(/From the summary shown in the list only: the notice may declare more\.$/);
  });

  it('says "nothing" differently when only the list was read', () => {
    const m = { key: 'url:x', id: 'nothing' as const, source: 'record' as const, signals: [] };
    expect(markerText(m, 'fr').label).toBe('Rien de déclaré');
    expect(markerText({ ...m, source: 'list' }, 'fr').label).toBe('Rien de visible dans la liste');
    expect(markerText({ ...m, source: 'list' }, 'en').label).toBe('Nothing shown in the list');
  });

  it('with a profile, gives the structure’s first line and still names what is declared', () => {
    const m = { key: 'idweb:26-2', id: 'reserved-for-you' as const, source: 'record' as const, signals: ['reserve-siae'], headline: 'Réservé à votre type de structure' };
    const fr = markerText(m, 'fr');
    expect(fr.label).toBe('Réservé à votre type de structure');
    // The first line is said once, however the badge words it.
    expect(fr.detail).toBe('Essor : Réservé à votre type de structure. L’avis déclare : marché réservé SIAE. D’après l’avis publié (données ouvertes du BOAMP).');
    expect(markerText({ ...m, id: 'fits', headline: 'Lot 3 à votre portée' }, 'fr').detail).toBe('Essor : Pour votre profil. Lot 3 à votre portée. L’avis déclare : marché réservé SIAE. D’après l’avis publié (données ouvertes du BOAMP).');
    expect(markerText({ ...m, id: 'not-for-you', headline: 'Not for you: industrial supplies' }, 'en').label).toBe('Outside your profile');
  });
});
