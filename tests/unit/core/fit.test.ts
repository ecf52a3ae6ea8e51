import { describe, expect, it } from 'vitest';
import { readNotice, type NoticeRecord } from '../../../core/read/index';
import { fitNotice, type Fit } from '../../../core/fit/index';
import { parseProfile, STRUCTURE_KINDS, type StructureKind } from '../../../core/profile/index';
import { advise, engine, placeNamer } from '../../lib/engine';
import { jsonl } from './helpers';

const { kb, territory } = engine();
const sectorIds = kb.sectors.map((s) => s.id);
const records = jsonl<NoticeRecord & { id: string }>('real/tenders.jsonl');
const byId = new Map(records.map((r) => [r.id, r]));
const placeName = placeNamer(territory);

function fit(id: string, raw: Record<string, unknown>, opts: { today?: string; lang?: 'fr' | 'en' } = {}): Fit {
  const reading = readNotice(byId.get(id)!, { territory });
  const lang = opts.lang ?? 'fr';
  const advice = advise(kb, reading, { role: 'structure', lang, today: '2020-08-01' });
  const p = parseProfile(raw, { sectors: sectorIds });
  if (!p.profile) throw new Error(p.errors.join('; '));
  return fitNotice(reading, advice, p.profile, { kb, lang, today: opts.today ?? '2020-09-01', regionOf: (d) => territory.regionOf(d), placeName });
}

describe('reserved for whom, read from the notice and matched with the kind of structure', () => {
  // A DECP record of the Ville de Lyon: "Marché réservé" (ESAT/EA under the old code's wording).
  const lyon = 'decp-data.gouv.fr_pes-2018J1208A';
  // A 2020 BOAMP European form: box III.1.5 "ateliers protégés … personnes handicapées ou défavorisées".
  const rouen = 'boamp-20-102039';

  it('an ESAT or an EA hears that the contract is reserved for its kind', () => {
    for (const kind of ['esat', 'ea'] as const) {
      const f = fit(lyon, { kind, sectors: ['proprete-nettoyage'], territory: ['69'] });
      expect(f).toMatchObject({ verdict: 'yes', headlineId: 'reserved-you', headline: 'Réservé à votre type de structure' });
      expect(f.reasons[0]).toMatch(/L2113-12/);
      expect(f.actions.join(' ')).toMatch(/autorisation ESAT, agrément EA/);
    }
  });

  it('an SIAE, a GEIQ or an association hears that it cannot bid, and why', () => {
    for (const kind of ['ei', 'aci', 'geiq', 'association', 'scop'] as const) {
      const f = fit(lyon, { kind, sectors: ['proprete-nettoyage'], territory: ['69'] });
      expect(f.verdict, kind).toBe('no');
      expect(f.headline).toBe('Réservé aux ESAT et entreprises adaptées : pas ouvert à votre structure');
      expect(f.actions).toEqual([]);
    }
  });

  it('the European wording covering disadvantaged workers too makes an SIAE check the rules, never a GEIQ', () => {
    const aci = fit(rouen, { kind: 'aci', territory: ['76'] });
    expect(aci).toMatchObject({ verdict: 'maybe', headlineId: 'reserved-check' });
    expect(aci.reasons.join(' ')).toMatch(/L2113-13/);
    const geiq = fit(rouen, { kind: 'geiq', territory: ['76'] });
    expect(geiq).toMatchObject({ verdict: 'no', headlineId: 'reserved-other' });
    expect(fit(rouen, { kind: 'esat', territory: ['76'] }).headlineId).toBe('reserved-you');
  });

  it('every kind gets an answer on every real reserved notice; on L2113-12 alone only ESAT/EA, and SIAE on the joint European wording, are not turned away', () => {
    const reserved = records.filter((r) => readNotice(r, { territory }).signals.some((s) => s.id.startsWith('reserve-')));
    expect(reserved.length).toBeGreaterThanOrEqual(3);
    for (const r of reserved) {
      const signals = readNotice(r, { territory }).signals.map((s) => s.id);
      for (const kind of STRUCTURE_KINDS) {
        const f = fit(r.id, { kind, territory: ['75'] }, { today: '2000-01-01' });
        if (signals.includes('reserve-handicap') && !signals.includes('reserve-siae') && !signals.includes('reserve-ess') && f.verdict !== 'no') expect(['esat', 'ea', 'ei', 'aci', 'ai', 'etti', 'eiti'] as StructureKind[], `${r.id} ${kind}`).toContain(kind);
        expect(f.headline.length).toBeGreaterThan(5);
      }
    }
  });
});

