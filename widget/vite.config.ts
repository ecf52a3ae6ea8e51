import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';

// One self-contained IIFE for <script src="essor-widget.js">; CSS comes in with ?inline and goes into
// the shadow root, so no separate stylesheet is emitted.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  plugins: [preact()],
  resolve: { alias: { '@': fileURLToPath(new URL('..', import.meta.url)) } },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'widget-dist',
    emptyOutDir: true,
    target: 'es2020',
    cssCodeSplit: false,
    lib: {
      entry: fileURLToPath(new URL('./main.tsx', import.meta.url)),
      name: 'EssorWidget',
      formats: ['iife'],
      fileName: () => 'essor-widget.js',
    },
  },
});
