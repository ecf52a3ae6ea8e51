import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readNotice, readText } from '../../../core/read/index';
import type { NoticeRecord } from '../../../core/read/index';
import { advise, engine, placeNamer } from '../../lib/engine';
import { jsonl } from './helpers';

const { kb, territory } = engine();
const placeName = placeNamer(territory);
const records = new Map(jsonl<NoticeRecord & { id: string }>('real/tenders.jsonl').map((r) => [r.id, r]));
const read = (id: string) => readNotice(records.get(id)!, { territory });
const adv = (id: string, role: 'acheteur' | 'structure' = 'acheteur', lang: 'fr' | 'en' = 'fr') => advise(kb, read(id), { role, lang, placeName, today: '2020-08-01' });
const ids = (levers: { id: string }[], n = 5) => levers.slice(0, n).map((l) => l.id);

describe('advising on real notices', () => {
  it('a labour-intensive green-space service climbs to the top rung: reserve, with the sector as reason', () => {
    const a = adv('boamp-20-100500');
    expect(a.ladder.rung).toBe('reserve');
    expect(ids(a.levers, 3)).toEqual(expect.arrayContaining(['reserve-siae', 'clause-insertion']));
    const siae = a.levers.find((l) => l.id === 'reserve-siae')!;
    expect(siae.why).toMatch(/L2113-13/);
    expect(siae.why).toMatch(/77211500|espaces verts|fauch/i);
    expect(siae.status).toBe('suggested');
  });

  it('confirms what the notice already declares instead of suggesting it as missing', () => {
    const a = adv('boamp-20-96685');
    const clause = a.levers.find((l) => l.id === 'clause-insertion')!;
    expect(clause.status).toBe('declared');
    expect(clause.why).toMatch(/Déjà déclaré/);
    expect(a.levers[0]!.status).toBe('declared');
    const reserved = adv('decp-data.gouv.fr_pes-2018J1208A');
    expect(reserved.levers[0]).toMatchObject({ id: 'reserve-handicap', status: 'declared' });
    expect(reserved.ladder.why).toMatch(/déclare déjà/);
  });

  it('large works without lots get lots and an insertion clause', () => {
    const a = adv('boamp-20-102249');
    expect(ids(a.levers)).toEqual(expect.arrayContaining(['clause-insertion', 'allotissement']));
    expect(a.levers.find((l) => l.id === 'clause-insertion')!.why).toMatch(/travaux/i);
  });

  it('fair-trade labels for food supplies; none for a maintenance contract in a canteen', () => {
    expect(ids(adv('boamp-17-2599').levers, 3)).toContain('label-equitable');
    expect(ids(adv('boamp-20-102607').levers, 10)).not.toContain('label-equitable');
  });

  it('gives no theme where nothing specific fits, and explains the themes it gives', () => {
    for (const id of ['boamp-20-100029', 'boamp-20-90223', 'place-625646', 'boamp-20-101177']) expect(adv(id).themes, id).toEqual([]);
    const pyro = adv('boamp-20-102292');
    expect(pyro.themes[0]).toMatchObject({ id: 'culture' });
    expect(pyro.themes[0]!.why.join(' ')).toMatch(/92360000/);
    expect(pyro.ladder.rung).toBe('none');
  });

  it('the ESS structure reads whether and how to bid; the buyer gets clause wording', () => {
    const buyer = adv('boamp-20-100500', 'acheteur');
    const structure = adv('boamp-20-100500', 'structure');
    expect(ids(buyer.levers)).toEqual(ids(structure.levers));
    expect(buyer.levers.find((l) => l.id === 'clause-insertion')!.wording).toBeTruthy();
    expect(structure.levers.find((l) => l.id === 'clause-insertion')!.wording).toBeUndefined();
    expect(structure.levers[0]!.how).not.toEqual(buyer.levers[0]!.how);
    expect(buyer.bid).toEqual([]);
    expect(structure.bid.join(' ')).toMatch(/sous-traitant|Date limite|groupement/);
    const reserved = adv('decp-data.gouv.fr_pes-2018J1208A', 'structure');
    expect(reserved.bid[0]).toMatch(/Marché réservé/);
  });

  it('names local actors with a reason: the CRESS of the buyer’s région first', () => {
    const a = adv('boamp-20-100500');
    expect(a.actors[0]).toMatchObject({ id: 'cress-11', kind: 'cress' });
    for (const actor of a.actors) expect(actor.why.length).toBeGreaterThan(10);
    expect(a.links.some((l) => l.url.startsWith('https://lemarche.inclusion.gouv.fr/prestataires/'))).toBe(true);
    expect(a.links.some((l) => l.url === 'https://www.boamp.fr/pages/avis/?q=idweb:20-100500')).toBe(true);
  });

  it('works without a territory, and in English', () => {
    const r = readText('Marché de nettoyage des locaux de la mairie, entretien ménager des bureaux et vitrerie.');
    const a = advise(kb, r, { role: 'structure', lang: 'en' });
    expect(a.actors.every((x) => x.kind !== 'cress')).toBe(true);
    expect(ids(a.levers)).toEqual(expect.arrayContaining(['reserve-siae', 'reserve-handicap']));
    expect(a.levers[0]!.why).toMatch(/[A-Za-z]/);
    expect(a.levers.find((l) => l.id === 'reserve-siae')!.why).toMatch(/Sector where SIAE/);
  });

  it('advises on free text with a CPV and a territory', () => {
    const r = readText('Fourniture de repas en liaison froide pour la restauration scolaire', { cpv: ['55523100'], territory: '69123', resolver: territory });
    const a = advise(kb, r, { placeName });
    expect(a.themes[0]!.id).toBe('alimentation');
    expect(a.actors[0]!.id).toBe('cress-84');
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.constantFrom('acheteur', 'structure', 'elu', 'citoyen', 'x'), (text, role) => {
        const a = advise(kb, readText(text), { role: role as 'acheteur' });
        expect(Array.isArray(a.levers)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
