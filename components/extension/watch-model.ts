// The watch's local data (browser.storage.local): whether it is on, whether to notify, and what it found. The
// background runs it (entrypoints/background/watch.ts); the popup lists it; the options switch it.
import { signal, type Signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { emptyWatchState, markSeen, parseWatchState, unseenCount, type WatchState } from '../../core/watch/index';

/** The watch's results and status. */
export const WATCH_KEY = 'essor:watch';
/** Whether the watch is on, whether it notifies, and the last "check now" request. */
export const WATCH_CONFIG_KEY = 'essor:watch-config';
/** The only site the watch asks (BOAMP's open data, www.boamp.fr). */
export const WATCH_ORIGINS = ['https://www.boamp.fr/*'];
/** Browser notifications are an optional permission, asked when the user turns them on. */
export const NOTIFICATIONS: { permissions: 'notifications'[] } = { permissions: ['notifications'] };

export interface WatchConfig {
  on: boolean;
  notify: boolean;
  /** ISO time of the last "check now" (the background runs when it changes). */
  runAt?: string;
}

export function parseWatchConfig(raw: unknown): WatchConfig {
  const o = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  return { on: o.on === true, notify: o.notify === true, ...(typeof o.runAt === 'string' && /^\d{4}-/.test(o.runAt) ? { runAt: o.runAt.slice(0, 40) } : {}) };
}

async function get(key: string): Promise<unknown> {
  try {
    return (await browser.storage.local.get(key))[key];
  } catch {
    return undefined;
  }
}

export const loadWatchConfig = async (): Promise<WatchConfig> => parseWatchConfig(await get(WATCH_CONFIG_KEY));
export const loadWatchState = async (): Promise<WatchState> => parseWatchState(await get(WATCH_KEY));

export async function saveWatchConfig(patch: Partial<WatchConfig>): Promise<WatchConfig> {
  const next = parseWatchConfig({ ...(await loadWatchConfig()), ...patch });
  await browser.storage.local.set({ [WATCH_CONFIG_KEY]: next });
  return next;
}

export async function saveWatchState(state: WatchState): Promise<void> {
  await browser.storage.local.set({ [WATCH_KEY]: state });
}

/** The watch as the popup and the options show it. */
export interface WatchModel {
  config: Signal<WatchConfig>;
  state: Signal<WatchState>;
  unseen: Signal<number>;
  load(): Promise<void>;
  /** Marks one notice (or all) as seen. */
  seen(idweb?: string): Promise<void>;
  /** Asks the background for a run now (it ignores the retry delay). */
  checkNow(): Promise<void>;
  /** Follows changes made elsewhere (the background's runs); returns the unsubscriber. */
  follow(): () => void;
}

export function createWatchModel(): WatchModel {
  const config = signal<WatchConfig>({ on: false, notify: false });
  const state = signal<WatchState>(emptyWatchState());
  const unseen = signal(0);
  const set = (s: WatchState) => {
    state.value = s;
    unseen.value = unseenCount(s);
  };
  return {
    config,
    state,
    unseen,
    async load() {
      config.value = await loadWatchConfig();
      set(await loadWatchState());
    },
    async seen(idweb) {
      const next = markSeen(await loadWatchState(), idweb ? [idweb] : undefined);
      await saveWatchState(next);
      set(next);
    },
    async checkNow() {
      config.value = await saveWatchConfig({ runAt: new Date().toISOString() });
    },
    follow() {
      const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area !== 'local') return;
        if (WATCH_KEY in changes) set(parseWatchState(changes[WATCH_KEY]?.newValue));
        if (WATCH_CONFIG_KEY in changes) config.value = parseWatchConfig(changes[WATCH_CONFIG_KEY]?.newValue);
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}
