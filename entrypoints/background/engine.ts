// The knowledge base and the territory table, loaded as data on first use. They ship as JSON files of the
// extension (copied by wxt.config.ts) and are fetched from the extension's own origin and parsed once, when
// advice is first asked: the service worker's script stays small, so waking it (a badge, the settings, a
// context-menu click) costs no 1.9 MB parse.
import { browser } from 'wxt/browser';
import { createKb, type KbData } from '../../core/kb/index';
import { createTerritory, type TerritoryData } from '../../core/territory/index';
import type { AdviceDeps } from './advice';

/** Data files of the extension, under /data/ in the build (see wxt.config.ts). */
export type DataFile = 'kb' | 'territory';

/** Reads one data file as parsed JSON. */
export type DataLoader = (file: DataFile) => Promise<unknown>;

/** The extension's loader: its own files, from its own origin (no host permission, no network). */
export const fetchDataFile: DataLoader = async (file) => {
  const res = await fetch(browser.runtime.getURL(`/data/${file}.json` as '/'));
  if (!res.ok) throw new Error(`data/${file}.json: HTTP ${res.status}`);
  return res.json();
};

/** A loader of the advising dependencies that loads once; a failed load is tried again on the next ask. */
export function createEngine(load: DataLoader = fetchDataFile): () => Promise<AdviceDeps> {
  let pending: Promise<AdviceDeps> | undefined;
  return () => {
    pending ??= Promise.all([load('kb'), load('territory')]).then(
      ([kb, territory]) => ({ kb: createKb(kb as KbData), territory: createTerritory(territory as TerritoryData) }),
      (e: unknown) => {
        pending = undefined;
        throw e;
      },
    );
    return pending;
  };
}

/** The background's advising dependencies. */
export const getEngine = createEngine();
