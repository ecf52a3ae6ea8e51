import type { Portal, PortalExtract } from './types.ts';
import type { PageKind } from '../read/types.ts';
import { guard } from '../errors.ts';
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

/** The engine of a URL, or undefined. Never throws: a faulty matcher is reported and skipped. */
export function findPortal(url: URL | string): Portal | undefined {
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : url;
  } catch {
    // A page address is input: a malformed one matches no engine.
    return undefined;
  }
  return portals.find((p) => guard(`engine:${p.id}`, () => p.matches(u), false));
}

/** The engine whose DOM structure the document carries (saved pages without a usable URL). */
export function detectPortal(doc: Document): Portal | undefined {
  return portals.find((p) => guard(`engine:${p.id}`, () => Boolean(p.detect?.(doc)), false));
}

/**
 * What an engine reads on a page, called at the registry's boundary: a fault of the engine (a live portal
 * changed its markup) is reported as `engine:<id>` through core/errors and the page is read as no page
 * of that engine (`other`, nothing extracted) so the generic reader takes over.
 */
export function readWithEngine(portal: Portal, doc: Document, url: URL): { kind: PageKind; extract: PortalExtract } {
  const empty: PortalExtract = { tender: {}, sections: [], entries: [] };
  const kind = guard<PageKind>(`engine:${portal.id}`, () => portal.pageKind(doc, url), 'other');
  const extract = kind === 'other' ? empty : guard(`engine:${portal.id}`, () => portal.extract(doc, url), empty);
  return { kind, extract };
}