describe('what fits the structure’s trades', () => {
  it('a lot in reach: green-space lots of a landscaping notice for an insertion workshop', () => {
    const f = fit('boamp-20-101701', { kind: 'aci', sectors: ['espaces-verts-naturels'], territory: ['reg:32'], maxValue: 100000 });
    expect(f).toMatchObject({ verdict: 'yes', headlineId: 'lots', headline: 'Lots 1, 3 et 4 à votre portée', lots: ['1', '3', '4'], territory: 'inside' });
    expect(f.reasons.join(' ')).toMatch(/lot 1 « Prestations d'entretien paysager »/);
    expect(f.reasons.join(' ')).toMatch(/280 000 € HT au-delà de votre capacité/);
    expect(f.actions.join(' ')).toMatch(/Répondez seulement sur les lots 1, 3 et 4/);
    expect(f.networks.map((n) => n.id)).toContain('cress-32');
    expect(fit('boamp-20-101701', { kind: 'aci', sectors: ['espaces-verts-naturels'], territory: ['60'] }, { lang: 'en' }).headline).toBe('Lots 1, 3 and 4 within your reach');
  });

  it('an insertion organisation is the lead bidder when insertion is what is bought, not a subcontractor of a clause', () => {
    const f = fit('boamp-20-96685', { kind: 'aci', sectors: ['espaces-verts-naturels'], territory: ['59'] });
    expect(f).toMatchObject({ verdict: 'yes', headlineId: 'lead', headline: 'L’insertion est l’objet du marché : candidatez en titulaire' });
    const all = [f.headline, ...f.reasons, ...f.actions].join(' ');
    expect(all).not.toMatch(/proposez vos heures|sous-traitant du titulaire/);
    expect(all).toMatch(/titulaire naturel/);
    // An ESAT is not an insertion organisation: the same notice is not its trade.
    expect(fit('boamp-20-96685', { kind: 'esat', sectors: ['blanchisserie'], territory: ['59'] }).headlineId).not.toBe('lead');
  });

  it('a supply that is not for them: masks for a cleaning enterprise, horticultural supplies for a green-space workshop', () => {
    const masks = fit('boamp-20-101721', { kind: 'ei', sectors: ['proprete-nettoyage'], territory: ['87'] });
    expect(masks).toMatchObject({ verdict: 'no', headline: 'Pas pour vous : fournitures industrielles' });
    expect(masks.actions).toEqual([]);
    const horticulture = fit('boamp-20-101651', { kind: 'aci', sectors: ['espaces-verts-naturels'], territory: ['34'] });
    expect(horticulture).toMatchObject({ verdict: 'no', headlineId: 'not-for-you' });
    expect(horticulture.lots).toEqual([]);
    expect(fit('boamp-20-101721', { kind: 'ei', sectors: ['proprete-nettoyage'], territory: ['87'] }, { lang: 'en' }).headline).toBe('Not for you: manufactured supplies');
  });

  it('an insertion clause is offered only where the notice declares one', () => {
    const f = fit('boamp-20-81064', { kind: 'ai', sectors: ['batiment-second-oeuvre'], territory: ['31'] });
    expect(f).toMatchObject({ verdict: 'maybe', headlineId: 'clause', headline: 'Clause d’insertion : proposez vos heures au titulaire — contactez le facilitateur' });
    for (const r of records) {
      const reading = readNotice(r, { territory });
      const declares = reading.signals.some((s) => s.id === 'clause-insertion');
      for (const kind of ['ai', 'aci', 'geiq', 'ea'] as const) {
        const g = fit(r.id, { kind, sectors: ['batiment-second-oeuvre', 'proprete-nettoyage'], territory: ['31'] }, { today: '2000-01-01' });
        const text = [g.headline, ...g.reasons, ...g.actions].join(' ');
        if (!declares) {
          expect(g.headlineId, r.id).not.toBe('clause');
          expect(text, r.id).not.toMatch(/clause d’insertion au titulaire|proposez vos heures/i);
        }
      }
    }
  });
});

describe('territory, size and time', () => {
  it('counts the days left from an injected today, and says no once the deadline is past', () => {
    const p = { kind: 'ei', sectors: ['espaces-verts-naturels'], territory: ['91'] };
    expect(fit('boamp-20-100500', p, { today: '2020-09-01' })).toMatchObject({ verdict: 'yes', daysLeft: 6 });
    expect(fit('boamp-20-100500', p, { today: '2020-09-01' }).reasons.join(' ')).toMatch(/Plus que 6 jours avant la date limite \(7 septembre 2020\)/);
    expect(fit('boamp-20-100500', p, { today: '2020-09-10' })).toMatchObject({ verdict: 'no', headlineId: 'past' });
  });

  it('far away or too big for one structure is a maybe with a joint bid, and networks to find partners', () => {
    const f = fit('boamp-20-100500', { kind: 'ei', sectors: ['espaces-verts-naturels'], territory: ['13'], maxValue: 20000 });
    expect(f).toMatchObject({ verdict: 'maybe', territory: 'outside' });
    expect(f.reasons.join(' ')).toMatch(/groupement/);
    expect(f.actions.join(' ')).toMatch(/groupement momentané/);
    expect(f.networks.map((n) => n.id)).toEqual(expect.arrayContaining(['cress-93', 'le-marche-de-l-inclusion']));
  });

  it('a catering contract too big for one structure brings a catering cooperative of the same région as a partner', () => {
    const rec = jsonl<NoticeRecord & { id: string }>('eval/tenders.jsonl').find((r) => r.id === 'decp-202401-0200')!;
    const reading = readNotice(rec, { territory });
    const advice = advise(kb, reading, { role: 'structure' });
    const profile = parseProfile({ kind: 'aci', sectors: ['restauration-alimentation'], territory: ['75'], maxValue: 10000 }, { sectors: sectorIds }).profile!;
    const f = fitNotice(reading, advice, profile, { kb, today: '2024-01-01', regionOf: (d) => territory.regionOf(d), placeName });
    expect(f.partners.map((p) => p.id)).toContain('coop-bio-ile-de-france');
    expect(f.partners[0]!.why).toMatch(/Île-de-France.*restauration/);
  });

  it('partners are ESS structures of the profile’s territory with a trade the notice needs', () => {
    for (const r of records) {
      for (const region of ['32', '52', '75', '84', '11']) {
        const f = fit(r.id, { kind: 'aci', sectors: ['espaces-verts-naturels'], territory: [`reg:${region}`] }, { today: '2000-01-01' });
        for (const p of f.partners) {
          const a = kb.actor(p.id)!;
          expect(a.kind).toBe('structure');
          expect(a.region).toBe(region);
          expect(p.why).toMatch(a.name);
        }
      }
    }
  });
});

describe('markers on result lists', () => {
  it('without a profile, say what the notice declares; with one, whether it fits', async () => {
    const { resultMarker } = await import('../../../core/fit/index');
    const reserved = readNotice(byId.get('decp-data.gouv.fr_pes-2018J1208A')!, { territory });
    expect(resultMarker(reserved)).toEqual({ id: 'declared', signals: ['reserve-handicap'] });
    expect(resultMarker(readNotice(byId.get('boamp-20-101721')!, { territory }))).toEqual({ id: 'nothing', signals: [] });
    expect(resultMarker(reserved, fit('decp-data.gouv.fr_pes-2018J1208A', { kind: 'esat', territory: ['69'] }))).toMatchObject({ id: 'reserved-for-you', headline: 'Réservé à votre type de structure' });
    expect(resultMarker(reserved, fit('decp-data.gouv.fr_pes-2018J1208A', { kind: 'aci', territory: ['69'] })).id).toBe('not-for-you');
    const lots = readNotice(byId.get('boamp-20-101701')!, { territory });
    expect(resultMarker(lots, fit('boamp-20-101701', { kind: 'aci', sectors: ['espaces-verts-naturels'], territory: ['60'] }))).toMatchObject({ id: 'fits', signals: ['critere-social'] });
  });
});

describe('fitNotice on any input', () => {
  it('never throws and always answers, on free text read as a notice, for every kind', async () => {
    const fc = (await import('fast-check')).default;
    const { readText } = await import('../../../core/read/index');
    const { STRUCTURE_KINDS: kinds } = await import('../../../core/profile/index');
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.constantFrom(...kinds), fc.subarray(sectorIds, { maxLength: 3 }), (text, kind, sectors) => {
        const reading = readText(text, { territory });
        const advice = advise(kb, reading, { role: 'structure', today: '2026-01-01' });
        const f = fitNotice(reading, advice, parseProfile({ kind, sectors, territory: ['75'] }, { sectors: sectorIds }).profile!, { kb, today: '2026-01-01' });
        expect(['yes', 'maybe', 'no']).toContain(f.verdict);
        expect(f.headline.length).toBeGreaterThan(3);
        for (const r of [...f.reasons, ...f.actions]) expect(typeof r).toBe('string');
      }),
      { numRuns: 150 },
    );
  });
});
