import { reportFault } from '../errors.ts';
import { all, byId, meta, textOf } from './dom.ts';
import { findBoampId } from './fields/index.ts';
import { collapse } from './text.ts';

function httpUrl(s: string | null | undefined, base?: string): URL | undefined {
  if (!s) return undefined;
  try {
    const u = base ? new URL(s.trim(), base) : new URL(s.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
  } catch {
    // Addresses come from the saved page: malformed ones are expected.
    return undefined;
  }
}

// The host most absolute links, scripts and stylesheets of a saved page point to.
function dominantOrigin(doc: Document): string | undefined {
  const counts = new Map<string, number>();
  for (const el of all(doc, 'link[href], script[src], img[src], a[href]', 3000)) {
    const u = httpUrl(el.getAttribute('href') ?? el.getAttribute('src'));
    if (!u || /google|gstatic|googleapis|jquery|cloudflare|facebook|twitter|translate/.test(u.hostname)) continue;
    counts.set(u.origin, (counts.get(u.origin) ?? 0) + 1);
  }
  let best: string | undefined;
  let n = 0;
  for (const [origin, c] of counts) {
    if (c > n) {
      best = origin;
      n = c;
    }
  }
  return best;
}

/**
 * The address of a saved page, read from the page itself: canonical link, `og:url`, `<base>`, or the
 * engine's own ids (BOAMP idweb, TED document number, Atexo consultation form). Undefined when unknown.
 */
export function inferUrl(doc: Document): URL | undefined {
  try {
    const canonical = httpUrl(all(doc, 'link[rel="canonical"]', 1)[0]?.getAttribute('href'));
    if (canonical) return canonical;
    const og = httpUrl(meta(doc, 'og:url'));
    if (og) return og;
    const base = httpUrl(all(doc, 'base[href]', 1)[0]?.getAttribute('href'));

    const avisRef = textOf(doc, '.avis-header .avis-ref', '.avis-ref');
    const idweb = avisRef ? findBoampId(avisRef) : undefined;
    if (idweb) return new URL(`https://www.boamp.fr/pages/avis/?q=idweb:${idweb}`);

    for (const row of all(doc, 'table.data tr', 40)) {
      const th = collapse(all(row, 'th', 1)[0]?.textContent ?? '');
      if (th !== 'ND') continue;
      const nd = /(\d{1,8}-\d{4})/.exec(row.textContent ?? '')?.[1];
      if (nd) return new URL(`https://ted.europa.eu/fr/notice/-/detail/${nd}`);
    }

    // Atexo (PRADO): the main form posts to the consultation page.
    if (byId(doc, 'PRADO_PAGESTATE')) {
      const action = all(doc, 'form[action*="refConsultation"], form[action*="consultation"]', 1)[0]?.getAttribute('action');
      const origin = base?.origin ?? dominantOrigin(doc);
      if (action && origin) {
        const u = httpUrl(action, origin);
        if (u) return u;
      }
    }
    return base;
  } catch (e) {
    // inferUrl walks any saved page: a fault is reported and the page keeps no inferred address.
    reportFault('read:infer-url', e);
    return undefined;
  }
}
