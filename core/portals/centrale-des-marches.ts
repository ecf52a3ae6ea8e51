import type { Portal } from './types.ts';
import { definePortal } from './kit.ts';

/** Centrale des marchés, an aggregator republishing BOAMP. */
export const centraleDesMarches: Portal = definePortal({
  id: 'centrale-des-marches',
  name: 'Centrale des marchés',
  domains: ['centraledesmarches.com', 'lacentraledesmarches.com'],
  notice: /\/marches-publics\/[^/]+\/\d+/i,
  list: /\/marches-publics\/?(?:[^/?#]+\/?)?(?:\?|$)|\/recherche/i,
  entryHref: /\/marches-publics\/[^/]+\/\d+/i,
  examples: {
    notice: ['https://www.centraledesmarches.com/marches-publics/Lyon-Ville-de-Lyon-Nettoyage-des-ecoles/7123456'],
    list: ['https://www.centraledesmarches.com/marches-publics/Rhone'],
  },
  hosts: ['www.centraledesmarches.com', 'centraledesmarches.com', 'www.lacentraledesmarches.com'],
});

/*
 * Test URLs
 * https://www.centraledesmarches.com/marches-publics/Lyon-Ville-de-Lyon-Nettoyage-des-ecoles/7123456
 * https://www.centraledesmarches.com/marches-publics/Rhone
 */
