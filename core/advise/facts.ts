// What a purchase is, read once from a notice: the facts the lever rules of data/levers.json refer to.
import type { Kb, Sector } from '../kb/index';
import type { Nature, Reading, SignalId } from '../read/types';
import type { ProcurementLeverId } from '../kb/vocabulary';
import { findKeyword, fold } from '../text';
import type { PhraseKey } from './phrases';

/**
 * Works, supplies or services: what the notice states, else what its main CPV code's division says (45 works,
 * 03–44 and 48 supplies, the rest services).
 */
export function natureOf(r: Reading): Nature | undefined {
  const t = r.tender;
  if (t.nature) return t.nature;
  const main = t.cpvMain ? t.cpv[0] : undefined;
  const head = fold((t.title || t.object || r.text || '').slice(0, 200)).trim();
  if (!main) {
    // A French title opens with what is bought: "Travaux de…", "Aménagement d'un parking", "Réhabilitation de…";
    // or, when it opens with no supply word, names a building trade: "Entretien courant de serrurerie et étanchéité".
    return WORKS_OPENING.test(head) || (!SUPPLY_OPENINGS.test(head) && BUILDING_TRADE.test(head)) ? 'travaux' : undefined;
  }
  const div = Number(main.slice(0, 2));
  const goods = (div >= 3 && div < 45) || div === 48;
  // Buyers often file works under the code of what they install ("Travaux de mise en œuvre d'un système de
  // comptage", CPV 38551000 meters; "Aménagement des espaces publics du quartier", 34928500 street furniture): goods
  // are never bought with "travaux" or "aménagement de…" at the head of the title.
  if (goods && WORKS_OPENING.test(head)) return 'travaux';
  if (goods && SERVICE_OPENINGS.test(openingOf(head))) return 'services';
  return div === 45 ? 'travaux' : goods ? 'fournitures' : 'services';
}

/** Folded texts of a tender, matched against keywords. */
export interface Texts {
  title: string;
  object: string;
  lots: string;
}

/**
 * Fields where ESAT/EA and SIAE do not deliver the work, so no reservation is suggested (each with the reason
 * shown to people). A CPV prefix of the main code decides; without one, words of the title or object do, unless
 * the CPV code itself names a labour-intensive trade. `unless` words lift the field (IT equipment reconditioning).
 */
