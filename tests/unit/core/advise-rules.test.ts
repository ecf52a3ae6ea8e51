// Each advising rule pinned on real notices: the held-apart set (tests/fixtures/eval, BOAMP open data and DECP)
// and the development set (tests/fixtures/real).
import { describe, expect, it } from 'vitest';
import { readNotice, readText } from '../../../core/read/index';
import type { NoticeRecord } from '../../../core/read/index';
import { createKb, type KbData, type Lever } from '../../../core/kb/index';
import { FACT_IDS } from '../../../core/advise/facts';
import { phrase, type PhraseKey } from '../../../core/advise/phrases';
import { advise, engine, loadJson, placeNamer } from '../../lib/engine';
import { jsonl } from './helpers';

const { kb, territory } = engine();
const placeName = placeNamer(territory);
const SETS = ['eval', 'eval-2', 'eval-3', 'eval-4', 'eval-7', 'eval-8', 'eval-9', 'eval-10', 'eval-14', 'eval-15', 'eval-16', 'eval-17', 'eval-18', 'eval-19', 'eval-20', 'eval-21', 'eval-22', 'eval-23', 'eval-24', 'eval-25', 'eval-26', 'eval-27', 'eval-28', 'eval-29', 'eval-30', 'eval-31', 'eval-32', 'eval-33', 'eval-34', 'eval-35', 'eval-36', 'eval-37', 'eval-38', 'real'];
const records = new Map(SETS.flatMap((set) => jsonl<NoticeRecord & { id: string }>(`${set}/tenders.jsonl`)).map((r) => [r.id, r]));
const read = (id: string) => {
  const rec = records.get(id);
  if (!rec) throw new Error(`no record ${id}`);
  return readNotice(rec, { territory });
};
const adv = (id: string, o: { role?: 'acheteur' | 'structure'; lang?: 'fr' | 'en'; today?: string; published?: string } = {}) => advise(kb, read(id), { role: o.role ?? 'acheteur', lang: o.lang ?? 'fr', placeName, today: o.today ?? '2026-04-01', published: o.published });
const suggested = (a: ReturnType<typeof adv>, n = 5) => a.levers.filter((l) => l.status === 'suggested').slice(0, n).map((l) => l.id);
const reserves = (a: ReturnType<typeof adv>) => suggested(a, 99).filter((id) => id.startsWith('reserve-'));

describe('reservations only where ESAT/EA or SIAE deliver the work', () => {
  it('cleaning of premises: both reservations first, with a strength, its reason and a Le Marché search in the département', () => {
    const a = adv('boamp-26-26793'); // PRESTATIONS DE NETTOYAGE DES BATIMENTS COMMUNAUX, Gennevilliers
    expect(suggested(a, 3)).toEqual(expect.arrayContaining(['reserve-siae', 'reserve-handicap']));
    const siae = a.levers.find((l) => l.id === 'reserve-siae')!;
    expect(['fort', 'possible']).toContain(siae.strength);
    expect(siae.rung).toBe('reserve');
    expect(siae.reason).toMatch(/titre|CPV/);
    expect(siae.reason).toMatch(/Essor ne connaît pas/);
    expect(a.whyNot).toEqual([]);
    const marche = a.links.find((l) => l.url.startsWith('https://lemarche.inclusion.gouv.fr/prestataires/'))!;
    expect(marche.url).toContain('sectors=nettoyage-de-locaux-16');
    expect(marche.url).toContain('perimeters=hauts-de-seine');
  });

  it('cleaning with a wrong CPV code: the words of the title decide', () => {
    const a = adv('decp-2023-LOT_800'); // NETTOYAGE DES LOCAUX ET DES VITRERIES, CPV 75200000
    expect(suggested(a, 3)).toEqual(expect.arrayContaining(['reserve-siae', 'reserve-handicap']));
  });

  it('green spaces: SIAE reservation with the CPV code as evidence', () => {
    const a = adv('decp-20242024C0100'); // ENTRETIEN ESPACES VERTS, CPV 77310000
    expect(suggested(a, 3)).toContain('reserve-siae');
    expect(a.levers.find((l) => l.id === 'reserve-siae')!.reason).toMatch(/77310000/);
    expect(a.ladder.rung).toBe('reserve');
  });

  it('a purchase too big to reserve whole steps down to a reserved lot', () => {
    const a = adv('decp-2023000000008500'); // NETTOYAGE … PARC OLYMPIQUE - LOT 4, 600 000 €, one lot of several: reserve it
    expect(a.ladder.rung).toBe('reserve');
    const big = adv('decp-202345600'); // Fourniture et plantation de végétaux, 1 800 000 €, no lots
    expect(big.ladder.rung).not.toBe('reserve');
  });

  it('meal preparation and distribution is catering work; laundry machines are goods', () => {
    const meals = adv('boamp-26-25366'); // préparation, fabrication, livraison, distribution des repas
    expect(meals.sectors.map((x) => x.id)).toContain('restauration-alimentation');
    expect(suggested(meals, 3)).toContain('label-equitable');
    const machines = adv('boamp-26-25313'); // équipements neufs de blanchisserie industrielle
    expect(reserves(machines)).toEqual([]);
    expect(machines.whyNot.map((w) => w.field)).toContain('goods');
  });

  it('catering and meal production: an ESAT/EA reservation', () => {
    expect(suggested(adv('boamp-26-26661'), 3)).toContain('reserve-handicap'); // restauration/traiteur, Val-d'Oise
  });

  it('printing and mailing, bookbinding: ESAT/EA work, SIAE not pushed first', () => {
    for (const id of ['boamp-26-26379', 'boamp-26-24781']) {
      const a = adv(id);
      expect(suggested(a, 3), id).toContain('reserve-handicap');
      expect(suggested(a, 3), id).not.toContain('reserve-siae');
    }
  });

  it('waste sorting: the SIAE reservation, not the ESAT one the sector lists after the clause', () => {
    const a = adv('decp-2024037L0100'); // Traitement des fibreux, CPV 90510000
    expect(suggested(a, 3)).toEqual(expect.arrayContaining(['reserve-siae', 'clause-insertion']));
    expect(reserves(a)).not.toContain('reserve-handicap');
  });

  it('removals and handling (development set): SIAE reservation and clause', () => {
    expect(suggested(adv('boamp-20-100029'), 3)).toEqual(expect.arrayContaining(['reserve-siae', 'clause-insertion']));
  });

  it('a social award criterion is offered as the lower rung where structures of the trade exist', () => {
    const a = adv('boamp-26-26793');
    const crit = a.levers.find((l) => l.id === 'critere-social')!;
    expect(crit).toBeDefined();
    expect(crit.rung).toBe('criterion');
    expect(crit.why).toMatch(/R2152-7/);
    expect(adv('boamp-26-26747').levers.map((l) => l.id)).not.toContain('critere-social'); // IT support: no labour trade
  });

  it('small building works: the insertion clause comes first, no ESAT reservation', () => {
    const a = adv('decp-2023191282L0000'); // PEINTURE ET REVÊTEMENT DE SOL SOUPLES, CPV 45442100
    expect(suggested(a, 3)).toContain('clause-insertion');
    expect(reserves(a)).not.toContain('reserve-handicap');
  });

  it('a social or leisure service named by the ESS reservation’s own phrases: reserve to ESS enterprises', () => {
    const a = adv('boamp-26-25493'); // Gestion et animation des accueils de loisirs
    expect(suggested(a, 3)).toContain('reserve-ess');
    expect(a.levers.find((l) => l.id === 'reserve-ess')!.why).toMatch(/accueil de loisirs/);
  });

  it('no ESS reservation for works, even on an early-childhood building; training of people on an insertion pathway is for ESS enterprises', () => {
    expect(reserves(adv('boamp-26-24145'))).not.toContain('reserve-ess'); // Aménagement d'un ensemble petite enfance (travaux)
    expect(suggested(adv('boamp-26-24077'), 3)).toContain('reserve-ess'); // formation … dispositif PLIE, ateliers linguistiques
  });

  it('urban and social project management (MOUS) is social support of residents, not engineering; the ESS reservation needs a listed code', () => {
    const a = adv('boamp-20-85052'); // Pilotage et animation d'une MOUS de relogement, CPV 79310000
    expect(a.whyNot.map((w) => w.field)).not.toContain('intellectual');
    // Market research (79310000) is not among the services L2113-15 lets a buyer reserve; social support is (853).
    expect(suggested(a, 99)).not.toContain('reserve-ess');
    expect(a.whyNot.map((w) => w.field)).toContain('ess-list');
    const listed = advise(kb, readText("Pilotage et animation d'une MOUS (maîtrise d'œuvre urbaine et sociale) de relogement. Code CPV principal : 85320000"), { today: '2026-04-01' });
    expect(suggested(listed, 3)).toContain('reserve-ess');
    // Project management of a building stays intellectual.
    expect(adv('boamp-20-81064').whyNot.map((w) => w.field)).toContain('intellectual');
  });

  it('insertion through work goes to SIAE; insertion as guidance to ESS enterprises', () => {
    const byWork = adv('decp-data.gouv.fr_pes-2019A1100'); // services d'insertion et de qualification, CPV 45112710
    expect(suggested(byWork, 3)).toContain('reserve-siae');
    expect(reserves(byWork)).not.toContain('reserve-ess');
    const guidance = adv('boamp-20-101058'); // insertion professionnelle, CPV 80530000 / 85312300
    expect(suggested(guidance, 3)).toContain('reserve-ess');
    expect(reserves(guidance)).not.toContain('reserve-siae');
  });
});

