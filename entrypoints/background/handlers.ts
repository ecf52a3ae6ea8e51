// Message handlers of the background. Listeners answer through `sendResponse` and `return true`, which works
// with the native MV3 `browser`/`chrome` of Chrome and Firefox and with fake-browser 2 in the unit tests.
// Only advice waits for the knowledge base; the settings, the stylesheet and catalogue, the injection of the
// second stage answer at once, whatever the state of the data.
import { browser } from 'wxt/browser';
import { reportFault } from '../../core/errors';
import { toLang } from '../../core/lang';
import { findPortal, portals } from '../../core/portals/index';
import { BOAMP_RECORDS_API, boampRecordsOf, boampRecordUrl, isIdweb } from '../../core/read/boamp-api';
import { readBoampRecord } from '../../core/read/index';
import {
  isMessage,
  type AdviseRequest,
  type AdviseResponse,
  type AdviseTextRequest,
  type AnalyseTabRequest,
  type AnalyseTabResponse,
  type BoampRecordRequest,
  type BoampRecordResponse,
  type ListMarkersRequest,
  type Stage2Request,
  type Stage2Response,
  type TabStatus,
  type UiAssets,
  type UiRequest,
} from '../../components/extension/messages';
import { catalogues } from '../../components/i18n/all';
import overlayCss from '../../components/styles.css?inline';
import { loadSettings } from '../../components/extension/settings-model';
import { loadProfile } from '../../components/extension/profile-model';
import { adviseReading, adviseText, type AdviceDeps } from './advice';
import { listMarkers } from './list-markers';
import { showOnToolbar } from './toolbar';

/** Path of the built second stage (WXT's output name for the unlisted script entrypoints/overlay). */
export const OVERLAY_SCRIPT = '/overlay.js';
/** Path of the built list stage (entrypoints/markers): the markers on a list of results, no panel. */
export const MARKERS_SCRIPT = '/markers.js';

const portalIds = portals.map((p) => p.id);
const RETRIES = 5;
const RETRY_MS = 150;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Sender = { url?: string; tab?: { id?: number; url?: string }; frameId?: number } | undefined;

/** Injects the second stage into one frame of a tab. Injected twice, it does nothing the second time. */
export async function injectSecondStage(tabId: number, frameId?: number, file: typeof OVERLAY_SCRIPT | typeof MARKERS_SCRIPT = OVERLAY_SCRIPT): Promise<boolean> {
  try {
    await browser.scripting.executeScript({ target: { tabId, ...(frameId ? { frameIds: [frameId] } : {}) }, files: [file] });
    return true;
  } catch {
    return false;
  }
}

/**
 * The overlay's status in a tab, injecting the second stage first when nothing answers there. Injection
 * works on any page the user opened Essor on (activeTab, granted by the toolbar click) and fails elsewhere.
 * Where the first stage runs, it answers and asks for the second stage itself.
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
  if (!(await injectSecondStage(tabId))) return { ok: false, error: 'no-access' };
  for (let i = 0; i < RETRIES; i++) {
    const s = await ask();
    if (s) return s;
    await wait(RETRY_MS);
  }
  return { ok: false, error: 'no-answer' };
}

/** The first stage's request: is Essor active on this URL, and if so (and asked) inject the second stage. */
export async function secondStage(msg: Stage2Request, sender: Sender): Promise<Stage2Response> {
  const portal = findPortal(String(msg.url ?? ''))?.id ?? null;
  const settings = await loadSettings(portalIds);
  const active = msg.force === true || !(portal && settings.disabledPortals.includes(portal));
  const tabId = sender?.tab?.id;
  if (!active || !msg.inject || tabId === undefined) return { ok: active, active, portal };
  // A list of results gets the small list stage (markers, no panel); nothing when markers are turned off, or on
  // a site no engine reads (its entries could not be read).
  if (msg.kind === 'list' && msg.force !== true) {
    if (!settings.listMarkers || !portal) return { ok: false, active, portal };
    return { ok: await injectSecondStage(tabId, sender?.frameId, MARKERS_SCRIPT), active, portal, settings };
  }
  const ok = await injectSecondStage(tabId, sender?.frameId);
  if (!ok) return { ok, active, portal };
  return { ok, active, portal, settings, ui: uiAssets(settings.lang) };
}

/** The overlay's stylesheet and the catalogue of one language. */
function uiAssets(lang: unknown): UiAssets {
  const l = toLang(lang);
  return { ok: true, lang: l, messages: catalogues[l], css: overlayCss };
}

/**
 * The structured record of the BOAMP notice a tab is showing, from BOAMP's own open-data API (the site the
 * user is on; no cookie, no referrer, nothing but the notice number), read into a Reading. Only for a content
 * script on boamp.fr, for the notice in its own URL. `base` is the API's address (tests use a stand-in).
 */
