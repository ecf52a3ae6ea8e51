// Bundled by bench.mjs (esbuild, in memory) and injected into a page without the extension: times the
// content script's reading code (readPage with the data-free territory resolver) on the browser's own DOM.
// A stand-in until the content script records its own analysis time.
import { readPage } from '../../core/read/index.ts';
import { dataFreeTerritory } from '../../components/overlay-territory.ts';

(window as unknown as { __essorBenchRead: (runs: number) => { ms: number[]; isTender: boolean; pageKind: string } }).__essorBenchRead = (runs) => {
  const ms: number[] = [];
  let isTender = false;
  let pageKind = 'other';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = readPage(document, new URL(location.href), { territory: dataFreeTerritory() });
    ms.push(performance.now() - t0);
    isTender = r.isTender;
    pageKind = r.pageKind;
  }
  return { ms, isTender, pageKind };
};
