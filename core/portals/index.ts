import type { Portal } from './types.ts';
import { achatpublic } from './achatpublic.ts';
import { atexo } from './atexo.ts';
import { aws } from './aws.ts';
import { boamp } from './boamp.ts';
import { centraleDesMarches } from './centrale-des-marches.ts';
import { eMarchespublics } from './e-marchespublics.ts';
import { franceMarches } from './france-marches.ts';
import { klekoon } from './klekoon.ts';
import { marchesOnline } from './marches-online.ts';
import { marchesSecurises } from './marches-securises.ts';
import { place } from './place.ts';
import { ted } from './ted.ts';
import { xmarches } from './xmarches.ts';

export type { Portal, PortalExtract } from './types.ts';

/**
 * Engines, first match wins. Host-bound engines come first; path fingerprints that may appear on
 * any host (Atexo, AWS, Xmarchés) come after them.
 */
export const portals: readonly Portal[] = [
  boamp,
  ted,
  // Order matters: PLACE is Atexo on marches-publics.gouv.fr and must win over `atexo` there.
  place,
  achatpublic,
  marchesSecurises,
  eMarchespublics,
  klekoon,
  franceMarches,
  marchesOnline,
  centraleDesMarches,
  aws,
  xmarches,
  atexo,
];

/** The engine of a URL, or undefined. Never throws. */
export function findPortal(url: URL | string): Portal | undefined {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return undefined;
  }
  for (const p of portals) {
    try {
      if (p.matches(u)) return p;
    } catch {
      /* a broken matcher must not hide the others */
    }
  }
  return undefined;
}

/** The engine whose DOM structure the document carries (saved pages without a usable URL). */
export function detectPortal(doc: Document): Portal | undefined {
  for (const p of portals) {
    try {
      if (p.detect?.(doc)) return p;
    } catch {
      /* ignore */
    }
  }
  return undefined;
}
