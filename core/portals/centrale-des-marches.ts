import type { Portal, PortalExamples } from './types.ts';
import { definePortal } from './kit.ts';

/** Centrale des marchés, an aggregator republishing BOAMP. */
export const centraleDesMarches: Portal = definePortal({
  id: 'centrale-des-marches',
  name: 'Centrale des marchés',
  domains: ['centraledesmarches.com', 'lacentraledesmarches.com'],
  notice: /\/marches-publics\/[^/]+\/\d+/i,
  list: /\/marches-publics\/?(?:[^/?#]+\/?)?(?:\?|$)|\/recherche/i,
  entryHref: /\/marches-publics\/[^/]+\/\d+/i,
  hosts: ['www.centraledesmarches.com', 'centraledesmarches.com', 'www.lacentraledesmarches.com'],
});

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const centraleDesMarchesExamples: PortalExamples = {
  notice: ['https://www.centraledesmarches.com/marches-publics/Lyon-Ville-de-Lyon-Nettoyage-des-ecoles/7123456'],
  list: ['https://www.centraledesmarches.com/marches-publics/Rhone'],
};

/*
 * Test URLs
 * https://www.centraledesmarches.com/marches-publics/Lyon-Ville-de-Lyon-Nettoyage-des-ecoles/7123456
 * https://www.centraledesmarches.com/marches-publics/Rhone
 */
