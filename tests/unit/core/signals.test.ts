import { describe, expect, it } from 'vitest';
import type { SignalId } from '../../../core/read/types.ts';
import { readNotice, readText } from '../../../core/read/index.ts';
import type { NoticeRecord } from '../../../core/read/index.ts';
import { jsonl } from './helpers.ts';

interface Label {
  id: string;
  signals: { id: SignalId; evidence: string; in_text?: boolean }[];
  department: string | null;
}

const records = jsonl<NoticeRecord & { id: string }>('real/tenders.jsonl');
const labels = new Map(jsonl<Label>('real/labels.jsonl').map((l) => [l.id, l]));

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

function score(strip: (r: NoticeRecord) => NoticeRecord) {
  const per = new Map<string, Tally>();
  const t = (id: string) => per.get(id) ?? (per.set(id, { tp: 0, fp: 0, fn: 0 }), per.get(id) as Tally);
  const misses: string[] = [];
  const notInText: string[] = [];
  let inTextTotal = 0;
  let inTextFound = 0;
  for (const rec of records) {
    const label = labels.get(rec.id);
    if (!label) continue;
    const got = new Set(readNotice(strip(rec)).signals.map((s) => s.id));
    const want = new Set(label.signals.map((s) => s.id));
    for (const id of got) {
      if (want.has(id)) t(id).tp++;
      else {
        t(id).fp++;
        misses.push(`${rec.id}: extra ${id}`);
      }
    }
    for (const s of label.signals) {
      if (s.in_text !== false) {
        inTextTotal++;
        if (got.has(s.id)) inTextFound++;
      }
      if (got.has(s.id)) continue;
      t(s.id).fn++;
      (s.in_text === false ? notInText : misses).push(`${rec.id}: missed ${s.id} «${s.evidence.slice(0, 60)}»`);
    }
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const v of per.values()) {
    tp += v.tp;
    fp += v.fp;
    fn += v.fn;
  }
  return { per, precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), inTextRecall: inTextFound / (inTextTotal || 1), misses, notInText, tp, fp, fn };
}

function table(s: ReturnType<typeof score>): string {
  const rows = [...s.per.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, v]) => `${id.padEnd(24)} tp ${v.tp} fp ${v.fp} fn ${v.fn}  P ${(v.tp / (v.tp + v.fp || 1)).toFixed(2)} R ${(v.tp / (v.tp + v.fn || 1)).toFixed(2)}`);
  return [...rows, `overall P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)} (in-text labels R ${s.inTextRecall.toFixed(3)})`, ...s.misses.map((m) => `  ${m}`), ...s.notInText.map((m) => `  (not in text) ${m}`)].join('\n');
}