export const NO_RESERVATION_FIELDS = [
  {
    id: 'it',
    cpv: ['72', '48', '302', '3023', '3021', '3213', '3223', '3225', '3232', '3241', '3242', '642'],
    words: ['logiciel', 'progiciel', 'informatique', 'informatiques', "système d'information", 'systèmes d’information', 'hébergement de données', 'hébergement des données', 'hébergement du site', 'hébergement des sites', 'hébergement web', 'hébergement informatique', 'hébergement applicatif', 'hébergement des applications', 'infogérance', 'cybersécurité', 'site internet', 'sites internet', 'télécommunication', 'télécommunications', 'téléphonie', "système d'archivage électronique", 'archivage électronique', 'ged', 'dématérialisation', 'saas', 'maintien en condition opérationnelle', 'archivage des données', 'gestion des données', 'base de données', 'bases de données', 'données numériques', 'digitalisation', 'e-learning'],
    unless: ['reconditionnement', 'reconditionné', 'reconditionnés', 'réemploi', 'numérisation', 'scannérisation', 'archives papier', 'documents papier'],
    whyNot: 'whyNotIt',
  },
  {
    id: 'intellectual',
    cpv: ['71', '73', '7911', '7912', '7921', '7922', '7931', '7932', '7933', '7934', '7941', '7942', '66', '9071', '75111', '798225'],
    words: ['conception graphique', 'création graphique', 'graphisme', 'identité visuelle', 'charte graphique', "maîtrise d'œuvre", "maitrise d'oeuvre", "maîtrise d'oeuvre", 'étude', 'études', 'diagnostic', "assistance à maîtrise d'ouvrage", 'amoa', 'prestations de conseil', 'mission de conseil', 'conseil juridique', 'audit', 'expertise', 'assurance', 'assurances', 'schéma directeur', 'contrôle technique', 'repérage', 'ordonnancement, pilotage et coordination', 'clients mystères'],
    // Urban and social project management (MOUS) is social support of residents, not engineering.
    // Printing and finishing are production work even under a graphic-design code.
    unless: ["maîtrise d'œuvre urbaine et sociale", "maitrise d'oeuvre urbaine et sociale", "maîtrise d'oeuvre urbaine et sociale", 'mous', 'accompagnement social', 'accompagnement socio-professionnel', 'impression', 'impressions', 'façonnage', 'reprographie'],
    whyNot: 'whyNotIntellectual',
  },
  {
    id: 'transport',
    cpv: ['601', '602', '603', '604', '605', '606', '34121', '50118', '98351'],
    words: ['transport de voyageurs', 'transport scolaire', 'transports scolaires', 'transports publics', 'transport public', 'transport à la demande', 'transports à la demande', 'transport de personnes', 'transport des personnes', 'transport collectif', 'transports collectifs', 'ligne régulière', 'lignes régulières', 'autocar', 'autocars', 'remorquage', 'fourrière', 'enlèvement de véhicules', 'transport sanitaire', 'ambulance', 'taxi'],
    unless: [],
    whyNot: 'whyNotTransport',
  },
  {
    id: 'energy',
    cpv: ['09', '65', '3112', '45251', '5071', '5072'],
    words: ["fourniture d'électricité", 'fourniture de gaz', "fourniture d'énergie", "acheminement d'électricité", 'carburant', 'carburants', 'combustible', 'combustibles', 'granulés', 'installations de chauffage', 'chaufferie', 'réseau de chaleur', 'photovoltaïque', 'électrification'],
    unless: [],
    whyNot: 'whyNotEnergy',
  },
  {
    id: 'artistic',
    cpv: ['9231', '9232', '92312', '9236', '92360', '799521', '79953'],
    words: ['spectacle', 'spectacles', 'pyrotechnique', 'pyrotechniques', "feu d'artifice", "feux d'artifice", 'concert', 'concerts', 'artistique', 'artistiques', 'artistes', 'festival', 'zénith', 'scénographie', 'scénographique', 'scénographiques', 'accompagnement créatif', 'direction artistique'],
    unless: [],
    whyNot: 'whyNotArtistic',
  },
  {
    id: 'waste-treatment',
    cpv: ['90513', '9052', '9053'],
    words: ['incinération', 'enfouissement', 'traitement des gravats', 'réception et traitement', 'traitement et valorisation', 'tout-venant', 'refus', 'isdnd', 'isdi', 'installation de stockage', 'cendres', 'boues', 'valorisation énergétique', 'réception et valorisation', 'traitement des ordures ménagères', 'traitement des déchets', 'déchets ultimes', 'déchets résiduels', 'transport et traitement'],
    unless: ['tri', 'réemploi', 'recyclerie', 'ressourcerie'],
    // Collecting and removing stay insertion trades when the title opens with them, even under a treatment code.
    unlessOpening: /^(?:location (?:et )?)?(?:collecte|ramassage|enlevement)\b/,
    whyNot: 'whyNotWasteTreatment',
  },
  {
    // Pollution and hazardous-material work (asbestos, lead) needs certified firms and protective regimes.
    id: 'hazardous',
    cpv: ['9072', '9073', '9074', '45262660'],
    words: ['dépollution', 'décontamination', 'désamiantage', 'amiante', 'déplombage', 'plomb', 'sites pollués', 'sols pollués', 'pollution des sols', 'déchets dangereux', 'déchets diffus spécifiques', 'dasri', "déchets d'activités de soins", 'déchets à risque', 'déchets toxiques'],
    unless: [],
    whyNot: 'whyNotHazardous',
    // The hazard qualifies the whole title: "Collecte et traitement des déchets diffus spécifiques" is hazardous work.
    qualifies: true,
  },
  {
    // Keeping machines and technical installations running is technicians' work: "Maintenance des matériels
    // professionnels froids de restauration collective" buys refrigeration servicing, not catering.
    id: 'equipment-maintenance',
    cpv: ['5053', '5075', '5088', '5042'],
    words: ['maintenance des matériels', 'maintenance du matériel', 'maintenance des équipements', 'maintenance des installations', 'maintenance des machines', 'maintenance des appareils', 'maintenance des engins', 'maintenance des systèmes', 'maintenance préventive et corrective', 'réparation des matériels', 'réparation des équipements', 'vérification des équipements', 'vérifications périodiques'],
    unless: ['nettoyage des locaux', 'entretien ménager', 'reconditionnement'],
    whyNot: 'whyNotMaintenance',
  },
  {
    // Locum doctors and qualified carers are supplied by specialised agencies, not by ESS or insertion structures.
    id: 'medical-staff',
    cpv: ['79625', '79624'],
    words: ['intérim médical', 'médecins intérimaires', 'personnel médical', 'praticiens', 'anesthésistes', 'remplacement de médecins', 'personnel infirmier intérimaire'],
    unless: [],
    whyNot: 'whyNotMedicalStaff',
    // The staff supplied is what the title buys; in the description, medical staff are often the people served
    // (occupational medicine "du personnel médical et non médical").
    titleOnly: true,
  },
  {
    // A concession hands over the running of a whole public service at the operator's risk: the form of the
    // contract, wherever it is named, not a trade. Reuse shops and insertion services are the exception, run
    // under concession by ESS structures.
    id: 'concession',
    cpv: [],
    words: ['délégation de service public', 'délégations de service public', 'concession de service public', 'concession de services', 'contrat de concession', 'convention de délégation', 'affermage', 'dsp'],
    unless: ['réemploi', 'recyclerie', 'ressourcerie', 'insertion'],
    whyNot: 'whyNotConcession',
    anywhere: true,
  },
  {
    id: 'health',
    cpv: ['33', '851', '852'],
    words: ['médicament', 'médicaments', 'dispositifs médicaux', 'réactifs', 'matériel médical', 'mobilier médical'],
    unless: [],
    whyNot: 'whyNotHealth',
  },
] as const satisfies readonly { id: string; cpv: readonly string[]; words: readonly string[]; unless: readonly string[]; whyNot: PhraseKey; anywhere?: boolean; titleOnly?: boolean; qualifies?: boolean; unlessOpening?: RegExp }[];

