// Actors that fit the buyer (issue 17): the buyer's kind decides which networks and agencies are offered, the
// territory's operational actors come first, research bodies are no contact for a purchase, one reason each.
import { describe, expect, it } from 'vitest';
import { readNotice, type NoticeRecord } from '../../../core/read/index';
import { buyerKind, type BuyerKind } from '../../../core/advise/buyer-kind';
import { fold } from '../../../core/text';
import { advise, engine, placeNamer } from '../../lib/engine';
import { jsonl } from './helpers';

const { kb, territory } = engine();
const placeName = placeNamer(territory);
const regionOf = (d: string) => territory.regionOf(d);
type Rec = NoticeRecord & { id: string; buyer?: string; cpv?: string[] };
const SETS = ['real', 'eval', 'eval-2', 'eval-3', 'eval-4', 'eval-5', 'eval-6'];
const all: Rec[] = SETS.flatMap((s) => jsonl<Rec>(`${s}/tenders.jsonl`));
const byId = new Map(all.map((r) => [r.id, r]));
const adv = (id: string, lang: 'fr' | 'en' = 'fr') => advise(kb, readNotice(byId.get(id)!, { territory }), { role: 'acheteur', lang, placeName, regionOf, today: '2026-12-01' });
const RESEARCH = /\bchaire\b|(?<!moteur )\bde recherche\b|\blaboratoire d idees\b|\bprospective\b/;
const isResearch = (id: string) => RESEARCH.test(fold(`${kb.actor(id)?.name ?? ''} ${kb.actor(id)?.description ?? ''}`));

describe('buyer kind from the names of real buyers', () => {
  const cases: [string, BuyerKind][] = [
    ['COMMUNE DE LUNEL', 'commune'],
    ['Ville de Gennevilliers', 'commune'],
    ['Mairie de Niort', 'commune'],
    ["Maire d'Amilly", 'commune'],
    ['C.C.A.S. de Toulon', 'commune'],
    ['Ville de Paris - Direction Constructions Publiques et Architecture', 'commune'],
    ['Communauté Communes Pévèle Carembault', 'epci'],
    ["Communauté d'Agglomération de Saintes", 'epci'],
    ['CA DU PAYS DE SAINT OMER', 'epci'],
    ['CC Brie Champenoise', 'epci'],
    ['C-C-DOMBES-SAONE-VALLEE', 'epci'],
    ['Montluçon Communauté', 'epci'],
    ['Eurométropole de Strasbourg', 'epci'],
    ['EPT Plaine Commune', 'epci'],
    ['Sivom du Louhannais', 'epci'],
    ['SM AMENAGEMENT HYDRAULIQUE VAL YVETTE', 'epci'],
    ['Conseil Départemental de la Guadeloupe', 'departement'],
    ['Departement De Tarn Et Garonne', 'departement'],
    ['Département des A-M - Direction de la Culture', 'departement'],
    ['REGION NORMANDIE - DIRECTION DES BATIMENTS REGIONAUX', 'region'],
    ['Région des Pays de la Loire', 'region'],
    ['Centre hospitalier de Valenciennes', 'hospital'],
    ['CHU DE POITIERS', 'hospital'],
    ['GHT DE LA GUADELOUPE, Direction des achats (Cellule des marches)', 'hospital'],
    ['ASSISTANCE PUBLIQUE HOPITAUX DE PARIS', 'hospital'],
    ['GCS Blanchisserie des Hôpitaux de Savoie', 'hospital'],
    ['Ehpad Saint Jacques', 'hospital'],
    ['Hauts-de-Seine Habitat - OPH', 'social-housing'],
    ['HABITAT 76', 'social-housing'],
    ["Société immobilière picarde d'HLM", 'social-housing'],
    ['DIR Sud-Ouest', 'state'],
    ['DEAL de Guyane', 'state'],
    ['MC / 1-Ministère de la Culture / DRAC / DRAC Pays de la Loire - Direction Régionale des Affaires Culturelles - Pays de la Loire', 'state'],
    ['MINT / SGAR / SGARE PFRA - Grand Est', 'state'],
    ["DIRECTION GENERALE DE L'AVIATION CIVILE_DGAC_SNIA", 'state'],
    ['Pôle emploi PACA', 'state'],
    ['Université de Tours', 'state'],
    // Names that say none of these stay `other`, not a guess.
    ['RTM - Régie des Transports Métropolitains', 'other'],
    ["Société d'Equipement de la Région Montpelliéraine", 'other'],
    ["Association Syndicale d'Irrigation de Saint-Louis (971)", 'other'],
    ['Association du Personnel des Services Départementaux', 'other'],
    ['Grand Port Maritime de Marseille', 'other'],
    ['BUDGET PRINCIPAL', 'other'],
  ];
  it.each(cases)('%s → %s', (name, kind) => {
    expect(all.some((r) => r.buyer === name), `${name} is a real buyer of the fixtures`).toBe(true);
    expect(buyerKind(name)).toBe(kind);
  });

  it('an absent or empty name is `other`, never a throw', () => {
    for (const n of [undefined, '', '   ', '—', '(06)']) expect(buyerKind(n)).toBe('other');
  });
});

