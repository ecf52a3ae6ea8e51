// Stable ids of shared/spec/vocabulary.md. They are public API: the data, `analyze`, the widget attributes
// and the tests all use these exact strings.

export const THEME_IDS = [
  'alimentation',
  'dechets-economie-circulaire',
  'mobilite',
  'energie',
  'numerique',
  'culture',
  'tourisme',
  'petite-enfance-famille',
  'jeunesse-sport',
  'bien-vieillir',
  'habitat',
  'centres-villes',
  'politique-de-la-ville',
  'ruralite',
  'developpement-economique',
  'formation',
  'vie-associative',
  'tiers-lieux',
  'citoyennete',
  'cooperation-internationale',
] as const;

export const POLICY_LEVER_IDS = [
  'connaitre-les-acteurs',
  'commande-publique',
  'scic',
  'contractualisation',
  'foncier',
  'evaluation-utilite-sociale',
  'animation-territoriale',
  'finance-solidaire',
  'transversalite',
  'participation',
  'ressources',
  'fonds-europeens',
  'cooperation-territoriale',
] as const;

export const PROCUREMENT_LEVER_IDS = [
  'reserve-handicap',
  'reserve-siae',
  'reserve-ess',
  'clause-insertion',
  'critere-social',
  'allotissement',
  'groupement',
  'sourcing',
  'label-equitable',
  'marche-sans-publicite',
  'achat-innovant',
  'plan-de-progres',
  'facilitateur',
  'spaser',
] as const;

export const SIGNAL_IDS = [
  'reserve-handicap',
  'reserve-siae',
  'reserve-ess',
  'clause-insertion',
  'critere-social',
  'clause-environnementale',
  'critere-environnemental',
  'label-equitable',
  'allotissement',
  'not-reserved',
] as const;

export const ROLES = ['acheteur', 'structure', 'elu', 'citoyen'] as const;

export type ThemeId = (typeof THEME_IDS)[number];
export type PolicyLeverId = (typeof POLICY_LEVER_IDS)[number];
export type ProcurementLeverId = (typeof PROCUREMENT_LEVER_IDS)[number];
export type Role = (typeof ROLES)[number];

/** Topic ids a fiche or an actor may carry: themes and policy levers. */
export const TOPIC_IDS: readonly string[] = [...THEME_IDS, ...POLICY_LEVER_IDS];
export type SignalId = (typeof SIGNAL_IDS)[number];
