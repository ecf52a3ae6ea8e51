import { computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Fit, fitNotice } from '../../core/fit/index';
import { PROFILE_VERSION, type StructureKind } from '../../core/profile/index';
import type { advise, Advice } from '../../core/advise/index';
import type { Fiche, Kb } from '../../core/kb/index';
import { POLICY_LEVER_IDS } from '../../core/kb/vocabulary';
import type { readText } from '../../core/read/index';
import type { Reading } from '../../core/read/types';
import type { Search, SearchFilters } from '../../core/search/index';
import type { Place, TerritoryLevel, TerritoryLookup } from '../../core/territory/index';
import type { ConfigError, WidgetConfig } from '../../core/widget/config';
import { BODY_FIELDS, type FicheBody } from '../../core/widget/files';
import type { DraftErrorCode, DraftResult } from '../../core/draft/index';
import type { DraftModule } from '../draft';
import { localGuidance, type LocalGuidance } from '../../core/widget/local';
import { createPanelModel, type PanelModel } from '../../components/panel-model';
import { createSearchModel, type SearchModel } from '../../components/search-model';

export type WidgetTab = 'search' | 'themes' | 'actors' | 'check';

/** The reading, advising and fitting functions of essor-check.js. */
export interface CheckFunctions {
  readText: typeof readText;
  advise: typeof advise;
  fitNotice: typeof fitNotice;
}

/**
 * The ESS structure's profile in the widget's structure mode: kept in the page's memory only (no storage, no
 * cookie, nothing sent), forgotten when the page is left. No fit is shown before a kind is chosen.
 */
export interface WidgetProfile {
  kind: StructureKind | null;
  esus: boolean;
  /** Ids of the knowledge base's sectors. */
  sectors: readonly string[];
  /** Commune and département codes, `reg:NN` for a région (core/territory/codes). */
  territory: readonly string[];
  /** The largest contract it can take, euros HT. */
  maxValue?: number;
}

/** What the widget needs once its data files are loaded. */
export interface WidgetData {
  /** Fiches without their bodies (see core/widget/files.ts): enough to search, list and advise. */
  kb: Kb;
  search: Search;
  /** The territory table of what is loaded: régions, départements, and the communes of the territory's départements. */
  territory: TerritoryLookup;
  /** Absent without `territoire`, or when the code named no place (an error says so). */
  place?: Place;
}

/** State once the data is there. */
export interface WidgetReady extends WidgetData {
  /** The knowledge base the views show: a fiche comes with its body once loaded, with no body before. */
  display: Kb;
  local: LocalGuidance;
  /** One model per tab, so each tab keeps its own open item and "back" returns to that tab. */
  searchModel: SearchModel;
  browseModel: SearchModel;
  actorsModel: SearchModel;
  placeName: (level: TerritoryLevel, code: string) => string | undefined;
  regionOf: (departement: string) => string | undefined;
}

export interface CheckState {
  text: Signal<string>;
  cpv: Signal<string>;
  /** Why nothing was advised, or a caveat on the result. */
  message: Signal<string>;
  result: Signal<{ reading: Reading; advice: Advice } | null>;
  busy: Signal<boolean>;
  panel: PanelModel;
  /** The draft file read into `text`: its name, and what was read or why it could not be (the view words it). */
  draft: Signal<{ name: string; reading: boolean; chars?: number; pages?: number; error?: DraftErrorCode } | null>;
  /** Structure mode: the structure's profile, and the search boxes of its trades and places. */
  profile: Signal<WidgetProfile>;
  sectorQuery: Signal<string>;
  placeQuery: Signal<string>;
  /** Structure mode: does the checked notice fit the profile (core/fit, from essor-check.js); follows both. */
  fit: ReadonlySignal<Fit | undefined>;
}