describe('levers a practitioner expects that the rules used to miss (BOAMP 2020 pages of eval-7, eval-8, eval-9)', () => {
  it('washing of protective clothing is laundry work: ESAT/EA first', () => {
    const a = adv('boamp-20-101983'); // "Location lavage des epi", Noirmoutier, no CPV code
    expect(suggested(a, 3)).toContain('reserve-handicap');
    expect(a.whyNot).toEqual([]);
  });

  it('Christmas parcels for the elderly are assembled by hand, a first trade of ESAT: the ESAT/EA reservation, even bought as a supply', () => {
    const a = adv('boamp-20-101173'); // Fourniture et livraison de colis de Noël pour les personnes âgées de Bourg de Péage, 39 000 €
    expect(suggested(a, 3)).toContain('reserve-handicap');
    expect(a.whyNot).toEqual([]);
  });

  it('distributing documents in letter boxes is field work of insertion structures as much as of ESAT: both reservations', () => {
    const a = adv('decp-data.gouv.fr_pes-2019VDN19008000'); // DISTRIBUTION DE DOCUMENTS NON ADRESSES EN BOITE AUX LETTRES…, Nice
    expect(suggested(a, 3)).toEqual(expect.arrayContaining(['reserve-siae', 'reserve-handicap']));
  });

  it('upkeep of salt marshes is natural-area work: the insertion clause', () => {
    const a = adv('decp-data.gouv.fr_pes-2019I3620000'); // Entretien des marais salants…, CPV 77100000
    expect(suggested(a, 3)).toContain('clause-insertion');
  });

  it('subscriptions to periodicals are publications bought, not printing work: no reservation', () => {
    const a = adv('boamp-20-102147'); // FOURNITURES D'ABONNEMENT A DES PUBLICATIONS PERIODIQUES, CPV 22212100
    expect(reserves(a)).toEqual([]);
    expect(a.whyNot.map((w) => w.field)).toContain('goods');
  });

  it('"Travaux de…" or "Aménagement des…" at the head of a title buys works even under a goods code: the insertion clause', () => {
    expect(suggested(adv('decp-marches-publics.info-2018PA182801'), 3)).toContain('clause-insertion'); // Travaux de mise en oeuvre d'un système de comptage…, CPV 38551000
    expect(suggested(adv('decp-marches-publics.info-20190025100'), 3)).toContain('clause-insertion'); // Aménagement des espaces publics du quartier…, CPV 34928500
    // A supply stays a supply.
    expect(suggested(advise(kb, readText('Fourniture de compteurs d\'énergie électrique'), { today: '2026-04-01' }), 3)).not.toContain('clause-insertion');
  });

  it('a title that opens with the work done buys the work, whatever goods code the buyer took: emptying litter bins', () => {
    const a = adv('decp-e-marchespublics-2018FCS3200'); // COLLECTE DES CORBEILLES A PAPIER…, CPV 39224340 (bins)
    expect(suggested(a, 3)).toContain('clause-insertion');
    expect(a.whyNot.map((w) => w.field)).not.toContain('goods');
  });

  it('meals prepared for the elderly (CPV 55321000) are food bought for people: the label lever in the first three', () => {
    expect(suggested(adv('decp-e-marchespublics-2018185300'), 3)).toContain('label-equitable'); // Confection de repas conditionnés en liaison froide…
  });

  it('replacing a buyer\'s agents through a vocational-rehabilitation code is provision of staff: insertion through work (SIAE); an awarded contract is no longer bought without publicity', () => {
    const a = adv('decp-data.gouv.fr_pes-2019530100'); // PRESTATION DE REMPLACEMENT D'AGENTS TECHNIQUES TERRITORIAUX…, CPV 85312510, 29 200 €
    expect(read('decp-data.gouv.fr_pes-2019530100').tender.noticeType).toBe('award');
    expect(suggested(a, 3)).toContain('reserve-siae');
    expect(a.levers.find((l) => l.id === 'marche-sans-publicite')?.strength ?? 'faible').toBe('faible');
  });

  it('graffiti removal and fly-posting clean-up are urban cleaning: the insertion clause', () => {
    const a = adv('decp-202423091700'); // TRAITEMENT TAGS GRAFFITIS ET RETRAIT AFFICHES SUR LE DOMAINE PUBLIC…
    expect(suggested(a, 3)).toContain('clause-insertion');
  });

  it('a title opening with "Aménagement d’un…" buys works even without a CPV code: the insertion clause', () => {
    const a = adv('boamp-17-1028'); // Aménagement d'un parking de 116 places…, Mérignac
    expect(suggested(a, 3)).toContain('clause-insertion');
    expect(reserves(a).filter((id) => id !== 'reserve-siae')).toEqual([]);
    // "Aménagement des rythmes scolaires" is not works.
    const rythmes = advise(kb, readText('Aménagement des rythmes scolaires : animation des temps d’activités périscolaires'), { today: '2026-04-01' });
    expect(rythmes.levers.find((l) => l.id === 'clause-insertion')?.why ?? '').not.toMatch(/Travaux/);
  });

  it('collective catering (CPV 55500000) is food bought for people: a label lever beside the reservations', () => {
    const a = adv('boamp-20-100686'); // restauration collective, SDIS 76
    expect(suggested(a, 3)).toContain('label-equitable');
  });

  it('social work with accommodation as a secondary CPV code (85311000) is a listed ESS service; "hébergement" of people is not IT', () => {
    const a = adv('boamp-20-102594'); // hébergement et accompagnement socio-médico-éducatif des mineurs
    expect(suggested(a, 3)).toContain('reserve-ess');
    expect(a.whyNot.map((w) => w.field)).not.toContain('it');
  });

  it('one cleaning contract for a whole hospital group: lots first, the reservations step down to a lot', () => {
    const a = adv('boamp-20-102485'); // GHT Moselle Est, "Valeur estimée hors TVA : 1 euros"
    expect(suggested(a, 1)).toEqual(['allotissement']);
    expect(suggested(a, 4)).toEqual(expect.arrayContaining(['clause-insertion', 'reserve-siae', 'reserve-handicap']));
    expect(a.levers.find((l) => l.id === 'allotissement')!.why).toMatch(/groupement hospitalier/);
    expect(a.levers.find((l) => l.id === 'reserve-siae')!.strength).toBe('possible');
    expect(a.ladder.rung).toBe('lot');
    expect(suggested(a, 99)).not.toContain('marche-sans-publicite');
  });
});

