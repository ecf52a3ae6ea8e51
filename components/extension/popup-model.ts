import { signal, type Signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { AnalyseTabResponse, TabStatus } from './messages';

/** What the popup (or the side panel) knows about the tab it is about. */
export type PageState =
  | { kind: 'loading' }
  /** No Essor script in the tab (not a known portal): the user may ask for an analysis. */
  | { kind: 'absent' }
  /** A browser page, the store, or a tab Essor may not read. */
  | { kind: 'unavailable' }
  | { kind: 'status'; status: TabStatus };

/**
 * The tab the page is about: `?tab=<id>` when the page was opened in a tab for another one (the context
 * menu's fallback), else the active tab of the window the popup or side panel belongs to.
 */
export async function targetTabId(search = location.search): Promise<number | undefined> {
  const pinned = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(pinned) && pinned > 0) return pinned;
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const self = await browser.tabs.getCurrent?.().catch(() => undefined);
    if (tab?.id !== undefined && tab.id !== self?.id) return tab.id;
  } catch {
    /* no tab */
  }
  return undefined;
}

/** Asks the tab's overlay script for its status, without injecting anything. */
export async function fetchPageState(tabId: number | undefined): Promise<PageState> {
  if (tabId === undefined) return { kind: 'unavailable' };
  try {
    const s = (await browser.tabs.sendMessage(tabId, { type: 'essor:status' })) as TabStatus | undefined;
    return s?.ok ? { kind: 'status', status: s } : { kind: 'absent' };
  } catch {
    return { kind: 'absent' };
  }
}

/** Has the background inject the overlay into the tab (activeTab) and returns the resulting state. */
export async function analysePage(tabId: number | undefined): Promise<PageState> {
  if (tabId === undefined) return { kind: 'unavailable' };
  try {
    const r = (await browser.runtime.sendMessage({ type: 'essor:analyse-tab', tabId })) as AnalyseTabResponse | undefined;
    return r?.ok ? { kind: 'status', status: r } : { kind: 'unavailable' };
  } catch {
    return { kind: 'unavailable' };
  }
}

export type PopupTab = 'status' | 'search' | 'watch';

/** State of the popup: which tab is shown and what is known about the page. */
export interface PopupModel {
  tab: Signal<PopupTab>;
  tabId: Signal<number | undefined>;
  page: Signal<PageState>;
  busy: Signal<boolean>;
  /** Asks the page again (and injects the overlay when `inject`). */
  refresh(inject?: boolean): Promise<void>;
}

export function createPopupModel(init: { tab?: PopupTab } = {}): PopupModel {
  const tab = signal<PopupTab>(init.tab ?? 'status');
  const tabId = signal<number | undefined>(undefined);
  const page = signal<PageState>({ kind: 'loading' });
  const busy = signal(false);
  return {
    tab,
    tabId,
    page,
    busy,
    async refresh(inject = false) {
      busy.value = true;
      try {
        if (tabId.value === undefined) tabId.value = await targetTabId();
        page.value = inject ? await analysePage(tabId.value) : await fetchPageState(tabId.value);
      } finally {
        busy.value = false;
      }
    },
  };
}

type SidePanelApi = { open(o: { tabId?: number; windowId?: number }): Promise<void> };
type SidebarApi = { open(): Promise<void> };

/**
 * Opens the docked panel (Chrome side panel, Firefox sidebar). Call it straight from a click handler: both
 * APIs need the user gesture. Resolves to false when the browser has neither.
 */
export function openDockedPanel(tabId: number | undefined): Promise<boolean> {
  try {
    const api = browser as unknown as { sidePanel?: SidePanelApi; sidebarAction?: SidebarApi };
    if (api.sidePanel?.open && tabId !== undefined) return api.sidePanel.open({ tabId }).then(() => true, () => false);
    if (api.sidebarAction?.open) return api.sidebarAction.open().then(() => true, () => false);
  } catch {
    /* unsupported */
  }
  return Promise.resolve(false);
}
