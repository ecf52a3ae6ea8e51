// Stored settings of the extension (browser.storage.local), always read and written through core/settings.
import { browser } from 'wxt/browser';
import { mergeSettings, parseSettings, type Settings } from '../../core/settings';

/** The one storage key holding the settings record. */
export const SETTINGS_KEY = 'essor:settings';

/** Reads the settings; an old or corrupt value is repaired in storage on the way. Never throws. */
export async function loadSettings(knownPortals?: readonly string[]): Promise<Settings> {
  let raw: unknown;
  try {
    raw = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  } catch {
    raw = undefined;
  }
  const { settings, repaired } = parseSettings(raw, knownPortals);
  if (repaired) await browser.storage.local.set({ [SETTINGS_KEY]: settings }).catch(() => undefined);
  return settings;
}

/** Applies a change to the stored settings and returns the validated result. */
export async function saveSettings(patch: Partial<Omit<Settings, 'v'>>, knownPortals?: readonly string[]): Promise<Settings> {
  const next = mergeSettings(await loadSettings(knownPortals), patch, knownPortals);
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

/** Removes the stored settings: the next read gives the defaults. */
export async function resetSettings(): Promise<Settings> {
  await browser.storage.local.remove(SETTINGS_KEY);
  return parseSettings(undefined).settings;
}

/** Calls `cb` with the validated settings whenever another part of the extension changes them. */
export function watchSettings(cb: (s: Settings) => void, knownPortals?: readonly string[]): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    cb(parseSettings(changes[SETTINGS_KEY]?.newValue, knownPortals).settings);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