describe('no reservation, and the panel says why', () => {
  const cases: [string, string, RegExp][] = [
    ['boamp-26-25043', 'goods', /biens fabriqués/], // uniforms and equipment of the municipal police
    ['decp-2020M0021800', 'goods', /biens fabriqués/], // cleaning products
    ['boamp-26-26747', 'it', /informatiques/], // IT support centre and application maintenance
    ['boamp-26-26376', 'artistic', /artistique/], // fireworks shows
    ['boamp-26-24677', 'transport', /transport de personnes/], // demand-responsive public transport
    ['decp-2023ST23110000', 'energy', /énergie/], // fuel supply
    ['boamp-26-26239', 'intellectual', /intellectuelle/], // energy engineering of a school retrofit
    ['boamp-26-25120', 'waste-treatment', /traitement industriel/], // treatment of residual bulky waste
  ];
  for (const [id, field, text] of cases)
    it(`${id}: no reservation (${field})`, () => {
      const a = adv(id);
      expect(reserves(a)).toEqual([]);
      const w = a.whyNot.find((x) => x.field === field);
      expect(w, JSON.stringify(a.whyNot)).toBeTruthy();
      expect(w!.text).toMatch(text);
      expect(w!.levers.length).toBeGreaterThan(0);
      expect(w!.levers.every((l) => l.startsWith('reserve-'))).toBe(true);
    });

  it('an electronic archiving project is IT, not paper archiving (real BOAMP title 22-9195)', () => {
    const r = readText("AMOA 'Apurement, gestion et archivage des données contenues dans Iodas et Multigest'", { territory: '26', resolver: territory });
    const a = advise(kb, r, { placeName });
    expect(a.levers.filter((l) => l.id.startsWith('reserve-'))).toEqual([]);
  });

  // Real BOAMP titles (26-23885, 26-24673; data/boamp_avis_3000.csv of Augustin690/audit-marches-publics-france).
  it('what follows "pour" is the purpose, not the purchase: vehicles for school catering are goods', () => {
    const a = advise(kb, readText('Location de longue durée de 2 véhicules frigorifiques thermiques neufs < ou = à 3,5T (permis B) pour la restauration scolaire de la ville de Limoges'), { today: '2026-04-01' });
    expect(a.levers.filter((l) => l.id.startsWith('reserve-'))).toEqual([]);
    expect(a.whyNot.map((w) => w.field)).toContain('goods');
  });

  it('collective transport of people: no reservation, mobility theme', () => {
    const a = advise(kb, readText("La présente consultation a pour objet des prestations de transports collectifs des personnes de l'Accueil de Jour du Centre Louise Coucheroux, géré par le Ccas de la Commune"), { today: '2026-04-01' });
    expect(a.whyNot.map((w) => w.field)).toContain('transport');
    expect(a.themes.map((t) => t.id)).toContain('mobilite');
  });

  // Real BOAMP titles of March 2026 (26-25598, 26-24830; data/boamp_avis_3000.csv of Augustin690/audit-marches-publics-france).
  it('a service trade named inside a works notice is a task of the works: no reservation, the insertion clause', () => {
    const a = advise(kb, readText('TRAVAUX DE GENIE CIVIL ET MANUTENTION POUR LA REGIE DU STATIONNEMENT'), { today: '2026-04-01' });
    expect(a.sectors.map((s) => s.id)).not.toContain('demenagement-logistique');
    expect(a.levers.filter((l) => l.id.startsWith('reserve-'))).toEqual([]);
    expect(a.levers.filter((l) => l.status === 'suggested').map((l) => l.id)).toContain('clause-insertion');
    // The same trade bought as a service keeps its reservation.
    const service = advise(kb, readText('Prestations de manutention et de déménagement des services municipaux'), { today: '2026-04-01' });
    expect(service.levers.filter((l) => l.status === 'suggested').map((l) => l.id)).toContain('reserve-siae');
  });

  it('a concession hands over a whole service: no reservation suggested, and why; a reuse shop under concession stays open', () => {
    const a = advise(kb, readText('Délégation de service public pour la restauration collective de la Ville et du CCAS de Vallauris Golfe-Juan'), { today: '2026-04-01' });
    expect(a.levers.filter((l) => l.id.startsWith('reserve-') && l.status === 'suggested')).toEqual([]);
    expect(a.whyNot.find((w) => w.field === 'concession')?.text).toMatch(/concession \(délégation de service public\)/);
    expect(a.themes.map((t) => t.id)).toContain('alimentation');
    const reuse = advise(kb, readText('Concession de service public pour l’exploitation de la ressourcerie et du réemploi des objets de la déchèterie'), { today: '2026-04-01' });
    expect(reuse.whyNot.map((w) => w.field)).not.toContain('concession');
  });

  // Real BOAMP titles of 2020 (tests/fixtures/eval-7) with their CPV codes.
  it('creative and scenographic work for events, and the production of a cultural event, are artistic: no reservation', () => {
    for (const text of ["Accord-cadre multi-attributaires à marchés subséquents d'accompagnement créatif et scénographique des évènements de la Ville de Paris. Code CPV principal : 79952000", "Délégation d'une partie de la production de l'événement Un Eté Au Havre pour l'édition 2021 et suivantes. Code CPV principal : 79952100"]) {
      const a = advise(kb, readText(text), { today: '2026-04-01' });
      expect(a.levers.filter((l) => l.id.startsWith('reserve-')), text).toEqual([]);
    }
    // The labour of events stays open: reception and set-up.
    const setUp = advise(kb, readText('Prestations de logistique événementielle : montage et démontage de stands et agents d’accueil pour les manifestations de la ville'), { today: '2026-04-01' });
    expect(setUp.levers.some((l) => l.id.startsWith('reserve-') && l.status === 'suggested')).toBe(true);
  });

  it('a title that names waste treatment first outweighs a collection CPV code; collection and treatment stay open', () => {
    const treat = advise(kb, readText('Prise en charge et traitement des déchets ménagers ultimes. Code CPV principal : 90511000'), { today: '2026-04-01' });
    expect(treat.levers.filter((l) => l.id.startsWith('reserve-'))).toEqual([]);
    expect(treat.whyNot.map((w) => w.field)).toContain('waste-treatment');
    const collect = advise(kb, readText('Collecte des déchets ménagers et assimilés, et leur traitement. Code CPV principal : 90511000'), { today: '2026-04-01' });
    expect(collect.whyNot.map((w) => w.field)).not.toContain('waste-treatment');
  });

  it('digital learning content is IT work, not a training service to reserve to ESS enterprises', () => {
    const a = advise(kb, readText('Marché public de digitalisation de contenus pédagogiques. Code CPV principal : 80420000'), { today: '2026-04-01' });
    expect(a.levers.filter((l) => l.id.startsWith('reserve-'))).toEqual([]);
    expect(a.whyNot.map((w) => w.field)).toContain('it');
  });

  // Real notices of tests/fixtures/eval-9 (BOAMP 2016-2020, DECP 2018-19).
  const nine = new Map(jsonl<NoticeRecord & { id: string }>('eval-9/tenders.jsonl').map((r) => [r.id, r]));
  const adv9 = (id: string) => advise(kb, readNotice(nine.get(id)!, { territory }), { placeName, today: '2026-04-01' });
  it('lead decontamination of shooting ranges is hazardous work, not cleaning', () => {
    const a = adv9('boamp-20-100495'); // CPV 90743000 (toxic-substance pollution), 90900000 (cleaning)
    expect(reserves(a)).toEqual([]);
    expect(a.whyNot.map((w) => w.field)).toContain('hazardous');
  });

  it('locum doctors are supplied by agencies: no ESS reservation from the list of L2113-15 alone', () => {
    const a = adv9('boamp-17-4742'); // PRESTATION D'INTERIM MEDICAL EN ANESTHESIE-REANIMATION, CPV 79625000
    expect(reserves(a)).toEqual([]);
    expect(a.whyNot.map((w) => w.field)).toContain('medical-staff');
  });

  it('printed matter bought as a supply is printing work (CPV 22900000)', () => {
    const a = adv9('boamp-20-100239'); // réalisation et fourniture de support d'imprimés
    expect(a.sectors[0]?.id).toBe('impression-routage');
    expect(a.whyNot.map((w) => w.field)).not.toContain('goods');
    expect(suggested(a, 5).some((id) => id.startsWith('reserve-'))).toBe(true);
  });

  it('door-to-door collection heads the title: a collection service, not waste treatment', () => {
    const a = adv9('boamp-20-102019'); // Collecte en porte à porte, transport et traitement des déchets végétaux
    expect(a.whyNot.map((w) => w.field)).not.toContain('waste-treatment');
    expect(suggested(a, 3)).toContain('clause-insertion');
  });

  it('a place named in the title is not the trade: a car park at a cemetery is no green-space work', () => {
    const a = adv9('boamp-17-1028'); // Aménagement d'un parking de 116 places sur le site du parc cimetière
    expect(a.sectors.map((x) => x.id)).not.toContain('espaces-verts-naturels');
    expect(reserves(a)).toEqual([]);
  });

  it('graphic design (CPV 79822500) is creative work, not printing: no reservation', () => {
    const a = adv('boamp-20-99886'); // conception et exécution graphiques…, Forum antique de Bavay
    expect(reserves(a)).toEqual([]);
    expect(a.whyNot.map((w) => w.field)).toContain('intellectual');
  });

  it('running a closed landfill (CPV 90530000) and treating rubble are waste treatment, not collection or sorting', () => {
    const landfill = adv('boamp-20-100974'); // post-exploitation de l'ancien CET de Crégy-lès-Meaux
    expect(reserves(landfill)).toEqual([]);
    expect(landfill.whyNot.map((w) => w.field)).toContain('waste-treatment');
    const rubble = adv('boamp-20-102629'); // Traitement des gravats des déchèteries du Smd3, CPV 90510000
    expect(reserves(rubble)).toEqual([]);
  });

  it('occupational medicine is a listed health service: the ESS reservation; medical staff served are not medical staff supplied', () => {
    const a = adv('boamp-20-102388'); // médecine du travail "du personnel médical et non médical", CPV 85147000
    expect(suggested(a, 3)).toContain('reserve-ess');
    expect(a.whyNot.map((w) => w.field)).not.toContain('medical-staff');
    expect(a.whyNot.find((w) => w.field === 'health')?.levers).toEqual(['reserve-handicap', 'reserve-siae']);
  });

  it('servicing catering refrigeration equipment is technicians\' work: no reservation, no food theme', () => {
    const a = adv('boamp-20-101675'); // Maintenance des matériels professionnels froids de restauration collective, CPV 50883000
    expect(reserves(a)).toEqual([]);
    expect(a.whyNot.map((w) => w.field)).toContain('equipment-maintenance');
    expect(a.themes.map((t) => t.id)).not.toContain('alimentation');
    // Upkeep of premises stays cleaning work.
    expect(reserves(advise(kb, readText('Entretien ménager et nettoyage des locaux de la mairie'), { today: '2026-04-01' }))).not.toEqual([]);
  });

  it('says it in English too', () => {
    const a = adv('boamp-26-25043', { lang: 'en' });
    expect(a.whyNot[0]!.text).toMatch(/No reservation/);
  });
});