export type FieldId = (typeof NO_RESERVATION_FIELDS)[number]['id'] | 'goods' | 'ess-list';

// A supply is of manufactured goods unless its CPV or words say the supplier's own work is bought: meals
// prepared, clothes made to order, printing, binding, packing.
// Not 222 (newspapers and periodicals): they are bought as subscriptions to what publishers print anyway.
const PRODUCTION_CPV = ['15894', '1555', '5552', '5551', '5532', '2214', '2215', '2216', '223', '2246', '2282', '229'];
const PRODUCTION_WORDS = ['entretien du linge', 'entretien des vêtements', 'entretien de vêtements', 'location et entretien', 'entretien des tenues', 'location-entretien', 'location entretien', 'location nettoyage', 'nettoyage des vêtements', 'nettoyage de vêtements', 'réparation des vêtements', 'réparation de vêtements', 'lavage', 'blanchissage', 'repas', 'confection', 'couture', 'retouche', 'retouches', 'reprisage', 'fabrication à façon', 'façonnage', 'impression', 'impressions', 'reliure', 'conditionnement', 'mise sous pli', 'colis de noël', 'colis gourmands', 'colis festifs', 'paniers garnis', 'coffrets gourmands', 'traiteur', 'restauration collective', 'restauration scolaire', 'prestation de', 'prestations de', 'blanchisserie', 'reconditionnement'];
const GOODS_NOUNS = ['équipement', 'équipements', 'matériel', 'matériels', 'machine', 'machines', 'véhicule', 'véhicules', 'mobilier', 'pièces', 'produits', 'consommables', 'appareils', 'engins', 'outillage'];
const SERVICE_OPENINGS = /^(?:collecte|ramassage|vidage|enlevement|nettoyage|lavage|entretien des espaces|espaces verts|tonte|fauchage|debroussaillage|elagage|distribution de documents|portage|livraison de repas)\b/;
const SUPPLY_OPENINGS = /^(fourniture|fournitures|acquisition|achat|achats|location|approvisionnement)\b/;
// "Aménagement" opens works when a place follows, not "l'aménagement des rythmes scolaires".
const WORKS_OPENING = /^(?:travaux|construction|reconstruction|rehabilitation|refection|restructuration|agrandissement|demolition|renovation|requalification|ravalement|extension (?:de|d|du|des)\b|mise en (?:accessibilite|conformite|securite) (?:de|d|du|des)\b|amenagements? (?:de |d |du |des )(?!(?:l |la )?(?:rythmes?|temps|horaires?)\b))/;
const BUILDING_TRADE = /\b(?:serrurerie|etancheite|maconnerie|plomberie|charpente|couverture zinguerie|zinguerie|platrerie|carrelage|gros oeuvre|second oeuvre|terrassements?|voirie et reseaux divers|vrd|desamiantage)\b/;