describe('declared signals on the 48 labelled records', () => {
  it('has labels for every record', () => {
    expect(records).toHaveLength(48);
    for (const r of records) expect(labels.has(r.id), r.id).toBe(true);
  });

  it('precision ≥ 0.95 and recall ≥ 0.90 (record fields, text and BOAMP header pictograms)', () => {
    const s = score((r) => r);
    console.info(`signals, full records:\n${table(s)}`);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('text only (pictograms removed): precision ≥ 0.95, recall ≥ 0.90 on the labels found in the text', () => {
    const s = score(({ boamp_header_pictograms: _drop, ...rest }) => rest);
    console.info(`signals, text only:\n${table(s)}`);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.inTextRecall).toBeGreaterThanOrEqual(0.9);
    // The misses left are the header pictograms, absent from the text.
    expect(s.misses).toEqual([]);
  });

  it('ignores the label fields of a record', () => {
    const rec = records.find((r) => r.id === 'boamp-20-100500') as NoticeRecord;
    const poisoned = { ...rec, published_social_considerations: ['Marché réservé aux ESAT'], ess_signal_in_text: true, sector_label: 'insertion' };
    expect(readNotice(poisoned).signals).toEqual(readNotice(rec).signals);
  });

  it('every evidence is verbatim (whitespace aside) and short', () => {
    // Evidence keeps line breaks and spaces a sentence end was glued to: compare without any white space.
    const squash = (s: string) => s.replace(/\s+/g, '');
    for (const rec of records) {
      const source = squash([rec.title, rec.object, ...(Array.isArray(rec.lots) ? rec.lots : []), rec.raw_excerpt, ...(Array.isArray(rec.boamp_header_pictograms) ? rec.boamp_header_pictograms : [])].join('\n'));
      for (const s of readNotice(rec).signals) {
        expect(s.evidence.length, `${rec.id} ${s.id}`).toBeLessThanOrEqual(300);
        expect(source.includes(squash(s.evidence)), `${rec.id} ${s.id}: «${s.evidence}»`).toBe(true);
      }
    }
  });
});

const ids = (text: string) => readText(text).signals.map((s) => s.id);

describe('negations and look-alikes', () => {
  it('"Marché réservé : non" is not a reservation', () => {
    expect(ids('Conditions de participation. Marché réservé : non. Critères d’attribution : prix 60 %, valeur technique 40 %.')).toEqual(['not-reserved']);
    expect(ids("Avis de marché. Le marché n'est pas réservé. Procédure adaptée.")).toEqual(['not-reserved']);
    expect(ids('Informations sur les marchés réservés : Marchés réservés : Non')).toEqual(['not-reserved']);
  });

  it('an empty "marchés réservés" heading, a profession or a right reserved say nothing', () => {
    expect(ids('III.1.5) Informations sur les marchés réservés : III.2) CONDITIONS LIÉES AU MARCHÉ III.2.1) Information relative à la profession')).toEqual([]);
    expect(ids('La prestation est réservée à une profession particulière. Le pouvoir adjudicateur se réserve le droit de ne pas donner suite.')).toEqual([]);
  });

  it('the duty to employ disabled workers is not a reservation', () => {
    expect(ids("Déclaration sur l'honneur du respect de l'obligation d'emploi des travailleurs handicapés prévue aux articles L. 5212-1 à L. 5212-11 du code du travail.")).toEqual([]);
  });

  it('lots: an explicit "non" wins over lot numbers', () => {
    expect(ids("Ce marché n'est pas divisé en lots. Lot 1 : ensemble des prestations. Lot 2 : sans objet.")).toEqual([]);
    expect(ids('Information sur les lots : Ce marché est divisé en lots : non. Intitulé : Lot nº : 1')).toEqual([]);
    expect(ids('Allotissement : - ')).toEqual([]);
    expect(ids('Information sur les lots : Ce marché est divisé en lots : oui')).toEqual(['allotissement']);
    expect(ids('This contract is divided into lots: yes')).toEqual(['allotissement']);
    expect(ids('Lot 1 : tonte. Lot 2 : taille des haies.')).toEqual(['allotissement']);
  });

  it('social criteria and clauses: negations', () => {
    expect(ids('Critères sociaux : non. Critères environnementaux : non.')).toEqual([]);
    expect(ids('Le marché ne comporte pas de clause sociale. Pas de clause d’insertion.')).toEqual([]);
    expect(ids("Aucune clause sociale n'est prévue dans ce marché.")).toEqual([]);
    expect(ids("En cas de non-respect de la clause d'insertion, des pénalités seront appliquées.")).toEqual(['clause-insertion']);
  });

  it('an insertion criterion is a criterion, not a clause', () => {
    const text = "II.2.5) Critères d'attribution Critère de qualité 1. Valeur technique / Pondération : 50 2. Critère 4 : Pertinence des mesures proposées pour la réalisation d'heures d'insertion / Pondération : 10 Prix : 1. Prix / Pondération : 40 II.2.6) Valeur estimée III.1.1) Habilitation";
    expect(ids(text)).toEqual(['critere-social']);
    expect(readText(text).signals[0]?.evidence).toBe("Critère 4 : Pertinence des mesures proposées pour la réalisation d'heures d'insertion / Pondération : 10");
  });

  it('employment services for job seekers are not an insertion clause; an insertion contract is', () => {
    expect(ids("Prestations de service d'insertion professionnelle de type « évaluation » auprès des demandeurs d'emploi.")).toEqual([]);
    expect(ids("Marché ayant pour objet l'insertion sociale et professionnelle des personnes en difficulté, avec pour support l'entretien d'espaces verts.")).toEqual(['clause-insertion']);
    expect(ids('Insertion publicitaire dans le magazine municipal.')).toEqual([]);
  });

  it('reservations by legal basis and target', () => {
    expect(ids("Le marché est réservé aux structures d'insertion par l'activité économique (article L. 2113-13 du code de la commande publique).")).toEqual(['reserve-siae']);
    expect(ids("Lot 3 réservé aux entreprises de l'économie sociale et solidaire en application de l'article L2113-15.")).toEqual(['reserve-ess']);
    expect(ids('Marché réservé aux ESAT et entreprises adaptées (article L2113-12).')).toEqual(['reserve-handicap']);
    expect(ids('Participation réservée : res-ws')).toEqual(['reserve-handicap']);
    expect(ids('The contract is restricted to sheltered workshops and economic operators aiming at the social and professional integration of disabled persons.')).toEqual(['reserve-handicap']);
    expect(ids('Fourniture de produits d’entretien - Marché réservé')).toEqual(['reserve-handicap']);
    // A precise reservation replaces the bare "marché réservé" default.
    expect(ids('Marché réservé. Le marché est réservé aux SIAE.')).toEqual(['reserve-siae']);
  });

  it('execution conditions and labels', () => {
    expect(ids("Consultation comportant des conditions d'exécution à caractère social détaillées dans les documents.")).toEqual(['clause-insertion']);
    expect(ids("Consultation comportant des conditions d'exécution à caractère environnemental détaillées dans le CCAP.")).toEqual(['clause-environnementale']);
    expect(ids('Lot 5 : produits laitiers bio. Lot 6 : café issu du commerce équitable.')).toContain('label-equitable');
    expect(ids('Analyses biologiques et bactériologiques des eaux.')).toEqual([]);
    expect(ids('Acquisition de composteurs pour biodéchets et de bio-seaux.')).toEqual([]);
  });

  it('the insertion of a building in its site is not social insertion', () => {
    expect(ids("Critères d'attribution : 1. Qualité de l'insertion urbaine et paysagère du projet / Pondération : 30 2. Prix / Pondération : 70")).toEqual([]);
    expect(ids("Conditions particulières d'exécution : bonne insertion du bâtiment dans son site.")).toEqual([]);
    expect(ids('Prestations de bio nettoyage des blocs opératoires.')).toEqual([]);
  });

  it('sheltered employment programmes are the disabled-workers reservation', () => {
    expect(ids("III.1.5) Informations sur les marchés réservés : L'exécution du marché est limitée au cadre de programmes d'emplois protégés")).toEqual(['reserve-handicap']);
  });

  it('pictograms: criteria icons, and other icons read like text', () => {
    const read = (pictograms: string[]) => readNotice({ title: 'Nettoyage des locaux de la mairie', boamp_header_pictograms: pictograms }).signals.map((s) => s.id);
    expect(read(['Critères sociaux', 'Critères environnementaux', 'MPS'])).toEqual(['critere-social', 'critere-environnemental']);
    expect(read(['Clause sociale d’insertion'])).toEqual(['clause-insertion']);
    expect(read(['Critères sociaux : non'])).toEqual([]);
  });

  it('environmental criterion needs an environmental subject', () => {
    expect(ids("Critères d'attribution : prix 50 % ; valeur technique 40 % ; performance en matière de protection de l'environnement 10 %.")).toEqual(['critere-environnemental']);
    expect(ids("Critères d'attribution : prix 60 % ; moyens humains, nettoyage du site et évacuation des déchets 40 %.")).toEqual([]);
    expect(ids('Critères environnementaux : non.')).toEqual([]);
  });
});

// Real BOAMP notices of 2020 (tests/fixtures/eval-7, hackathon_ENERGIA pages): clauses declared in plain words.
describe('clauses written in plain words', () => {
  it('"une clause obligatoire d’insertion": a qualifier between clause and insertion', () => {
    const r = readText("Visite sur site facultative.L'exécution du marché comporte une clause obligatoire d'insertion par l'activité économique.Critères de sélection des candidatures :Capacités professionnelles, techniques et financières.");
    expect(r.signals.map((s) => s.id)).toContain('clause-insertion');
  });

  it('"une clause est prévue au CCAP" for the environment is an environmental clause, not a criterion', () => {
    const r = readText("- Les candidats sont informés qu'afin de répondre au souci de promouvoir la protection de l'environnement, une clause est prévue au CCAP.- Le jugement sera effectué à partir des critères notés et pondérés suivants");
    const ids = r.signals.map((s) => s.id);
    expect(ids).toContain('clause-environnementale');
    expect(ids).not.toContain('critere-environnemental');
    // A clause on anything else is not read as environmental.
    expect(readText('Une clause est prévue au CCAP pour la révision des prix.').signals.map((s) => s.id)).not.toContain('clause-environnementale');
  });
});

describe('lots counted in a title', () => {
  // Real BOAMP title 26-26767 (tests/fixtures/eval-5): an underscore stands for the dash.
  it('"… contrôle travaux _ 2 lots" and ": 3 lots techniques" are allotted', () => {
    expect(readText("2025-061 : Assistance à maîtrise d'ouvrage et contrôle travaux _ 2 lots").signals.map((s) => s.id)).toContain('allotissement');
    expect(readText('Travaux de rénovation : 3 lots techniques pour la résidence').signals.map((s) => s.id)).toContain('allotissement');
  });
});

describe('what the other kinds of record declare', () => {
  const nine = new Map(jsonl<NoticeRecord & { id: string }>('eval-9/tenders.jsonl').map((r) => [r.id, r]));
  it('BOAMP XML: the index flags (the pages\' pictograms) and a performance condition "à caractère environnementale"', () => {
    const ids = readNotice(nine.get('boamp-16-186394')!).signals.map((s) => s.id); // towing, Ville de Paris, 2017
    expect(ids).toContain('critere-environnemental');
    expect(ids).toContain('clause-environnementale');
    expect(ids).not.toContain('critere-social');
  });

  it('DECP: "un dispositif de promotion de l\'emploi de personnes en insertion" in capitals is an insertion clause', () => {
    expect(readNotice(nine.get('decp-marches-publics.info-2018ATCCV0011U00')!).signals.map((s) => s.id)).toContain('clause-insertion');
  });
});

describe('boilerplate is not a declaration (tests/fixtures/eval-10, BOAMP 2020)', () => {
  it('the candidate\'s sworn statement naming L2113-12 is no reservation', () => {
    const r = readText("Pièces de la candidature : Déclaration sur l'honneur du candidat attestant qu'il entre dans les cas prévus à l'article L 2113-12 du code de la commande publique relatif aux marchés publics réservés, le cas échéant.");
    expect(r.signals.map((s) => s.id)).not.toContain('reserve-handicap');
    expect(readText('Marché réservé en application de l\'article L2113-12 du code de la commande publique.').signals.map((s) => s.id)).toContain('reserve-handicap');
  });

  it('the relaunch of one lot is not allotted when the form says "divisé en lots : non"; a criterion of "développement responsable" is environmental', () => {
    const rec = jsonl<NoticeRecord & { id: string }>('eval-10/tenders.jsonl');
    const relaunch = readNotice(rec.find((r) => r.id === 'boamp-20-101656')!);
    expect(relaunch.signals.map((s) => s.id)).not.toContain('allotissement');
    expect(readNotice(rec.find((r) => r.id === 'boamp-20-102161')!).signals.map((s) => s.id)).toContain('critere-environnemental');
  });
});

describe('a regulated profession is not a reservation', () => {
  it('the III.2.1 field of a European form (real BOAMP 2020 wording) gives no reserve-handicap', () => {
    const r = readText("III.2.1) Information relative à la profession La prestation est réservée à une profession déterminée Références des dispositions législatives, réglementaires ou administratives applicables : Marché réservé aux entreprises disposant d'une licence de transport public III.2.2) Conditions particulières d'exécution :");
    expect(r.signals.map((s) => s.id)).not.toContain('reserve-handicap');
    expect(readText('III.1.5) Informations sur les marchés réservés : Marché réservé (article L2113-12).').signals.map((s) => s.id)).toContain('reserve-handicap');
  });
});

describe('what the buyer aims at, and societal criteria (BOAMP 2020, eval-8, eval-15)', () => {
  it('the buyer\'s own aims in the conditions field are no environmental clause; a condition on the holder is', () => {
    const aims = readText("III.2.2) Conditions particulières d'exécution : La collectivité souhaite intégrer des dimensions environnementales et sociales dans toutes les décisions liées au processus d'achat depuis la définition des besoins jusqu'au suivi du marché. Ainsi la collectivité s'engage lors de la commande à :limiter les impacts environnementaux,avoir des impacts sociaux positifs en particulier en terme de création d'emplois III.2.3) Informations sur les membres du personnel");
    expect(aims.signals.map((s) => s.id)).not.toContain('clause-environnementale');
    expect(aims.signals.map((s) => s.id)).not.toContain('clause-insertion');
    const holder = readText("III.2.2) Conditions particulières d'exécution : Le titulaire devra limiter les impacts environnementaux de ses livraisons. III.2.3) Informations sur les membres du personnel");
    expect(holder.signals.map((s) => s.id)).toContain('clause-environnementale');
  });

  it('"enjeux sociétaux" in an award criterion is a social criterion', () => {
    // FOURNITURE DE TITRES SERVICES - SDIS 28: "2. efforts réalisés en terme de développement durable et d'enjeux sociétaux / Pondération : 15"
    const r = readNotice(jsonl<NoticeRecord & { id: string }>('eval-15/tenders.jsonl').find((x) => x.id === 'boamp-20-101014')!);
    expect(r.signals.map((s) => s.id)).toEqual(expect.arrayContaining(['critere-social', 'critere-environnemental']));
  });
});

describe('more plain-word declarations (BOAMP 2020 and DECP, eval-16, eval-18)', () => {
  it('"marché réservé à la profession d\'architecte" is a regulated profession, not a reservation', () => {
    expect(readText("- marché réservé à la profession d'architecte selon les dispositions de la loi 77-2 du 3 janvier 1977 modifiée sur l'architecture -").signals.map((s) => s.id)).not.toContain('reserve-handicap');
  });

  it('"éléments à caractère social dans les conditions d\'exécution", after a sentence on the award criteria, is an insertion clause', () => {
    const r = readText("La méthodologie d'analyse des critères de jugement des offres est précisée au règlement de la consultation. L'attention des candidats est attirée sur la mise en œUvre d'éléments à caractère social dans les conditions d'exécution du marché, en application de l'article R2111-10.");
    expect(r.signals.map((s) => s.id)).toContain('clause-insertion');
  });

  it('"Relance des lots n°1, 2, 3…" names several lots: allotted', () => {
    const r = readText('Vacances loisirs pour les adolescents de 11 à 17 ans - Relance des lots n°1, 2, 3, 7, 10, et 17');
    expect(r.signals.map((s) => s.id)).toContain('allotissement');
  });
});
