// Bundled by bench.mjs (esbuild, in memory) and injected into a page without the extension: times the
// content script's reading code (readPage without the territory table, as the second stage calls it) on the
// browser's own DOM. A stand-in for builds whose content script does not record its own analysis time.
import { readPage } from '../../core/read/index.ts';

(window as unknown as { __essorBenchRead: (runs: number) => { ms: number[]; isTender: boolean; pageKind: string } }).__essorBenchRead = (runs) => {
  const ms: number[] = [];
  let isTender = false;
  let pageKind = 'other';
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = readPage(document, new URL(location.href));
    ms.push(performance.now() - t0);
    isTender = r.isTender;
    pageKind = r.pageKind;
  }
  return { ms, isTender, pageKind };
};