/** Everything one widget shows, as signals; components only read and set them. */
export interface WidgetModel {
  config: WidgetConfig;
  tabs: readonly WidgetTab[];
  tab: Signal<WidgetTab>;
  phase: Signal<'loading' | 'ready' | 'failed'>;
  errors: Signal<readonly ConfigError[]>;
  ready: Signal<WidgetReady | null>;
  /** Themes whose fiche list is unfolded in the "browse" tab. */
  expandedThemes: Signal<readonly string[]>;
  check: CheckState;
  setData(data: WidgetData): void;
  fail(): void;
  selectTab(tab: WidgetTab): void;
  toggleTheme(id: string): void;
  /** Opens a fiche in the search tab (deep links); false when the id is unknown. */
  openFiche(id: string): boolean;
  /** Reads and advises on the pasted text; resolves to false when there was nothing to read. */
  runCheck(): Promise<boolean>;
  /** Reads a dropped or picked draft locally (essor-draft.js, loaded then), puts its text in the box and checks it. */
  checkDraft(file: File): Promise<boolean>;
  clearCheck(): void;
  dispose(): void;
}

export interface WidgetModelOptions {
  config: WidgetConfig;
  errors?: readonly ConfigError[];
  /** Called each time the user opens a fiche, whatever the tab. */
  onOpenFiche?: (id: string, title: string) => void;
  /** Message texts the model itself sets (the model has no i18n of its own). */
  messages?: { empty: string; notTender: string; failed?: string };
  /** Loads essor-check.js; without it the check tab says it failed. */
  loadCheck?: () => Promise<CheckFunctions>;
  /** Loads essor-draft.js; without it a dropped file is refused as unsupported. */
  loadDraft?: () => Promise<DraftModule>;
  /** Loads a fiche's body; without it fiches show their summary only. */
  loadFicheBody?: (id: string) => Promise<FicheBody>;
  /** Today's date for deadlines (ISO); defaults to the clock. */
  today?: string;
}

const POLICY: readonly string[] = POLICY_LEVER_IDS;
const MAX_TEXT = 100_000;
const SUGGESTIONS = 12;

/**
 * What the search tab suggests before anything is typed, for the mode and the host's themes: higher first;
 * no actor from elsewhere in France unless the reader asks for actors (the actors tab shows the local ones).
 */
export function widgetPreference(config: Pick<WidgetConfig, 'mode' | 'themes'>, kb: Kb): NonNullable<SearchFilters['prefer']> {
  const themes: readonly string[] = config.themes;
  return (d, filters) => {
    if (d.type === 'actor' && filters.type !== 'actor') return undefined;
    let w = 0;
    if (themes.length && d.themes.some((t) => themes.includes(t))) w += 4;
    if (d.type === 'fiche' && kb.fiche(d.id)?.status === 'complete') w += 1;
    if (config.mode === 'elu' && d.type === 'fiche') w += d.category === 'levier' ? 3 : kb.fiche(d.id)?.topics.some((t) => POLICY.includes(t)) ? 1 : 0;
    if ((config.mode === 'acheteur' || config.mode === 'structure') && d.type === 'lever') w += 3;
    if (config.mode === 'citoyen' && d.type === 'fiche' && d.category === 'thematique') w += 2;
    return w;
  };
}

/** Fiche with its body, or without any body while the body is not loaded. */
function displayFiche(head: Fiche, body: FicheBody | undefined): Fiche {
  if (body) return { ...head, ...body };
  const out = { ...head };
  for (const k of BODY_FIELDS) out[k] = [];
  return out;
}

