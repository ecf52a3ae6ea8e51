// "Show in page": find a passage of the notice in the page's own text and point at it. The page's HTML is
// never rewritten: the only change is a temporary outline on the element that holds the passage.

const MAX_CHARS = 600_000;
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'SELECT']);

interface Flat {
  /** Lower-cased text with whitespace runs folded to one space. */
  text: string;
  /** For each character of `text`, the text node it came from. */
  nodes: Text[];
}

function flatten(root: Node, skipHost?: Element): Flat {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  let text = '';
  const nodes: Text[] = [];
  let space = true;
  for (let n = walker.nextNode() as Text | null; n && text.length < MAX_CHARS; n = walker.nextNode() as Text | null) {
    const parent = n.parentElement;
    if (!parent || SKIP.has(parent.tagName) || (skipHost && skipHost.contains(parent))) continue;
    const data = n.data;
    for (let i = 0; i < data.length; i++) {
      const ch = data[i]!;
      if (/\s/.test(ch)) {
        if (space) continue;
        text += ' ';
        space = true;
      } else {
        text += ch.toLowerCase().charAt(0);
        space = false;
      }
      nodes.push(n);
    }
  }
  return { text, nodes };
}

function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * The element holding `evidence` in `doc`, matched on whitespace- and case-insensitive text across text
 * nodes. Falls back to the first 60 characters when the whole passage is not found (a reader may have
 * joined lines differently). Our own overlay (`skipHost`) is ignored.
 */
export function findEvidence(doc: Document, evidence: string, skipHost?: Element): Element | undefined {
  const needle = normalise(typeof evidence === 'string' ? evidence : '').replace(/[…]+$/, '').trim();
  if (needle.length < 3 || !doc.body) return undefined;
  const flat = flatten(doc.body, skipHost);
  for (const probe of [needle, needle.slice(0, 60).trim(), needle.slice(0, 30).trim()]) {
    if (probe.length < 3) continue;
    const at = flat.text.indexOf(probe);
    if (at >= 0) {
      const start = flat.nodes[at]?.parentElement ?? undefined;
      const end = flat.nodes[at + probe.length - 1]?.parentElement ?? undefined;
      return commonAncestor(start, end, doc);
    }
  }
  return undefined;
}

/** The smallest element holding both ends of the passage; the start's own element when that is the whole page. */
function commonAncestor(a: Element | undefined, b: Element | undefined, doc: Document): Element | undefined {
  if (!a || !b || a === b) return a;
  for (let el: Element | null = a; el; el = el.parentElement) {
    if (el.contains(b)) return el === doc.body || el === doc.documentElement ? a : el;
  }
  return a;
}

/** Outlines one page element at a time, restoring its inline style on the next call or on clear. */
export function createHighlighter(reducedMotion: () => boolean) {
  // The element's style attribute exactly as it was (null when it had none), put back as is.
  let current: { el: HTMLElement; style: string | null } | undefined;
  const clear = () => {
    if (!current) return;
    const { el, style } = current;
    current = undefined;
    if (style === null) el.removeAttribute('style');
    else el.setAttribute('style', style);
  };
  return {
    clear,
    /** Scrolls to the element and outlines it; returns false when there is nothing to show. */
    show(el: Element | undefined): boolean {
      clear();
      if (!el || !('style' in el)) return false;
      const h = el as HTMLElement;
      const style = h.getAttribute('style');
      current = { el: h, style };
      // Through the attribute, not the CSSOM: Chromium re-serialises a CSSOM-touched style lazily and can
      // leave an empty style="" behind after the attribute is removed.
      h.setAttribute('style', `${style ? `${style.replace(/;?\s*$/, ';')} ` : ''}outline: 3px solid #d97706 !important; outline-offset: 2px !important;`);
      try {
        h.scrollIntoView({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
      } catch {
        h.scrollIntoView();
      }
      return true;
    },
  };
}
