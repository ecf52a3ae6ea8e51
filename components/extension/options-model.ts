import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { defaultSettings, type Settings } from '../../core/settings';
import type { CommuneInfo, TerritoryResolver } from '../../core/territory/index';
import { t } from '../i18n';
import { loadSettings, resetSettings, saveSettings } from './settings-model';

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
}

export function createOptionsModel(deps: { territory: TerritoryResolver; portalIds: readonly string[] }): OptionsModel {
  const settings = signal<Settings>(defaultSettings());
  const query = signal('');
  const status = signal('');
  const allSites = signal<boolean | null>(null);
  const results = computed(() => (query.value.trim().length >= 2 ? deps.territory.searchCommunes(query.value, 8) : []));
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
      query.value = '';
      say('optResetDone');
    },
  };
}
