import type { Portal, PortalExamples } from './types.ts';
import { definePortal } from './kit.ts';

/** achatpublic.com (SDM), also on buyer sub-domains. */
export const achatpublic: Portal = definePortal({
  id: 'achatpublic',
  name: 'achatpublic.com',
  domains: ['achatpublic.com'],
  path: /\/sdm\/ent2?\/gen\/ent_detail\.do\?PCSLID=/i,
  notice: /\/sdm\/ent2?\/gen\/ent_detail\.do/i,
  // TODO(2026-11-22): list paths not seen on a saved page; taken from scrapers' search forms.
  list: /\/sdm\/ent2?\/gen\/ent_(?:recherche|resultat|liste)|rechercheCsl/i,
  entryHref: /ent_detail\.do\?PCSLID=/i,
  hosts: ['www.achatpublic.com', 'achatpublic.com'],
});

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const achatpublicExamples: PortalExamples = {
  notice: [
    'https://www.achatpublic.com/sdm/ent/gen/ent_detail.do?PCSLID=CSL_2020_sAKVRil_Rz',
    'https://marches.ville-exemple.achatpublic.com/sdm/ent/gen/ent_detail.do?PCSLID=CSL_2021_x1Y2z3',
  ],
  list: ['https://www.achatpublic.com/sdm/ent/gen/ent_recherche.do?keyword=nettoyage'],
};

/*
 * Test URLs
 * https://www.achatpublic.com/sdm/ent/gen/ent_detail.do?PCSLID=CSL_2020_sAKVRil_Rz
 * https://www.achatpublic.com/sdm/ent/gen/ent_recherche.do?keyword=nettoyage
 */
