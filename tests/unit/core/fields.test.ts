import { describe, expect, it } from 'vitest';
import { normaliseCpv, normaliseCpvList } from '../../../core/read/cpv.ts';
import { canonicalProcedure, findCpvs, findEstimatedValue, parseAmount, parseDate, parseDeadline } from '../../../core/read/fields/index.ts';
import { fold } from '../../../core/read/text.ts';

describe('CPV normaliser', () => {
  it('keeps 8 digits, drops the check digit, rejects the rest', () => {
    expect(normaliseCpv('39812100-8')).toBe('39812100');
    expect(normaliseCpv('39812100')).toBe('39812100');
    expect(normaliseCpv(' 39 81 21 00 ')).toBe('39812100');
    expect(normaliseCpv(39812100)).toBe('39812100');
    expect(normaliseCpv('3981210')).toBeNull();
    expect(normaliseCpv('398121000')).toBeNull();
    expect(normaliseCpv('00000000')).toBeNull();
    expect(normaliseCpv('CPV 39812100')).toBeNull();
    expect(normaliseCpv(null)).toBeNull();
    expect(normaliseCpvList(['39812100-8', '39812100', 'x', 77211500])).toEqual(['39812100', '77211500']);
  });

  it('finds codes near a CPV mention, main first', () => {
    expect(findCpvs('II.1.2) Code CPV principal : Descripteur principal : 77211500 Descripteur supplémentaire : II.1.3) Type')).toEqual({ codes: ['77211500'], main: true });
    expect(findCpvs('CPV - Objet principal : 09111400. Objets supplémentaires : 80530000.')).toEqual({ codes: ['09111400', '80530000'], main: true });
    expect(findCpvs('Code CPV : 71335000 (Code principal)')).toEqual({ codes: ['71335000'], main: true });
    expect(findCpvs('SIRET 21690123100011, tél. 0169317210')).toEqual({ codes: [], main: false });
  });
});

describe('dates and deadlines', () => {
  it('parses French dates with times', () => {
    expect(parseDate('16/10/2020 à 12h00')).toBe('2020-10-16T12:00:00');
    expect(parseDate('21 septembre 2020 - 12:00')).toBe('2020-09-21T12:00:00');
    expect(parseDate('4 septembre 2020, à 17 heures.')).toBe('2020-09-04T17:00:00');
    expect(parseDate('le 1er décembre 2026')).toBe('2026-12-01');
    expect(parseDate('27/03/26 à 12h00')).toBe('2026-03-27T12:00:00');
    expect(parseDate('2017-01-30T16:00:00+01:00')).toBe('2017-01-30T16:00:00+01:00');
    expect(parseDate('31/02/2020')).toBeUndefined();
    expect(parseDate('pas de date')).toBeUndefined();
  });

  it('reads the deadline after its label', () => {
    expect(parseDeadline("Publié le 02/03/2026. Date limite de réception des offres : 4 septembre 2020, à 17 heures.")).toBe('2020-09-04T17:00:00');
    expect(parseDeadline('Time limit for receipt of tenders or requests to participate\nDate: 06/10/2020\nLocal time: 12:00')).toBe('2020-10-06T12:00:00');
    expect(parseDeadline('Date et heure limite de remise des plis : 15/09/2020 12:00 (heure de Paris)')).toBe('2020-09-15T12:00:00');
  });
});

describe('estimated value', () => {
  it('takes the explicit maximum estimate, then the total, then the highest stated value', () => {
    expect(findEstimatedValue("montant minimum annuel de 30 000 euro(s) Ht et un montant maximum annuel de 220 000 euro(s) Ht.Valeur maximum estimée sur 4 ans : 880 000 euro(s) Ht")).toBe(880000);
    expect(findEstimatedValue('II.1.5) Valeur totale estimée : Valeur hors TVA : 500 000 euros II.1.6) … Maximum Ht 125 000,00 euro(s)')).toBe(500000);
    expect(findEstimatedValue('Value excluding VAT: 785 000.00 EUR')).toBe(785000);
    expect(findEstimatedValue('Valeur estimée hors TVA : entre 60 000 et 90 000 euros HT.')).toBe(90000);
    expect(findEstimatedValue('quantité maximum 48 000 repas')).toBeUndefined();
    expect(parseAmount('2,5 millions')).toBe(2500000);
    expect(parseAmount('1 000 000,00')).toBe(1000000);
  });
});

describe('text helpers', () => {
  it('fold keeps the length (evidence is cut from the original)', () => {
    for (const s of ['Marché réservé : Œuvre', 'L’insertion – «bio»', 'Ÿ İstanbul ﬁ 𝔘']) expect(fold(s)).toHaveLength(s.length);
    expect(fold('Marché RÉSERVÉ’')).toBe("marche reserve'");
  });
  it('canonical procedures', () => {
    expect(canonicalProcedure('procédure adaptée')).toBe('Procédure adaptée');
    expect(canonicalProcedure('1 - Open procedure')).toBe("Appel d'offres ouvert");
    expect(canonicalProcedure("Appel d'offres restreint")).toBe("Appel d'offres restreint");
    expect(canonicalProcedure('TYPE_PROCEDURE/OUVERT')).toBe("Appel d'offres ouvert");
  });
});
