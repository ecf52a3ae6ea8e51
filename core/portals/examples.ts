// Every engine's example URLs by engine id. Only tests import this file, so the shipped scripts carry none of them.
import type { PortalExamples } from './types.ts';
import { achatpublicExamples } from './achatpublic.ts';
import { atexoExamples } from './atexo.ts';
import { awsExamples } from './aws.ts';
import { boampExamples } from './boamp.ts';
import { centraleDesMarchesExamples } from './centrale-des-marches.ts';
import { eMarchespublicsExamples } from './e-marchespublics.ts';
import { franceMarchesExamples } from './france-marches.ts';
import { klekoonExamples } from './klekoon.ts';
import { marchesOnlineExamples } from './marches-online.ts';
import { marchesSecurisesExamples } from './marches-securises.ts';
import { placeExamples } from './place.ts';
import { tedExamples } from './ted.ts';
import { xmarchesExamples } from './xmarches.ts';

/** Example URLs of every engine of the registry, by engine id. */
export const portalExamples: Readonly<Record<string, PortalExamples>> = {
  'achatpublic': achatpublicExamples,
  'atexo': atexoExamples,
  'aws': awsExamples,
  'boamp': boampExamples,
  'centrale-des-marches': centraleDesMarchesExamples,
  'e-marchespublics': eMarchespublicsExamples,
  'france-marches': franceMarchesExamples,
  'klekoon': klekoonExamples,
  'marches-online': marchesOnlineExamples,
  'marches-securises': marchesSecurisesExamples,
  'place': placeExamples,
  'ted': tedExamples,
  'xmarches': xmarchesExamples,
};
