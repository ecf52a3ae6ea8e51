// What the two stages of the content script share. Both run in the extension's isolated world of the same
// frame (the manifest's first stage, then the second injected by the background with scripting), so one
// object on that world's global is how the first stage hands over to the second. The page's own scripts live
// in another world and never see it. Kept tiny: the first stage bundles this file.
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
