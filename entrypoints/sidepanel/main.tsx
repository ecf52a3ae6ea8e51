import { render } from 'preact';
import { browser } from 'wxt/browser';
import kbData from '@/data/kb.json';
import searchIndex from '@/data/search-index.json';
import { createKb, type KbData } from '@/core/kb/index';
import { createSearch } from '@/core/search/index';
import { isMessage, PENDING_KEY, type AdviseResponse, type FirstStageReady } from '@/components/extension/messages';
import { t } from '@/components/i18n';
import { registerAllCatalogues } from '@/components/i18n/all';
import type { PanelModel } from '@/components/panel-model';
import { createSearchModel } from '@/components/search-model';
import { loadSettings, saveSettings, watchSettings } from '@/components/extension/settings-model';
import { SidepanelApp } from '@/components/extension/sidepanel-app';
import { createSidepanelModel } from '@/components/extension/sidepanel-model';
import { createWatchModel } from '@/components/extension/watch-model';
import { summaryText } from '@/components/summary';
import '@/components/styles.css';
import '@/components/extension/pages.css';

registerAllCatalogues();
const kb = createKb(kbData as unknown as KbData);
const search = createSearchModel(createSearch(kb, searchIndex));
const params = new URLSearchParams(location.search);
const pinned = params.has('tab');
const requestId = params.get('req');
const watch = createWatchModel();
watch.follow();

void loadSettings().then(async (settings) => {
  document.documentElement.lang = settings.lang;
  search.territory.value = settings.territory ?? undefined;
  const model = createSidepanelModel({ search, role: settings.role, lang: settings.lang, onRole: (role) => void saveSettings({ role }) });
  const lang = () => model.panel.lang.value;
  const actions = {
    refresh: () => void model.refreshPage(false),
    analyse: () => void model.refreshPage(true),
    openInPage: () => {
      const id = model.page.tabId.value;
      if (id !== undefined) void browser.tabs.sendMessage(id, { type: 'essor:open-panel' }).catch(() => undefined);
    },
    showEvidence: (evidence: string) => {
      const id = model.page.tabId.value;
      if (id === undefined) return false;
      void browser.tabs
        .sendMessage(id, { type: 'essor:show-evidence', evidence })
        .then((r) => {
          if (!(r as { ok?: boolean } | undefined)?.ok) model.panel.status.value = t(lang(), 'notFoundInPage');
        })
        .catch(() => (model.panel.status.value = t(lang(), 'notFoundInPage')));
      return true;
    },
    openOptions: () => void browser.runtime.openOptionsPage(),
    copy: (res: AdviseResponse, panel: PanelModel) => {
      if (!res.ok) return;
      const text = summaryText(res.reading, res.advice, lang(), res.reading.tender.links.notice);
      void navigator.clipboard.writeText(text).then(
        () => {
          model.copyFallback.value = null;
          panel.status.value = t(lang(), 'copied');
        },
        () => {
          model.copyFallback.value = text;
          panel.status.value = t(lang(), 'copyFailed');
        },
      );
    },
  };
  render(<SidepanelApp model={model} kb={kb} actions={actions} watch={watch} />, document.getElementById('app')!);
  void watch.load();

  watchSettings((s) => {
    search.territory.value = s.territory ?? undefined;
    const changed = s.lang !== model.panel.lang.value;
    model.panel.lang.value = s.lang;
    model.textPanel.lang.value = s.lang;
    model.setRole(s.role);
    if (changed) {
      document.documentElement.lang = s.lang;
      void model.refreshPage(false);
    }
  });

  // A context-menu request waiting in session storage (the selection never travels in a URL).
  const takePending = async () => {
    const got = (await browser.storage.session.get(PENDING_KEY).catch(() => ({}))) as Record<string, unknown>;
    if (got[PENDING_KEY] !== undefined && model.applyPending(got[PENDING_KEY], requestId)) await browser.storage.session.remove(PENDING_KEY).catch(() => undefined);
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && changes[PENDING_KEY]?.newValue !== undefined) void takePending();
  });
  await takePending();

  if (!pinned) {
    const win = await browser.windows.getCurrent().catch(() => undefined);
    browser.tabs.onActivated.addListener((info) => {
      if (win && info.windowId !== win.id) return;
      model.page.tabId.value = info.tabId;
      void model.refreshPage(false);
    });
    browser.tabs.onUpdated.addListener((tabId, info) => {
      if (tabId === model.page.tabId.value && info.status === 'complete') void model.refreshPage(false);
    });
    // The background injects the first stage once the tab has loaded, just after the event above.
    browser.runtime.onMessage.addListener((msg: unknown) => {
      if (isMessage<FirstStageReady>(msg, 'essor:first-stage') && msg.tabId === model.page.tabId.value) void model.refreshPage(false);
      return undefined;
    });
  }
  await model.refreshPage(false);
});
