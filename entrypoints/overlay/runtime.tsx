// The second stage of the content script: reading the page, asking the background for advice, the overlay
// in its shadow root, single-page navigation, and the messages of the popup and the side panel. Injected by
// the background (entrypoints/background/handlers.ts) once the first stage (entrypoints/probe) found a
// page that may be a notice or a list, or on demand from the toolbar. No knowledge base, no catalogue
// bundled: the background sends the catalogue and the stylesheet once a notice is recognised.
import { browser } from 'wxt/browser';
import type { PageContext } from '../../components/extension/page-context';
import { reportFault } from '../../core/errors';
import type { Lang } from '../../core/lang';
import { findPortal, portals } from '../../core/portals/index';
import { readPageInSlices } from '../../core/read/index';
import type { Reading } from '../../core/read/types';
import type { ExtensionRole, Settings } from '../../core/settings';
import { isMessage, type AdviseRequest, type AdviseResponse, type BoampRecordResponse, type ShowEvidenceRequest, type StatusRequest, type TabStatus, type UiAssets } from '../../components/extension/messages';
import { hasCatalogue, registerCatalogue, t } from '../../components/i18n/index';
import { mountShadow, type Mounted } from '../../components/mount';
import { loadSettings, saveSettings, watchSettings } from '../../components/extension/settings-model';
import { summaryText } from '../../components/summary';
import { handoff, mark, measure, registerOverlay } from './handoff';
import { createHighlighter, findEvidence } from './highlight';
import { createOverlayModel } from './model';
import { OverlayApp } from './panel';

/** Tag name of the overlay's host element (one per page, ever). */
export const HOST_TAG = 'essor-overlay';

// Longest wait for the page's own load event before reading it.
const PAGE_LOAD_WAIT_MS = 120;
const DEBOUNCE_MS = 400;
/** Wait before the one retry of a message the background did not answer. */
const RETRY_MS = 150;
/** A page that keeps rewriting itself is read at most this many times. */
const MAX_REREADS = 300;
/** Mutations adding or removing this much text count as "content replaced". */
const BIG_CHANGE_CHARS = 400;

const portalIds = portals.map((p) => p.id);

