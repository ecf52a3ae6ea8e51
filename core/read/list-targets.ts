// The elements that show each result of a list: where a marker goes. Small on purpose (the list stage of the
// content script bundles it): a result is tied to the first link to its notice that has text, by BOAMP idweb or
// by address, the same key the entry gets.
import type { ListEntry } from './types.ts';
import { boampIdwebOf } from '../portals/boamp.ts';

/** One result of a list and the link that shows it. */
export interface ListTarget {
  key: string;
  entry: ListEntry;
  /** The result's title link (the marker goes right after it). */
  link: Element;
}

const MAX_LINKS = 3_000;

/** The key that ties a list entry to the element showing it: the BOAMP idweb, else the notice's address. */
export function entryKey(entry: Pick<ListEntry, 'boampId' | 'url'>): string {
  return entry.boampId ? `idweb:${entry.boampId}` : entry.url ? `url:${entry.url.split('#')[0]}` : '';
}

/** The key of a link: the idweb of a BOAMP notice, else its absolute address without the fragment. */
export function linkKey(href: string | null | undefined, base: URL): string | undefined {
  if (!href) return undefined;
  let abs: URL;
  try {
    abs = new URL(href.replace(/&quot;|&#34;|&#x22;/gi, '"'), base);
  } catch {
    return undefined;
  }
  if (abs.protocol !== 'http:' && abs.protocol !== 'https:') return undefined;
  const idweb = boampIdwebOf(abs);
  if (idweb) return `idweb:${idweb}`;
  abs.hash = '';
  return `url:${abs.href}`;
}

/** The link showing each entry, in the entries' order; entries whose link cannot be found are left out. */
export function listTargets(doc: Document, url: URL, entries: readonly ListEntry[]): ListTarget[] {
  const wanted = new Map<string, ListEntry>();
  for (const e of entries) {
    const k = entryKey(e);
    if (k && !wanted.has(k)) wanted.set(k, e);
  }
  const found = new Map<string, Element>();
  const links = doc.links;
  for (let i = 0; i < links.length && i < MAX_LINKS && found.size < wanted.size; i++) {
    const a = links[i]!;
    const k = linkKey(a.getAttribute('href'), url);
    if (!k || found.has(k) || !wanted.has(k)) continue;
    // The title link, not an icon or a "see the notice" button placed before it: the first with words.
    if ((a.textContent ?? '').replace(/\s+/g, ' ').trim().length < 4) continue;
    found.set(k, a);
  }
  const out: ListTarget[] = [];
  for (const [key, entry] of wanted) {
    const link = found.get(key);
    if (link) out.push({ key, entry, link });
  }
  return out;
}
