// The list stage of the content script: a small marker after each result of a list of results (BOAMP's search
// page, other engines' lists). It reads the entries and the link showing each one, asks the background for their
// markers (the background reads BOAMP's records, the profile and the knowledge base), and puts one inline element
// with its own shadow root after each title link. Text only (never page text as HTML), not focusable, no panel,
// no catalogue bundled: the background sends the words. Removed at once when markers are turned off.
import { browser } from 'wxt/browser';
import type { PageContext } from './page-context';
import { reportFault } from '../../core/errors';
import { findPortal } from '../../core/portals/index';
import { listTargets, type ListTarget } from '../../core/read/list-targets';
import type { ListEntry } from '../../core/read/types';
import type { ListMarkersRequest, ListMarkersResponse, ShownMarker } from './messages';

/** Tag name of a marker's host element (one per result). */
export const MARKER_TAG = 'essor-marker';
/** Storage keys whose changes alter the markers (settings-model.ts and profile-model.ts; not imported, to stay small). */
const SETTINGS_KEY = 'essor:settings';
const PROFILE_KEY = 'essor:profile';
const DEBOUNCE_MS = 400;
/** A page that keeps rewriting itself is marked at most this many times. */
const MAX_RUNS = 300;
/** Entries asked for at once (the records API's limit). */
const MAX_ASK = 100;
const RETRY_MS = 150;

// The host is inline and takes no more than its badge; the page's rules on our tag cannot hide or move it.
const HOST_STYLE: [string, string][] = [
  ['all', 'initial'],
  ['display', 'inline-block'],
  ['position', 'static'],
  ['margin', '0 0 0 0.4em'],
  ['vertical-align', 'baseline'],
  ['max-width', '100%'],
  ['visibility', 'visible'],
  ['opacity', '1'],
  ['transform', 'none'],
];

// Colours chosen for a contrast of at least 4.5:1 on their own background, whatever the page's colours.
const CSS = `:host{all:initial;display:inline-block}
.m{display:inline-block;box-sizing:border-box;max-width:100%;padding:0 6px;border:1px solid currentColor;border-radius:9px;font:600 12px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;letter-spacing:0;text-transform:none;white-space:normal;cursor:help;background:#fff;color:#3a3a3a}
.m[data-source=list]{border-style:dashed}
.m[data-kind=reserved-for-you]{background:#e6f4ea;color:#14532d}
.m[data-kind=fits]{background:#e8effd;color:#1c3d8a}
.m[data-kind=declared]{background:#fdf1e1;color:#7a3a00}
.m[data-kind=not-for-you]{background:#f2f2f2;color:#4a4a4a;font-weight:400}
.m[data-kind=nothing]{background:#fff;color:#4a4a4a;font-weight:400}
.b{font-weight:700;margin-right:5px;padding-right:5px;border-right:1px solid currentColor}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}`;

const signature = (m: ShownMarker) => `${m.key}\n${m.id}\n${m.label}\n${m.detail}`;

/** The list's entries as the page's engine reads them; none where the page is no list of a known engine. */
function readEntries(doc: Document, url: URL): ListEntry[] {
  const portal = findPortal(url);
  if (!portal) return [];
  try {
    return portal.pageKind(doc, url) === 'list' ? portal.extract(doc, url).entries : [];
  } catch (e) {
    reportFault(`engine:${portal.id}`, e);
    return [];
  }
}

