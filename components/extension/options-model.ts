import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { defaultSettings, type Settings } from '../../core/settings';
import type { CommuneInfo, TerritoryResolver } from '../../core/territory/index';
import { t } from '../i18n';
import { loadSettings, resetSettings, saveSettings } from './settings-model';
import { formatTerritoryCode, parseTerritoryCode } from '../../core/territory/codes';
import type { Profile, StructureKind } from '../../core/profile/index';
import { clearProfile, loadProfile, saveProfile, SECTORS } from './profile-model';
import { watchQuery, type WatchQuery } from '../../core/watch/index';
import { createWatchModel, NOTIFICATIONS, saveWatchConfig, WATCH_ORIGINS, type WatchModel } from './watch-model';

/** The optional permission behind "badge on every site". */
export const ALL_SITES = { origins: ['<all_urls>'] };

/**
 * Gives back the optional all-sites access, and only if it was granted: Chrome removes with `<all_urls>` every
 * host it covers, the portals' declared ones too, without which the background can neither see a portal tab's
 * address nor inject the first stage there. They are asked back at once (the same click), a prompt in Chrome.
 */
export async function dropAllSites(): Promise<void> {
  if (!(await browser.permissions.contains(ALL_SITES).catch(() => false))) return;
  await browser.permissions.remove(ALL_SITES);
  const portals = { origins: browser.runtime.getManifest().host_permissions ?? [] };
  if (portals.origins.length && !(await browser.permissions.contains(portals).catch(() => true))) await browser.permissions.request(portals).catch(() => false);
}

export interface OptionsModel {
  settings: Signal<Settings>;
  query: Signal<string>;
  results: ReadonlySignal<CommuneInfo[]>;
  /** null while unknown, or when the browser cannot grant it. */
  allSites: Signal<boolean | null>;
  /** Announced after each change. */
  status: Signal<string>;
  load(): Promise<void>;
  update(patch: Partial<Omit<Settings, 'v'>>): Promise<void>;
  chooseCommune(c: CommuneInfo): Promise<void>;
  clearTerritory(): Promise<void>;
  togglePortal(id: string, on: boolean): Promise<void>;
  /** Call straight from the click handler: the browser asks the user only inside a user gesture. */
  grantAllSites(): Promise<void>;
  revokeAllSites(): Promise<void>;
  reset(): Promise<void>;
  /** The ESS structure's profile (stored locally, never sent); null until a kind is chosen. */
  profile: Signal<Profile | null>;
  /** Search among the trades (sector labels). */
  sectorQuery: Signal<string>;
  /** Search of a place for the profile's territory (communes, by name or postal code). */
  profilePlaceQuery: Signal<string>;
  profilePlaceResults: ReadonlySignal<CommuneInfo[]>;
  setKind(kind: StructureKind): Promise<void>;
  setEsus(on: boolean): Promise<void>;
  toggleSector(id: string, on: boolean): Promise<void>;
  /** Adds a commune, its département or its région (`reg:NN`) to the profile's territory. */
  addPlace(code: string): Promise<void>;
  removePlace(code: string): Promise<void>;
  /** Euros HT; empty or invalid removes the maximum. */
  setMaxValue(text: string): Promise<void>;
  clearProfile(): Promise<void>;
  /** The name of a profile territory code ("Nantes", "Loire-Atlantique (44)", "Pays de la Loire"). */
  placeLabel(code: string): string;
  /** The watch: on/off, notifications, status and results (the background runs it). */
  watch: WatchModel;
  /** What one watch request would send now, from the profile; null without a profile or a département. */
  watchPreview: ReadonlySignal<WatchQuery | null>;
  /** Turns the watch on or off. Call from the click handler: turning it on may ask for access to www.boamp.fr. */
  setWatch(on: boolean): Promise<void>;
  /** Browser notifications: an optional permission asked here and given back when turned off. */
  setWatchNotify(on: boolean): Promise<void>;
}

