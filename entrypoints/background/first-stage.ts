// Where the first stage comes from: the background injects it into a tab showing a known portal once the page
// has loaded (the tab's status turns 'complete', after the page's load event), rather than the manifest
// listing it as a content script. A manifest content script, even an empty one, runs before the load event:
// Chromium creates the extension's isolated world and runs document_idle scripts in the task that would fire
// the load event, which then waits for them (and for the page's first frame, which slips in between). Injected
// after the load event, nothing of Essor delays it. The same host permissions allow it: no new permission.
import { browser } from 'wxt/browser';
import type { FirstStageReady } from '../../components/extension/messages';
import { portalMatchPatterns, isKnownHost } from '../../components/extension/portal-matches';

/** Path of the built first stage (WXT's output name for the unlisted script entrypoints/probe). */
export const PROBE_SCRIPT = '/probe.js';
/**
 * A page still loading this long after its navigation started gets its first stage all the same: a slow image
 * or a frame that never finishes must not hide a notice's badge. It then runs while the page waits for the
 * network, and waits itself for the load event (at most 100 ms, entrypoints/probe/first-stage.ts).
 */
export const SLOW_LOAD_MS = 1_500;

type ChangeInfo = { status?: string; url?: string };
type TabInfo = { url?: string };

/** True for an http(s) URL on a host of the registry (the host permissions' patterns). */
export function isPortalUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && isKnownHost(u.hostname);
  } catch {
    return false;
  }
}

/** Injects the first stage into a tab's main frame. Injected twice, it does nothing the second time. */
export async function injectFirstStage(tabId: number): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [PROBE_SCRIPT] });
  } catch {
    // The tab closed, navigated to a page without access, or shows an error page.
    return false;
  }
  // An open side panel following this tab asks again; with no extension page open, nobody receives it.
  const ready: FirstStageReady = { type: 'essor:first-stage', tabId };
  browser.runtime.sendMessage(ready).catch(() => undefined);
  return true;
}

/**
 * The tabs as they are when the background starts for a new version (installed, updated, reloaded): tab events
 * from before it listened are lost, so each tab's present status goes through the same listener (a portal page
 * loaded gets its first stage now, one still loading after its load or the slow-page wait).
 */
export async function replayOpenTabs(listener: TabListener): Promise<number> {
  let tabs: { id?: number; url?: string; status?: string }[] = [];
  try {
    tabs = await browser.tabs.query({});
  } catch {
    return 0;
  }
  const portalTabs = tabs.filter((t) => t.id !== undefined && t.status !== undefined && isPortalUrl(t.url));
  for (const t of portalTabs) listener(t.id!, { status: t.status }, t);
  return portalTabs.length;
}

/** What {@link createTabListener} returns: a `tabs.onUpdated` listener. */
export type TabListener = (tabId: number, info: ChangeInfo, tab: TabInfo | undefined) => void;

/**
 * The `tabs.onUpdated` listener: on a portal page, the first stage once the page has loaded, or SLOW_LOAD_MS
 * after its navigation started if it has not loaded by then. `inject` is the injection (tests pass a spy).
 */
export function createTabListener(inject: (tabId: number) => Promise<unknown> = injectFirstStage, slowMs = SLOW_LOAD_MS): TabListener {
  const slow = new Map<number, ReturnType<typeof setTimeout>>();
  const cancel = (tabId: number) => {
    const t = slow.get(tabId);
    if (t !== undefined) clearTimeout(t);
    slow.delete(tabId);
  };
  return (tabId: number, info: ChangeInfo, tab: TabInfo | undefined): void => {
    if (!info.status) return;
    cancel(tabId);
    // Without the "tabs" permission, the URL is known only on the hosts the extension has access to.
    if (!isPortalUrl(tab?.url ?? info.url)) return;
    if (info.status === 'complete') {
      void inject(tabId);
      return;
    }
    slow.set(
      tabId,
      setTimeout(() => {
        slow.delete(tabId);
        void inject(tabId);
      }, slowMs),
    );
  };
}

/**
 * Listens for portal tabs. Firefox filters the event by URL and property itself, so that its background is
 * woken only by the portals' pages; Chrome has no such filter and calls the listener on every tab update,
 * which returns at once on other sites.
 */
export function watchPortalTabs(listener: TabListener = createTabListener()): TabListener {
  if (import.meta.env.FIREFOX) (browser.tabs.onUpdated as unknown as FilteredEvent).addListener(listener, { urls: portalMatchPatterns(), properties: ['status'] });
  else browser.tabs.onUpdated.addListener(listener);
  return listener;
}

/** Firefox's `tabs.onUpdated`, which takes a filter (Chrome's types do not say so). */
interface FilteredEvent {
  addListener(listener: (tabId: number, info: ChangeInfo, tab: TabInfo) => void, filter: { urls: string[]; properties: string[] }): void;
}
