import type { Portal, PortalExamples } from './types.ts';
import { atexoPageKind, extractAtexo } from './atexo.ts';
import { onDomain } from './kit.ts';

/**
 * PLACE, the State's platform: Atexo MPE on marches-publics.gouv.fr. It comes before `atexo` in the
 * registry so its host wins; the DOM reading is Atexo's.
 */
export const place: Portal = {
  id: 'place',
  name: "PLACE — Plate-forme des achats de l'État",
  specialises: 'atexo',
  matches(url: URL): boolean {
    return onDomain(url, 'marches-publics.gouv.fr');
  },
  pageKind: atexoPageKind,
  extract: extractAtexo,
  hosts: ['www.marches-publics.gouv.fr', 'marches-publics.gouv.fr'],
};

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const placeExamples: PortalExamples = {
  notice: [
    'https://www.marches-publics.gouv.fr/?page=entreprise.EntrepriseDetailsConsultation&refConsultation=624658&orgAcronyme=f5j',
    'https://www.marches-publics.gouv.fr/index.php?page=entreprise.EntrepriseDemandeTelechargementDce&refConsultation=625646&orgAcronyme=g6l',
    'https://www.marches-publics.gouv.fr/app.php/entreprise/consultation/2154321?orgAcronyme=d4t',
    'https://www.marches-publics.gouv.fr/entreprise/consultation/3054794?orgAcronyme=d3f',
  ],
  list: ['https://www.marches-publics.gouv.fr/?page=entreprise.EntrepriseAdvancedSearch&AllCons'],
};

/*
 * Test URLs
 * https://www.marches-publics.gouv.fr/?page=entreprise.EntrepriseDetailsConsultation&refConsultation=624658&orgAcronyme=f5j
 * https://www.marches-publics.gouv.fr/?page=entreprise.EntrepriseAdvancedSearch&AllCons
 */
