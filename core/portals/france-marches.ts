import type { Portal, PortalExamples } from './types.ts';
import { definePortal } from './kit.ts';

/** France Marchés, an aggregator republishing BOAMP notices (the slug carries the idweb). */
export const franceMarches: Portal = definePortal({
  id: 'france-marches',
  name: 'France Marchés',
  domains: ['francemarches.com'],
  notice: /\/appel-offre\/[^/?#]+/i,
  list: /\/appels?-d?-?offres?\/?(?:\?|$)|\/recherche/i,
  entryHref: /\/appel-offre\/[^/?#]+/i,
  fromUrl(url) {
    // "3boamp2096685-…" → BOAMP idweb "20-96685".
    const m = /\/appel-offre\/\d?boamp(\d{2})(\d{4,6})\b/i.exec(url.pathname);
    return m ? { boampId: `${m[1]}-${m[2]}` } : {};
  },
  hosts: ['www.francemarches.com', 'francemarches.com'],
});

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const franceMarchesExamples: PortalExamples = {
  notice: ['https://www.francemarches.com/appel-offre/3boamp2096685-services-d-insertion-et-de-qualification-professionnelles'],
  list: ['https://www.francemarches.com/recherche?keywords=insertion'],
};

/*
 * Test URLs
 * https://www.francemarches.com/appel-offre/3boamp2096685-services-d-insertion-et-de-qualification-professionnelles
 * https://www.francemarches.com/recherche?keywords=insertion
 */
