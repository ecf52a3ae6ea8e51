import type { Portal, PortalExamples } from './types.ts';
import { definePortal } from './kit.ts';

/** e-marchespublics.com (Dematis), with buyer packs on `{x}.e-marchespublics.com`. */
export const eMarchespublics: Portal = definePortal({
  id: 'e-marchespublics',
  name: 'e-marchespublics.com (Dematis)',
  domains: ['e-marchespublics.com'],
  notice: /\/appel-offre\/[^/]+\/[^/]+\/[^/]+\/\d+(?:\/\d+)?|\/pack\/annonce_marche_public_\d+_\d+\.html/i,
  list: /\/appel-offre\/?(?:[^/?#]+\/?){0,3}(?:\?|$)|\/recherche/i,
  entryHref: /\/appel-offre\/[^/]+\/[^/]+\/[^/]+\/\d+|annonce_marche_public_\d+_\d+/i,
  fromUrl(url) {
    // "/appel-offre/{region}/{dept}/…": the département segment starts with its code when it has one.
    const dep = /\/appel-offre\/[^/]+\/(\d{2,3}|2[ab])(?:-[^/]*)?\//i.exec(url.pathname)?.[1];
    return dep ? { place: { publication: [dep.toUpperCase()] } } : {};
  },
  hosts: ['www.e-marchespublics.com', 'e-marchespublics.com'],
});

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const eMarchespublicsExamples: PortalExamples = {
  notice: [
    'https://www.e-marchespublics.com/appel-offre/auvergne-rhone-alpes/69-rhone/lyon/812345/1',
    'https://ville-exemple.e-marchespublics.com/pack/annonce_marche_public_1_812345.html',
  ],
  list: ['https://www.e-marchespublics.com/appel-offre/auvergne-rhone-alpes'],
};

/*
 * Test URLs
 * https://www.e-marchespublics.com/appel-offre/auvergne-rhone-alpes/69-rhone/lyon/812345/1
 * https://www.e-marchespublics.com/appel-offre/auvergne-rhone-alpes
 */