export function createOptionsModel(deps: { territory: TerritoryResolver; portalIds: readonly string[] }): OptionsModel {
  const settings = signal<Settings>(defaultSettings());
  const query = signal('');
  const status = signal('');
  const allSites = signal<boolean | null>(null);
  const results = computed(() => (query.value.trim().length >= 2 ? deps.territory.searchCommunes(query.value, 8) : []));
  const profile = signal<Profile | null>(null);
  const sectorQuery = signal('');
  const profilePlaceQuery = signal('');
  const profilePlaceResults = computed(() => (profilePlaceQuery.value.trim().length >= 2 ? deps.territory.searchCommunes(profilePlaceQuery.value, 6) : []));
  const watch = createWatchModel();
  let unfollow: (() => void) | undefined;
  const sectorKb = { sector: (id: string) => SECTORS.find((s) => s.id === id) };
  const watchPreview = computed(() => {
    const p = profile.value;
    if (!p) return null;
    const q = watchQuery(p, { kb: sectorKb, today: new Date().toISOString().slice(0, 10), departementsOf: (r) => deps.territory.departementsOf(r), ...(watch.state.value.lastOk ? { since: watch.state.value.lastOk } : {}) });
    return 'error' in q ? null : q;
  });
  const saveP = async (patch: Partial<Omit<Profile, 'v'>>) => {
    profile.value = await saveProfile(patch);
    status.value = t(settings.value.lang, 'optSaved');
  };
  const say = (key: 'optSaved' | 'optResetDone' | 'optAllSitesOn' | 'optAllSitesOff') => (status.value = t(settings.value.lang, key));
  const update = async (patch: Partial<Omit<Settings, 'v'>>) => {
    settings.value = await saveSettings(patch, deps.portalIds);
    say('optSaved');
  };
  const checkAllSites = async () => {
    try {
      allSites.value = await browser.permissions.contains(ALL_SITES);
    } catch {
      allSites.value = null;
    }
  };
  return {
    settings,
    query,
    results,
    allSites,
    status,
    async load() {
      settings.value = await loadSettings(deps.portalIds);
      profile.value = await loadProfile();
      await watch.load();
      // The background's runs change the status and the list while the page is open.
      unfollow ??= watch.follow();
      await checkAllSites();
    },
    update,
    async chooseCommune(c) {
      const label = `${c.name} (${c.postalCodes[0] ?? c.departement})`;
      query.value = '';
      await update({ territory: { commune: c.code, departement: c.departement, ...(c.region ? { region: c.region } : {}), label } });
    },
    clearTerritory: () => update({ territory: null }),
    togglePortal(id, on) {
      const off = settings.value.disabledPortals.filter((x) => x !== id);
      return update({ disabledPortals: on ? off : [...off, id] });
    },
    async grantAllSites() {
      let granted = false;
      try {
        granted = await browser.permissions.request(ALL_SITES);
      } catch {
        granted = false;
      }
      await checkAllSites();
      say(granted ? 'optAllSitesOn' : 'optAllSitesOff');
    },
    async revokeAllSites() {
      try {
        await dropAllSites();
      } catch {
        /* already gone */
      }
      await checkAllSites();
      say('optAllSitesOff');
    },
    async reset() {
      // Back to a fresh install: the optional all-sites access goes too.
      await dropAllSites().catch(() => undefined);
      await checkAllSites();
      settings.value = await resetSettings();
      await clearProfile();
      profile.value = null;
      query.value = '';
      say('optResetDone');
    },
    profile,
    sectorQuery,
    profilePlaceQuery,
    profilePlaceResults,
    setKind: (kind) => saveP({ kind }),
    setEsus: (esus) => saveP({ esus }),
    toggleSector(id, on) {
      const others = (profile.value?.sectors ?? []).filter((x) => x !== id);
      return saveP({ sectors: on ? [...others, id] : others });
    },
    async addPlace(code) {
      const ref = parseTerritoryCode(code);
      if (!ref) return;
      const c = formatTerritoryCode(ref);
      const list = profile.value?.territory ?? [];
      profilePlaceQuery.value = '';
      if (!list.includes(c)) await saveP({ territory: [...list, c] });
    },
    removePlace: (code) => saveP({ territory: (profile.value?.territory ?? []).filter((x) => x !== code) }),
    setMaxValue(text) {
      const n = Number(text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.'));
      return saveP({ maxValue: text.trim() && Number.isFinite(n) && n > 0 ? Math.round(n) : undefined });
    },
    watch,
    watchPreview,
    async setWatch(on) {
      if (on) {
        // www.boamp.fr is among the portals Essor reads, so Chrome holds it already; Firefox may ask the user.
        let granted = false;
        try {
          granted = await browser.permissions.request({ origins: WATCH_ORIGINS });
        } catch {
          granted = false;
        }
        if (!granted) {
          status.value = t(settings.value.lang, 'optAllSitesOff');
          return;
        }
      }
      watch.config.value = await saveWatchConfig(on ? { on } : { on, notify: false });
      status.value = t(settings.value.lang, 'optSaved');
    },
    async setWatchNotify(on) {
      let ok = !on;
      try {
        if (on) ok = await browser.permissions.request(NOTIFICATIONS);
        else await browser.permissions.remove(NOTIFICATIONS);
      } catch {
        ok = false;
      }
      watch.config.value = await saveWatchConfig({ notify: on && ok });
      status.value = t(settings.value.lang, 'optSaved');
    },
    placeLabel(code) {
      const ref = parseTerritoryCode(code);
      if (ref?.level === 'commune') return deps.territory.fromCommune(ref.code)?.communeName ?? ref.code;
      if (ref?.level === 'departement') return `${deps.territory.departementName(ref.code) ?? ''} (${ref.code})`.trim();
      if (ref?.level === 'region') return deps.territory.regionName(ref.code) ?? code;
      return code;
    },
    async clearProfile() {
      await clearProfile();
      profile.value = null;
      status.value = t(settings.value.lang, 'optProfileCleared');
    },
  };
}