/** Starts the markers in the current document. Everything is removed when `ctx` is invalidated. */
export function startListMarkers(ctx: PageContext): void {
  const doc = document;
  const shown = new Map<string, ShownMarker>();
  const asked = new Set<string>();
  const hosts = new Set<HTMLElement>();
  // What each host shows (its key and words), kept here rather than in attributes the page would read.
  const filled = new WeakMap<HTMLElement, string>();
  let lang = 'fr';
  let off = false;
  // The options changed: every marker is asked for again, the old ones staying until the new ones come.
  let stale = false;
  let runs = 0;
  let sheet: CSSStyleSheet | null | undefined;

  const ask = async (msg: ListMarkersRequest): Promise<ListMarkersResponse | undefined> => {
    for (let attempt = 0; attempt < 2 && !ctx.isInvalid; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, RETRY_MS));
      try {
        const res = (await browser.runtime.sendMessage(msg)) as ListMarkersResponse | undefined;
        if (res) return res;
      } catch {
        /* the worker stopped before answering: once more */
      }
    }
    return undefined;
  };

  const styleOf = (shadow: ShadowRoot) => {
    // One constructed sheet for every marker (a strict style-src CSP does not apply to it); a <style> otherwise.
    try {
      if (sheet === undefined) {
        const Ctor = doc.defaultView?.CSSStyleSheet;
        sheet = typeof Ctor === 'function' && 'adoptedStyleSheets' in shadow ? new Ctor() : null;
        sheet?.replaceSync(CSS);
      }
      if (sheet) {
        shadow.adoptedStyleSheets = [sheet];
        return;
      }
    } catch {
      sheet = null;
    }
    const style = doc.createElement('style');
    style.textContent = CSS;
    shadow.append(style);
  };

  const fill = (host: HTMLElement, m: ShownMarker) => {
    const shadow = host.shadowRoot!;
    for (const n of Array.from(shadow.childNodes)) if (n.nodeName !== 'STYLE') n.remove();
    const badge = doc.createElement('span');
    badge.className = 'm';
    badge.dataset.kind = m.id;
    badge.dataset.source = m.source;
    badge.lang = lang;
    badge.title = m.detail;
    // Seen: who speaks and the short words; heard: the full sentence (which starts with the same words).
    const brand = doc.createElement('span');
    brand.className = 'b';
    brand.textContent = 'Essor';
    brand.setAttribute('aria-hidden', 'true');
    const seen = doc.createElement('span');
    seen.className = 'l';
    seen.textContent = m.label;
    seen.setAttribute('aria-hidden', 'true');
    const said = doc.createElement('span');
    said.className = 'sr';
    said.textContent = m.detail;
    badge.append(brand, seen, said);
    shadow.append(badge);
    filled.set(host, signature(m));
  };

  const create = (): HTMLElement => {
    const host = doc.createElement(MARKER_TAG);
    for (const [k, v] of HOST_STYLE) host.style.setProperty(k, v, 'important');
    styleOf(host.attachShadow({ mode: 'open' }));
    hosts.add(host);
    return host;
  };

  const removeAll = () => {
    for (const h of hosts) h.remove();
    hosts.clear();
  };

  const render = (targets: ListTarget[]) => {
    const used = new Set<HTMLElement>();
    for (const { key, link } of targets) {
      const m = shown.get(key);
      if (!m) continue;
      const next = link.nextElementSibling as HTMLElement | null;
      let host = next && hosts.has(next) ? next : undefined;
      if (!host) {
        host = create();
        link.after(host);
      }
      used.add(host);
      if (filled.get(host) !== signature(m)) fill(host, m);
    }
    // Markers whose result went away or changed place.
    for (const h of hosts) {
      if (!used.has(h)) {
        h.remove();
        hosts.delete(h);
      }
    }
  };

  const run = async (): Promise<void> => {
    if (ctx.isInvalid || off) return;
    const url = new URL(location.href);
    const targets = listTargets(doc, url, readEntries(doc, url));
    render(targets);
    const missing = targets.filter((t) => (stale || !shown.has(t.key)) && !asked.has(t.key)).slice(0, MAX_ASK);
    stale = false;
    if (!missing.length) return;
    for (const t of missing) asked.add(t.key);
    const res = await ask({ type: 'essor:list-markers', entries: missing.map((t) => t.entry) });
    if (ctx.isInvalid) return;
    if (!res) {
      for (const t of missing) asked.delete(t.key);
      return;
    }
    if (!res.ok) {
      if (res.off) {
        off = true;
        shown.clear();
        removeAll();
      }
      return;
    }
    lang = res.lang;
    for (const m of res.markers) shown.set(m.key, m);
    const now = new URL(location.href);
    render(listTargets(doc, now, readEntries(doc, now)));
  };
  const runSafely = () => {
    run().catch((e: unknown) => reportFault('content-script:markers', e));
  };

  // --- a list that changes: pages of results rendered in the browser, single-page navigation ---
  let timer: number | undefined;
  const schedule = () => {
    if (ctx.isInvalid || off || runs >= MAX_RUNS) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = ctx.setTimeout(() => {
      timer = undefined;
      runs++;
      runSafely();
    }, DEBOUNCE_MS);
  };
  // Only new links can be new results: a page's tooltips, counters and carousels do not count against MAX_RUNS.
  const bringsLinks = (n: Node) => n.nodeType === 1 && n.nodeName.toLowerCase() !== MARKER_TAG && ((n as Element).matches('a[href]') || !!(n as Element).querySelector('a[href]'));
  const observer = new MutationObserver((records) => {
    for (const m of records) if (Array.from(m.addedNodes).some(bringsLinks)) return schedule();
  });
  if (doc.body) observer.observe(doc.body, { childList: true, subtree: true });
  ctx.onLocationChange(schedule);

  // The options changed: markers off (all removed), on again, another language, territory or profile.
  let settingsSig = '';
  const sigOf = (v: unknown) => {
    const s = (v ?? {}) as { lang?: unknown; listMarkers?: unknown; territory?: unknown };
    return JSON.stringify([s.lang, s.listMarkers, s.territory]);
  };
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || ctx.isInvalid) return;
    const settings = SETTINGS_KEY in changes ? sigOf(changes[SETTINGS_KEY]?.newValue) : settingsSig;
    if (settings === settingsSig && !(PROFILE_KEY in changes)) return;
    settingsSig = settings;
    off = false;
    stale = true;
    asked.clear();
    schedule();
  };
  browser.storage.onChanged.addListener(onStorage);
  void browser.storage.local
    .get(SETTINGS_KEY)
    .then((v) => (settingsSig = sigOf(v[SETTINGS_KEY])))
    .catch(() => undefined);

  ctx.onInvalidated(() => {
    observer.disconnect();
    browser.storage.onChanged.removeListener(onStorage);
    removeAll();
  });
  runSafely();
}