const HOST_STYLE: [string, string][] = [
  ['all', 'initial'],
  ['display', 'block'],
  ['position', 'static'],
  ['visibility', 'visible'],
  ['opacity', '1'],
  ['transform', 'none'],
  ['clip-path', 'none'],
  ['filter', 'none'],
];
const THEME_PINS: [string, string][] = [
  ['--essor-color', 'initial'],
  ['--essor-color-dark', 'initial'],
  ['--essor-background', 'initial'],
  ['--essor-text', 'initial'],
  ['--essor-radius', 'initial'],
  // A system font stack (nothing fetched), rather than whatever the page or the browser default gives.
  ['--essor-font', 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'],
];

/** Lets the page run between two slices of the reading: `scheduler.yield()` where the browser has it. */
function yieldToPage(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  // Without the scheduler API (older engines), a zero-delay timer does the same.
  return typeof s?.yield === 'function' ? s.yield().catch(() => undefined) : new Promise((resolve) => setTimeout(resolve, 0));
}

function isNotice(r: Reading | null | undefined): r is Reading {
  return !!r && r.isTender && r.pageKind === 'notice';
}

/** The idweb of a notice page of BOAMP's current site (`/pages/avis/?q=idweb:26-80978`), if this is one. */
function boampIdweb(): string | undefined {
  if (!/(^|\.)boamp\.fr$/.test(location.hostname) || !location.pathname.startsWith('/pages/avis')) return undefined;
  let q = location.search;
  try {
    q = decodeURIComponent(q);
  } catch {
    /* read as it is */
  }
  return /[?&]q=idweb:"?(\d{2}-\d{1,7})\b/.exec(q)?.[1];
}

/** Fingerprint of a reading: a new notice (not a re-render of the same one) asks for new advice. */
function fingerprint(url: string, r: Reading): string {
  const tn = r.tender;
  return [url.split('#')[0], r.pageKind, r.isTender, tn.title ?? '', tn.reference ?? tn.boampId ?? tn.tedId ?? '', tn.buyer ?? '', r.text.length, r.signals.length].join('|');
}

/** Starts the overlay in the current document. Everything it sets up is torn down when `ctx` is invalidated. */
export function startOverlay(ctx: PageContext): void {
  const doc = document;
  const win = window;
  let settings: Settings | undefined;
  // The user asked for this page (popup, side panel), before this stage was injected or since.
  let forced = handoff().forced === true;
  let reading: Reading | null = null;
  let lastPrint = '';
  let rereads = 0;
  let mounted: Mounted | undefined;
  let host: HTMLElement | undefined;
  let adviceSeq = 0;
  let advicePending: Promise<AdviseResponse | null> = Promise.resolve(null);
  // The reader's role choice: remembered for the next pages, and the advice is asked again for that role.
  const model = createOverlayModel({
    onRole: (role: ExtensionRole) => {
      persist({ role });
      requestAdvice();
    },
  });
  /** A message to the background, sent once more if the service worker was stopped in the middle of it. */
  const ask = async <T,>(msg: unknown): Promise<T | undefined> => {
    for (let attempt = 0; attempt < 2 && !ctx.isInvalid; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, RETRY_MS));
      try {
        const res = (await browser.runtime.sendMessage(msg)) as T | undefined;
        if (res !== undefined) return res;
      } catch {
        // "Message port closed": the worker stopped before answering; it wakes again for the retry. The mark
        // lets the tests see that the retry happened.
        mark('essor:retry');
      }
    }
    return undefined;
  };
  const reducedMotion = () => win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const highlighter = createHighlighter(reducedMotion);

  // The stylesheet and the message catalogue come from the background once a notice is recognised
  // (see entrypoints/overlay.content/i18n.ts): pages that are not notices never pay for them.
  let css: string | undefined;
  const assets = async (lang: Lang): Promise<boolean> => {
    if (css !== undefined && hasCatalogue(lang)) return true;
    const res = await ask<UiAssets>({ type: 'essor:ui', lang });
    if (!res?.ok) return false;
    registerCatalogue(lang, res.messages);
    css = res.css;
    return true;
  };

  const enabled = () => {
    if (forced) return true;
    if (!settings) return false;
    const portal = findPortal(new URL(location.href));
    // A portal switched off in the options stays silent, on its known hosts and anywhere its engine runs.
    return !(portal && settings.disabledPortals.includes(portal.id));
  };

  const ensureMounted = () => {
    if (mounted && host?.isConnected) return;
    if (css === undefined) return;
    // One host only: a previous instance (extension reloaded, script injected again) is replaced. Only our
    // own hosts go (a child of <html> with our shadow root); a page element of the same name stays.
    for (const old of Array.from(doc.documentElement.children)) {
      if (old.localName === HOST_TAG && old.shadowRoot?.querySelector('.essor-root')) old.remove();
    }
    host = doc.createElement(HOST_TAG);
    // Inline !important beats the page's own rules on our tag (display:none, transforms, clip-path…).
    for (const [k, v] of HOST_STYLE) host.style.setProperty(k, v, 'important');
    doc.documentElement.append(host);
    mounted = mountShadow(host, { css, lang: model.panel.lang.value });
    mounted.container.classList.add('essor-auto-dark');
    // Custom properties inherit into shadow trees: the page must not theme the overlay through the
    // widget's theming variables, so they are pinned here (the defaults of styles.css then apply).
    for (const [k, v] of THEME_PINS) mounted.container.style.setProperty(k, v);
    mounted.render(<OverlayApp model={model} actions={actions} />);
  };

  const unmount = () => {
    highlighter.clear();
    mounted?.unmount();
    host?.remove();
    mounted = undefined;
    host = undefined;
  };

  const persist = (patch: Partial<Omit<Settings, 'v'>>) => {
    if (ctx.isInvalid) return;
    void saveSettings(patch, portalIds)
      .then((s) => (settings = s))
      .catch(() => undefined);
  };

  const requestAdvice = () => {
    const r = reading;
    if (!isNotice(r) || ctx.isInvalid) return;
    const seq = ++adviceSeq;
    const msg: AdviseRequest = { type: 'essor:advise', reading: r, role: model.panel.role.value as AdviseRequest['role'], lang: model.panel.lang.value };
    const hadAdvice = model.response.value?.ok === true;
    const t0 = performance.now();
    advicePending = ask<AdviseResponse>(msg)
      .then((res) => res ?? ({ ok: false, error: 'background unavailable' } as const))
      .then((res) => {
        measure('essor:advise', t0);
        if (seq !== adviceSeq || ctx.isInvalid) return model.response.value;
        model.response.value = res;
        if (hadAdvice && res.ok) model.panel.status.value = t(model.panel.lang.value, 'adviceUpdated');
        return res;
      });
  };

  /** Reads the page; shows, updates or hides the overlay. */
  // BOAMP's current site renders its notices in the browser from the record its open-data API serves: on such
  // a page the record is asked for once (through the background: no cookie, nothing but the notice number),
  // and the rendered page is read meanwhile, and instead when the API does not answer.
  const records = new Map<string, Reading | null>();
  const boampRecord = (idweb: string): Reading | null => {
    if (records.has(idweb)) return records.get(idweb) ?? null;
    records.set(idweb, null);
    void ask<BoampRecordResponse>({ type: 'essor:boamp-record', idweb }).then((res) => {
      if (!res?.ok || ctx.isInvalid || !res.reading.isTender) return;
      records.set(idweb, res.reading);
      if (boampIdweb() === idweb) void analyse();
    });
    return null;
  };

  // The page is read in slices, the page running between them (a 5 MB notice would otherwise hold its main
  // thread for one long task). A reading started later wins over one still going.
  let readSeq = 0;
  let reads: Promise<void> = Promise.resolve();
  const analyse = (): Promise<void> => {
    reads = read();
    return reads;
  };
  /** Resolves once no reading is going on. */
  const settled = async (): Promise<void> => {
    for (let p = reads; ; p = reads) {
      await p;
      if (p === reads) return;
    }
  };
  const read = async (): Promise<void> => {
    if (ctx.isInvalid) return;
    const seq = ++readSeq;
    // The address read, kept: a single-page portal may move on while the reading pauses.
    const href = location.href;
    let next: Reading | null = null;
    const t0 = performance.now();
    // Time spent paused, and the longest slice of reading (one task of ours on the page's main thread).
    let paused = 0;
    let longest = 0;
    let sliceStart = t0;
    const pause = async () => {
      const p0 = performance.now();
      longest = Math.max(longest, p0 - sliceStart);
      await yieldToPage();
      sliceStart = performance.now();
      paused += sliceStart - p0;
    };
    const idweb = boampIdweb();
    const record = idweb ? boampRecord(idweb) : null;
    try {
      // The place clues go as read: the background, which holds the territory table, resolves them.
      next = record ?? (await readPageInSlices(doc, new URL(href), { yieldToPage: pause, stop: () => ctx.isInvalid || seq !== readSeq })) ?? null;
    } catch (e) {
      reportFault('content-script:read', e);
      next = null;
    }
    if (ctx.isInvalid || seq !== readSeq) return;
    // Visible in the page's performance timeline: what `npm run bench` reports as analysis time (the time
    // spent reading, pauses left out), and the longest slice.
    const t1 = performance.now();
    measure('essor:read', t0, t1 - paused);
    measure('essor:read-slice', t0, t0 + Math.max(longest, t1 - sliceStart));
    const was = reading;
    reading = next;
    if (!isNotice(next)) {
      // A single-page portal left the notice: the toolbar stops showing its advice.
      if (isNotice(was)) void ask({ type: 'essor:toolbar-clear' });
      lastPrint = '';
      model.reading.value = null;
      model.response.value = null;
      model.open.value = false;
      highlighter.clear();
      return;
    }
    const print = fingerprint(href, next);
    if (print === lastPrint && model.reading.value) {
      ensureMounted(); // the same notice, but the page may have dropped our host with its own content
      return;
    }
    lastPrint = print;
    highlighter.clear();
    model.copyFallback.value = null;
    model.response.value = null;
    model.panel.openFiches.value = [];
    requestAdvice();
    void assets(model.panel.lang.value).then((ok) => {
      if (!ok || ctx.isInvalid || reading !== next) return;
      model.reading.value = next;
      ensureMounted();
    });
  };

  const actions = {
    open: () => {
      model.open.value = true;
    },
    close: () => {
      highlighter.clear();
      model.open.value = false;
    },
    toggleCollapsed: () => {
      model.collapsed.value = !model.collapsed.value;
      persist({ overlay: { side: model.side.value, collapsed: model.collapsed.value } });
    },
    toggleSide: () => {
      model.side.value = model.side.value === 'left' ? 'right' : 'left';
      persist({ overlay: { side: model.side.value, collapsed: model.collapsed.value } });
    },
    copy: () => {
      const res = model.response.value;
      if (!res?.ok) return;
      const lang = model.panel.lang.value;
      const text = summaryText(res.reading, res.advice, lang, location.href);
      const failed = () => {
        model.copyFallback.value = text;
        model.panel.status.value = t(lang, 'copyFailed');
      };
      try {
        void navigator.clipboard
          .writeText(text)
          .then(() => {
            model.copyFallback.value = null;
            model.panel.status.value = t(lang, 'copied');
          })
          .catch(failed);
      } catch {
        failed();
      }
    },
    showEvidence: (evidence: string) => highlighter.show(findEvidence(doc, evidence, host)),
  };

  const applySettings = (s: Settings, initial: boolean) => {
    const langChanged = s.lang !== model.panel.lang.value;
    const roleChanged = s.role !== model.panel.role.value;
    settings = s;
    model.side.value = s.overlay.side;
    model.collapsed.value = s.overlay.collapsed;
    if (langChanged && !initial && model.reading.value) {
      // Switch only once the new catalogue is here, so the panel never shows raw keys.
      void assets(s.lang).then(() => {
        if (settings?.lang !== s.lang) return;
        model.panel.lang.value = s.lang;
        if (mounted) mounted.container.lang = s.lang;
        requestAdvice();
      });
    } else {
      model.panel.lang.value = s.lang;
      if (mounted) mounted.container.lang = s.lang;
    }
    if (initial) {
      // The stored role, not a choice: no effect runs (the first request is made by the reading).
      model.panel.role.value = s.role;
      return;
    }
    if (!enabled()) {
      reading = null;
      model.reading.value = null;
      return;
    }
    // Changed elsewhere (options, another tab): ask again for that role. Our own choice comes back
    // equal to the current role, so it asks nothing twice.
    if (roleChanged) {
      model.panel.role.value = s.role;
      requestAdvice();
    }
    if (!model.reading.value) void analyse();
  };

  // --- messages from the popup and the side panel -------------------------------------------------
  const status = async (): Promise<TabStatus> => {
    const r = reading;
    const base = { ok: true as const, url: location.href, title: doc.title, active: enabled(), recognised: isNotice(r), pageKind: r?.pageKind ?? 'other', portal: r?.portal ?? findPortal(new URL(location.href))?.id ?? null };
    if (!r) return base;
    if (!isNotice(r)) return { ...base, reading: r };
    const advice = model.response.value ?? (await advicePending) ?? undefined;
    return { ...base, reading: r, ...(advice ? { advice } : {}) };
  };

  // Let the page finish its own load first (or wait at most PAGE_LOAD_WAIT_MS): reading competes with
  // the portal's scripts for the main thread, and most of a page's load time is its own.
  const pageLoaded = new Promise<void>((resolve) => {
    if (doc.readyState === 'complete') return resolve();
    ctx.addEventListener(win, 'load', () => ctx.setTimeout(resolve, 0), { once: true });
    ctx.setTimeout(resolve, PAGE_LOAD_WAIT_MS);
  });
  // Injected at the first stage's request, the background's answer already holds the settings, the stylesheet
  // and the catalogue: no round trip for them.
  const injection = handoff().injection;
  const initial = (injection ?? Promise.resolve(undefined)).then((res) => {
    if (res?.ui?.ok && css === undefined) {
      registerCatalogue(res.ui.lang, res.ui.messages);
      css = res.ui.css;
    }
    return res?.settings ?? loadSettings(portalIds);
  });
  const ready = Promise.all([initial, pageLoaded]).then(([s]) => {
    if (ctx.isInvalid) return;
    applySettings(s, true);
    if (enabled()) return analyse();
  });

  const answerStatus = (analyseNow: boolean): Promise<TabStatus> =>
    ready.then(() => {
      if (analyseNow && !forced) {
        forced = true;
        void analyse();
      }
      return settled().then(status);
    });
  // The first stage, if it runs in this frame, stops answering and hands its pending questions over.
  registerOverlay({ isInvalid: () => ctx.isInvalid, status: answerStatus });

  const onMessage = (msg: unknown, _sender: unknown, sendResponse: (x: unknown) => void): true | undefined => {
    if (ctx.isInvalid) return undefined;
    try {
      return handleMessage(msg, sendResponse);
    } catch (e) {
      reportFault('message:content', e);
      return undefined;
    }
  };
  const handleMessage = (msg: unknown, sendResponse: (x: unknown) => void): true | undefined => {
    if (isMessage<StatusRequest>(msg, 'essor:status')) {
      answerStatus(!!msg.analyse).then(sendResponse, (e: unknown) => {
        reportFault('message:essor:status', e);
        sendResponse({ ok: false });
      });
      return true;
    }
    if (isMessage(msg, 'essor:open-panel')) {
      void ready.then(() => {
        if (model.reading.value) model.open.value = true;
        sendResponse({ ok: !!model.reading.value });
      });
      return true;
    }
    if (isMessage<ShowEvidenceRequest>(msg, 'essor:show-evidence')) {
      sendResponse({ ok: actions.showEvidence(String(msg.evidence ?? '')) });
      return true;
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));
  ctx.onInvalidated(watchSettings((s) => applySettings(s, false), portalIds));
  ctx.onInvalidated(unmount);

  // --- single-page portals: URL changes and large content replacements ---------------------------
  let timer: number | undefined;
  const schedule = () => {
    if (ctx.isInvalid || rereads >= MAX_REREADS || !enabled()) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = ctx.setTimeout(() => {
      timer = undefined;
      rereads++;
      void analyse();
    }, DEBOUNCE_MS);
  };
  ctx.onLocationChange(schedule);

  const big = (nodes: NodeList) => {
    let chars = 0;
    for (const n of Array.from(nodes)) {
      if (n.nodeType !== 1 && n.nodeType !== 3) continue;
      chars += (n.textContent ?? '').length;
      if (chars >= BIG_CHANGE_CHARS) return true;
    }
    return false;
  };
  const bodyObserver = new MutationObserver((records) => {
    for (const m of records) if (big(m.addedNodes) || big(m.removedNodes)) return schedule();
  });
  const observeBody = () => {
    bodyObserver.disconnect();
    if (doc.body) bodyObserver.observe(doc.body, { childList: true, subtree: true });
  };
  // A portal that swaps <body> itself: follow the new one. One that drops our host: read again.
  const rootObserver = new MutationObserver((records) => {
    if (records.some((m) => Array.from(m.addedNodes).some((n) => n === doc.body))) {
      observeBody();
      schedule();
    } else if (host && !host.isConnected) schedule();
  });
  observeBody();
  rootObserver.observe(doc.documentElement, { childList: true });
  ctx.onInvalidated(() => {
    bodyObserver.disconnect();
    rootObserver.disconnect();
  });
}