describe('a lot named in the title', () => {
  it('"… - Lot Menuiserie et mobilier" is one lot of an allotted operation; the Lot river and the Lot-et-Garonne are not', () => {
    const ids = (title: string) => readNotice({ id: 't', title, object: title, cpv: [] } as unknown as NoticeRecord, { territory }).signals.map((x) => x.id);
    expect(read('decp-e-marchespublics-2019001700').signals.map((x) => x.id)).toContain('allotissement'); // Restructuration de l'internat … - Lot Menuiserie et mobilier (eval-28)
    expect(read('decp-20237220231000').signals.map((x) => x.id)).toContain('allotissement'); // "72202310LOT 2 TRANSPORTS …": a number glued to the word (eval-31)
    expect(ids('Marché de pilotage 2 ans')).not.toContain('allotissement');
    expect(ids('Travaux de réhabilitation du gymnase : Lot Gros œuvre')).toContain('allotissement');
    expect(ids('Etudes hydromorphologiques et hydrauliques sur le secteur de la Diège et du Lot médian')).not.toContain('allotissement');
    expect(ids('Travaux de voirie communale en Lot-et-Garonne')).not.toContain('allotissement');
    expect(ids('Nettoyage des locaux - LOT UNIQUE')).not.toContain('allotissement');
  });
});

describe('the ESS reservation only on the services its article lists (L2113-15)', () => {
  const essOf = (t: string) => advise(kb, readText(t), { today: '2026-04-01' });
  it('a code off the list gets no ESS reservation, whatever its words, and the panel says why', () => {
    const a = adv('decp-marches-publics.info-201819400'); // ACM PETITE ENFANCE 3-5 ANS …, CPV 92331210 (eval-26)
    expect(suggested(a, 99)).not.toContain('reserve-ess');
    const why = a.whyNot.find((w) => w.field === 'ess-list')!;
    expect(why.levers).toEqual(['reserve-ess']);
    expect(why.text).toMatch(/L2113-15.*92331210/);
    expect(suggested(essOf('Accueil de loisirs sans hébergement des mercredis. Code CPV principal : 92331210'), 99)).not.toContain('reserve-ess');
    // Meals for crèches are a catering trade: the ESAT/EA and SIAE reservations stay.
    const meals = adv('decp-marches-publics.info-20181801100'); // repas et goûters … structures petite enfance, CPV 15894200
    expect(suggested(meals, 99)).not.toContain('reserve-ess');
    expect(suggested(meals, 3)).toContain('reserve-handicap');
  });
  it('a listed code, or a broad one above listed services, keeps it; the list is not said when nothing asked for it', () => {
    expect(suggested(essOf('Accompagnement social des familles hébergées. Code CPV principal : 85320000'), 3)).toContain('reserve-ess');
    expect(suggested(essOf("Animation d'activités culturelles et sportives pour les jeunes. Code CPV principal : 92000000"), 3)).toContain('reserve-ess');
    expect(adv('decp-data.gouv.fr_pes-201812900').whyNot.map((w) => w.field)).not.toContain('ess-list'); // cleaning of premises
  });
  it('renting and cleaning work clothes is textile upkeep work, not a clothing purchase; converting a van is a body shop\'s trade', () => {
    const wear = adv('decp-marches-publics.info-20190200'); // Location /nettoyage, entretien et réparation de vêtements de travail et EPI, CPV 18100000 (eval-26)
    expect(wear.whyNot.map((w) => w.field)).not.toContain('goods');
    expect(suggested(wear, 3)).toContain('reserve-handicap');
    const van = adv('decp-marches-publics.info-2019190060200'); // Transformation, aménagement et covering d'un véhicule utilitaire, CPV 50117100 (eval-26)
    expect(reserves(van)).toEqual([]);
    // Car washing and car repair stay the trades of solidarity garages and ESAT.
    expect(suggested(advise(kb, readText('Lavage des véhicules de la flotte municipale. Code CPV principal : 50112300'), { today: '2026-04-01' }), 3)).toContain('reserve-handicap');
  });
  it('door-to-door distribution of municipal bulletins is distribution work, whatever the article', () => {
    const a = advise(kb, readText('Distribution des bulletins municipaux et de divers documents de communication. Code CPV principal : 64121100'), { today: '2026-04-01' });
    expect(a.sectors[0]?.id).toBe('distribution-documents');
    expect(suggested(a, 3)).toEqual(expect.arrayContaining(['reserve-siae', 'reserve-handicap']));
  });
  it('collection heading the title is insertion work even under a treatment code; hazardous waste stays specialists\' work', () => {
    const a = adv('decp-marches-publics.info-201818A08400'); // Collecte des ordures ménagères, des emballages et papier…, CPV 90513100 (eval-27)
    expect(a.whyNot.map((w) => w.field)).not.toContain('waste-treatment');
    expect(suggested(a, 3)).toContain('clause-insertion');
    const dds = adv('decp-marches-publics.info-2018000000230000'); // COLLECTE ET TRAITEMENT DES DECHETS DIFFUS SPECIFIQUES (eval-23)
    // Removing skips first, treatment second: removal work (eval-30).
    expect(adv('decp-marches-publics.info-2018201823700').whyNot.map((w) => w.field)).not.toContain('waste-treatment'); // Location, enlèvement de bennes et traitement des déchets
    expect(dds.whyNot.map((w) => w.field)).toContain('hazardous');
    expect(reserves(dds)).toEqual([]);
    // Treatment with a collected stream named further on stays treatment.
    expect(advise(kb, readText('Transport et traitement des ordures (ménagères, collectes séparées, tout-venant). Code CPV principal : 90513000'), { today: '2026-04-01' }).whyNot.map((w) => w.field)).toContain('waste-treatment');
  });
  it('insertion bought under the vocational-rehabilitation code with upkeep of public spaces as its work: SIAE first', () => {
    const a = adv('decp-data.gouv.fr_pes-2019M19007R00'); // SJDB PRESTATIONS D'ENTRETIEN DES ESPACES PUBLICS, CPV 85312510 (eval-25)
    expect(suggested(a, 1)).toEqual(['reserve-siae']);
    // The code is the legal vehicle of an insertion purchase, not a training: no training theme without its words.
    expect(a.themes.map((t) => t.id)).not.toContain('formation');
    expect(adv('decp-data.gouv.fr_pes-2019A1100').themes.map((t) => t.id)).toContain('formation'); // services d'insertion et de qualification professionnelles
  });
});

