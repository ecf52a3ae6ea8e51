import type { Portal, PortalExamples } from './types.ts';
import { definePortal } from './kit.ts';

/** Klekoon (buyer profile and notice publishing). */
export const klekoon: Portal = definePortal({
  id: 'klekoon',
  name: 'Klekoon',
  domains: ['klekoon.com'],
  notice: /[?&]consultation_ID=\d+/i,
  list: /rechercher-une-annonce|\/appels-offres\/?(?:\?|$)|\/appels-offres\/(?:liste|recherche)/i,
  entryHref: /consultation_ID=\d+/i,
  hosts: ['www.klekoon.com', 'klekoon.com'],
});

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const klekoonExamples: PortalExamples = {
  notice: ['https://www.klekoon.com/appels-offres/avis/fourniture-de-repas-scolaires?consultation_ID=123456'],
  list: ['https://www.klekoon.com/rechercher-une-annonce-ou-un-dce-dematerialise-sur-klekoon'],
};

/*
 * Test URLs
 * https://www.klekoon.com/appels-offres/avis/fourniture-de-repas-scolaires?consultation_ID=123456
 * https://www.klekoon.com/rechercher-une-annonce-ou-un-dce-dematerialise-sur-klekoon
 */
