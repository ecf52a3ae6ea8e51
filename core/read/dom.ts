import type { ListEntry } from './types.ts';
import { collapse, MAX_SCAN, tidyLines } from './text.ts';
import { parseDeadline } from './fields/index.ts';

// Node types as numbers: the `Node` global does not exist in plain Node.js.
const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD', 'IFRAME', 'OBJECT', 'CANVAS', 'SELECT', 'OPTION', 'BUTTON', 'INPUT', 'TEXTAREA']);
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'HTML', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL', 'TITLE',
]);
const CELL = new Set(['TD', 'TH']);

// Upper bound of nodes visited in one walk (the largest real notice, on TED, has about 3 000 elements and as
// many text nodes): keeps a 5 MB page inside one short task.
const MAX_NODES = 40_000;

/**
 * Text of an element with a line break at block boundaries and `<br>`, skipping scripts,
 * styles and form controls. Iterative (first child / next sibling, no recursion), bounded in
 * characters and nodes.
 */
export function blockText(root: Node | null | undefined, max = MAX_SCAN): string {
  if (!root) return '';
  const parts: string[] = [];
  let size = 0;
  let visited = 0;
  const close = (el: Node) => {
    const name = ((el as Element).tagName ?? '').toUpperCase();
    if (BLOCK.has(name)) parts.push('\n');
    else if (CELL.has(name)) parts.push(' \t ');
  };
  let node: Node | null = root.firstChild;
  while (node && size < max && visited < MAX_NODES) {
    visited++;
    let descend = false;
    if (node.nodeType === TEXT) {
      const v = node.nodeValue ?? '';
      if (v) {
        parts.push(v);
        size += v.length;
      }
    } else if (node.nodeType === ELEMENT) {
      const name = ((node as Element).tagName ?? '').toUpperCase();
      if (name === 'BR') parts.push('\n');
      else if (!SKIP.has(name)) {
        if (BLOCK.has(name)) parts.push('\n');
        if (node.firstChild) descend = true;
        else close(node);
      }
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    // Next node: climb while there is no next sibling, closing the elements left.
    while (node && node !== root && !node.nextSibling) {
      node = node.parentNode;
      if (node && node !== root) close(node);
    }
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  const text = parts.join('');
  return tidyLines(text.length > max ? text.slice(0, max) : text).replace(/\t/g, ' ').replace(/ {2,}/g, ' ');
}

/**
 * Elements under `root` (document order) that pass `test`, without selector matching: a plain walk
 * over element children, cheaper than querySelectorAll in DOM emulations. `prune` stops descent.
 */
export function findElements(root: Node | null | undefined, test: (el: Element) => boolean, cap = 1000, prune?: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  if (!root) return out;
  let visited = 0;
  let el: Element | null = (root as ParentNode).firstElementChild ?? null;
  while (el && out.length < cap && visited < MAX_NODES) {
    visited++;
    if (test(el)) out.push(el);
    const child = prune?.(el) ? null : el.firstElementChild;
    if (child) {
      el = child;
      continue;
    }
    while (el && el !== root && !el.nextElementSibling) el = el.parentElement;
    if (!el || el === root) break;
    el = el.nextElementSibling;
  }
  return out;
}

/** True when the element has the class (works on any DOM, SVG included). */
export function hasClass(el: Element, name: string): boolean {
  const c = typeof el.className === 'string' ? el.className : (el.getAttribute?.('class') ?? '');
  return c === name || ` ${c} `.includes(` ${name} `);
}

/** Collapsed text content of the first element matching one of the selectors. */
export function textOf(root: ParentNode | null | undefined, ...selectors: string[]): string | undefined {
  if (!root) return undefined;
  for (const sel of selectors) {
    let el: Element | null = null;
    try {
      el = root.querySelector(sel);
    } catch {
      // The host page may have replaced DOM methods (a hostile or exotic page): expected, read what is left.
      el = null;
    }
    if (el) {
      const t = collapse(blockText(el, 20_000));
      if (t) return t;
    }
  }
  return undefined;
}

/** Element by id (works on Document and on elements). */
export function byId(doc: Document, id: string): Element | null {
  try {
    return doc.getElementById(id);
  } catch {
    // A host page may have replaced getElementById: expected on hostile pages.
    return null;
  }
}

/** querySelectorAll that never throws, as an array, capped. */
export function all(root: ParentNode | null | undefined, selector: string, cap = 2000): Element[] {
  if (!root) return [];
  try {
    const list = root.querySelectorAll(selector);
    const out: Element[] = [];
    for (let i = 0; i < list.length && i < cap; i++) {
      const el = list[i];
      if (el) out.push(el);
    }
    return out;
  } catch {
    // A replaced querySelectorAll on the host page: expected, the reader goes on with what it has.
    return [];
  }
}

/** Absolute URL of an href against the page URL; undefined for javascript:, mailto: or garbage. */
export function absolute(href: string | null | undefined, base: URL): string | undefined {
  if (!href) return undefined;
  const h = href.trim();
  if (!h || /^(javascript|mailto|tel|data):/i.test(h) || h.startsWith('#')) return undefined;
  try {
    return new URL(h, base).href;
  } catch {
    // An href is page input: a malformed one is expected and simply not a link.
    return undefined;
  }
}

/**
 * True when the element's text content, trimmed, is longer than `min` characters: what
 * `textContent.trim().length > min` says, without building the text of a 5 MB element (the walk stops
 * once the length is reached).
 */
export function hasTextLongerThan(root: Node, min: number): boolean {
  // Offsets in the concatenated text: the first non-blank character, the end of the last one.
  let first = -1;
  let lastEnd = -1;
  let at = 0;
  let visited = 0;
  let node: Node | null = root.firstChild;
  while (node) {
    // A page of many empty elements: the native measure is then cheaper than this walk.
    if (++visited > MAX_NODES) return (root.textContent ?? '').trim().length > min;
    if (node.nodeType === TEXT || node.nodeType === CDATA) {
      const v = node.nodeValue ?? '';
      const end = v.trimEnd().length;
      if (end > 0) {
        if (first < 0) first = at + v.length - v.trimStart().length;
        lastEnd = at + end;
        if (lastEnd - first > min) return true;
      }
      at += v.length;
    }
    if (node.firstChild) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    if (!node || node === root) break;
    node = node.nextSibling;
  }
  return false;
}

/** The main content root of a page: `main`, `article`, `#content`… or the body. */
export function mainRoot(doc: Document): Element | null {
  for (const sel of ['main', '[role=main]', 'article', '#content', '#contenu', '.content', '#main']) {
    try {
      const el = doc.querySelector(sel);
      if (el && hasTextLongerThan(el, 200)) return el;
    } catch {
      /* invalid selector in an exotic DOM: try the next one */
    }
  }
  return doc.body ?? doc.documentElement ?? null;
}

export interface EntryOptions {
  /** Links to notices on this engine. */
  href: RegExp;
  /** A container selector for one result, if known. */
  item?: string;
  /** Selector of the buyer inside an item. */
  buyer?: string;
  /** Selector of the title inside an item (else the link text). */
  title?: string;
  cap?: number;
}

/**
 * Entries of a result list: every link to a notice (matching `href`), with the title, buyer and
 * deadline read in its result block. De-duplicated by URL.
 */
export function listEntries(doc: Document, url: URL, opts: EntryOptions): ListEntry[] {
  const out: ListEntry[] = [];
  const seen = new Set<string>();
  const cap = opts.cap ?? 200;
  const items = opts.item ? all(doc, opts.item, cap * 2) : [];
  const blocks: { block: Element; link?: Element }[] = [];
  if (items.length) {
    for (const block of items) {
      const link = all(block, 'a[href]').find((a) => opts.href.test(a.getAttribute('href') ?? ''));
      blocks.push(link ? { block, link } : { block });
    }
  } else {
    for (const a of all(doc, 'a[href]', 5000)) {
      if (!opts.href.test(a.getAttribute('href') ?? '')) continue;
      // The result block: the closest ancestor that holds a single notice link.
      let block: Element = a;
      for (let up = a.parentElement, depth = 0; up && depth < 6; up = up.parentElement, depth++) {
        const links = all(up, 'a[href]').filter((x) => opts.href.test(x.getAttribute('href') ?? ''));
        const hrefs = new Set(links.map((x) => absolute(x.getAttribute('href'), url)));
        if (hrefs.size > 1) break;
        block = up;
      }
      blocks.push({ block, link: a });
    }
  }
  for (const { block, link } of blocks) {
    if (out.length >= cap) break;
    const href = absolute(link?.getAttribute('href'), url);
    if (href && seen.has(href)) continue;
    const title =
      (opts.title ? textOf(block, opts.title) : undefined) ?? (link ? collapse(blockText(link, 2000)) : undefined);
    // AWS-style blocks start the title with the buyer's reference: "[réf. 2026-07] Objet…".
    const cleanTitle = title?.replace(/^\[r[ée]f\.?[^\]]{0,60}\]\s*/i, '');
    if (!cleanTitle || cleanTitle.length < 4) continue;
    if (href) seen.add(href);
    const entry: ListEntry = { title: cleanTitle.slice(0, 300) };
    if (href) entry.url = href;
    const buyer = opts.buyer ? textOf(block, opts.buyer) : undefined;
    if (buyer) entry.buyer = buyer.slice(0, 200);
    const deadline = parseDeadline(blockText(block, 4000));
    if (deadline) entry.deadline = deadline;
    out.push(entry);
  }
  return out;
}

/** Value of a `<meta>` (name or property). */
export function meta(doc: Document, name: string): string | undefined {
  const el = all(doc, 'meta').find((m) => m.getAttribute('name') === name || m.getAttribute('property') === name);
  const v = el?.getAttribute('content')?.trim();
  return v || undefined;
}