/** Ids of the facts lever rules may name (data/levers.json `rule.when[].fact`). */
export const FACT_IDS = [
  'sector',
  'trade-labour',
  'trade-any',
  'insertion-object',
  'ess-service',
  'works',
  'works-large',
  'works-unlotted',
  'works-large-unlotted',
  'multi-division',
  'labelled-goods',
  'small-value',
  'innovative',
  'large-or-lots',
  'social-duty',
  'any-lever',
  'lever',
  'lever-words',
  'goods',
  'has-lots',
  'reserved-already',
  'not-reserved',
  'insertion-by-work',
  'insertion-support',
  'published',
  'labour-unlotted-large',
  'ess-list',
  ...NO_RESERVATION_FIELDS.map((f) => f.id),
] as const;
export type FactId = (typeof FACT_IDS)[number];

/** A matched sector, as the rules see it. */
export interface SectorMatch {
  sector: Sector;
  label: string;
  score: number;
  /** Short evidence: the CPV code or the words that matched. */
  why: string;
  /** Evidence came from a CPV code (the buyer's own classification), not words alone. */
  evidenceCpv: boolean;
  /** Words matched in the title (not only in the object or lots). */
  inTitle: boolean;
}

/** A field that rules out reservations for this purchase, and the evidence. */
export interface FieldHit {
  id: FieldId;
  whyNot: PhraseKey;
  evidence: string;
}

/** What the rules read about a purchase. */
export interface Facts {
  texts: Texts;
  sectors: SectorMatch[];
  works: boolean;
  hasLots: boolean;
  lotCount: number;
  value?: number;
  divisions: number;
  insertionObject: boolean;
  /**
   * Insertion is bought through productive work (a labour-intensive trade, a worksite, qualification), the trade
   * of SIAE; otherwise an insertion purchase is support and guidance, the field of social ESS enterprises.
   */
  insertionByWork: boolean;
  insertionSupport: boolean;
  essCpv?: { code: string; weight: number };
  labelledGoods: number;
  innovative: boolean;
  /** Fields that rule out reservations (empty when the work is one ESAT/EA or SIAE can deliver). */
  blocked: FieldHit[];
  declared: Map<ProcurementLeverId, string>;
  notReserved: boolean;
  /**
   * A labour-intensive purchase in one piece too big for local structures: its value, or several sites, say so
   * (`where`, shown in the reason); `sites` when several sites do.
   */
  largeUnlotted?: { where: string; sites: boolean };
  /** The notice already puts the purchase to competition (its procedure is stated and is not one without advertising). */
  published: boolean;
  /** The 2026 social-consideration duty applies (see obligation.ts); set by the caller. */
  socialDuty: boolean;
}

const INSERTION_OBJECT = ['insertion professionnelle', 'insertion sociale et professionnelle', 'insertion socioprofessionnelle', 'qualification professionnelle', 'chantier d insertion', 'chantiers d insertion', 'mise a disposition de personnel en insertion', 'personnes eloignees de l emploi', 'retour a l emploi'];

const INSERTION_BY_WORK = ['chantier', 'chantiers', 'mise a disposition', "remplacement d'agents", 'remplacement des agents', 'remplacement de personnel', 'agents de remplacement', 'qualification professionnelle', 'qualification professionnelles', 'mise a disposition de personnel', 'support d activite', 'activite support'];

