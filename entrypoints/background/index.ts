import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { syncAllSites } from './all-sites';
import { replayOpenTabs, watchPortalTabs } from './first-stage';
import { getEngine } from './engine';
import { createMessageListener } from './handlers';
import { registerAllCatalogues } from '../../components/i18n/all';
import { createMenus, onMenuClick } from './menus';
import { registerWatch } from './watch';

export default defineBackground(() => {
  // Listeners first and synchronously: a service worker woken by an event must find them registered.
  browser.runtime.onMessage.addListener(createMessageListener(getEngine));
  // The first stage, injected into a portal's page once it has loaded, and into those loaded before.
  const onTab = watchPortalTabs();
  browser.runtime.onInstalled.addListener(() => void replayOpenTabs(onTab));
  // The toolbar's title and badge words (the catalogues are small; the knowledge base is loaded on demand).
  registerAllCatalogues();
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));
  browser.runtime.onInstalled.addListener(() => void createMenus());
  browser.permissions.onAdded.addListener(() => void syncAllSites());
  browser.permissions.onRemoved.addListener(() => void syncAllSites());
  void syncAllSites();
  registerWatch(getEngine);
});
