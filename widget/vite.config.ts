import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

// Two self-contained IIFE scripts, built one after the other:
//   vite build -c widget/vite.config.ts                → widget-dist/essor-widget.js (the UI; empties the folder)
//   vite build -c widget/vite.config.ts --mode check   → widget-dist/essor-check.js (reading + advising a pasted notice)
// then `tsx widget/build-data.ts` writes the data files beside them. CSS comes in with ?inline and goes into
// the shadow root, so no stylesheet is emitted.
export default defineConfig(({ mode }) => {
  const check = mode === 'check';
  return {
    root: fileURLToPath(new URL('..', import.meta.url)),
    plugins: check ? [] : [preact()],
    resolve: { alias: { '@': fileURLToPath(new URL('..', import.meta.url)) } },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: 'widget-dist',
      emptyOutDir: !check,
      target: 'es2020',
      cssCodeSplit: false,
      reportCompressedSize: false,
      lib: {
        entry: fileURLToPath(new URL(check ? './check.ts' : './main.tsx', import.meta.url)),
        name: check ? 'EssorCheck' : 'EssorWidget',
        formats: ['iife'],
        fileName: () => (check ? 'essor-check.js' : 'essor-widget.js'),
      },
    },
  };
});