/** Declared signal → the lever it already puts in place. */
export const SIGNAL_LEVER: Partial<Record<SignalId, ProcurementLeverId>> = {
  'reserve-handicap': 'reserve-handicap',
  'reserve-siae': 'reserve-siae',
  'reserve-ess': 'reserve-ess',
  'clause-insertion': 'clause-insertion',
  'critere-social': 'critere-social',
  'label-equitable': 'label-equitable',
  allotissement: 'allotissement',
};

const has = (text: string, words: readonly string[]) => words.find((w) => findKeyword(text, w) >= 0);

/** Longest prefix of `prefixes` that `code` starts with. */
export function bestPrefix(code: string, prefixes: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const p of prefixes) if (code.startsWith(p) && (!best || p.length > best.length)) best = p;
  return best;
}

/**
 * The main CPV code says "goods" (divisions 03–44 and packaged software), and no word says the supplier's own
 * work is bought; without a CPV code, the nature or the opening word of the title says a supply.
 */
function isGoodsSupply(r: Reading, texts: Texts): string | undefined {
  const t = r.tender;
  const main = t.cpv[0];
  // Only the title (or a free text's opening): descriptions of supplies often name the service they are for
  // ("pour l'entretien des…").
  const head = texts.title || texts.object.slice(0, 200);
  // What follows "pour…" is the purpose, not the thing bought: "véhicules … pour la restauration scolaire".
  const bought = head.split(/ (?:pour|destine|destines|destinee|destinees|au profit|a destination) /)[0] ?? head;
  // Equipment named before the trade word is the thing bought: "équipements de blanchisserie" are machines.
  const productionWord = has(bought, PRODUCTION_WORDS);
  const goodsNoun = has(bought, GOODS_NOUNS);
  const production = productionWord && !(goodsNoun && findKeyword(bought, goodsNoun) < findKeyword(bought, productionWord)) ? productionWord : undefined;
  if (main) {
    const div = Number(main.slice(0, 2));
    const goods = (div >= 3 && div < 45) || main.startsWith('48');
    // A title that opens with the work done ("Collecte des corbeilles à papier", CPV 39224340 bins) buys the work,
    // whatever code the buyer took from the things it is done on.
    if (!goods || bestPrefix(main, PRODUCTION_CPV) || production || SERVICE_OPENINGS.test(openingOf(head))) return undefined;
    return main;
  }
  if (production) return undefined;
  if (t.nature === 'fournitures' || SUPPLY_OPENINGS.test(head)) return head.split(' ').slice(0, 6).join(' ');
  return undefined;
}

/** Where the first keyword of a labour-intensive sector stands in the title, if any. */
function tradeWordAt(title: string, sectors: SectorMatch[]): number | undefined {
  let first: number | undefined;
  for (const s of sectors) {
    if (!s.sector.structures.includes('siae') && !s.sector.structures.includes('esat-ea')) continue;
    for (const k of s.sector.keywords) {
      const i = findKeyword(title, k);
      if (i >= 0 && (first === undefined || i < first)) first = i;
    }
  }
  return first;
}

// The contract's form before what it buys: "Accord-cadre à bons de commande mono-attributaire pour la…",
// "L'objet du présent marché est d'assurer la…".
const PREAMBLE = /^(?:l objet du (?:present )?(?:marche|contrat|accord[- ]cadre|consultation) (?:est|consiste) (?:de |d |en )?(?:assurer |realiser )?(?:la |le |les |l )?|(?:accords?[- ]cadres?|marches?|contrats?|consultation)(?: [a-z-]+){0,10}? (?:pour|relatifs? a|relatives? a|relatifs? aux|relatives? aux|portant sur|ayant pour objet) (?:la |le |les |l |des |du |de |d |un |une )?)(?:prestations? (?:de services? )?(?:pour |de |d )(?:la |le |les |l )?)?/;

/** How many characters of a folded title say the contract's form rather than what is bought. */
export function preambleLength(head: string): number {
  return PREAMBLE.exec(head)?.[0].length ?? 0;
}

// A lot's label before what it buys: "RA000 LOT 2 ESPACES VERTS", "Lot 3 - Nettoyage…".
const LOT_LEAD = /^(?:[a-z]*\d[a-z0-9]*\s+)?lot\s*(?:n\s*o?\s*)?\d{1,3}\s*/;