export function createWidgetModel(o: WidgetModelOptions): WidgetModel {
  const { config } = o;
  const tabs: WidgetTab[] = config.mode === 'acheteur' || config.mode === 'structure' ? ['search', 'themes', 'actors', 'check'] : ['search', 'themes', 'actors'];
  const tab = signal<WidgetTab>('search');
  const phase = signal<'loading' | 'ready' | 'failed'>('loading');
  const errors = signal<readonly ConfigError[]>(o.errors ?? []);
  const ready = signal<WidgetReady | null>(null);
  const expandedThemes = signal<readonly string[]>([...config.themes]);
  const bodies = signal<Readonly<Record<string, FicheBody>>>({});
  // Set once essor-check.js is loaded: the fit is computed only then.
  const fitFn = signal<CheckFunctions['fitNotice'] | null>(null);
  const result = signal<{ reading: Reading; advice: Advice } | null>(null);
  const profile = signal<WidgetProfile>({ kind: null, esus: false, sectors: [], territory: [] });
  const check: CheckState = {
    text: signal(''),
    cpv: signal(''),
    message: signal(''),
    result,
    busy: signal(false),
    panel: createPanelModel({ role: config.mode, lang: config.lang }),
    draft: signal(null),
    profile,
    sectorQuery: signal(''),
    placeQuery: signal(''),
    fit: computed(() => {
      const r = result.value;
      const p = profile.value;
      const fit = fitFn.value;
      const rd = ready.value;
      if (config.mode !== 'structure' || !r?.reading.isTender || !p.kind || !fit || !rd) return undefined;
      try {
        return fit(r.reading, r.advice, { v: PROFILE_VERSION, kind: p.kind, esus: p.esus, sectors: [...p.sectors], territory: [...p.territory], ...(p.maxValue ? { maxValue: p.maxValue } : {}) }, { kb: rd.kb, lang: config.lang, ...(o.today ? { today: o.today } : {}), regionOf: rd.regionOf, placeName: rd.placeName });
      } catch {
        return undefined;
      }
    }),
  };
  const disposers: (() => void)[] = [];
  let checkFns: Promise<CheckFunctions> | undefined;
  const requested = new Set<string>();

  const emit = (id: string, title: string) => {
    try {
      o.onOpenFiche?.(id, title);
    } catch {
      // A host listener that throws must not break the widget.
    }
  };

  const loadBody = (id: string) => {
    if (!o.loadFicheBody || requested.has(id)) return;
    requested.add(id);
    o.loadFicheBody(id).then(
      (body) => (bodies.value = { ...bodies.value, [id]: body }),
      () => requested.delete(id),
    );
  };

  const loadCheck = (): Promise<CheckFunctions> => {
    if (!o.loadCheck) return Promise.reject(new Error('no check module'));
    checkFns ??= o.loadCheck();
    checkFns.then(
      (f) => (fitFn.value = f.fitNotice),
      () => (checkFns = undefined),
    );
    return checkFns;
  };

  // Fiches opened from any tab, and fiches unfolded in the tender advice, are announced to the host
  // and their bodies loaded.
  const watchOpened = (m: SearchModel, kb: Kb) => {
    let last = '';
    disposers.push(
      effect(() => {
        const item = m.opened.value;
        const key = item?.type === 'fiche' ? item.id : '';
        if (key && key !== last) {
          const f = kb.fiche(key);
          if (f) {
            loadBody(f.id);
            emit(f.id, f.title);
          }
        }
        last = key;
      }),
    );
  };

  const model: WidgetModel = {
    config,
    tabs,
    tab,
    phase,
    errors,
    ready,
    expandedThemes,
    check,
    setData(data) {
      const search = data.search;
      // The widget's territory puts its actors first in typed searches.
      const place = data.place;
      const territory = place ? { region: place.regions[0], departement: place.departements[0], ...(place.level === 'commune' && place.communes[0] ? { commune: place.communes[0] } : {}) } : undefined;
      const listing = { prefer: widgetPreference(config, data.kb), suggestions: SUGGESTIONS, territory };
      const display: Kb = {
        ...data.kb,
        fiche(id) {
          const head = data.kb.fiche(id);
          return head ? displayFiche(head, bodies.value[id]) : undefined;
        },
      };
      const r: WidgetReady = {
        ...data,
        display,
        local: localGuidance(data.kb, data.place, config.themes, data.territory.regionOf),
        searchModel: createSearchModel(search, { query: config.query, ...listing }),
        browseModel: createSearchModel(search, listing),
        actorsModel: createSearchModel(search, listing),
        placeName: data.territory.name,
        regionOf: data.territory.regionOf,
      };
      for (const m of [r.searchModel, r.browseModel, r.actorsModel]) watchOpened(m, data.kb);
      let before: readonly string[] = [];
      disposers.push(
        effect(() => {
          const now = check.panel.openFiches.value;
          for (const id of now) {
            const f = before.includes(id) ? undefined : data.kb.fiche(id);
            if (f) {
              loadBody(f.id);
              emit(f.id, f.title);
            }
          }
          before = now;
        }),
      );
      // The widget's own territory is where its structures most likely work: the profile starts there.
      if (config.mode === 'structure' && place && !profile.value.territory.length)
        profile.value = { ...profile.value, territory: place.level === 'commune' ? [place.code] : place.level === 'region' ? [`reg:${place.code}`] : place.departements };
      ready.value = r;
      phase.value = 'ready';
    },
    fail() {
      phase.value = 'failed';
    },
    selectTab(next) {
      if (!tabs.includes(next)) return;
      tab.value = next;
      // Fetch the reading code while the user pastes the text.
      if (next === 'check') loadCheck().catch(() => undefined);
    },
    toggleTheme(id) {
      const cur = expandedThemes.value;
      expandedThemes.value = cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id];
    },
    openFiche(id) {
      const r = ready.value;
      if (!r || !r.kb.fiche(id)) return false;
      tab.value = 'search';
      r.searchModel.opened.value = { type: 'fiche', id };
      return true;
    },
    async runCheck() {
      const r = ready.value;
      const text = check.text.value.slice(0, MAX_TEXT);
      if (!r || check.busy.value) return false;
      if (text.replace(/\s+/g, ' ').trim().split(' ').length < 3) {
        check.result.value = null;
        check.message.value = o.messages?.empty ?? '';
        return false;
      }
      check.busy.value = true;
      try {
        const fns = await loadCheck();
        const place = r.place;
        const territory: { region?: string; departement?: string; commune?: string } = {};
        if (place?.regions[0]) territory.region = place.regions[0];
        if (place?.departements[0]) territory.departement = place.departements[0];
        if (place?.level === 'commune' && place.communes[0]) territory.commune = place.communes[0];
        const where = Object.keys(territory).length ? territory : undefined;
        const cpv = check.cpv.value.match(/\d{8}/g) ?? undefined;
        // The notice says where its buyer is; the widget's territory stands in when it does not.
        const reading = fns.readText(text, { cpv });
        const advice = fns.advise(r.kb, reading, { role: config.mode, lang: config.lang, territory: where, regionOf: r.regionOf, placeName: r.placeName, today: o.today });
        check.panel.openFiches.value = [];
        check.panel.status.value = '';
        check.result.value = { reading, advice };
        check.message.value = reading.isTender ? '' : (o.messages?.notTender ?? '');
        return true;
      } catch {
        check.result.value = null;
        check.message.value = o.messages?.failed ?? o.messages?.empty ?? '';
        return false;
      } finally {
        check.busy.value = false;
      }
    },
    async checkDraft(file) {
      if (check.busy.value) return false;
      check.draft.value = { name: file.name, reading: true };
      let r: DraftResult;
      try {
        if (!o.loadDraft) throw new Error('no draft module');
        const mod = await o.loadDraft();
        r = await mod.read({ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name, type: file.type });
      } catch {
        r = { ok: false, code: 'unsupported', message: 'essor-draft.js could not be loaded' };
      }
      if (!r.ok) {
        check.draft.value = { name: file.name, reading: false, error: r.code };
        return false;
      }
      check.draft.value = { name: file.name, reading: false, chars: r.text.length, ...(r.pages ? { pages: r.pages } : {}) };
      check.text.value = r.text.slice(0, MAX_TEXT);
      return this.runCheck();
    },
    clearCheck() {
      check.draft.value = null;
      check.text.value = '';
      check.cpv.value = '';
      check.message.value = '';
      check.result.value = null;
      check.panel.openFiches.value = [];
    },
    dispose() {
      for (const d of disposers.splice(0)) d();
    },
  };
  return model;
}
