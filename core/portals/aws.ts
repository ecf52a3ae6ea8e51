import type { Portal, PortalExamples } from './types.ts';
import { definePortal } from './kit.ts';

/**
 * AWS-achat (marches-publics.info), ColdFusion "mpiaws": about a quarter of the French notices that
 * link a platform. The engine path also serves white-labelled buyer hosts.
 */
export const aws: Portal = definePortal({
  id: 'aws',
  name: 'AWS-achat (marches-publics.info)',
  domains: ['marches-publics.info'],
  path: /\/mpiaws\/index\.cfm\?fuseaction=/i,
  notice: /\/Annonces\/MPI-pub-\d+\.htm|fuseaction=pub\.affPublication|refPub=MPI-pub-/i,
  list: /\/Annonces\/(?:lister|rechercher)|fuseaction=pub\.affResultats/i,
  entryHref: /MPI-pub-\d+/i,
  // Result blocks are server-rendered as div#entity (duplicated id).
  entryItem: '[id="entity"]',
  entryBuyer: 'h2.h2-avis',
  entryTitle: '[id="titre_box"]',
  hosts: ['www.marches-publics.info', 'marches-publics.info'],
});

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const awsExamples: PortalExamples = {
  notice: [
    'https://www.marches-publics.info/Annonces/MPI-pub-2023298141.htm',
    'https://www.marches-publics.info/mpiaws/index.cfm?fuseaction=pub.affPublication&refPub=MPI-pub-20260801257&serveur=MPI&IDS=6067',
  ],
  list: ['https://www.marches-publics.info/Annonces/lister', 'https://www.marches-publics.info/Annonces/lister?pager_s=2'],
};

/*
 * Test URLs
 * https://www.marches-publics.info/Annonces/MPI-pub-2023298141.htm
 * https://www.marches-publics.info/Annonces/lister?pager_s=2
 */