describe('themes from the CPV tree and the words', () => {
  const cases: [string, string][] = [
    ['boamp-26-24677', 'mobilite'], // transports publics à la demande
    ['boamp-26-26376', 'culture'], // spectacles pyrotechniques
    ['decp-2023004400', 'jeunesse-sport'], // animation et médiation jeunes
    ['boamp-26-26239', 'energie'], // réhabilitation thermique, chaufferie, réseau de chaleur
    ['boamp-26-26150', 'energie'], // exploitation des installations de chauffage
    ['decp-2023RLV230450200', 'culture'], // livres pour la lecture publique
  ];
  for (const [id, theme] of cases) it(`${id} → ${theme}`, () => expect(adv(id).themes.slice(0, 3).map((t) => t.id)).toContain(theme));

  // The branches of the CPV tree each theme's field buys from, whatever the words (codes of Regulation 213/2008).
  const byCpv: [string, string][] = [
    ['79953000', 'culture'], // festival organisation
    ['92111000', 'culture'], // film and video production
    ['60130000', 'mobilite'], // special-purpose road passenger transport
    ['34120000', 'mobilite'], // buses and coaches
    ['63511000', 'tourisme'], // package tours
    ['55243000', 'jeunesse-sport'], // children's holiday camps
    ['92622000', 'jeunesse-sport'], // sports-event organisation
    ['71314300', 'energie'], // energy-efficiency consultancy
    ['80110000', 'petite-enfance-famille'], // pre-school education
    ['19640000', 'dechets-economie-circulaire'], // refuse sacks
    ['85311100', 'bien-vieillir'], // welfare services for the elderly
  ];
  for (const [code, theme] of byCpv)
    it(`CPV ${code} → ${theme}`, () => {
      const r = readText(`Consultation n° 2026-14. Code CPV principal : ${code}`);
      expect(r.tender.cpv[0]).toBe(code);
      expect(advise(kb, r, { today: '2026-04-01' }).themes[0]?.id).toBe(theme);
    });

  // Real BOAMP titles of March 2026 (26-25632, 26-25502 of the same export).
  it('the words of a field, not only its set phrases: sports lighting, staff holidays', () => {
    expect(advise(kb, readText("Remplacement de l'éclairage sportif du site Saint-Jean à Montluçon"), { today: '2026-04-01' }).themes.map((t) => t.id)).toContain('jeunesse-sport');
    expect(advise(kb, readText('PRESTATIONS DE VOYAGES 2027 DESTINEES AUX ADHERENTS DU COMITE DES OEUVRES SOCIALES'), { today: '2026-04-01' }).themes.map((t) => t.id)).toContain('tourisme');
  });

  it('one word of the description names a place, not the field: cleaning of a swimming pool has no sports theme', () => {
    const pool = jsonl<NoticeRecord & { id: string }>('eval-7/tenders.jsonl').find((r) => r.id === 'boamp-20-99771')!; // Traitements et nettoyages (4 lots)
    expect(pool.object).toMatch(/piscine/);
    const a = advise(kb, readNotice(pool, { territory }), { today: '2026-04-01' });
    expect(a.themes.map((t) => t.id)).not.toContain('jeunesse-sport');
    // Two words of the field in the description are enough: printing of a museum's exhibition catalogues.
    const b = advise(kb, readText("Réalisation, fabrication, impression et diffusion de catalogues pour le compte de la Ville - Lot no 3 : Impression et livraison des catalogues de l'exposition du musée d'art moderne"), { today: '2026-04-01' });
    expect(b.themes.map((t) => t.id)).toContain('culture');
  });

  // Real BOAMP notices of 2020 (development set and tests/fixtures/eval-10).
  const ten = new Map(jsonl<NoticeRecord & { id: string }>('eval-10/tenders.jsonl').map((r) => [r.id, r]));
  const adv10 = (id: string) => advise(kb, readNotice(ten.get(id)!, { territory }), { placeName, today: '2026-04-01' });
  it('design, supervision and safety services of a construction take no theme from the building they serve', () => {
    expect(adv('boamp-20-102577').themes).toEqual([]); // maîtrise d'œuvre pour la rénovation des cantines
    expect(adv10('boamp-20-102204').themes).toEqual([]); // coordination SPS: crèches, équipements sportifs in the object
    expect(adv10('boamp-20-100759').themes).toEqual([]); // études et maîtrise d'œuvre: "aires de jeux" in the title
    // What the title says of the work itself still counts: a thermal retrofit is an energy matter.
    const thermal = advise(kb, readText("Maîtrise d'oeuvre pour la réhabilitation thermique de l'école primaire intercommunale"), { today: '2026-04-01' });
    expect(thermal.themes.map((t) => t.id)).toContain('energie');
  });

  it('training of the buyer’s own agents is training, not insertion; training for job seekers is insertion', () => {
    const staff = adv10('boamp-20-102614'); // formations professionnelles pour les agents, CPV 80530000
    expect(staff.sectors.map((x) => x.id)).not.toContain('insertion-professionnelle');
    expect(reserves(staff)).toEqual([]);
    const afc = adv('boamp-20-100596'); // AFC: formation au profit des personnes à la recherche d'un emploi
    expect(suggested(afc, 3)).toContain('reserve-ess');
  });

  it('support of computers is not reconditioning: fire-alarm maintenance under a PC-support code gets no reservation', () => {
    expect(reserves(adv10('boamp-20-101303'))).toEqual([]); // CPV 50324200
  });

  // Real BOAMP notices of 2020 (tests/fixtures/eval-11).
  const eleven = new Map(jsonl<NoticeRecord & { id: string }>('eval-11/tenders.jsonl').map((r) => [r.id, r]));
  const adv11 = (id: string) => advise(kb, readNotice(eleven.get(id)!, { territory }), { placeName, today: '2026-04-01' });
  it('insurance covers the buyer whatever it does: the insurances of an energy syndicate are not an energy purchase', () => {
    expect(adv11('boamp-20-97589').themes).toEqual([]); // CPV 66510000, "Syndicat Départemental d'Énergies" in the title
  });

  it('"preventive maintenance" (CPV 50324200) is any maintenance, not computers', () => {
    expect(adv11('boamp-20-100407').themes.map((t) => t.id)).not.toContain('numerique'); // water softeners of a hospital
  });

  it('a mailroom is mail work, as ESAT do it', () => {
    const a = advise(kb, readText('Gestion des prestations du service courrier du siège : tri, distribution du courrier interne et affranchissement'), { today: '2026-04-01' });
    expect(a.sectors[0]?.id).toBe('impression-routage');
    expect(suggested(a, 3)).toContain('reserve-handicap');
  });

  // Real records of tests/fixtures/eval-12 (BOAMP 2020, DECP 2018 of the AIFE file, whose accents were lost).
  const twelve = new Map(jsonl<NoticeRecord & { id: string }>('eval-12/tenders.jsonl').map((r) => [r.id, r]));
  const adv12 = (id: string) => advise(kb, readNotice(twelve.get(id)!, { territory }), { placeName, today: '2026-04-01' });
  it('a letter lost in conversion ("d\ufffdch\ufffdteries") still reads as the word', () => {
    const a = adv12('decp-data.gouv.fr_aife-2018l3wQa9J_OM00'); // staffing the quays of three recycling centres
    expect(a.themes.map((t) => t.id)).toContain('dechets-economie-circulaire');
    expect(suggested(a, 3)).toContain('reserve-siae');
    expect(adv12('decp-data.gouv.fr_aife-20189RUI8zXDmn00').themes.map((t) => t.id)).toContain('jeunesse-sport'); // aire de sport et de loisirs
  });

  it('snow clearing of a ski resort with trucks and loaders is no cleaning trade', () => {
    expect(reserves(adv12('boamp-20-102299'))).toEqual([]); // CPV 90620000
  });

  // Real records of tests/fixtures/eval-13 (BOAMP 2020, DECP 2018-19).
  const thirteen = new Map(jsonl<NoticeRecord & { id: string }>('eval-13/tenders.jsonl').map((r) => [r.id, r]));
  const adv13 = (id: string) => advise(kb, readNotice(thirteen.get(id)!, { territory }), { placeName, today: '2026-04-01' });
  it('cleaning done in a library and a gymnasium buys cleaning, not culture or sport', () => {
    const a = adv13('boamp-20-100283');
    expect(a.sectors[0]?.id).toBe('proprete-nettoyage');
    expect(a.themes.map((t) => t.id)).not.toContain('culture');
    expect(a.themes.map((t) => t.id)).not.toContain('jeunesse-sport');
  });

  it('works lots are for insertion enterprises, not ESAT/EA: no ESAT/EA reservation on a landscaping works lot', () => {
    const a = adv13('decp-data.gouv.fr_pes-201918M16900');
    expect(reserves(a)).not.toContain('reserve-handicap');
  });

  it('a service to a construction still takes the theme its title names: post-closure monitoring of a landfill (ISDND)', () => {
    expect(adv13('boamp-20-100902').themes.map((t) => t.id)).toContain('dechets-economie-circulaire');
  });

  it('electricity under the energy division\'s own code (09300000) is energy; a town-centre redevelopment is the town-centre theme', () => {
    expect(adv('decp-marches-publics.info-20181804302AOO00').themes.map((t) => t.id)).toContain('energie'); // Fourniture et livraison d'électricité
    expect(adv('decp-marches-publics.info-201818S003700').themes.map((t) => t.id)).toContain('centres-villes'); // Travaux d'aménagement du centre ville…
  });

  it('a positive-energy building (BEPOS) designed is an energy purchase; the buyer\'s place from an arrondissement\'s code', () => {
    expect(adv('decp-e-marchespublics-201859759100').themes.slice(0, 3).map((t) => t.id)).toContain('energie'); // MOE … salle polyvalente BEPOS
    const r = read('decp-e-marchespublics-201800004200'); // OPH Toul Habitat, "Arrondissement de Toul (Code arrondissement 544)"
    expect(r.tender.buyerTerritory?.departement).toBe('54');
    expect(read('decp-data.gouv.fr_pes-2019530100').tender.buyerTerritory?.departement).toBe('09'); // "Arize-Lèze (canton) (Code arrondissement 0902)"
    expect(read('decp-data.gouv.fr_pes-20181054800').tender.buyerTerritory?.departement).toBe('62'); // "ARRAS (Code département 62041)"
    expect(read('decp-data.gouv.fr_pes-2019031F1900').tender.buyerTerritory?.departement).toBe('17'); // "CHARENTE MARITIME (Code commune 17)"
    expect(read('decp-data.gouv.fr_pes-2019000018M12B01').tender.buyerTerritory?.departement).toBe('69'); // "RHONE (Code département FRK26)"
    expect(read('decp-data.gouv.fr_pes-201812900').tender.buyerTerritory?.departement).toBe('09'); // "Arize-Lèze (canton) (Code commune 0902)"
    expect(read('decp-data.gouv.fr_pes-201918MA0300').tender.buyerTerritory?.departement).toBe('44'); // "TOUTES LES COMMUNES DE LOIRE-ATLANTIQUE (Code commune DEP)"
    // Nothing but a commune's name: the buyer's SIREN (21 06 0 … for Cannes) says where it was numbered.
    expect(read('decp-20242305800100').tender.buyerTerritory?.departement).toBe('06'); // "Lieu d'exécution : CANNES", SIRET 21060029…
    // A commune's name alone, when no other commune bears it: "Lieu d'exécution : NICE CEDEX 4", "KOENIGSMACKER et
    // GUENANGE", "SOREZE" (whose buyer's SIREN says 31: the place written wins).
    expect(read('decp-202323N0131-0100').tender.buyerTerritory?.departement).toBe('06');
    expect(read('decp-202398054100').tender.buyerTerritory?.departement).toBe('57');
    expect(read('decp-202398150600').tender.buyerTerritory?.departement).toBe('81');
    expect(read('decp-20232023MARMOB00').tender.buyerTerritory?.departement).toBe('06'); // "ANTIBES JUAN LES PINS": the commune, then its quarter
    // A département's name, a name that begins one commune's only, a name several communes bear settled by the SIREN,
    // a place's code inside a title (eval-34).
    expect(read('decp-202400100').tender.buyerTerritory?.departement).toBe('14'); // "Lieu d'exécution : CALVADOS"
    expect(read('decp-202423C00380200').tender.buyerTerritory?.departement).toBe('74'); // "CHAMONIX" (Chamonix-Mont-Blanc)
    expect(read('decp-20232111L100').tender.buyerTerritory?.departement).toBe('85'); // "Angles", SIREN 21 85 …
    expect(read('decp-20230181').tender.buyerTerritory?.departement).toBe('14'); // "… Lot 1: Site de Caen (14) et ses environs"
    expect(read('decp-249993931').tender.buyerTerritory?.departement).toBe('75'); // "… 18 avenue de Verdun à Paris (75) - Lot 1"
    expect(read('decp-202300100').tender.buyerTerritory?.departement).toBeUndefined(); // "Montignac": several communes, no other clue
    expect(read('decp-2023025400').tender.buyerTerritory?.departement).toBe('50'); // "Lieu d'exécution : LA MANCHE" (eval-33)
    expect(read('decp-202323MT0090500').tender.buyerTerritory?.departement).toBe('78'); // "LES CLAYES SOUS BOIS": the article is the commune's
    // A written place outranks the SIREN: the Ariège Département (22 09 …) buying at the Paris agricultural show.
    expect(read('decp-data.gouv.fr_pes-201811400').tender.buyerTerritory?.departement).toBe('75'); // "Paris (Code commune 75015)"
  });

  it('public lighting is an energy purchase even as maintenance; an owner\'s assistance for public spaces takes no theme from the museums they surround; digital recorders are no digital policy', () => {
    expect(adv('decp-marches-publics.info-2018MAPA0600').themes.map((t) => t.id)).toContain('energie'); // Maintenance des installations d'Eclairage Public…, CPV 50232100
    expect(adv('boamp-20-101886').themes.map((t) => t.id)).not.toContain('culture'); // … aménagement des espaces publics aux abords du musée…
    expect(adv('boamp-20-100747').themes.map((t) => t.id)).not.toContain('numerique'); // … CAMERAS DE VIDEOPROTECTION ET ENREGISTREURS NUMERIQUES
    // Servicing heating installations is maintenance work, not an energy-transition purchase.
    expect(adv('boamp-20-101765').themes.map((t) => t.id)).not.toContain('energie'); // Maintenance d'installations de chauffage, de climatisation…
    expect(adv('decp-marches-publics.info-2019MN021800').themes.map((t) => t.id)).not.toContain('energie'); // Marché d'exploitation des installations de chauffage et de climatisation
  });

  it('bookshops and a cathedral organ are culture, even through a project manager; business-intelligence development is digital', () => {
    expect(adv('boamp-20-99622').themes.slice(0, 3).map((t) => t.id)).toContain('culture'); // Gestion des subventions accordées aux librairie francophones…
    expect(adv('boamp-20-102639').themes.slice(0, 3).map((t) => t.id)).toContain('culture'); // MOE … restauration de l'orgue de tribune…
    expect(adv('decp-marches-publics.info-2018S014400').themes.slice(0, 3).map((t) => t.id)).toContain('numerique'); // … développement décisionnel
    expect(reserves(adv('decp-marches-publics.info-20184700'))).toEqual([]); // … conditionnement, transport et traitement des déchets des déchèteries
  });

  it('the fields of a territory: a village centre, a public-services house, a public consultation, buses on lease', () => {
    const themes = (id: string) => adv(id).themes.slice(0, 3).map((t) => t.id);
    expect(themes('decp-marches-publics.info-2019COEUR0100')).toEqual(expect.arrayContaining(['centres-villes', 'ruralite'])); // Aménagement du coeur de village
    expect(themes('decp-marches-publics.info-2019201801500')).toContain('ruralite'); // CREATION D'UNE MAISON DE SERVICES AU PUBLIC
    expect(themes('decp-marches-publics.info-201819000200')).toContain('citoyennete'); // Mission de conseil en communication concertation
    expect(themes('decp-marches-publics.info-201823200')).toContain('mobilite'); // Fourniture en crédit-bail de 2 bus interurbains, CPV 66114000
  });

  it('the words of a field: thermal insulation works, a slum-clearance operation (RHI), an ice rink', () => {
    expect(adv('decp-data.gouv.fr_pes-2018A30600').themes.map((t) => t.id)).toContain('energie'); // TRAVAUX D'ISOLATION ECOLE
    expect(adv('decp-data.gouv.fr_pes-201820900').themes.map((t) => t.id)).toContain('habitat'); // MISSION ACCOMPAGNEMENT SOCIAL RHI
    expect(adv('decp-data.gouv.fr_pes-2018KC0100').themes.map((t) => t.id)).toContain('jeunesse-sport'); // PATINOIRE 2018
    // Cleaning an ice rink buys cleaning, not sport.
    const clean = advise(kb, readText('Nettoyage de la patinoire municipale et des vestiaires'), { today: '2026-04-01' });
    expect(clean.themes.map((t) => t.id)).not.toContain('jeunesse-sport');
  });

  it('words that name a field only in passing give no theme', () => {
    // "patrimoine" of a social landlord, books bought as school supplies, lighting of a car park.
    for (const title of ["Marché d'entretien courant de serrurerie et étanchéité sur le patrimoine d'un bailleur", 'Acquisition de fournitures et livres scolaires', 'Location de véhicules utilitaires légers frigorifiques, sans chauffeur et sans carburant'])
      expect(advise(kb, readText(title), { today: '2026-04-01' }).themes.map((t) => t.id), title).toEqual([]);
  });

  it('green-space upkeep takes no theme from the places upkept; landscaping works on a facility keep its field', () => {
    const themes = (id: string) => adv(id).themes.map((t) => t.id);
    expect(themes('decp-marches-publics.info-201901M1900')).toEqual([]); // ENTRETIEN D'ESPACES VERTS … SUR LES ZONES D'ACTIVITÉS ECONOMIQUES (eval-26)
    expect(advise(kb, readText('Entretien des espaces verts et équipements sportifs de la ville. Code CPV principal : 77310000'), { today: '2026-04-01' }).themes).toEqual([]);
    expect(advise(kb, readText("Aménagement d'une aire de sport et de loisirs : espaces verts et plantations. Code CPV principal : 45112710"), { today: '2026-04-01' }).themes.map((t) => t.id)).toContain('jeunesse-sport');
  });

  it('vehicles bought, hired or kept take no theme from what they serve; hired with a driver they are transport; patient transport is care', () => {
    const themes = (id: string) => adv(id).themes.map((t) => t.id);
    expect(themes('decp-marches-publics.info-2018CSC20184300')).toEqual([]); // Location, assurance et entretien de véhicules frigorifiques pour le portage de repas (eval-27)
    expect(themes('decp-e-marchespublics-201960550000')).toContain('mobilite'); // Location de véhicule de transport régulier de personnes avec chauffeur (eval-28)
    expect(advise(kb, readText('Acquisition de 2 bus électriques. Code CPV principal : 34121400'), { today: '2026-04-01' }).themes.map((t) => t.id)).toContain('mobilite');
    expect(themes('decp-marches-publics.info-20181700')).not.toContain('mobilite'); // transport en ambulance - hiver 2018-2019 (eval-27)
  });

  it('servicing boilers is maintenance, a visual identity is graphic design whatever its code, a park-and-ride is mobility', () => {
    const themes = (id: string) => adv(id).themes.map((t) => t.id);
    expect(themes('decp-marches-publics.info-201919V00300')).toEqual([]); // Maintenance des chaudières murales et production Eau Chaude Sanitaire (eval-30)
    expect(themes('decp-marches-publics.info-20181100')).toEqual([]); // Conception d'une identité visuelle et d'une charte graphique, CPV 92312000 (eval-30)
    expect(themes('decp-marches-publics.info-201818T00400')).toContain('mobilite'); // … aménagement du parc relais du Hameau (eval-30)
  });

  it('a rock festival is culture; stands for a trade fair are not', () => {
    expect(adv('decp-marches-publics.info-2019100000001500').themes.map((t) => t.id)).toContain('culture'); // … un nouvel évènement : les universités d'été du Rock (eval-24)
    expect(adv('decp-marches-publics.info-2018STDMELA00').themes.map((t) => t.id)).not.toContain('culture'); // PRESTATIONS DE STANDS D'EXPOSITIONS EN CLOISONS MELAMINEES (eval-24)
  });

  it('a mountain resort is tourism; teaching supplies are education', () => {
    expect(adv('decp-marches-publics.info-2019100').themes.map((t) => t.id)).toContain('tourisme'); // … STATION DU MONT LOZÈRE COMME « ÉCO-STATION 4 SAISONS » (eval-26)
    expect(adv('decp-marches-publics.info-2018020200').themes.map((t) => t.id)).toContain('formation'); // Achat de fournitures pédagogiques et de bureau (eval-26)
  });

  it('office supplies from a stationer are no culture purchase; library books bought with school supplies are', () => {
    expect(adv('decp-20242316800').themes.map((t) => t.id)).not.toContain('culture'); // FOURNITURES DE BUREAU DE LIBRAIRIE SCOLAIRES … (eval-29)
    expect(advise(kb, readText('Achat de fournitures scolaires, manuels scolaires et livres de bibliothèque'), { today: '2026-04-01' }).themes.map((t) => t.id)).toContain('culture');
    expect(advise(kb, readText('Fourniture et délivrance de certificats électroniques et assistance aux utilisateurs'), { today: '2026-04-01' }).themes.map((t) => t.id)).toContain('numerique');
  });

  it('fossil fuel is no energy-transition purchase, wood fuel for a biomass boiler is; agroforestry is farming', () => {
    expect(adv('decp-202323027500').themes.map((t) => t.id)).not.toContain('energie'); // MS06 LOT 2 COMBUSTIBLE DECEMBRE 2023, CPV 09135100 (eval-32)
    expect(adv('decp-marches-publics.info-2019CARBURANTS00').themes.map((t) => t.id)).not.toContain('energie'); // FOURNITURE DE CARBURANTS ET COMBUSTIBLES EN VRAC (eval-24)
    expect(adv('boamp-20-100903').themes.map((t) => t.id)).toContain('energie'); // COMBUSTIBLES GRANULES BOIS POUR CHAUFFERIE BIOMASSE (development set)
    expect(adv('decp-202323MI0029700').themes.map((t) => t.id)).toContain('alimentation'); // ACCOMPAGNEMENT … AU DEVELOPPEMENT DE L'AGROFORESTERIE (eval-32)
  });

  it('a lot named after a trade is that trade whatever the code; a supply named in the form is a supply; building a recyclerie is works', () => {
    const green = adv('decp-202323V0975-0200'); // RA000 LOT 2 ESPACES VERTS, CPV 03451000 plants (eval-33)
    expect(green.whyNot.map((w) => w.field)).not.toContain('goods');
    expect(suggested(green, 3)).toEqual(expect.arrayContaining(['reserve-siae', 'reserve-handicap']));
    expect(adv('decp-2023005PTL00').whyNot.map((w) => w.field)).toContain('goods'); // MARCHE FOURNITURE DE SACS POUR LA COLLECTE DES ORDURES…
    expect(reserves(adv('decp-2022222497-1400'))).toEqual([]); // Lot 14 - Recyclerie - Béton de chanvre (eval-33)
    expect(adv('decp-2023M09100').themes.map((t) => t.id)).not.toContain('numerique'); // FOURNITURES ADMINISTRATIVES ET INFORMATIQUES (eval-33)
  });

  it('cleaning takes no theme from the places or the people they house; the waste it handles is its field', () => {
    const themes = (id: string) => adv(id).themes.map((t) => t.id);
    expect(themes('decp-202323MUL01300')).toEqual([]); // PRESTATIONS NETTOYAGE ET MENAGE SCOLAIRE ET PETITE ENFANCE (eval-31)
    expect(themes('decp-2023RLV230410200')).toEqual([]); // Nettoyage des locaux - Lot 2 : Batiments sportifs (eval-31)
    expect(advise(kb, readText('Lavage, entretien et maintenance du parc de colonnes enterrées pour déchets ménagers'), { today: '2026-04-01' }).themes.map((t) => t.id)).toContain('dechets-economie-circulaire');
  });

  it('public-lighting works and energy-savings financing are energy; printing under a design code is printing work', () => {
    expect(adv('decp-20234000').themes.map((t) => t.id)).toContain('energie'); // INTRACTING - Réno EP Saint Pol DE Léon, CPV 45316110 (eval-31)
    const print = adv('decp-202323F12400100'); // … IMPRESSION DE DOCUMENTS DIVERS … IMPRESSION ET FACONNAGE OFFSET, CPV 79822500 (eval-31)
    expect(print.whyNot.map((w) => w.field)).not.toContain('intellectual');
    expect(suggested(print, 3)).toContain('reserve-handicap');
  });

  it("training bought for the buyer's own agents is not the field of vocational training", () => {
    const themes = (id: string) => adv(id).themes.map((t) => t.id);
    expect(themes('decp-marches-publics.info-20190100100')).not.toContain('formation'); // Formations sécurité au travail et prévention des risques professionnels
    expect(themes('boamp-20-100787')).not.toContain('formation'); // formation secourisme … pour les agents (eval-10)
    // Trainings towards a qualification stay in the field, and so do teaching tools whose notice mentions, far down,
    // that the supplier trains the staff who will use them.
    expect(advise(kb, readText("Formations professionnelles d'agent de prévention et de sécurité (TP APS), sur le diplôme SSIAP 1 et sur l'habilitation électrique H0B0"), { today: '2026-04-01' }).themes.map((t) => t.id)).toContain('formation');
    expect(themes('boamp-20-99650')).toContain('formation'); // outils de diagnostic … destinés à des lycées (eval-10)
  });

  it('a title cut mid-sentence is read to the end of its sentence in the description', () => {
    // DECP title = the first line of the object: "Assistance à maîtrise d'ouvrage technique pour la prochaine mise en"
    const a = adv('decp-marches-publics.info-2019AO180500');
    expect(read('decp-marches-publics.info-2019AO180500').tender.title).toMatch(/mise en$/);
    expect(a.themes.map((t) => t.id)).toContain('mobilite'); // … le téléphérique « Express Morzine - Avoriaz »
  });

  it('the generic words and codes of a field, and office supplies, fuel and cars in none (DECP objects of the AIFE file)', () => {
    // Objects and CPV codes as published in data.gouv.fr_aife.json (ColinMaudry/decp-json @ 17fde77), accents lost
    // as U+FFFD there; a code that lost its leading zero is written with it.
    const themes = (objet: string, cpv: string) => advise(kb, readText(`${objet}\nCode CPV principal : ${cpv}`), { today: '2026-04-01' }).themes.slice(0, 3).map((t) => t.id);
    expect(themes('INITIATION AUX ARTS DU CIRQUE', '92000000')).toContain('culture'); // 2018wpXGNx1nrC00
    expect(themes('ACHAT DE DOCUMENTS SONORES ET AUDIOVISUELS', '32000000')).toContain('culture'); // 2018ooYoNEAx6T00
    expect(themes('Mise aux normes accessibilit\uFFFD des quais de bus', '45213315')).toContain('mobilite'); // 2018uAdayAMLUt00
    expect(themes("March\uFFFD d'organisation de mini-s\uFFFDjours pour les enfants scolaris\uFFFDs en maternelle et \uFFFDl\uFFFDmentaire ann\uFFFDe scolaire 2018/2019", '92000000')).toContain('jeunesse-sport'); // 2018oktWJVz9Nc00
    expect(themes("prestations action d'insertion - 6 lots (article 28)", '85310000')).toContain('formation'); // 2018kWFkJ3nTxy00
    expect(themes('Acquisition de fournitures de bureau, feuilles de papier et consommables informatiques.', '30192000')).toEqual([]); // 2018MEqLQJXGVw00
    expect(themes('Fourniture de carburants dans les stations-services avec cartes accr\uFFFDditives pour la flotte de v\uFFFDhicules de la CACEM', '09132100')).not.toContain('mobilite'); // 2018fz4C46xs2-00
    expect(themes('-\tAcquisition de nouveaux v\uFFFDhicules avec reprise', '34110000')).toEqual([]); // 2018qQbfWs4Tm_00
  });
});

