import type { Portal } from './types.ts';
import { definePortal } from './kit.ts';

/** Klekoon (buyer profile and notice publishing). */
export const klekoon: Portal = definePortal({
  id: 'klekoon',
  name: 'Klekoon',
  domains: ['klekoon.com'],
  notice: /[?&]consultation_ID=\d+/i,
  list: /rechercher-une-annonce|\/appels-offres\/?(?:\?|$)|\/appels-offres\/(?:liste|recherche)/i,
  entryHref: /consultation_ID=\d+/i,
  examples: {
    notice: ['https://www.klekoon.com/appels-offres/avis/fourniture-de-repas-scolaires?consultation_ID=123456'],
    list: ['https://www.klekoon.com/rechercher-une-annonce-ou-un-dce-dematerialise-sur-klekoon'],
  },
  hosts: ['www.klekoon.com', 'klekoon.com'],
});

/*
 * Test URLs
 * https://www.klekoon.com/appels-offres/avis/fourniture-de-repas-scolaires?consultation_ID=123456
 * https://www.klekoon.com/rechercher-une-annonce-ou-un-dce-dematerialise-sur-klekoon
 */
