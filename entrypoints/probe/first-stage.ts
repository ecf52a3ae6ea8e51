// The first stage of the content script, the only extension code on every page of a registered portal (and on
// every page once the optional all-sites access is granted). The background injects it once the page has
// loaded (entrypoints/background/first-stage.ts), so nothing of Essor runs before the page's load event. It
// decides from the URL and a few DOM probes whether the page may be a notice or a result list; only then does
// it ask the background to inject the second stage (reader, panel, markers: entrypoints/overlay). No UI, no
// CSS, no catalogue, no reader here: the size test keeps this script under 6 KB gzip.
import { browser } from 'wxt/browser';
import type { PageContext } from '../../components/extension/page-context';
import { reportFault } from '../../core/errors';
import { isMessage, type Stage2Request, type Stage2Response, type StatusRequest, type TabStatus } from '../../components/extension/messages';
import { handoff, liveOverlay, MARK_PROBE, measure, whenOverlay } from '../overlay/handoff';
import { probePage, type ProbeKind } from './probe';

/** The settings record's storage key (components/extension/settings-model.ts; not imported, it pulls core/settings). */
const SETTINGS_KEY = 'essor:settings';
const DEBOUNCE_MS = 400;
/** A page that keeps rewriting itself is probed at most this many times. */
const MAX_PROBES = 50;
/** Mutations adding this much text may be a notice rendered in the browser (BOAMP's current site). */
const BIG_CHANGE_CHARS = 400;
/** Waits before each try of a message to the background (the first goes at once). */
const RETRY_DELAYS_MS = [0, 100, 400, 1_500];
/** Longest wait for the page's load event before deciding, when the first stage came before it. */
const LOAD_WAIT_MS = 100;
/** Longest wait for the page's next frame (a hidden tab draws none). */
const FRAME_WAIT_MS = 50;
/** Longest wait for the second stage once injected. */
const STAGE2_WAIT_MS = 5_000;

/**
 * Runs the first stage in this frame once the page has loaded and drawn its next frame. The background injects
 * it after the load event; the all-sites registration and a page slow to load (injected before it) wait here
 * for the load event, at most LOAD_WAIT_MS, with nothing but one listener. A page whose load event comes
 * before its first paint (no subresource, or all of them cached) is drawn before the decision and the second
 * stage, which would otherwise delay it.
 */
