// Context menus on a text selection. The selection goes to the side panel through storage.session, never
// in a URL that leaves the extension.
import { browser, type Browser } from 'wxt/browser';
import { reportFault } from '../../core/errors';
import { PENDING_KEY, type PendingRequest } from '../../components/extension/messages';

export const MENU_SEARCH = 'essor-search';
export const MENU_ANALYSE = 'essor-analyse';
const MAX_SELECTION = 20_000;

function message(key: 'menuSearch' | 'menuAnalyse'): string {
  try {
    return browser.i18n.getMessage(key) || key;
  } catch {
    return key;
  }
}

/** (Re)creates the two selection menus. */
export async function createMenus(): Promise<void> {
  try {
    await browser.contextMenus.removeAll();
    browser.contextMenus.create({ id: MENU_SEARCH, title: message('menuSearch'), contexts: ['selection'] });
    browser.contextMenus.create({ id: MENU_ANALYSE, title: message('menuAnalyse'), contexts: ['selection'] });
  } catch (e) {
    // Menus are a convenience (the popup and the side panel offer the same): reported, not thrown.
    reportFault('menus', e);
  }
}

type SidePanelApi = { open(o: { windowId?: number; tabId?: number }): Promise<void> };
type SidebarApi = { open(): Promise<void> };

/**
 * Opens the docked panel. Must run synchronously inside the click handler: both Chrome's sidePanel.open
 * and Firefox's sidebarAction.open need the user gesture, which an `await` before them would lose.
 */
export function openDockedPanel(tab: { windowId?: number; id?: number } | undefined): Promise<boolean> {
  try {
    const api = browser as unknown as { sidePanel?: SidePanelApi; sidebarAction?: SidebarApi };
    if (api.sidePanel?.open && tab?.windowId !== undefined) return api.sidePanel.open({ windowId: tab.windowId }).then(() => true, () => false);
    if (api.sidebarAction?.open) return api.sidebarAction.open().then(() => true, () => false);
  } catch {
    /* fall through to the tab */
  }
  return Promise.resolve(false);
}

/** The side panel page in a tab, next to the one the user was reading; it picks its request up from storage. */
export function fallbackUrl(requestId: string, tabId?: number): string {
  return browser.runtime.getURL('/sidepanel.html') + `?req=${encodeURIComponent(requestId)}` + (tabId !== undefined ? `&tab=${tabId}` : '');
}

/** Handles a click on one of the menus. Resolves to where the result is shown. */
export function onMenuClick(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<'panel' | 'tab' | 'none'> {
  const kind = info.menuItemId === MENU_SEARCH ? 'search' : info.menuItemId === MENU_ANALYSE ? 'analyse' : undefined;
  const text = String(info.selectionText ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_SELECTION);
  if (!kind || !text) return Promise.resolve('none');
  const opening = openDockedPanel(tab);
  const id = Math.random().toString(36).slice(2, 10);
  const pending: PendingRequest = { kind, text, at: Date.now(), to: 'panel', id };
  const stored = browser.storage.session.set({ [PENDING_KEY]: pending }).catch(() => undefined);
  return opening.then(async (ok) => {
    await stored;
    if (ok) return 'panel';
    await browser.storage.session.set({ [PENDING_KEY]: { ...pending, to: 'tab' } }).catch(() => undefined);
    await browser.tabs.create({ url: fallbackUrl(id, tab?.id), ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}) });
    return 'tab';
  });
}
