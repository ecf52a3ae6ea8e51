import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { pruneCatalogues } from './prune-catalogues';

// Two self-contained IIFE scripts, built one after the other:
//   vite build -c widget/vite.config.ts                → widget-dist/essor-widget.js (the UI; empties the folder)
//   vite build -c widget/vite.config.ts --mode check   → widget-dist/essor-check.js (reading + advising a pasted notice)
//   vite build -c widget/vite.config.ts --mode draft   → widget-dist/essor-draft.js (reading a dropped PDF/DOCX/ODT)
// then `tsx widget/build-data.ts` writes the data files beside them. CSS comes in with ?inline and goes into
// the shadow root, so no stylesheet is emitted. The UI build leaves out the catalogue messages its code never names.
export default defineConfig(({ mode }) => {
  const check = mode === 'check';
  const draft = mode === 'draft';
  const entry = check ? './check.ts' : draft ? './draft.ts' : './main.tsx';
  const name = check ? 'EssorCheck' : draft ? 'EssorDraft' : 'EssorWidget';
  const file = check ? 'essor-check.js' : draft ? 'essor-draft.js' : 'essor-widget.js';
  return {
    root: fileURLToPath(new URL('..', import.meta.url)),
    // public/ holds the extension's icons and _locales: nothing a municipal site should be handed.
    publicDir: false,
    // The UI build keeps only the messages its code names (prune-catalogues.ts).
    plugins: check || draft ? [] : [preact(), pruneCatalogues((r) => console.log(`essor-widget.js: ${r.kept} messages kept, ${r.dropped} of the extension's left out`))],
    resolve: { alias: { '@': fileURLToPath(new URL('..', import.meta.url)) } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'widget-dist',
      emptyOutDir: !check && !draft,
      target: 'es2020',
      cssCodeSplit: false,
      reportCompressedSize: false,
      lib: {
        entry: fileURLToPath(new URL(entry, import.meta.url)),
        name,
        formats: ['iife'],
        fileName: () => file,
      },
    },
  };
});
