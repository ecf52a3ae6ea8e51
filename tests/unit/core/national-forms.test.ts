// National forms in `donnees`, in the shapes BOAMP's own search page reads them (its templates use
// FNSimple.initial.lots.lot[].numLot/intituleLot, MAPA.attribution.attribution.lotMarche, FNS OBJET.LOTS.LOT[].NUM/INTITULE):
// the real FNSimple record of tests/fixtures/current with its `donnees` replaced.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBoampRecord } from '../../../core/read/index.ts';
import type { Reading } from '../../../core/read/types.ts';
import { FIXTURES } from './helpers.ts';

const base = JSON.parse(readFileSync(join(FIXTURES, 'current', 'boamp-api_26-81190.json'), 'utf8')) as Record<string, unknown>;

function read(donnees: unknown): Reading {
  const r = readBoampRecord({ ...base, donnees: JSON.stringify(donnees) });
  if (!r.ok) throw new Error(r.reason);
  expect(r.warning).toBeUndefined();
  return r.reading;
}

describe('national forms', () => {
  it('FNSimple initial: lots with CPV, procedure, deadline, organism place, criteria, conditions and reservation fields', () => {
    const r = read({
      FNSimple: {
        organisme: { nomOfficiel: 'Commune de Melle', cp: '79500', ville: 'Melle' },
        initial: {
          natureMarche: { intitule: 'Entretien des espaces verts', natureMarche: { services: '' } },
          procedure: { procedureAdaptee: '' },
          lots: { lot: [{ numLot: '1', intituleLot: 'Tonte', description: 'Tonte des pelouses', cpv: { principal: '77314000' } }, { numLot: '2', intituleLot: 'Taille des haies', description: 'Taille' }] },
          criteres: { criteresAttribution: "Prix 40 % ; valeur technique 40 % ; performances en matière d'insertion professionnelle des publics en difficulté 20 %" },
          conditionExecution: "Clause sociale d'insertion : 300 heures de travail",
          marcheReserve: { non: '' },
          delai: { dateLimiteReponse: '2026-10-12T12:00:00' },
        },
      },
    });
    expect(r.tender).toMatchObject({ nature: 'services', procedure: 'Procédure adaptée', deadline: '2026-10-12T12:00:00', cpv: ['77314000'] });
    expect(r.tender.lots).toEqual([
      { number: '1', title: 'Tonte', cpv: ['77314000'] },
      { number: '2', title: 'Taille des haies', cpv: [] },
    ]);
    expect(r.tender.placeClues?.buyer).toMatchObject({ postalCode: '79500', city: 'Melle' });
    expect(r.signals.map((s) => s.id)).toEqual(['not-reserved', 'clause-insertion', 'critere-social', 'allotissement']);
  });

  it('MAPA award: each lot with its amount, the total', () => {
    const r = read({ MAPA: { organisme: { nomOfficiel: 'Commune de Melle' }, attribution: { attribution: { lotMarche: [{ numLot: '1', intituleLot: 'Tonte', montant: '12 000 euros' }, { numLot: '2', intituleLot: 'Taille', montant: '8000' }] } } } });
    expect(r.tender.lots.map((l) => [l.number, l.title, l.value])).toEqual([
      ['1', 'Tonte', 12000],
      ['2', 'Taille', 8000],
    ]);
    expect(r.tender.estimatedValue).toBe(20000);
  });

  it('FNS with the XML schema names: main CPV, lots, execution conditions', () => {
    const r = read({ FNS: { OBJET: { TITRE_MARCHE: 'Fourniture de repas', CPV: { PRINCIPAL: '55321000' }, LOTS: { LOT: [{ NUM: '1', INTITULE: 'Repas chauds', CPV: { PRINCIPAL: '55321000' } }, { NUM: '2', INTITULE: 'Goûters' }] } }, CONDITIONS_EXECUTION: "Clause d'insertion sociale prévue au CCAP." } });
    expect(r.tender.cpv).toEqual(['55321000']);
    expect(r.tender.lots.map((l) => [l.number, l.title])).toEqual([
      ['1', 'Repas chauds'],
      ['2', 'Goûters'],
    ]);
    expect(r.signals.map((s) => s.id)).toEqual(['clause-insertion', 'allotissement']);
  });
});
