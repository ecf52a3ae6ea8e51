import type { Portal, PortalExamples } from './types.ts';
import { definePortal } from './kit.ts';

/** Xmarchés (Omnikles), on xmarches.fr and on `*.omnikles.com/xmarches/`. */
export const xmarches: Portal = definePortal({
  id: 'xmarches',
  name: 'Xmarchés (Omnikles)',
  domains: ['xmarches.fr'],
  path: /^\/xmarches\/|\/entreprise\/detailConsultation\.php\?key=/i,
  notice: /\/entreprise\/detailConsultation\.php\?key=/i,
  // TODO(2026-11-22): list path not seen on a saved page.
  list: /\/entreprise\/(?:listeConsultations|rechercheConsultations?|consultations)\.php/i,
  entryHref: /detailConsultation\.php\?key=/i,
  // The consultation's download button: its confirmation attribute, or the redirect naming the XMAR provider.
  detectSelector: '[data-confirm-download-dce], a[data-url*="prov=XMAR"]',
  noticeSelector: '[data-confirm-download-dce]',
  hosts: ['www.xmarches.fr', 'xmarches.fr', 'marchespublics-opac-rhone.omnikles.com'],
});

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const xmarchesExamples: PortalExamples = {
  notice: [
    'https://www.xmarches.fr/entreprise/detailConsultation.php?key=a1b2c3d4',
    'https://marchespublics-opac-rhone.omnikles.com/xmarches/entreprise/detailConsultation.php?key=z9y8x7',
  ],
  list: ['https://www.xmarches.fr/entreprise/listeConsultations.php'],
};

/*
 * Test URLs
 * https://www.xmarches.fr/entreprise/detailConsultation.php?key=a1b2c3d4
 * https://www.xmarches.fr/entreprise/listeConsultations.php
 */
