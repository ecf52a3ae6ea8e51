// The ESS structure's profile as the extension stores it (browser.storage.local, never sent), always read and
// written through core/profile's repairing parser.
import { browser } from 'wxt/browser';
import sectorsData from '../../data/sectors.json';
import { parseProfile, PROFILE_VERSION, type Profile } from '../../core/profile/index';

/** The one storage key holding the profile. */
export const PROFILE_KEY = 'essor:profile';

/** The knowledge base's sectors (data/sectors.json): the trades a profile may name, with their labels. */
export const SECTORS: readonly { id: string; label: { fr: string; en: string }; cpvPrefixes: string[] }[] = sectorsData as { id: string; label: { fr: string; en: string }; cpvPrefixes: string[] }[];
export const SECTOR_IDS: readonly string[] = SECTORS.map((s) => s.id);

/** Reads a stored value (any age or shape) into a profile, or null. */
export function readStoredProfile(raw: unknown): { profile: Profile | null; repaired: boolean } {
  const r = parseProfile(raw, { sectors: SECTOR_IDS, mode: 'repair' });
  return { profile: r.profile, repaired: r.repaired };
}

/** The stored profile, or null when none was set; a damaged value is repaired in storage. Never throws. */
export async function loadProfile(): Promise<Profile | null> {
  let raw: unknown;
  try {
    raw = (await browser.storage.local.get(PROFILE_KEY))[PROFILE_KEY];
  } catch {
    raw = undefined;
  }
  const { profile, repaired } = readStoredProfile(raw);
  if (repaired) {
    if (profile) await browser.storage.local.set({ [PROFILE_KEY]: profile }).catch(() => undefined);
    else await browser.storage.local.remove(PROFILE_KEY).catch(() => undefined);
  }
  return profile;
}

/** Applies a change (validated) and stores it; a profile needs a kind, so the first change sets one. */
export async function saveProfile(patch: Partial<Omit<Profile, 'v'>>): Promise<Profile | null> {
  const current = await loadProfile();
  const next = { v: PROFILE_VERSION, kind: 'ess-other', esus: false, sectors: [], territory: [], ...(current ?? {}), ...patch };
  if (patch.maxValue === undefined && 'maxValue' in patch) delete (next as Partial<Profile>).maxValue;
  const { profile } = readStoredProfile(next);
  if (profile) await browser.storage.local.set({ [PROFILE_KEY]: profile });
  return profile;
}

/** Removes the profile. */
export async function clearProfile(): Promise<void> {
  await browser.storage.local.remove(PROFILE_KEY);
}

/** Calls `cb` with the validated profile whenever another part of the extension changes it. */
export function watchProfile(cb: (p: Profile | null) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(PROFILE_KEY in changes)) return;
    cb(readStoredProfile(changes[PROFILE_KEY]?.newValue).profile);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
