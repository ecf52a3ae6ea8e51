import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { defaultSettings, type Settings } from '../../core/settings';
import type { CommuneInfo, TerritoryResolver } from '../../core/territory/index';
import { t } from '../i18n';
import { loadSettings, resetSettings, saveSettings } from './settings-model';
import { formatTerritoryCode, parseTerritoryCode } from '../../core/territory/codes';
import type { Profile, StructureKind } from '../../core/profile/index';
import { clearProfile, loadProfile, saveProfile } from './profile-model';

/** The optional permission behind "badge on every site". */
export const ALL_SITES = { origins: ['<all_urls>'] };

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
        await browser.permissions.remove(ALL_SITES);
      } catch {
        /* already gone */
      }
      await checkAllSites();
      say('optAllSitesOff');
    },
    async reset() {
      // Back to a fresh install: the optional all-sites access goes too.
      await browser.permissions.remove(ALL_SITES).catch(() => false);
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