export async function boampRecord(msg: BoampRecordRequest, sender: Sender, base: string = BOAMP_RECORDS_API): Promise<BoampRecordResponse> {
  let page: URL;
  try {
    page = new URL(String(sender?.tab ? sender.url ?? '' : ''));
  } catch {
    return { ok: false, error: 'not a BOAMP page' };
  }
  if (!/(^|\.)boamp\.fr$/.test(page.hostname) || !isIdweb(msg.idweb) || !decodeURIComponent(page.search).includes(msg.idweb)) return { ok: false, error: 'not a BOAMP page' };
  const url = boampRecordUrl(msg.idweb, base);
  if (!url) return { ok: false, error: 'bad idweb' };
  const res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
  if (!res.ok) return { ok: false, error: `HTTP ${res.status}` };
  const record = boampRecordsOf(await res.json())[0];
  if (!record) return { ok: false, error: 'no record' };
  const read = readBoampRecord(record);
  return read.ok ? { ok: true, reading: { ...read.reading, tender: { ...read.reading.tender, links: { ...read.reading.tender.links, notice: page.href } } } } : { ok: false, error: read.reason };
}

/** True for messages sent by the extension's own pages (popup, side panel, options), not by a content script. */
function fromExtensionPage(sender: Sender): boolean {
  const origin = browser.runtime.getURL('/');
  return !!sender?.url && sender.url.startsWith(origin);
}

/** Answers `sendResponse` with the promise's value; a fault is reported and answered with `fallback`. */
function answer<T>(where: string, work: Promise<T>, fallback: unknown, sendResponse: (x: unknown) => void): true {
  work.then(sendResponse, (e: unknown) => {
    reportFault(where, e);
    sendResponse(fallback);
  });
  return true;
}

/** The background's `runtime.onMessage` listener. `getDeps` loads the data on first use. */
export function createMessageListener(getDeps: () => Promise<AdviceDeps>) {
  const handle = (msg: unknown, sender: Sender, sendResponse: (x: unknown) => void): true | undefined => {
    if (isMessage<AdviseRequest>(msg, 'essor:advise')) {
      const tabId = fromExtensionPage(sender) ? undefined : sender?.tab?.id;
      const work = Promise.all([loadSettings(portalIds), getDeps(), loadProfile()]).then(([s, deps, profile]) => {
        const res: AdviseResponse = adviseReading(deps, msg.reading, { role: msg.role, lang: msg.lang, userTerritory: s.territory, profile });
        // The tab's toolbar button says the same as its panel.
        if (tabId !== undefined) void showOnToolbar(tabId, res, toLang(msg.lang));
        return res;
      });
      return answer('message:essor:advise', work, { ok: false, error: 'advice failed' }, sendResponse);
    }
    if (isMessage<AdviseTextRequest>(msg, 'essor:advise-text')) {
      const work = Promise.all([loadSettings(portalIds), getDeps(), loadProfile()]).then(([s, deps, profile]) => adviseText(deps, msg.text, { cpv: msg.cpv, role: msg.role, lang: msg.lang, userTerritory: s.territory, profile }));
      return answer('message:essor:advise-text', work, { ok: false, error: 'advice failed' }, sendResponse);
    }
    if (isMessage<UiRequest>(msg, 'essor:ui')) {
      sendResponse(uiAssets(msg.lang));
      return true;
    }
    if (isMessage<Stage2Request>(msg, 'essor:stage2')) {
      return answer('message:essor:stage2', secondStage(msg, sender), { ok: false, active: true, portal: null }, sendResponse);
    }
    if (isMessage<BoampRecordRequest>(msg, 'essor:boamp-record')) {
      return answer('message:essor:boamp-record', boampRecord(msg, sender), { ok: false, error: 'failed' }, sendResponse);
    }
    if (isMessage<ListMarkersRequest>(msg, 'essor:list-markers')) {
      const work = listMarkers(msg, sender, { settings: () => loadSettings(portalIds), profile: loadProfile, engine: getDeps });
      return answer('message:essor:list-markers', work, { ok: false, off: false, error: 'failed' }, sendResponse);
    }
    if (isMessage(msg, 'essor:toolbar-clear')) {
      const tabId = sender?.tab?.id;
      if (tabId !== undefined) void showOnToolbar(tabId, null, 'fr');
      sendResponse({ ok: true });
      return true;
    }
    if (isMessage<AnalyseTabRequest>(msg, 'essor:analyse-tab')) {
      if (!fromExtensionPage(sender) || typeof msg.tabId !== 'number') {
        sendResponse({ ok: false, error: 'no-access' });
        return true;
      }
      return answer('message:essor:analyse-tab', analyseTab(msg.tabId), { ok: false, error: 'no-answer' }, sendResponse);
    }
    return undefined;
  };
  return (msg: unknown, sender: Sender, sendResponse: (x: unknown) => void): true | undefined => {
    try {
      return handle(msg, sender, sendResponse);
    } catch (e) {
      reportFault('message:background', e);
      return undefined;
    }
  };
}