describe('actors for the buyer', () => {
  it('a commune’s cleaning contract: the territory’s actors first, no State directorate', () => {
    const a = adv('boamp-26-26793');
    expect(buyerKind(byId.get('boamp-26-26793')!.buyer)).toBe('commune');
    const ids = a.actors.map((x) => x.id);
    expect(ids).not.toContain('dae');
    expect(ids).not.toContain('dgefp');
    expect(a.actors[0]).toMatchObject({ id: 'cress-11' });
    const locals = a.actors.filter((x) => x.scope !== 'national');
    expect(locals.length).toBeGreaterThanOrEqual(2);
    const firstNational = a.actors.findIndex((x) => x.scope === 'national');
    expect(a.actors.slice(firstNational).every((x) => x.scope === 'national')).toBe(true);
    // Someone to find the structures that can do the cleaning under a reservation.
    expect(ids.some((id) => id === 'le-marche-de-l-inclusion' || id === 'coorace')).toBe(true);
  });

  it('a hospital gets the networks that serve any buyer, none meant for local authorities or the State', () => {
    const a = adv('boamp-26-25574');
    expect(buyerKind(byId.get('boamp-26-25574')!.buyer)).toBe('hospital');
    const ids = a.actors.map((x) => x.id);
    expect(a.actors[0]!.kind).toBe('cress');
    for (const id of ['dae', 'dgefp', 'rtes', 'territoires-conseils', 'intercommunalites-de-france', 'france-urbaine', 'regions-de-france']) expect(ids).not.toContain(id);
    expect(a.actors.some((x) => x.kind === 'collectivite')).toBe(false);
    // An insertion purchase (temporary staff): who finds the SIAE, and who finds the clause facilitator.
    expect(ids).toContain('coorace');
    expect(a.actors.some((x) => /facilitateur/.test(x.why))).toBe(true);
  });

  it('a State service gets the State’s purchasing directorate for its insertion clause', () => {
    const a = adv('boamp-20-81064');
    expect(buyerKind(byId.get('boamp-20-81064')!.buyer)).toBe('state');
    expect(a.actors.map((x) => x.id)).toContain('dae');
    expect(a.actors.map((x) => x.id)).not.toContain('rtes');
  });

  it('a clause purchase gets the facilitation of its territory before any national network, whatever the buyer', () => {
    const commune = adv('boamp-26-26334');
    const relais = commune.actors.findIndex((x) => x.id === 'relais-2d');
    expect(relais).toBeGreaterThan(0);
    expect(commune.actors[relais]!.why).toMatch(/Facilitateur de clauses du territoire/);
    expect(commune.actors.slice(0, relais).every((x) => x.scope !== 'national')).toBe(true);
    // The national networks that only point to a facilitator add nothing once the local one is known.
    expect(commune.actors.some((x) => x.kind === 'facilitator' && x.scope === 'national')).toBe(false);
    // A hospital is served by the métropole that runs the clauses for every buyer of its territory, though
    // other local authorities are not offered to it as peers.
    // The same hospital buyer (machines for its laundry, a supply that calls for no clause), buying the laundry
    // work itself.
    const laundry = { ...byId.get('boamp-26-25313')!, title: 'Prestations de blanchisserie et d’entretien du linge des services de soins' };
    const chu = advise(kb, readNotice(laundry, { territory }), { role: 'acheteur', placeName, regionOf, today: '2026-12-01' });
    expect(chu.levers.some((l) => l.id === 'clause-insertion')).toBe(true);
    expect(adv('boamp-26-25313').levers.some((l) => l.id === 'clause-insertion' && l.status === 'suggested')).toBe(false);
    expect(buyerKind(laundry.buyer)).toBe('hospital');
    expect(chu.actors.map((x) => x.id)).toContain('epci-200040715');
    expect(chu.actors.find((x) => x.id === 'epci-200040715')!.why).toMatch(/facilitation des clauses/);
  });

  it('insertion contracts get no research body', () => {
    // Pévèle Carembault is in Hauts-de-France, where the knowledge base holds a university chair and a research
    // centre: they were proposed before.
    for (const id of ['boamp-20-96685', 'decp-data.gouv.fr_pes-2018J1223A00', 'decp-marches-publics.info-20185700', 'decp-data.gouv.fr_pes-2019A1100']) {
      const a = adv(id);
      expect(a.levers.some((l) => l.id === 'clause-insertion' || l.id === 'reserve-siae'), id).toBe(true);
      expect(a.actors.filter((x) => isResearch(x.id)).map((x) => x.id), id).toEqual([]);
    }
    expect(adv('boamp-20-96685').actors.map((x) => x.id)).toContain('apes-hauts-de-france');
  });

  it('one reason per actor, its own, never the list of lever names; in English too', () => {
    for (const id of ['boamp-26-26793', 'boamp-20-96685', 'boamp-26-25574', 'boamp-20-100500']) {
      for (const lang of ['fr', 'en'] as const) {
        const a = adv(id, lang);
        const whys = a.actors.map((x) => x.why);
        expect(new Set(whys).size, `${id} ${lang}`).toBe(whys.length);
        for (const w of whys) {
          expect(w).not.toMatch(/Utile pour|Useful for|Cité par les kits sur|Named in the kits on/);
          expect(w.length).toBeGreaterThan(20);
        }
        if (lang === 'en') for (const w of whys) expect(w, w).not.toMatch(/\b(Réseau|Fédération|Plateforme|Structure d|La CRESS de votre)\b/);
      }
    }
  });

  it('on every real notice: the State directorate only for State buyers, no research body, the territory first', () => {
    for (const r of all) {
      const a = adv(r.id);
      const kind = buyerKind(r.buyer);
      const ids = a.actors.map((x) => x.id);
      if (kind !== 'state') expect(ids, r.id).not.toContain('dae');
      if (!['commune', 'epci', 'departement', 'region', 'other'].includes(kind)) expect(ids, r.id).not.toContain('rtes');
      if (!r.cpv?.some((c) => c.startsWith('73'))) expect(ids.filter(isResearch), r.id).toEqual([]);
      const firstNational = a.actors.findIndex((x) => x.scope === 'national');
      if (firstNational >= 0) expect(a.actors.slice(firstNational).every((x) => x.scope === 'national'), r.id).toBe(true);
      const bodies = a.actors.filter((x) => x.kind !== 'structure');
      expect(new Set(bodies.map((x) => x.why)).size, r.id).toBe(bodies.length);
      expect(a.actors.length, r.id).toBeLessThanOrEqual(8);
    }
  });
});
