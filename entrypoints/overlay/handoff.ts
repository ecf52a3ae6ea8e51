// What the two stages of the content script share. Both run in the extension's isolated world of the same
// frame (the manifest's first stage, then the second injected by the background with scripting), so one
// object on that world's global is how the first stage hands over to the second. The page's own scripts live
// in another world and never see it. Kept tiny: the first stage bundles this file.
import { browser } from 'wxt/browser';
import type { Stage2Response, TabStatus } from '../../components/extension/messages';

/** The running second stage, as the first stage sees it. */
export interface OverlayHandle {
  /** True once the extension was reloaded or the instance torn down. */
  isInvalid(): boolean;
  /** The tab's status (the popup's question); `analyse` reads the page even where Essor is switched off. */
  status(analyse: boolean): Promise<TabStatus>;
}

/** The shared object. */
export interface Handoff {
  /** The first stage running in this frame (injected twice, the second does nothing). */
  probe?: { readonly isInvalid: boolean };
  /** The second stage, once it runs. */
  overlay?: OverlayHandle;
  /** The user asked for this page (popup, side panel): the second stage reads it whatever the settings. */
  forced?: boolean;
  /** The first stage's request for the second: its answer carries the settings and the UI assets. */
  injection?: Promise<Stage2Response | undefined>;
  /** Called when the second stage registers. */
  waiters: ((h: OverlayHandle) => void)[];
  /** The list stage (entrypoints/markers), once it runs: injected twice, the second one does nothing. */
  markers?: { isInvalid(): boolean };
  /** Timing marks allowed on the page's timeline: read once from the extension's storage (TIMING_KEY). */
  timing?: boolean;
  /** Marks and measures waiting for that answer. */
  timingQueue?: (() => void)[];
}

const KEY = '__essorHandoff';

/** The frame's shared object (created on first use). */
export function handoff(): Handoff {
  const g = globalThis as unknown as Record<string, Handoff | undefined>;
  let h = g[KEY];
  if (!h) {
    h = { waiters: [] };
    g[KEY] = h;
  }
  return h;
}

/** The live second stage, if one runs in this frame. */
export function liveOverlay(): OverlayHandle | undefined {
  const o = handoff().overlay;
  return o && !o.isInvalid() ? o : undefined;
}

/** Registers the second stage and wakes whoever waits for it. */
export function registerOverlay(o: OverlayHandle): void {
  const h = handoff();
  h.overlay = o;
  const waiting = h.waiters.splice(0);
  for (const w of waiting) w(o);
}

/** Resolves with the second stage once it runs, or undefined after `ms`. */
export function whenOverlay(ms: number): Promise<OverlayHandle | undefined> {
  const live = liveOverlay();
  if (live) return Promise.resolve(live);
  return new Promise((resolve) => {
    const h = handoff();
    const done = (o: OverlayHandle | undefined) => {
      clearTimeout(timer);
      const i = h.waiters.indexOf(done);
      if (i >= 0) h.waiters.splice(i, 1);
      resolve(o);
    };
    const timer = setTimeout(() => done(undefined), ms);
    h.waiters.push(done);
  });
}

/** Performance marks the bench and the e2e tests read (the page's timeline is shared with content scripts). */
/** The first stage's script starts (before it waits for anything). */
export const MARK_FIRST_STAGE = 'essor:first-stage';
export const MARK_PROBE = 'essor:probe';
export const MARK_STAGE2 = 'essor:stage2';

/**
 * The extension-storage key that allows timing marks (`true`): the bench and the tests set it through the service
 * worker. Without it nothing of ours is written on the page's performance timeline, which the page can read: names
 * like "essor:probe" there would tell any portal page that Essor is installed. No page can set it.
 */
export const TIMING_KEY = 'essorTiming';

// Writes `write` once the storage has said whether timing is allowed in this frame (asked once per frame).
function whenTiming(write: () => void): void {
  const h = handoff();
  if (h.timing !== undefined) {
    if (h.timing) write();
    return;
  }
  const first = !h.timingQueue;
  (h.timingQueue ??= []).push(write);
  if (!first) return;
  const settle = (on: boolean) => {
    h.timing = on;
    const queued = h.timingQueue?.splice(0) ?? [];
    if (on) for (const w of queued) w();
  };
  try {
    browser.storage.local.get(TIMING_KEY).then(
      (got) => settle((got as Record<string, unknown>)[TIMING_KEY] === true),
      () => settle(false),
    );
  } catch {
    settle(false);
  }
}

/** A mark on the page's timeline at this moment, written only where timing is allowed. */
export function mark(name: string): void {
  const startTime = performance.now();
  whenTiming(() => {
    try {
      performance.mark(name, { startTime });
    } catch {
      /* no timeline */
    }
  });
}

/** A measure on the page's timeline, written only where timing is allowed. */
export function measure(name: string, start: number, end = performance.now(), detail?: unknown): void {
  whenTiming(() => {
    try {
      performance.measure(name, { start, end, ...(detail !== undefined ? { detail } : {}) });
    } catch {
      /* an old engine without measure options: nothing to record */
    }
  });
}
