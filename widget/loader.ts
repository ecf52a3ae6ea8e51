// Loads the widget's data files: classic scripts from the folder of essor-widget.js, each putting one
// object into window.__essorData[key]. A <script> element, not fetch(): a strict CSP with
// `script-src 'self'` allows it when the host serves both files, where fetch would need `connect-src`.
import type { DataFile } from '../core/widget/files';

type Registry = Record<string, unknown>;
const REGISTRY = '__essorData';

function registry(): Registry {
  const w = window as unknown as Record<string, unknown>;
  const r = w[REGISTRY];
  if (r && typeof r === 'object') return r as Registry;
  const fresh: Registry = {};
  w[REGISTRY] = fresh;
  return fresh;
}

export interface Loader {
  load(file: DataFile): Promise<unknown>;
  /** Absolute URL of a data file, for messages. */
  url(file: DataFile): string;
}

/**
 * A loader for files under `base` (the folder of essor-widget.js). Each file is requested at most once per
 * page, whatever the number of widgets. `nonce` is copied onto the script elements for hosts whose CSP
 * allows scripts by nonce.
 */
export function createLoader(base: string, nonce?: string): Loader {
  const pending = new Map<string, Promise<unknown>>();
  const url = (file: DataFile) => new URL(`${file.path}.js`, base).href;
  return {
    url,
    load(file) {
      const have = registry()[file.key];
      if (have !== undefined) return Promise.resolve(have);
      const inFlight = pending.get(file.key);
      if (inFlight) return inFlight;
      const p = new Promise<unknown>((resolve, reject) => {
        const s = document.createElement('script');
        s.src = url(file);
        s.async = true;
        if (nonce) s.nonce = nonce;
        s.onload = () => {
          s.remove();
          const v = registry()[file.key];
          if (v !== undefined) resolve(v);
          else reject(new Error(`${url(file)} did not define its data`));
        };
        s.onerror = () => {
          s.remove();
          pending.delete(file.key);
          reject(new Error(`${url(file)} could not be loaded`));
        };
        (document.head ?? document.documentElement).appendChild(s);
      });
      pending.set(file.key, p);
      return p;
    },
  };
}
