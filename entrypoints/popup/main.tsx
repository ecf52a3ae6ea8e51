import { render } from 'preact';
import { browser } from 'wxt/browser';
import kbData from '@/data/kb.json';
import searchIndex from '@/data/search-index.json';
import { createKb, type KbData } from '@/core/kb/index';
import { createSearch } from '@/core/search/index';
import { registerAllCatalogues } from '@/components/i18n/all';
import { PopupApp } from '@/components/extension/popup-app';
import { createPopupModel, openDockedPanel } from '@/components/extension/popup-model';
import { createSearchModel } from '@/components/search-model';
import { loadSettings } from '@/components/extension/settings-model';
import { createWatchModel } from '@/components/extension/watch-model';
import '@/components/styles.css';
import '@/components/extension/pages.css';

registerAllCatalogues();
const kb = createKb(kbData as unknown as KbData);
const query = new URLSearchParams(location.search).get('q') ?? '';
const model = createPopupModel({ tab: query ? 'search' : 'status' });
const search = createSearchModel(createSearch(kb, searchIndex), { query });
const watch = createWatchModel();
watch.follow();

void loadSettings().then((settings) => {
  document.documentElement.lang = settings.lang;
  search.territory.value = settings.territory ?? undefined;
  const actions = {
    analyse: () => void model.refresh(true),
    openInPage: () => {
      if (model.tabId.value === undefined) return;
      void browser.tabs.sendMessage(model.tabId.value, { type: 'essor:open-panel' }).finally(() => window.close());
    },
    openSidePanel: () => void openDockedPanel(model.tabId.value).then((ok) => ok && window.close()),
    openOptions: () => void browser.runtime.openOptionsPage(),
  };
  render(<PopupApp model={model} search={search} kb={kb} lang={settings.lang} actions={actions} watch={watch} />, document.getElementById('app')!);
  void watch.load();
  void model.refresh(false);
});