describe('the 2026 social-consideration duty (loi Climat et résilience, art. 35)', () => {
  // Real notice 26-80978 (BOAMP, Marchés européens): "Prestation de transport de personnes pour la ville de
  // Saint-Orens de Gameville et le CCAS", published 2026-08-18, no social consideration declared.
  const text = 'Prestation de transport de personnes pour la ville de Saint-Orens de Gameville et le CCAS. Famille : Marchés européens. Procédure ouverte. Type de marché : Services.';
  const reading = () => readText(text, { territory: '31', resolver: territory });

  it('published before 22 August 2026: no duty', () => {
    expect(advise(kb, reading(), { today: '2026-12-04', published: '2026-08-18' }).obligation).toBeUndefined();
  });

  it('the same text published after that date: the buyer is told the duty, the article, the exceptions, outside the sources', () => {
    const a = advise(kb, reading(), { today: '2026-12-04', published: '2026-09-01' });
    expect(a.obligation).toMatchObject({ id: 'social-consideration-2026', outsideSources: true, basis: 'published' });
    expect(a.obligation!.text).toMatch(/^Obligation/);
    expect(a.obligation!.text).toMatch(/hors sources/);
    expect(a.obligation!.reference).toMatch(/2021-1104.*art\. 35/);
    expect(a.obligation!.exceptions.length).toBeGreaterThanOrEqual(2);
    expect(a.levers.find((l) => l.id === 'clause-insertion')!.why).toMatch(/22 août 2026/);
  });

  it('the ESS structure reads it as an opening', () => {
    const a = advise(kb, reading(), { role: 'structure', today: '2026-12-04', published: '2026-09-01' });
    expect(a.obligation!.text).toMatch(/^Ouverture/);
    expect(a.bid.join(' ')).toMatch(/Ouverture/);
  });

  it('not when the notice declares a social consideration, nor below the thresholds, nor before the date', () => {
    const declared = readText(`${text} Une clause d'insertion sociale est prévue : le titulaire réalisera des heures d'insertion.`, { territory: '31', resolver: territory });
    expect(declared.signals.map((s) => s.id)).toContain('clause-insertion');
    expect(advise(kb, declared, { today: '2026-12-04', published: '2026-09-01' }).obligation).toBeUndefined();
    const small = readText('Prestation de transport de personnes pour la ville de Saint-Orens de Gameville et le CCAS. Procédure adaptée.', { territory: '31', resolver: territory });
    expect(advise(kb, small, { today: '2026-12-04', published: '2026-09-01' }).obligation).toBeUndefined();
    expect(advise(kb, reading(), { today: '2026-06-01', published: '2026-09-01' }).obligation).toBeUndefined();
  });
});