export function startFirstStage(ctx: PageContext): void {
  let probe: Probe | undefined;
  let failed = false;
  const start = (): Probe | undefined => {
    if (probe || failed || ctx.isInvalid) return probe;
    try {
      probe = startProbe(ctx);
    } catch (e) {
      failed = true;
      reportFault('content-script:probe', e);
    }
    return probe;
  };
  // The popup's and the side panel's questions, until the second stage answers them itself. One asked before
  // the decision (a side panel following its tab) has it made at once.
  const onMessage = (msg: unknown, _sender: unknown, sendResponse: (x: unknown) => void): true | undefined => {
    if (ctx.isInvalid || liveOverlay() || !isMessage<StatusRequest>(msg, 'essor:status')) return undefined;
    const p = start();
    if (!p) return undefined;
    p.status(!!msg.analyse).then(sendResponse, (e: unknown) => {
      reportFault('message:essor:status', e);
      sendResponse({ ok: false });
    });
    return true;
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

  const afterNextFrame = () => {
    // A timer set in a frame callback runs once that frame is drawn.
    requestAnimationFrame(() => setTimeout(start, 0));
    setTimeout(start, FRAME_WAIT_MS);
  };
  if (document.readyState === 'complete') afterNextFrame();
  else {
    window.addEventListener('load', afterNextFrame, { once: true });
    setTimeout(start, LOAD_WAIT_MS);
  }
}

/** A running first stage. */
export interface Probe {
  /** The tab's status (the popup's question); `analyse` injects the second stage whatever was decided. */
  status(analyse: boolean): Promise<TabStatus>;
}

/** Starts the first stage in the current frame: observers, then the decision. */
export function startProbe(ctx: PageContext): Probe {
  const shared = handoff();
  let kind: ProbeKind = 'other';
  let asked: Promise<Stage2Response | undefined> | undefined;
  // The list stage (markers, no panel) runs here rather than the overlay: a later notice still gets the overlay.
  let listStage = false;
  let probes = 0;
  let timer: number | undefined;

  const send = async (msg: Stage2Request): Promise<Stage2Response | undefined> => {
    // The background may be starting (just installed or updated: no listener yet) or stopping: a few tries,
    // further apart each time.
    for (const delay of RETRY_DELAYS_MS) {
      if (delay) await new Promise((r) => setTimeout(r, delay));
      if (ctx.isInvalid) return undefined;
      try {
        const res = (await browser.runtime.sendMessage(msg)) as Stage2Response | undefined;
        if (res) return res;
      } catch {
        /* tried again */
      }
    }
    return undefined;
  };

  const injectSecondStage = (force: boolean): Promise<Stage2Response | undefined> => {
    if (force) shared.forced = true;
    listStage = !force && kind === 'list';
    asked = send({ type: 'essor:stage2', url: location.href, inject: true, ...(force ? { force: true } : { kind: kind === 'list' ? 'list' : 'notice' }) });
    shared.injection = asked;
    return asked;
  };

  const decide = () => {
    if (ctx.isInvalid || liveOverlay()) return stop();
    const t0 = performance.now();
    const was = listStage ? kind : undefined;
    kind = probePage(document, new URL(location.href));
    // Still a list where the list stage runs: it follows the list's changes itself.
    if (was === 'list' && kind === 'list') return;
    measure(MARK_PROBE, t0, performance.now(), kind);
    if (kind === 'other') return;
    stop();
    void injectSecondStage(false).then((res) => {
      // Switched off for this portal (or markers off on a list): keep watching, the user may switch it on again.
      if (res && (!res.active || (listStage && !res.ok))) {
        asked = undefined;
        listStage = false;
      }
    });
  };

  // --- a page that changes after load: URL changes (single-page portals), notices rendered in the browser ---
  const schedule = () => {
    if (ctx.isInvalid || liveOverlay() || (asked && !listStage) || probes >= MAX_PROBES) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = ctx.setTimeout(() => {
      timer = undefined;
      probes++;
      decide();
    }, DEBOUNCE_MS);
  };
  const big = (nodes: NodeList) => {
    let chars = 0;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      if (n.nodeType !== 1 && n.nodeType !== 3) continue;
      chars += (n.textContent ?? '').length;
      if (chars >= BIG_CHANGE_CHARS) return true;
    }
    return false;
  };
  const observer = new MutationObserver((records) => {
    for (const m of records) if (big(m.addedNodes)) return schedule();
  });
  const stop = () => observer.disconnect();
  if (document.body) observer.observe(document.body, { childList: true, subtree: true });
  ctx.onLocationChange(schedule);
  ctx.onInvalidated(stop);

  // Settings changed (a portal switched on again in the options): decide again.
  const onStorage = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes && !liveOverlay() && !asked) decide();
  };
  browser.storage.onChanged.addListener(onStorage);
  ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));

  // --- the popup's and the side panel's questions (startFirstStage listens for them) ---
  const status = async (analyse: boolean): Promise<TabStatus> => {
    // On a list, the user's "analyse this page" brings the overlay beside the markers.
    if (analyse && (!asked || listStage)) await injectSecondStage(true);
    else if (analyse) shared.forced = true;
    const res = await asked;
    if (res?.active && !listStage) {
      const o = await whenOverlay(STAGE2_WAIT_MS);
      if (o) return o.status(analyse);
    }
    const info = res ?? (await send({ type: 'essor:stage2', url: location.href, inject: false }));
    return { ok: true, url: location.href, title: document.title, active: info?.active ?? true, recognised: false, pageKind: kind === 'list' ? 'list' : 'other', portal: info?.portal ?? null };
  };

  decide();
  return { status };
}
