// What kind of public buyer a notice comes from, read from the buyer's name alone.
import { fold } from '../text';

/** The kinds of public buyer that decide which networks and agencies are worth proposing. */
export const BUYER_KINDS = ['commune', 'epci', 'departement', 'region', 'hospital', 'state', 'social-housing', 'other'] as const;
export type BuyerKind = (typeof BUYER_KINDS)[number];

// First match wins, on the folded name (lower case, no accents, punctuation as spaces). The order matters:
// "GHT …, Direction des achats" is a hospital and "Ville de Paris - Direction …" a commune, not State services;
// the specific kinds come before the words other names share ("communauté" before "commune").
const RULES: [BuyerKind, RegExp][] = [
  ['hospital', /\b(centre hospitalier|centres hospitaliers|chu|chr|chru|cht|ght|ghu|ghr|gcs|hopital|hopitaux|hospitalier|hospitaliere|hospices|ap hp|assistance publique|ehpad|groupement hospitalier)\b/],
  ['social-housing', /\b(oph|opac|office public de l habitat|offices? public d hlm|hlm|esh|habitat|logement social|logements sociaux)\b/],
  ['region', /^(region|conseil regional|collectivite de corse|collectivite territoriale de (guyane|martinique))\b|\bconseil regional\b/],
  ['departement', /^(departement|conseil departemental|conseil general|collectivite europeenne d alsace)\b|\bconseil departemental\b/],
  ['epci', /\b(communaute|communautes|metropole|eurometropole|agglo|agglomeration|intercommunal|intercommunale|etablissement public territorial|ept|syndicat|sivom|sivu|sirtom|siaep|smictom|sictom|petr)\b|^(cc|ca|cu|sm)\b|^c c (?!a s\b)/],
  ['commune', /^(commune|ville|mairie|maire|ccas|c c a s)\b|\bcommune (de|d|du|des)\b|\bcentre communal d action sociale\b/],
  ['state', /\b(ministere|prefecture|prefet|rectorat|academie de|sgar|sgami|dreal|drac|deal|ddt|ddtm|ddpp|ddets|dreets|direccte|drieat|meddtl|pole emploi|france travail|universite|universitaire|ign)\b|^dir[a-z]{0,3}\b|\bdirection (generale|regionale|departementale|interdepartementale|interregionale)\b|\becole (nationale|centrale|normale)\b/],
];

/**
 * The kind of a buyer from its name ("Commune de …", "Conseil départemental …", "Centre hospitalier …",
 * "Hauts-de-Seine Habitat - OPH", "DIR Sud-Ouest", "Ministère …"). `other` when the name says none of these
 * (a syndicate of unknown members, a public company, a school, no name at all).
 */
export function buyerKind(name: string | undefined): BuyerKind {
  if (!name) return 'other';
  const f = fold(name).trim();
  if (!f) return 'other';
  for (const [kind, re] of RULES) if (re.test(f)) return kind;
  return 'other';
}
