// Mounting widgets on a host page: reading their options, loading the data once for all widgets, rendering
// into an open shadow root, and never letting an error reach the host page.
import { reportFault } from '../core/errors';
import { createKb, type Kb, type KbData } from '../core/kb/index';
import { createSearch, type Search, type SearchFilters } from '../core/search/index';
import { searchDocs } from '../core/search/definition';
import { createLookup, departementsNeeded, describePlace, formatTerritoryCode, tablesFromFiles, type CommuneFile, type EpciIndex, type GeoTables, type Place } from '../core/territory/index';
import { CONFIG_OPTIONS, parseConfig, type ConfigError, type ConfigInput, type WidgetConfig } from '../core/widget/config';
import { CHECK_FILE, communeFile, DRAFT_FILE, EPCI_FILE, ficheFile, MAIN_FILE, type FicheBody } from '../core/widget/files';
import type { DraftModule } from './draft';
import { t } from '../components/i18n';
import { registerAllCatalogues } from '../components/i18n/all';
import { mountShadow, type Mounted } from '../components/mount';
import { ficheFromHash, WidgetApp, WidgetBoundary } from './ui/widget-app';
import { createWidgetModel, type CheckFunctions, type WidgetData, type WidgetModel } from './ui/widget-model';
import type { Loader } from './loader';

/** Options of `Essor.mount()`: the same names as the attributes. */
export type MountOptions = ConfigInput;

/** What `Essor.mount()` returns. */
export interface WidgetHandle {
  element: HTMLElement;
  /** Resolves once the data is shown (or the failure message is); never rejects. */
  ready: Promise<void>;
  unmount(): void;
}

/** What {@link createEmbed} needs from the page: where the files are, the CSS, where warnings go. */
export interface EmbedOptions {
  loader: Loader;
  css: string;
  /** Nonce of the essor-widget.js script; the default style nonce. */
  scriptNonce?: string;
  /** Where warnings go; defaults to console.warn. */
  warn?: (message: string) => void;
  today?: string;
}

/** Mounting functions shared by the custom element, the `[data-essor]` scan and `window.Essor`. */
export interface Embed {
  mount(el: unknown, options?: MountOptions): WidgetHandle | undefined;
  unmount(el: unknown): boolean;
  isMounted(el: unknown): boolean;
  /** Re-reads the attributes of a widget mounted from its attributes (after they changed). */
  refresh(el: HTMLElement): void;
  /** Mounts every `<essor-widget>` and `[data-essor]` element under `root` not mounted yet. */
  mountAll(root?: ParentNode): number;
}

interface Shared {
  kb: Kb;
  search: Search;
  geo: GeoTables;
}

/** One mounted widget. */
interface MountRecord {
  mounted: Mounted;
  model: WidgetModel;
  fromAttributes: boolean;
  dispose(): void;
}

const isArrays = (o: unknown, keys: string[]) => !!o && typeof o === 'object' && keys.every((k) => Array.isArray((o as Record<string, unknown>)[k]));

/** Reads the options from attributes: `territoire` or `data-territoire`, and the element's hidden nonce. */
export function readAttributes(el: HTMLElement): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of CONFIG_OPTIONS) out[name] = el.getAttribute(name) ?? el.getAttribute(`data-${name}`) ?? undefined;
  // Browsers hide a nonce attribute's value once parsed; the property keeps it.
  if (el.nonce) out.nonce = el.nonce;
  return out;
}

/** Performance marks for measuring time to first render (the bench reads them); no effect otherwise. */
export function mark(name: string) {
  try {
    if (!performance.getEntriesByName(name).length) performance.mark(name);
  } catch {
    // marks are only for measuring
  }
}

function describe(el: HTMLElement): string {
  const tag = el.localName;
  return el.id ? `<${tag} id="${el.id}">` : `<${tag}>`;
}

/**
 * Creates the mounting functions of one copy of essor-widget.js. The main data file is loaded once and
 * shared by every widget of the page; nothing here throws into the host page.
 */