/** What a folded title buys, without its lot label, its contract form or a "services de" before the trade. */
function openingOf(head: string): string {
  const h = head.replace(LOT_LEAD, '');
  const pre = preambleLength(h);
  // "Marché fourniture de sacs pour la collecte…" buys sacks: a supply named in the form is what is bought.
  if (/\b(?:fournitures?|acquisitions?|achats?|location|approvisionnement)\b/.test(h.slice(0, pre))) return h;
  return h.slice(pre).replace(/^(?:services?|prestations?) (?:de |d )/, '');
}

/** Fields that rule out a reservation, with their evidence. */
export function blockingFields(r: Reading, texts: Texts, sectors: SectorMatch[]): FieldHit[] {
  const hits: FieldHit[] = [];
  const main = r.tender.cpv[0];
  // The buyer's CPV code naming a labour-intensive trade outweighs stray words of the object.
  const tradeByCpv = sectors.some((s) => s.evidenceCpv && s.score >= 0.7 && (s.sector.structures.includes('siae') || s.sector.structures.includes('esat-ea')));
  const goods = isGoodsSupply(r, texts);
  if (goods) hits.push({ id: 'goods', whyNot: 'whyNotGoods', evidence: goods });
  const opening = openingOf(texts.title || texts.object.slice(0, 200));
  const serviceOpening = SERVICE_OPENINGS.test(opening);
  for (const f of NO_RESERVATION_FIELDS) {
    const lifted = has(`${texts.title} ${texts.object} ${texts.lots}`, f.unless);
    if (lifted || ('unlessOpening' in f && f.unlessOpening.test(opening))) continue;
    // A labour service opening the title outweighs a field's code: "SERVICES DE NETTOYAGE DES BATIMENTS" filed under a
    // waste-treatment code is cleaning. The field's own words in the title still rule reservations out.
    const cpv = main && !serviceOpening ? bestPrefix(main, f.cpv) : undefined;
    if (cpv) {
      hits.push({ id: f.id, whyNot: f.whyNot, evidence: main! });
      continue;
    }
    // A free text with no title is read from its opening, like a title.
    const head = texts.title || texts.object.slice(0, 200);
    if ('anywhere' in f) {
      const word = has(`${head} ${texts.object.slice(0, 600)}`, f.words);
      if (word) hits.push({ id: f.id, whyNot: f.whyNot, evidence: word });
      continue;
    }
    const inTitle = has(head, f.words);
    if (inTitle && 'qualifies' in f) {
      hits.push({ id: f.id, whyNot: f.whyNot, evidence: inTitle });
      continue;
    }
    // In a French title the head noun comes first: "Nettoyage du site du festival" is cleaning, "Logiciel de
    // gestion des espaces verts" is software. The earlier of the trade word and the field word decides, even
    // against a trade's CPV code: the title is the buyer's own words for what it buys.
    if (inTitle) {
      const at = findKeyword(head, inTitle);
      const trade = tradeWordAt(head, sectors);
      // Against a trade's CPV code, only a field word heading the title counts.
      if ((trade === undefined || at < trade) && (!tradeByCpv || at - preambleLength(head) < 40)) hits.push({ id: f.id, whyNot: f.whyNot, evidence: inTitle });
      continue;
    }
    if (tradeByCpv || 'titleOnly' in f) continue;
    const word = texts.title && sectors.some((s) => s.inTitle) ? undefined : has(texts.object, f.words);
    if (word) hits.push({ id: f.id, whyNot: f.whyNot, evidence: word });
  }
  return hits;
}

/**
 * The ESS reservation of art. L2113-15 is open only to the services of a list of CPV codes: a purchase whose every
 * code is off the list cannot be reserved on that ground, whatever its words. A broad code (92000000) may stand for a
 * listed one below it, so only codes that are neither on the list nor above an entry of it count.
 */
function offTheEssList(r: Reading, listed: readonly string[]): FieldHit[] {
  const codes = [...r.tender.cpv, ...r.tender.lots.flatMap((l) => l.cpv)];
  if (!codes.length || !listed.length) return [];
  const off = (code: string) => {
    const significant = code.replace(/0+$/, '');
    return !bestPrefix(code, listed) && !listed.some((p) => p.startsWith(significant));
  };
  return codes.every(off) ? [{ id: 'ess-list', whyNot: 'whyNotEssList', evidence: codes[0]! }] : [];
}

