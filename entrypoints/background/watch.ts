// The watch (veille) in the background: twice a day (alarms) while the user has it on, one request to BOAMP's
// open data, the new notices that fit the profile stored locally, a count on the toolbar badge and, if asked,
// a browser notification. Switched from the options page through storage (no message to route).
import { browser } from 'wxt/browser';
import type { AdviceDeps } from './advice';
import { runWatch, unseenCount, WATCH_PERIOD_MINUTES, type WatchResponse, type WatchState } from '../../core/watch/index';
import { emptyWatchState } from '../../core/watch/index';
import { loadProfile, PROFILE_KEY } from '../../components/extension/profile-model';
import { loadSettings } from '../../components/extension/settings-model';
import { loadWatchConfig, loadWatchState, NOTIFICATIONS, parseWatchConfig, saveWatchState, WATCH_CONFIG_KEY, WATCH_KEY, type WatchConfig } from '../../components/extension/watch-model';
import { t } from '../../components/i18n';

export const WATCH_ALARM = 'essor-watch';
export const WATCH_RETRY_ALARM = 'essor-watch-retry';
const BADGE_COLOUR = '#1f5f4a';

/** The network as the watch sees it: no cookie, no referrer, never a cached answer. */
const boampFetch = (url: string): Promise<WatchResponse> => fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });

/**
 * The toolbar badge: the number of notices not yet seen. It is set for all tabs; a tab showing a recognised
 * notice has its own badge word (toolbar.ts), which the browser shows instead.
 */
export async function showWatchCount(state: WatchState): Promise<void> {
  try {
    const n = unseenCount(state);
    await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOUR });
    await browser.action.setBadgeText({ text: n > 0 ? String(Math.min(n, 99)) : '' });
  } catch {
    /* no action API (tests) */
  }
}

async function notify(count: number, first: string): Promise<void> {
  try {
    if (!(await browser.permissions.contains(NOTIFICATIONS))) return;
    const { lang } = await loadSettings();
    await browser.notifications.create('essor-watch', {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png' as '/'),
      title: t(lang, 'watchNotifyTitle', { n: count }),
      message: first,
    });
  } catch {
    /* notifications unavailable: the badge and the list still say it */
  }
}

async function schedule(on: boolean): Promise<void> {
  if (!on) {
    await browser.alarms.clear(WATCH_ALARM);
    await browser.alarms.clear(WATCH_RETRY_ALARM);
    return;
  }
  const existing = await browser.alarms.get(WATCH_ALARM);
  if (!existing) await browser.alarms.create(WATCH_ALARM, { periodInMinutes: WATCH_PERIOD_MINUTES, delayInMinutes: WATCH_PERIOD_MINUTES });
}

let running: Promise<void> | undefined;

/**
 * One run now, if the watch is on; runs never overlap. `force` ignores the retry delay ("check now"): asked while
 * another run is under way (an alarm's, which may have skipped its request), it runs once that one is over.
 */
export function runWatchNow(getEngine: () => Promise<AdviceDeps>, force = false): Promise<void> {
  if (running && force) return running.then(() => runWatchNow(getEngine, true));
  running ??= (async () => {
    try {
      const config = await loadWatchConfig();
      if (!config.on) return;
      const [profile, previous, settings] = await Promise.all([loadProfile(), loadWatchState(), loadSettings()]);
      const { kb, territory } = await getEngine();
      const run = await runWatch(previous, profile, {
        kb,
        fetch: boampFetch,
        now: new Date().toISOString(),
        lang: settings.lang,
        force,
        regionOf: (d) => territory.regionOf(d),
        departementsOf: (r) => territory.departementsOf(r),
        placeName: (level, code) => (level === 'region' ? territory.regionName(code) : level === 'departement' ? territory.departementName(code) : territory.fromCommune(code)?.communeName),
        readOptions: { territory },
      });
      // The user may have turned the watch off while the request ran: then nothing is kept.
      if (!(await loadWatchConfig()).on) return;
      await saveWatchState(run.state);
      await showWatchCount(run.state);
      // One retry after a failure; a success cancels a retry still pending (the regular alarm goes on).
      // As a delay from the clock that set retryAt: an alarm never fires before it, however the clocks differ.
      if (run.state.retryAt) await browser.alarms.create(WATCH_RETRY_ALARM, { delayInMinutes: Math.max(1, (Date.parse(run.state.retryAt) - Date.now()) / 60_000) });
      else if (run.asked) await browser.alarms.clear(WATCH_RETRY_ALARM);
      if (run.added.length && config.notify) await notify(run.added.length, run.added[0]!.title);
    } catch {
      // A fault here (storage, data files) must not kill the service worker; the next alarm tries again.
    } finally {
      running = undefined;
    }
  })();
  return running;
}

async function onConfig(prev: WatchConfig, next: WatchConfig, getEngine: () => Promise<AdviceDeps>): Promise<void> {
  await schedule(next.on);
  if (!next.on) {
    if (prev.on) {
      // Off: nothing of the watch stays, and the optional notifications permission goes back.
      await browser.storage.local.remove(WATCH_KEY);
      await showWatchCount(emptyWatchState());
      await Promise.resolve()
        .then(() => browser.permissions.remove(NOTIFICATIONS))
        .catch(() => false);
    }
    return;
  }
  if (!prev.on || next.runAt !== prev.runAt) await runWatchNow(getEngine, true);
}

/** Registers the watch's listeners (synchronously, as a woken service worker needs) and checks its alarm. */
export function registerWatch(getEngine: () => Promise<AdviceDeps>): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === WATCH_ALARM || alarm.name === WATCH_RETRY_ALARM) void runWatchNow(getEngine);
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (WATCH_CONFIG_KEY in changes) void onConfig(parseWatchConfig(changes[WATCH_CONFIG_KEY]?.oldValue), parseWatchConfig(changes[WATCH_CONFIG_KEY]?.newValue), getEngine);
    // A changed profile asks for other notices: the list found for the old one goes, and the next run (alarm or
    // "check now") asks again; no request per keystroke in the options.
    else if (PROFILE_KEY in changes) void loadWatchConfig().then((c) => (c.on ? saveWatchState(emptyWatchState()) : undefined));
    if (WATCH_KEY in changes) void loadWatchState().then(showWatchCount);
  });
  void loadWatchConfig().then(async (c) => {
    await schedule(c.on);
    if (c.on) await showWatchCount(await loadWatchState());
  });
}
