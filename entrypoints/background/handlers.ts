// Message handlers of the background. Listeners answer through `sendResponse` and `return true`, which works
// with the native MV3 `browser`/`chrome` of Chrome and Firefox and with fake-browser 2 in the unit tests.
import { browser } from 'wxt/browser';
import { portals } from '../../core/portals/index';
import {
  isMessage,
  type AdviseRequest,
  type AdviseTextRequest,
  type AnalyseTabRequest,
  type AnalyseTabResponse,
  type TabStatus,
  type UiAssets,
  type UiRequest,
} from '../../components/extension-messages';
import { catalogues } from '../../components/i18n/all';
import overlayCss from '../../components/styles.css?inline';
import { loadSettings } from '../../components/settings-model';
import { adviseReading, adviseText, type AdviceDeps } from './advice';
import { OVERLAY_SCRIPT } from './all-sites';

const portalIds = portals.map((p) => p.id);
const RETRIES = 5;
const RETRY_MS = 150;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The overlay's status in a tab, injecting the overlay first when the tab has none. Injection works on
 * any page the user opened Essor on (activeTab, granted by the toolbar click) and fails elsewhere.
 */
export async function analyseTab(tabId: number): Promise<AnalyseTabResponse> {
  const ask = async (): Promise<TabStatus | undefined> => {
    try {
      const s = (await browser.tabs.sendMessage(tabId, { type: 'essor:status', analyse: true })) as TabStatus | undefined;
      return s?.ok ? s : undefined;
    } catch {
      return undefined;
    }
  };
  const present = await ask();
  if (present) return present;
  try {
    await browser.scripting.executeScript({ target: { tabId }, files: [OVERLAY_SCRIPT] });
  } catch {
    return { ok: false, error: 'no-access' };
  }
  for (let i = 0; i < RETRIES; i++) {
    const s = await ask();
    if (s) return s;
    await wait(RETRY_MS);
  }
  return { ok: false, error: 'no-answer' };
}

/** True for messages sent by the extension's own pages (popup, side panel, options), not by a content script. */
function fromExtensionPage(sender: { url?: string; tab?: unknown } | undefined): boolean {
  const origin = browser.runtime.getURL('/');
  return !!sender?.url && sender.url.startsWith(origin);
}

/** The background's `runtime.onMessage` listener. `getDeps` builds the data on first use. */
export function createMessageListener(getDeps: () => AdviceDeps) {
  return (msg: unknown, sender: { url?: string; tab?: unknown } | undefined, sendResponse: (x: unknown) => void): true | undefined => {
    if (isMessage<AdviseRequest>(msg, 'essor:advise')) {
      void loadSettings(portalIds)
        .then((s) => adviseReading(getDeps(), msg.reading, { role: msg.role, lang: msg.lang, userTerritory: s.territory }))
        .catch(() => ({ ok: false, error: 'advice failed' }))
        .then(sendResponse);
      return true;
    }
    if (isMessage<AdviseTextRequest>(msg, 'essor:advise-text')) {
      void loadSettings(portalIds)
        .then((s) => adviseText(getDeps(), msg.text, { cpv: msg.cpv, role: msg.role, lang: msg.lang, userTerritory: s.territory }))
        .catch(() => ({ ok: false, error: 'advice failed' }))
        .then(sendResponse);
      return true;
    }
    if (isMessage<UiRequest>(msg, 'essor:ui')) {
      const lang = msg.lang === 'en' ? 'en' : 'fr';
      const res: UiAssets = { ok: true, lang, messages: catalogues[lang], css: overlayCss };
      sendResponse(res);
      return true;
    }
    if (isMessage<AnalyseTabRequest>(msg, 'essor:analyse-tab')) {
      if (!fromExtensionPage(sender) || typeof msg.tabId !== 'number') {
        sendResponse({ ok: false, error: 'no-access' });
        return true;
      }
      void analyseTab(msg.tabId).then(sendResponse);
      return true;
    }
    return undefined;
  };
}
