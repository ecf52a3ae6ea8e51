import type { Portal, PortalExamples } from './types.ts';
import { definePortal } from './kit.ts';

/** marches-securises.fr; its list has a native "critères sociaux" filter (`criteres_sociaux=1`). */
export const marchesSecurises: Portal = definePortal({
  id: 'marches-securises',
  name: 'marches-securises.fr',
  domains: ['marches-securises.fr'],
  notice: /module=consultation(?:\||%7C)details|[?&]cle_dce=/i,
  list: /module=liste_consultations|module=recherche/i,
  entryHref: /cle_dce=|module=consultation(?:\||%7C)details/i,
  hosts: ['www.marches-securises.fr', 'marches-securises.fr'],
});

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const marchesSecurisesExamples: PortalExamples = {
  notice: ['https://www.marches-securises.fr/entreprise/?module=consultation|details&cle_dce=7f3a2b1c9d8e'],
  list: ['https://www.marches-securises.fr/entreprise/?module=liste_consultations&presta=services&liste_dept=69&criteres_sociaux=1'],
};

/*
 * Test URLs
 * https://www.marches-securises.fr/entreprise/?module=consultation|details&cle_dce=7f3a2b1c9d8e
 * https://www.marches-securises.fr/entreprise/?module=liste_consultations&presta=services&liste_dept=69&criteres_sociaux=1
 */
