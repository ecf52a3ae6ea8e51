import type { PageKind } from '../read/types.ts';
import type { Portal, PortalExtract } from './types.ts';
import type { TenderPatch } from '../read/fields/index.ts';
import { all, blockText, listEntries, mainRoot, textOf } from '../read/dom.ts';
import { findTitle } from '../read/fields/index.ts';
import { detectTender } from '../read/generic.ts';
import { toSections } from '../read/sections.ts';

/** Path and query of a URL, percent-decoded when possible (fingerprints are written decoded). */
export function pathAndQuery(url: URL): string {
  const raw = `${url.pathname}${url.search}`;
  try {
    return decodeURIComponent(raw);
  } catch {
    // A malformed percent-escape in a page address is expected input: match on the raw text.
    return raw;
  }
}

/** True when the hostname is `domain` or one of its sub-domains. */
export function onDomain(url: URL, ...domains: string[]): boolean {
  const h = url.hostname.toLowerCase();
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

/** Description of an engine whose pages are read with the generic readers. */
export interface EngineConfig {
  id: string;
  name: string;
  hosts: string[];
  /** Domains of the engine (a page on them matches, whatever the path). */
  domains?: string[];
  /** Path/query fingerprint that matches on any host (white-labelled instances). */
  path?: RegExp;
  /** Notice pages (tested on the decoded path and query). */
  notice: RegExp;
  /** Result lists. */
  list: RegExp;
  /** Links to notices, to collect list entries. */
  entryHref: RegExp;
  entryItem?: string;
  entryBuyer?: string;
  entryTitle?: string;
  /** Selectors of the notice content, most specific first. */
  content?: string[];
  /** Fields carried by the URL itself (ids in slugs…). */
  fromUrl?(url: URL): TenderPatch;
  /** A selector of the engine's own markup, for saved pages without a usable URL. */
  detectSelector?: string;
  /** A selector that makes a page a notice whatever its URL (its DCE download link…). */
  noticeSelector?: string;
}

/** Page kind from the URL, else from the DOM (many notice links: list; notice structure: notice). */
export function kindOf(doc: Document, url: URL, notice: RegExp, list: RegExp, entryHref: RegExp): PageKind {
  const p = pathAndQuery(url);
  if (notice.test(p)) return 'notice';
  if (list.test(p)) return 'list';
  const links = new Set(all(doc, 'a[href]', 5000).map((a) => a.getAttribute('href') ?? '').filter((h) => entryHref.test(h)));
  if (links.size >= 3) return 'list';
  const d = detectTender(blockText(mainRoot(doc), 200_000));
  return d.kind;
}

/** A portal read with the generic readers, plus what its URLs and result blocks tell. */
export function definePortal(cfg: EngineConfig): Portal {
  const portal: Portal = {
    ...(cfg.detectSelector ? { detect: (doc: Document) => all(doc, cfg.detectSelector as string, 1).length > 0 } : {}),
    id: cfg.id,
    name: cfg.name,
    hosts: cfg.hosts,
    matches(url: URL): boolean {
      if (cfg.domains && onDomain(url, ...cfg.domains)) return true;
      return cfg.path ? cfg.path.test(pathAndQuery(url)) : false;
    },
    pageKind(doc: Document, url: URL): PageKind {
      if (cfg.noticeSelector && all(doc, cfg.noticeSelector, 1).length) return 'notice';
      return kindOf(doc, url, cfg.notice, cfg.list, cfg.entryHref);
    },
    extract(doc: Document, url: URL): PortalExtract {
      const out: PortalExtract = { tender: {}, sections: [], entries: [] };
      const kind = portal.pageKind(doc, url);
      if (kind === 'list') {
        const opts = { href: cfg.entryHref } as Parameters<typeof listEntries>[2];
        if (cfg.entryItem) opts.item = cfg.entryItem;
        if (cfg.entryBuyer) opts.buyer = cfg.entryBuyer;
        if (cfg.entryTitle) opts.title = cfg.entryTitle;
        out.entries = listEntries(doc, url, opts);
        return out;
      }
      let root: Element | null = null;
      for (const sel of cfg.content ?? []) {
        root = all(doc, sel, 1)[0] ?? null;
        if (root) break;
      }
      root ??= mainRoot(doc);
      const text = blockText(root);
      out.sections = toSections(text);
      const title = findTitle(text) ?? textOf(root ?? doc, 'h1') ?? textOf(doc, 'h1');
      if (title) out.tender.title = title;
      if (kind === 'notice') out.tender.links = { notice: url.href };
      Object.assign(out.tender, cfg.fromUrl?.(url) ?? {});
      return out;
    },
  };
  return portal;
}