describe('the other levers, each from its own rule row', () => {
  const ids = (a: ReturnType<typeof adv>) => a.levers.map((l) => l.id);

  it('joint bids for a large contract weigh more for an ESS structure than for the buyer', () => {
    const buyer = adv('decp-202345600'); // 1 800 000 € of landscaping works
    const structure = adv('decp-202345600', { role: 'structure' });
    const g = (a: ReturnType<typeof adv>) => a.levers.find((l) => l.id === 'groupement')!.score;
    expect(g(structure)).toBeGreaterThan(g(buyer));
  });

  it('sourcing where ESS structures are established, not for IT', () => {
    expect(ids(adv('boamp-26-26793'))).toContain('sourcing');
    expect(ids(adv('boamp-26-26747'))).not.toContain('sourcing');
  });

  it('a purchase under 40 000 € can be bought without publicity from a local structure; a published notice makes it advice for the next one', () => {
    // Catalogues, 15 000 €, a published BOAMP notice with its procedure: the purchase is already put to competition.
    const published = adv('boamp-16-183123');
    const next = published.levers.find((l) => l.id === 'marche-sans-publicite')!;
    expect(next.why).toMatch(/R2122-8/);
    expect(next.why).toMatch(/déjà mis en concurrence ; le prochain/);
    expect(next.strength).toBe('faible');
    // The same purchase in a pasted draft: nothing is published yet, the lever comes first.
    const rec = records.get('boamp-16-183123')!;
    const draft = advise(kb, readText(`${rec.title}. Montant estimé : 15 000 euros HT.`), { role: 'acheteur', placeName, today: '2026-04-01' });
    expect(suggested(draft, 2)).toContain('marche-sans-publicite');
    expect(draft.levers.find((l) => l.id === 'marche-sans-publicite')!.why).toMatch(/achat possible sans publicité/);
  });

  it('a value of 1 € is a buyer declining to give it, not a small purchase', () => {
    // Hospital-group cleaning published with "Valeur estimée hors TVA : 1 euros" (BOAMP 20-102485, eval-8).
    const r = readNotice({ id: 'x', title: 'Prestations de services de nettoyage, de bio-nettoyage des locaux et des vitres du Groupement Hospitalier de Territoire de Moselle EST', cpv: ['90900000'], procedure: "Appel d'offres ouvert", object: 'Valeur estimée hors TVA : 1 euros' } as NoticeRecord, { territory });
    expect(r.tender.estimatedValue).toBeUndefined();
  });

  it('a progress plan for food supplies over several years', () => {
    expect(ids(adv('boamp-17-2599'))).toContain('plan-de-progres');
  });

  it('the clause facilitator follows the clause and never outranks it', () => {
    const a = adv('decp-2023000000008500');
    const score = (id: string) => a.levers.find((l) => l.id === id)!.score;
    expect(score('facilitateur')).toBeLessThan(score('clause-insertion'));
  });

  it('the SPASER is for the buyer only', () => {
    expect(ids(adv('boamp-26-26793'))).toContain('spaser');
    expect(ids(adv('boamp-26-26793', { role: 'structure' }))).not.toContain('spaser');
  });

  // No real notice of the sets says innovation: the positive case adds one sentence to a real object (boamp-20-100695).
  it('no innovative-purchase procedure where nothing says innovation; it comes with the words of experimentation', () => {
    for (const id of ['boamp-26-26793', 'decp-202345600', 'boamp-26-26747', 'boamp-20-100695']) expect(ids(adv(id)), id).not.toContain('achat-innovant');
    const r = readText("Fourniture de prestation de conseil et d'expertise dans le domaine du Numérique Responsable, avec une expérimentation sur deux sites pilotes.");
    expect(advise(kb, r, { today: '2026-04-01' }).levers.map((l) => l.id)).toContain('achat-innovant');
  });
});