export function createEmbed(o: EmbedOptions): Embed {
  registerAllCatalogues();
  const records = new WeakMap<HTMLElement, MountRecord>();
  const pendingRefresh = new WeakSet<HTMLElement>();
  let counter = 0;
  let shared: Promise<Shared> | undefined;

  const warn = (msg: string) => {
    try {
      (o.warn ?? ((m: string) => console.warn(m)))(`[essor] ${msg}`);
    } catch {
      // a host that broke console still gets a working widget
    }
  };

  // The search index is built on the first typed query; build it once the first widget is shown and the page
  // is idle, so that neither the first render nor the first keystroke waits for it.
  let warmed = false;
  const warm = (search: Search) => {
    if (warmed) return;
    warmed = true;
    const run = () => {
      try {
        search.search('ess');
        mark('essor:index-built');
      } catch {
        // the first real query will try again
      }
    };
    const idle = (window as { requestIdleCallback?: (f: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
    if (typeof idle === 'function') idle(run, { timeout: 2000 });
    else setTimeout(run, 300);
  };

  const main = (): Promise<Shared> => {
    shared ??= o.loader.load(MAIN_FILE).then((payload) => {
      const p = payload as { kb?: unknown; index?: unknown; geo?: unknown };
      if (!isArrays(p?.kb, ['fiches', 'levers', 'themes', 'sectors', 'actors']) || !isArrays(p?.geo, ['regions', 'departements'])) throw new Error('malformed data file');
      mark('essor:data-loaded');
      const kb = createKb(p.kb as KbData);
      const search = createSearch(kb, p.index);
      return { kb, search, geo: p.geo as GeoTables };
    });
    // A failed load may be retried by a later widget (the host may have fixed its path).
    shared.catch(() => (shared = undefined));
    return shared;
  };

  const loadFor = async (config: WidgetConfig): Promise<{ data: WidgetData; errors: ConfigError[] }> => {
    const ref = config.territory;
    // A commune's file is asked for alongside the main file (its département is in its code), an EPCI's once
    // epci.js says which départements it spans.
    const loadDeps = (deps: string[]) => Promise.all(deps.map((d) => o.loader.load(communeFile(d)).then((f) => [d, f] as const)));
    const early = ref?.level === 'commune' ? loadDeps(departementsNeeded(ref)) : undefined;
    early?.catch(() => undefined);
    const { kb, search, geo } = await main();
    const errors: ConfigError[] = [];
    const files: Record<string, CommuneFile> = {};
    let place: Place | undefined;
    if (ref) {
      try {
        const epci = ref.level === 'epci' ? ((await o.loader.load(EPCI_FILE)) as EpciIndex) : undefined;
        // Only départements that exist: an unknown one has no file to ask the server for.
        const loaded = early ? await early : await loadDeps(departementsNeeded(ref, epci).filter((d) => geo.departements.some(([c]) => c === d)));
        for (const [d, f] of loaded) if (isArrays(f, ['epci', 'communes', 'aliases'])) files[d] = f as CommuneFile;
        place = describePlace(ref, createLookup(tablesFromFiles(geo, files)));
      } catch (e) {
        // A data file that did not load or is malformed: the widget says the territory is unknown.
        reportFault('widget-territory', e);
        place = undefined;
      }
      if (!place) errors.push({ option: 'territoire', value: formatTerritoryCode(ref), key: 'errUnknownTerritory' });
    }
    return { data: { kb, search, territory: createLookup(tablesFromFiles(geo, files)), place }, errors };
  };

  const unmount = (el: unknown): boolean => {
    try {
      if (!(el instanceof HTMLElement)) return false;
      const r = records.get(el);
      if (!r) return false;
      records.delete(el);
      r.dispose();
      return true;
    } catch {
      return false;
    }
  };

  const mount = (el: unknown, options?: MountOptions): WidgetHandle | undefined => {
    if (!(el instanceof HTMLElement)) {
      warn('Essor.mount(element, options): element must be an HTML element');
      return undefined;
    }
    try {
      unmount(el);
      const fromAttributes = options === undefined || options === null;
      const input: ConfigInput = fromAttributes ? readAttributes(el) : (options as ConfigInput);
      const { config, errors } = parseConfig(input);
      if (!config.nonce && o.scriptNonce) config.nonce = o.scriptNonce;
      const lang = config.lang;
      const mounted = mountShadow(el, { css: o.css, nonce: config.nonce, lang });
      const idPrefix = `essor-${++counter}`;
      const model = createWidgetModel({
        config,
        errors,
        today: o.today,
        messages: { empty: t(lang, 'textEmpty'), notTender: t(lang, 'textNotTender'), failed: t(lang, 'widgetCheckFailed') },
        loadCheck: () =>
          o.loader.load(CHECK_FILE).then((m) => {
            const fns = m as Partial<CheckFunctions>;
            if (typeof fns?.readText !== 'function' || typeof fns.advise !== 'function' || typeof fns.fitNotice !== 'function') throw new Error('malformed essor-check.js');
            return fns as CheckFunctions;
          }),
        loadDraft: () =>
          o.loader.load(DRAFT_FILE).then((m) => {
            if (typeof (m as Partial<DraftModule>)?.read !== 'function') throw new Error('malformed essor-draft.js');
            return m as DraftModule;
          }),
        loadFicheBody: (id) =>
          o.loader.load(ficheFile(id)).then((b) => {
            if (!isArrays(b, ['levers', 'examples', 'legal', 'figures', 'resources'])) throw new Error(`malformed fiche file ${id}`);
            return b as FicheBody;
          }),
        onOpenFiche: (id, title) => {
          el.dispatchEvent(new CustomEvent('essor:open-fiche', { bubbles: true, composed: true, detail: { id, title } }));
        },
      });
      mounted.render(
        <WidgetBoundary lang={lang} onError={(e) => warn(`${describe(el)}: ${String((e as Error)?.message ?? e)}`)}>
          <WidgetApp model={model} idPrefix={idPrefix} />
        </WidgetBoundary>,
      );
      const onHash = () => {
        const fid = ficheFromHash(location.hash);
        if (fid) model.openFiche(fid);
      };
      window.addEventListener('hashchange', onHash);
      let live = true;
      const record: MountRecord = {
        mounted,
        model,
        fromAttributes,
        dispose() {
          live = false;
          window.removeEventListener('hashchange', onHash);
          model.dispose();
          mounted.unmount();
        },
      };
      records.set(el, record);
      mark('essor:first-render');
      const ready = loadFor(config).then(
        ({ data, errors: found }) => {
          if (!live) return;
          const all = [...errors, ...found];
          model.errors.value = all;
          model.setData(data);
          mark('essor:ready');
          warm(data.search);
          onHash();
          if (all.length) warn(`${describe(el)}: ${all.map((e) => t(lang, 'configError', { msg: t(lang, e.key, { v: e.value }) })).join(' ; ')}`);
        },
        (e: unknown) => {
          if (!live) return;
          model.fail();
          const cfg = errors.map((er) => t(lang, 'configError', { msg: t(lang, er.key, { v: er.value }) }));
          warn(`${describe(el)}: ${[...cfg, `${t(lang, 'errData')} (${o.loader.url(MAIN_FILE)}: ${String((e as Error)?.message ?? e)})`].join(' ; ')}`);
        },
      );
      return { element: el, ready: ready.catch(() => undefined), unmount: () => void unmount(el) };
    } catch (e) {
      reportFault('widget-mount', e);
      warn(`${describe(el)}: ${String((e as Error)?.message ?? e)}`);
      return undefined;
    }
  };

  return {
    mount,
    unmount,
    isMounted: (el) => el instanceof HTMLElement && records.has(el),
    refresh(el) {
      // Several attributes set in a row remount once.
      if (pendingRefresh.has(el)) return;
      pendingRefresh.add(el);
      queueMicrotask(() => {
        pendingRefresh.delete(el);
        const r = records.get(el);
        if (r?.fromAttributes && el.isConnected) mount(el);
      });
    },
    mountAll(root = document) {
      let n = 0;
      try {
        for (const el of Array.from(root.querySelectorAll<HTMLElement>('essor-widget, [data-essor]'))) {
          if (!records.has(el) && mount(el)) n++;
        }
      } catch (e) {
        reportFault('widget-mount', e);
        warn(String((e as Error)?.message ?? e));
      }
      return n;
    },
  };
}
