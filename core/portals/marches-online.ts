import type { Portal, PortalExamples } from './types.ts';
import { definePortal } from './kit.ts';

/** Marchés Online (Groupe Moniteur), an aggregator. */
export const marchesOnline: Portal = definePortal({
  id: 'marches-online',
  name: 'Marchés Online',
  domains: ['marchesonline.com'],
  notice: /\/appels-offres\/avis\/[^/]+\/ao-\d+-\d+/i,
  list: /\/appels-offres\/?(?:\?|$)|\/appels-offres\/(?:en-cours|recherche|departement|region)|\/recherche/i,
  entryHref: /\/ao-\d+-\d+/i,
  hosts: ['www.marchesonline.com', 'marchesonline.com'],
});

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const marchesOnlineExamples: PortalExamples = {
  notice: ['https://www.marchesonline.com/appels-offres/avis/nettoyage-des-locaux-communaux/ao-8123456-1'],
  list: ['https://www.marchesonline.com/appels-offres/en-cours'],
};

/*
 * Test URLs
 * https://www.marchesonline.com/appels-offres/avis/nettoyage-des-locaux-communaux/ao-8123456-1
 * https://www.marchesonline.com/appels-offres/en-cours
 */