describe('levers are data: rule rows, ladder rungs', () => {
  const data = loadJson<KbData>('data/kb.json');
  const keys = new Set(Object.keys(phraseTable()));

  function phraseTable(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const l of data.levers) for (const t of l.rule.when) out[t.phrase] = phrase('fr', t.phrase as PhraseKey);
    return out;
  }

  it('every lever has a rule whose facts exist and whose phrases exist in French and English', () => {
    for (const l of data.levers) {
      expect(l.rule.when.length, l.id).toBeGreaterThan(0);
      for (const t of l.rule.when) {
        expect(FACT_IDS as readonly string[], `${l.id}: fact ${t.fact}`).toContain(t.fact);
        expect(phrase('fr', t.phrase as PhraseKey), `${l.id}: phrase ${t.phrase}`).not.toBe('');
        expect(phrase('en', t.phrase as PhraseKey), `${l.id}: phrase ${t.phrase}`).not.toBe(phrase('fr', t.phrase as PhraseKey));
      }
      for (const f of [...l.rule.unless, ...l.rule.damp.map((d) => d.fact)]) expect(FACT_IDS as readonly string[], `${l.id}: ${f}`).toContain(f);
    }
    expect(keys.size).toBeGreaterThan(10);
  });

  it('the ranking follows the rows: a lever whose rule never fires is never suggested', () => {
    const muted = createKb({ ...data, levers: data.levers.map((l): Lever => (l.id === 'reserve-siae' ? { ...l, rule: { ...l.rule, when: l.rule.when.map((t) => ({ ...t, weight: 0 })) } } : l)) });
    const r = read('boamp-26-26793');
    expect(advise(kb, r, { today: '2026-04-01' }).levers.map((l) => l.id)).toContain('reserve-siae');
    expect(advise(muted, r, { today: '2026-04-01' }).levers.map((l) => l.id)).not.toContain('reserve-siae');
  });

  it('a knowledge base without rules (built before them) gives an empty, honest answer, never a crash', () => {
    const old = createKb({ ...data, levers: data.levers.map(({ rule: _r, ...l }) => l as Lever) });
    const a = advise(old, read('boamp-26-26793'), { today: '2026-04-01' });
    expect(a.levers).toEqual([]);
    expect(a.ladder.rung).toBe('none');
  });

  it('Le Marché de l’inclusion perimeter slugs follow its own rule (names without accents or apostrophes)', () => {
    const r = readText('Prestations de nettoyage des locaux de la mairie et entretien ménager des bureaux', { territory: '22', resolver: territory });
    const url = advise(kb, r, { placeName, today: '2026-04-01' }).links.find((l) => l.url.includes('lemarche'))!.url;
    expect(url).toContain('perimeters=cotes-darmor');
  });

  it('the ladder reads each lever’s rung from the data', () => {
    const r = read('boamp-26-26793');
    expect(advise(kb, r, { today: '2026-04-01' }).ladder.rung).toBe('reserve');
    const demoted = createKb({ ...data, levers: data.levers.map((l): Lever => (l.rung === 'reserve' ? { ...l, rung: 'other' } : l)) });
    const a = advise(demoted, r, { today: '2026-04-01' });
    expect(a.ladder.rung).not.toBe('reserve');
    expect(a.levers.find((l) => l.id === 'reserve-siae')!.rung).toBe('other');
  });
});

describe('the contract form before what is bought', () => {
  it('is not the head of the title', async () => {
    const { preambleLength } = await import('../../../core/advise/facts');
    const fold = (await import('../../../core/text')).fold;
    const t = fold("Accord-cadre à bons de commande mono-attributaire pour la mise à disposition de contenants, transport et traitement des déchets");
    expect(t.slice(preambleLength(t))).toMatch(/^mise a disposition/);
    const o = fold("L'objet du présent marché est d'assurer la post-exploitation de l'ancien Centre d'Enfouissement Technique");
    expect(o.slice(preambleLength(o))).toMatch(/^post.exploitation/);
    expect(preambleLength(fold('Nettoyage des locaux'))).toBe(0);
    // "relatif aux prestations de services pour le…" (DECP, eval-21): the whole form goes.
    const p = fold('Accord-cadre à bons de commande relatif aux prestations de services pour le conditionnement, le transport, et le traitement des déchets');
    expect(p.slice(preambleLength(p))).toMatch(/^conditionnement/);
  });
});