/** Reads the facts of a purchase. */
export function readFacts(kb: Kb, r: Reading, texts: Texts, sectors: SectorMatch[], labelScore: number): Facts {
  const t = r.tender;
  const declared = new Map<ProcurementLeverId, string>();
  for (const s of r.signals) {
    const l = SIGNAL_LEVER[s.id];
    if (l && !declared.has(l)) declared.set(l, s.evidence);
  }
  const works = natureOf(r) === 'travaux' || t.cpv.some((c) => c.startsWith('45'));
  const lotCount = t.lots.length;
  let essCpv: Facts['essCpv'];
  const ess = kb.lever('reserve-ess');
  if (ess) {
    const uses = t.cpv.map((code, i) => ({ code, weight: i === 0 && t.cpvMain ? 1 : 0.75 }));
    for (const u of uses) {
      const p = bestPrefix(u.code, ess.whenItFits.cpvPrefixes);
      // A main code in the field (division 85, health and social work) is enough; a secondary one must be precise:
      // a listed class (85311, social work with accommodation), not the whole division.
      if (p && (p.length >= 5 || u.weight === 1 || u.code.replace(/0+$/, '').length >= 5)) {
        essCpv = { code: u.code, weight: u.weight };
        break;
      }
    }
  }
  const both = `${texts.title} ${texts.object}`;
  const insertionSector = sectors.some((x) => x.sector.id === 'insertion-professionnelle');
  const insertion = insertionSector || INSERTION_OBJECT.some((k) => findKeyword(both, k) >= 0);
  const byWork = insertion && (sectors.some((x) => x.sector.id !== 'insertion-professionnelle' && x.sector.structures.includes('siae') && x.score >= 0.6) || INSERTION_BY_WORK.some((k) => findKeyword(both, k) >= 0));
  return {
    insertionByWork: byWork,
    insertionSupport: insertion && !byWork,
    texts,
    sectors,
    works,
    hasLots: lotCount > 1 || declared.has('allotissement') || (t.lotCount ?? 0) > 1,
    lotCount: Math.max(lotCount, t.lotCount ?? 0),
    value: t.estimatedValue,
    divisions: new Set(t.cpv.map((c) => c.slice(0, 2))).size,
    insertionObject: INSERTION_OBJECT.some((k) => findKeyword(both, k) >= 0),
    essCpv,
    labelledGoods: labelScore,
    innovative: /\b(innovant|innovante|innovation|experimentation|experimental)\b/.test(both),
    blocked: [...blockingFields(r, texts, sectors), ...offTheEssList(r, ess?.whenItFits.cpvPrefixes ?? [])],
    declared,
    notReserved: r.signals.some((s) => s.id === 'not-reserved'),
    // Read from a portal or an award record (DECP), not a pasted draft, with a procedure that advertises.
    published: (r.portal !== null || t.noticeType === 'award') && Boolean(t.procedure) && !/sans (?:publicite|mise en concurrence)/.test(fold(t.procedure ?? '')),
    socialDuty: false,
  };
}

// A title that is the first line of the object cut mid-sentence ("Assistance … pour la prochaine mise en" / "oeuvre
// de l'opération … téléphérique …") says what is bought only with the rest of its sentence.
function wholeTitle(title: string, object: string): string {
  const head = title.trim();
  if (!head || !object.startsWith(head) || /[.!?;:)»"'’]$/.test(head)) return title;
  const rest = object.slice(head.length);
  if (!/^\s+[a-zà-ÿœ]/.test(rest)) return title;
  const end = rest.search(/[.;!?](?:\s|$)|\n\s*\n/);
  return `${head} ${rest.slice(0, end < 0 ? 300 : Math.min(end, 300)).trim()}`;
}

/** Folded title, object and lot titles of a reading. */
export function textsOf(r: Reading): Texts {
  const t = r.tender;
  // Free text with no recognisable title or object is itself the object.
  const object = t.object ?? (t.title ? '' : r.text.slice(0, 3000));
  return {
    title: fold(wholeTitle(t.title ?? '', object)),
    object: fold(object),
    lots: fold(t.lots.map((l) => l.title).join(' · ')),
  };
}
